/**
 * `parseFlowXml`: flow metadata text (`*.flow-meta.xml` or the older `*.flow`) to the normalised
 * {@link FlowDefinition}. Never throws: malformed XML is an `XML_MALFORMED` diagnostic and what
 * the model cannot represent is a `FLOW_INVALID` (or `UNSUPPORTED_*`) diagnostic.
 */
import { applyApiVersionRules } from './api-version-rules.js';
import { parseActionCall } from './elements/action-call.js';
import { parseAssignment } from './elements/assignment.js';
import { parseCollectionProcessor } from './elements/collection-processor.js';
import { parseCustomError } from './elements/custom-error.js';
import { parseDecision } from './elements/decision.js';
import { parseLoop } from './elements/loop.js';
import { parseOrchestratedStage, parseSteppedStage } from './elements/orchestrated-stage.js';
import { parseRecordCreate } from './elements/record-create.js';
import { parseRecordDelete } from './elements/record-delete.js';
import { parseRecordLookup } from './elements/record-lookup.js';
import { parseRecordUpdate } from './elements/record-update.js';
import { parseScreen } from './elements/screen.js';
import { parseSubflow } from './elements/subflow.js';
import { parseTransform } from './elements/transform.js';
import { parseUnsupported } from './elements/unsupported.js';
import { parseWait } from './elements/wait.js';
import type { Diagnostic, FlowDefinition, FlowElement, FlowResource } from './model.js';
import { checkMetadataLimits } from './metadata-limits.js';
import { ParseContext } from './parse-context.js';
import { readXml } from './read-xml.js';
import { parseTemplate } from './references.js';
import { parseChoice } from './resources/choice.js';
import { parseConstant } from './resources/constant.js';
import { parseDynamicChoiceSet } from './resources/dynamic-choice-set.js';
import { parseFormulaResource } from './resources/formula.js';
import { parseStage } from './resources/stage.js';
import { parseTextTemplate } from './resources/text-template.js';
import { parseVariable } from './resources/variable.js';
import { parseStart } from './start.js';
import { bool, child, list, num, tags, text, trimmed, type XmlNode } from './xml-node.js';

/** Options of {@link parseFlowXml}. */
export interface ParseFlowOptions {
  /** The file name or path; the flow's API name is its base name without `.flow-meta.xml` / `.flow`. */
  readonly fileName?: string;
}

/** What {@link parseFlowXml} returns: the definition (unless the XML is unusable) and parse diagnostics. */
export interface ParseFlowResult {
  definition: FlowDefinition | undefined;
  diagnostics: Diagnostic[];
}

type ElementParser = (node: XmlNode, context: ParseContext) => FlowElement;
type ResourceParser = (node: XmlNode, context: ParseContext) => FlowResource;

/** Element tags and their parsers, in the order elements are listed in the model. */
const ELEMENT_PARSERS: Readonly<Record<string, ElementParser>> = {
  actionCalls: parseActionCall,
  assignments: parseAssignment,
  collectionProcessors: parseCollectionProcessor,
  customErrors: parseCustomError,
  decisions: parseDecision,
  loops: parseLoop,
  orchestratedStages: parseOrchestratedStage,
  recordCreates: parseRecordCreate,
  recordDeletes: parseRecordDelete,
  recordLookups: parseRecordLookup,
  recordUpdates: parseRecordUpdate,
  screens: parseScreen,
  steppedStages: parseSteppedStage,
  subflows: parseSubflow,
  transforms: parseTransform,
  waits: parseWait,
};

const RESOURCE_PARSERS: Readonly<Record<string, ResourceParser>> = {
  choices: parseChoice,
  constants: parseConstant,
  dynamicChoiceSets: parseDynamicChoiceSet,
  formulas: parseFormulaResource,
  stages: parseStage,
  textTemplates: parseTextTemplate,
  variables: parseVariable,
};

/** Flow-level tags read by {@link parseFlowXml} itself or carrying no behaviour for Eddy. */
const FLOW_TAGS: ReadonlySet<string> = new Set([
  'apiVersion', 'description', 'interviewLabel', 'isAdditionalPermissionRequiredToRun', 'label',
  'processType', 'runInMode', 'start', 'startElementReference', 'status', 'fullName',
  // Builder and packaging metadata: no runtime behaviour.
  'processMetadataValues', 'environments', 'isTemplate', 'customProperties', 'areMetricsLoggedToDataCloud',
  'sourceTemplate', 'triggerOrder', 'isOverridable', 'overriddenFlow', 'migratedFromWorkflowRuleName',
  'timeZoneSidKey', 'capabilityTypes', 'loopEntryPoints',
]);

