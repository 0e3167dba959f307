/**
 * What a tag that a flow file leaves out means, by the flow's `apiVersion`: the one table of
 * version-dependent defaults (`docs/flow-model.md`, "Defaults by API version"). The parser reads
 * tags as written; {@link applyApiVersionRules} then fills in what an absent tag means for that
 * version, so the engine never looks at `apiVersion` itself.
 */
import type { FlowDefinition, FlowElement, FlowResource, RecordLookupElement } from './model.js';

/** One row of the table: what an absent tag means for versions in `[from, until)`. */
export interface ApiVersionRule {
  /** `element.tag` (or `flow.tag`) the rule is about. */
  readonly subject: string;
  /** First API version the row applies to (0: flows saved before `apiVersion` existed). */
  readonly from: number;
  /** First API version it no longer applies to (`undefined`: up to the latest). */
  readonly until: number | undefined;
  /** What an absent tag means, in words (the docs table is generated from the same text). */
  readonly whenAbsent: string;
  /** Where the row comes from. */
  readonly source: string;
}

/** The API version Eddy treats a flow without `<apiVersion>` as (see {@link effectiveApiVersion}). */
export const MISSING_API_VERSION = 0;

/** The version where `getFirstRecordOnly` (and `storeOutputAutomatically`) appeared on Get Records. */
export const GET_FIRST_RECORD_ONLY_SINCE = 47;

/** Every version-dependent default Eddy applies, in table order. */
export const API_VERSION_RULES: readonly ApiVersionRule[] = [
  {
    subject: 'flow.apiVersion',
    from: 0,
    until: 50,
    whenAbsent: 'The flow runs with the rules of API version 0: the oldest rows of this table.',
    source: 'Metadata API Flow.apiVersion: "available in API version 50.0 and later. Flows created before API version 50.0 show an API version of 0".',
  },
  {
    subject: 'recordLookups.getFirstRecordOnly',
    from: 0,
    until: GET_FIRST_RECORD_ONLY_SINCE,
    whenAbsent: 'Decided by where the records go: one record (the first) into a single record variable (`outputReference`) or field by field (`outputAssignments`); all of them into a record collection.',
    source: 'getFirstRecordOnly is available from API version 47.0; before it, a lookup into an sObject variable (Fast Lookup) stored the first record found.',
  },
  {
    subject: 'recordLookups.getFirstRecordOnly',
    from: GET_FIRST_RECORD_ONLY_SINCE,
    until: undefined,
    whenAbsent: 'As before 47: Flow Builder always writes the tag, and files that leave it out while storing into a single record variable deploy and run in Salesforce (the corpus has five, API version 66.0).',
    source: 'Observed: trailheadapps/agent-script-recipes flows (API 66.0) without getFirstRecordOnly store into single record variables.',
  },
  {
    subject: 'recordLookups.storeOutputAutomatically',
    from: 0,
    until: undefined,
    whenAbsent: 'false (the tag appeared in API version 47.0; older lookups name their output).',
    source: 'Metadata API FlowRecordLookup.',
  },
  {
    subject: 'recordLookups.assignNullValuesIfNoRecordsFound',
    from: 0,
    until: undefined,
    whenAbsent: 'false: with no record found, variables assigned field by field keep their values.',
    source: 'Metadata API FlowRecordLookup.',
  },
  {
    subject: 'flow.runInMode',
    from: 0,
    until: undefined,
    whenAbsent: '`DefaultMode` (user or system context depending on how the flow is launched).',
    source: 'Metadata API Flow.runInMode (SystemModeWithoutSharing from API version 49.0).',
  },
  {
    subject: 'start.doesRequireRecordChangedToMeetCriteria',
    from: 0,
    until: undefined,
    whenAbsent: 'false: the flow runs whenever its entry conditions hold (the tag appeared with entry conditions in API version 50.0).',
    source: 'shared/reference/record-triggered.md (doesRequireRecordChangedToMeetCriteria, v50).',
  },
];

/** The API version the rules use for `apiVersion` as written: a number, or {@link MISSING_API_VERSION} when absent or not a number. */
export function effectiveApiVersion(apiVersion: string | undefined): number {
  const version = apiVersion === undefined ? NaN : Number(apiVersion);
  return Number.isFinite(version) ? version : MISSING_API_VERSION;
}

/** The row of `subject` that applies to `version`, or undefined when none does. */
export function apiVersionRule(subject: string, version: number): ApiVersionRule | undefined {
  return API_VERSION_RULES.find((rule) => rule.subject === subject && version >= rule.from && (rule.until === undefined || version < rule.until));
}

/** Whether the resource `name` (any case) is a single (non-collection) record variable. */
function isSingleRecordVariable(resources: readonly FlowResource[], name: string): boolean {
  const lower = name.toLowerCase();
  const resource = resources.find((r) => r.name.toLowerCase() === lower);
  return resource?.kind === 'variable' && resource.dataType === 'SObject' && !resource.isCollection;
}

/** A Get Records without `getFirstRecordOnly`: one record when the output holds one (the rows above). */
function lookupWithDefaults(element: RecordLookupElement, resources: readonly FlowResource[]): RecordLookupElement {
  if (element.getFirstRecordOnlyInFile !== undefined) return element;
  const output = element.outputReference;
  const single =
    (output !== undefined && output.path.length === 0 && isSingleRecordVariable(resources, output.root)) ||
    (output === undefined && element.outputAssignments.length > 0 && !element.storeOutputAutomatically);
  return single === element.getFirstRecordOnly ? element : { ...element, getFirstRecordOnly: single };
}

/**
 * The definition with every absent tag given its meaning for the flow's API version
 * ({@link API_VERSION_RULES}). Tags written in the file always win.
 */
export function applyApiVersionRules(definition: FlowDefinition): FlowDefinition {
  let changed = false;
  const elements = definition.elements.map((element): FlowElement => {
    if (element.kind !== 'recordLookup') return element;
    const next = lookupWithDefaults(element, definition.resources);
    if (next !== element) changed = true;
    return next;
  });
  return changed ? { ...definition, elements } : definition;
}
