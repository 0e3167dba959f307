/**
 * How a run's outcome is classified. A fault is judged by its code and message:
 *
 * - **needs-metadata**: it names something a Salesforce project defines outside its flows and the
 *   corpus does not hold — a custom object or field (`X__c`, `X__mdt`, `X__e`...), an Apex class
 *   or other custom action, a custom screen component (`c:*`, a namespace), a subflow that is not
 *   in the repository's folder, a custom label, custom settings or metadata (`$Setup`...).
 * - **flow-fault**: a fault Salesforce raises too with the same inputs: the flow's own Custom
 *   Error, or a rule listed in {@link FLOW_FAULT_RULES} with its reason.
 * - **stuck**: the loop guard (`RUNAWAY_LOOP`); the runner adds screens that never let the user
 *   on, too many screens, and the time limit.
 * - **eddy-fault**: everything else — a fault Salesforce would not raise. The cause names the
 *   gap: a standard object or field Eddy's catalogue lacks, a standard action or component Eddy
 *   does not implement, or the fault code when no rule explains it.
 */

/** The classes of outcome, most successful first. */
export const OUTCOME_CLASSES = ['finished', 'waiting', 'needs-metadata', 'flow-fault', 'eddy-fault', 'stuck', 'not-run'] as const;

/** One class of outcome. */
export type OutcomeClass = (typeof OUTCOME_CLASSES)[number];

/** A class and the cause within it, e.g. `needs-metadata` / `Apex action`. */
export interface Classification {
  readonly class: OutcomeClass;
  readonly cause: string;
  /** What exactly is missing or wrong, for the cause's list (`apex:MyClass`, `Case.EntitlementId`). */
  readonly subject?: string;
}

/** A fault as the runner saw it: an interview's fault, or an error a port threw. */
export interface SeenFault {
  readonly code: string;
  readonly message: string;
  readonly element?: string | undefined;
}

/** Salesforce's name for a custom object, field, relationship, metadata type or event. */
const CUSTOM_NAME = /\b([A-Za-z][A-Za-z0-9_]*__(?:c|r|mdt|e|x|b|kav|Share|History|ChangeEvent))\b/;

/** Action types that name org metadata the corpus does not hold (Apex classes, local actions...). */
const METADATA_ACTION_TYPES: ReadonlySet<string> = new Set(['apex', 'component', 'localaction', 'externalservice', 'quickaction', 'emailalert']);

/** Faults Salesforce raises too, with why. */
export const FLOW_FAULT_RULES: readonly { readonly code: string; readonly pattern?: RegExp; readonly cause: string }[] = [
  { code: 'CUSTOM_ERROR', cause: "the flow's own Custom Error element" },
];

/** A record Id: 15 or 18 characters, starting with a key prefix. */
const RECORD_ID = /\b[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?\b/g;

/**
 * Classifies a fault (the first one of a run). `source` is the flow's XML: a fault about a
 * record Id written in it is the flow's — the Id of a record in the org it was built in, which
 * no other org has, so Salesforce raises the same fault there.
 */
export function classifyFault(fault: SeenFault, source?: string): Classification {
  const { code, message } = fault;
  if (code === 'RUNAWAY_LOOP') return { class: 'stuck', cause: 'loop guard (more elements than the limit without a screen or wait)' };
  if (source !== undefined && ['INVALID_CROSS_REFERENCE_KEY', 'MALFORMED_ID', 'NOT_FOUND', 'ENTITY_IS_DELETED'].includes(code)) {
    const id = (message.match(RECORD_ID) ?? []).find((candidate) => /\d/.test(candidate) && source.includes(candidate));
    if (id !== undefined) return { class: 'flow-fault', cause: 'a record Id hard-coded from the org the flow was built in', subject: id };
  }
  if (code === 'MALFORMED_ID' && /invalid ID: Fidelity /.test(message)) {
    // The runner types "Fidelity <field>" into text inputs: the flow uses free text as a record Id.
    return { class: 'flow-fault', cause: 'text a user typed is used as a record Id', subject: /invalid ID: (.*)$/.exec(message)?.[1] ?? message };
  }
  for (const rule of FLOW_FAULT_RULES) {
    if (rule.code === code && (rule.pattern === undefined || rule.pattern.test(message))) return { class: 'flow-fault', cause: rule.cause };
  }
  switch (code) {
    case 'UNKNOWN_ACTION': {
      const match = /\(([^:()]+):([^()]+)\)/.exec(message);
      const type = match?.[1] ?? 'unknown';
      const name = match?.[2] ?? '';
      if (METADATA_ACTION_TYPES.has(type.toLowerCase())) return { class: 'needs-metadata', cause: `${type} action`, subject: `${type}:${name}` };
      return { class: 'eddy-fault', cause: `standard action type not implemented: ${type}`, subject: `${type}:${name}` };
    }
    case 'UNKNOWN_COMPONENT': {
      const name = /component "([^"]+)"/.exec(message)?.[1] ?? '';
      if (/^(flowruntime|forceContent):/i.test(name)) return { class: 'eddy-fault', cause: 'standard screen component not implemented', subject: name };
      return { class: 'needs-metadata', cause: 'custom screen component', subject: name };
    }
    case 'UNKNOWN_FLOW':
      return { class: 'needs-metadata', cause: 'subflow not in the repository', subject: /"([^"]+)"/.exec(message)?.[1] ?? message };
    case 'UNKNOWN_LABEL':
      return { class: 'needs-metadata', cause: 'custom label', subject: /\$Label\.[\w.]+/.exec(message)?.[0] ?? message };
    default:
      break;
  }
  const custom = CUSTOM_NAME.exec(message)?.[1];
  if (custom !== undefined) return { class: 'needs-metadata', cause: 'custom object or field', subject: custom };
  if (code === 'UNKNOWN_GLOBAL' && /\$(Setup|CustomMetadata|Permission)\b/i.test(message)) {
    return { class: 'needs-metadata', cause: 'custom settings, metadata or permissions', subject: /\$\w+(\.\w+)?/.exec(message)?.[0] ?? message };
  }
  const object = /sObject type '([^']+)' is not supported/.exec(message)?.[1];
  if (object !== undefined) return { class: 'eddy-fault', cause: "standard object not in Eddy's catalogue", subject: object };
  const column = /No such column '([^']+)' on sobject of type (\w+)/.exec(message);
  if (column !== null) return { class: 'eddy-fault', cause: "standard field not in Eddy's catalogue", subject: `${column[2] ?? ''}.${column[1] ?? ''}` };
  return { class: 'eddy-fault', cause: code };
}