const STATUSES: Readonly<Record<string, string>> = {
  active: 'Active',
  draft: 'Draft',
  obsolete: 'Obsolete',
  invaliddraft: 'InvalidDraft',
};

/** The API name from a file name or path: its base name without `.flow-meta.xml` or `.flow`. */
export function flowApiNameFromFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.flow-meta\.xml$/i, '').replace(/\.flow$/i, '');
}

/** Salesforce's spelling of a status (`ACTIVE` → `Active`); unknown statuses are kept as written. */
export function normaliseStatus(status: string | undefined): string | undefined {
  if (status === undefined) return undefined;
  return STATUSES[status.toLowerCase()] ?? status;
}

function parseTopLevel(root: XmlNode, context: ParseContext): { elements: FlowElement[]; resources: FlowResource[] } {
  const elements: FlowElement[] = [];
  const resources: FlowResource[] = [];
  for (const tag of tags(root)) {
    const elementParser = ELEMENT_PARSERS[tag];
    const resourceParser = RESOURCE_PARSERS[tag];
    if (elementParser !== undefined) {
      for (const node of list(root, tag)) elements.push(elementParser(node, context));
    } else if (resourceParser !== undefined) {
      for (const node of list(root, tag)) resources.push(resourceParser(node, context));
    } else if (!FLOW_TAGS.has(tag)) {
      const nodes = list(root, tag);
      if (nodes.length > 0 && nodes.every((node) => trimmed(node, 'name') !== undefined)) {
        // An element kind Eddy cannot run (apexPluginCalls, legacy steps, recordRollbacks, ...):
        // kept by name and connectors; validateFlow reports it.
        for (const node of nodes) elements.push(parseUnsupported(tag, node, context));
      } else {
        context.report('UNSUPPORTED_ELEMENT', 'warning', undefined, `The flow has a <${tag}> tag, which Eddy does not know; it is ignored.`, `tag:${tag}`);
      }
    }
  }
  return { elements, resources };
}

/** Parses flow metadata XML into the model, with the diagnostics found on the way. */
export function parseFlowXml(xml: string, options: ParseFlowOptions = {}): ParseFlowResult {
  const context = new ParseContext();
  const read = readXml(xml);
  if (!read.ok) {
    const where = read.line === undefined ? '' : ` (line ${read.line})`;
    context.report('XML_MALFORMED', 'error', undefined, `The file is not well-formed XML${where}: ${read.message}`);
    return { definition: undefined, diagnostics: [...context.diagnostics] };
  }
  if (read.rootTag !== 'Flow') {
    context.report('FLOW_INVALID', 'error', undefined, `The root element is <${read.rootTag}>, not <Flow>: this is not flow metadata.`);
    return { definition: undefined, diagnostics: [...context.diagnostics] };
  }
  const root = read.root;
  checkMetadataLimits(root, context);
  const label = text(root, 'label')?.trim();
  const processType = trimmed(root, 'processType');
  if (label === undefined) context.missing(undefined, 'The flow', 'label');
  const startNode = child(root, 'start');
  const start = startNode === undefined ? undefined : parseStart(startNode, context);
  const { elements, resources } = parseTopLevel(root, context);
  const interviewLabel = text(root, 'interviewLabel');
  const apiName =
    options.fileName !== undefined
      ? flowApiNameFromFileName(options.fileName)
      : (trimmed(root, 'fullName') ?? (label ?? 'Flow').replace(/[^A-Za-z0-9_]+/g, '_'));
  const definition: FlowDefinition = {
    apiName,
    label: label ?? apiName,
    description: text(root, 'description'),
    // A missing process type stays visible as '' for validateFlow to report (FLOW_INVALID).
    processType: processType ?? '',
    apiVersion: trimmed(root, 'apiVersion'),
    status: normaliseStatus(trimmed(root, 'status')),
    interviewLabel: interviewLabel === undefined ? undefined : parseTemplate(interviewLabel),
    runInMode: trimmed(root, 'runInMode'),
    isAdditionalPermissionRequiredToRun: bool(root, 'isAdditionalPermissionRequiredToRun', false),
    start,
    triggerOrder: num(root, 'triggerOrder'),
    startElement: trimmed(root, 'startElementReference') ?? start?.connector?.target,
    elements,
    resources,
  };
  return { definition: applyApiVersionRules(definition), diagnostics: [...context.diagnostics] };
}
