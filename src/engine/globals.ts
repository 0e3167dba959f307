/**
 * Global variables (`$Flow`, `$User`, `$Record`, `$Label`...): reading them from the interview's
 * globals and the step context, and the few assignments Salesforce allows (`$Flow.CurrentRecord`,
 * `$Flow.CurrentStage`, `$Flow.ActiveStages`, fields of `$Record`).
 */
import type { Reference } from '../flow-model/index.js';
import { FlowFault } from './fault.js';
import type { FlowValue, InterviewState, StepContext } from './protocol.js';
import type { TypedValue } from './typed-value.js';
import { getPath, isObjectValue, recordValue, setPath } from './value-path.js';

/** `$System.OriginDateTime`. */
export const ORIGIN_DATE_TIME = '1900-01-01T00:00:00Z';

/** Root-frame variable keys under which `$Record` and `$Record__Prior` live in the state. */
export const RECORD_KEY = '$Record';
export const RECORD_PRIOR_KEY = '$Record__Prior';

/** What global resolution needs from the interview. */
export interface GlobalsHost {
  readonly state: InterviewState;
  readonly context: StepContext;
  /** The object type of `$Record` (the trigger object), if known. */
  readonly recordObject: string | undefined;
}

function typed(value: FlowValue | undefined, dataType?: TypedValue['dataType'], isCollection = false, objectType?: string): TypedValue {
  return { value: value ?? null, dataType, isCollection, objectType };
}

function rootVars(host: GlobalsHost): Record<string, FlowValue> {
  const root = host.state.frames[0];
  if (root === undefined) throw new Error('Interview state has no frame.');
  return root.vars;
}

/** The record behind `$Record`/`$Record__Prior`: the state's copy, else the context's. */
function triggerRecord(host: GlobalsHost, prior: boolean): FlowValue {
  const vars = rootVars(host);
  const key = prior ? RECORD_PRIOR_KEY : RECORD_KEY;
  if (Object.hasOwn(vars, key)) return vars[key] ?? null;
  return recordValue(prior ? host.context.recordPrior : host.context.record);
}

function fromObject(source: Record<string, FlowValue> | undefined, ref: Reference, what: string): TypedValue {
  if (source === undefined) throw new FlowFault('UNKNOWN_GLOBAL', `${what} is not available: the runtime did not provide it (${ref.text}).`);
  return typed(getPath(source, ref.path));
}

function flowGlobal(host: GlobalsHost, ref: Reference): TypedValue {
  const globals = host.state.globals;
  const [field = '', ...rest] = ref.path;
  if (rest.length > 0) throw new FlowFault('UNKNOWN_REFERENCE', `Unknown global "${ref.text}".`);
  switch (field.toLowerCase()) {
    case 'currentdate':
      return typed(host.context.now.slice(0, 10), 'Date');
    case 'currentdatetime':
      return typed(host.context.now, 'DateTime');
    case 'interviewstarttime':
      return typed(globals.startTime, 'DateTime');
    case 'interviewguid':
      return typed(globals.guid, 'String');
    case 'faultmessage':
      return typed(globals.faultMessage, 'String');
    case 'currentrecord':
      return typed(globals.currentRecord, 'String');
    case 'currentstage':
      return typed(globals.currentStage, 'Stage');
    case 'activestages':
      return typed([...globals.activeStages], 'Stage', true);
    default:
      throw new FlowFault('UNKNOWN_REFERENCE', `Unknown global "${ref.text}".`);
  }
}

function globalConstant(ref: Reference): TypedValue {
  switch ((ref.path[0] ?? '').toLowerCase()) {
    case 'true':
      return typed(true, 'Boolean');
    case 'false':
      return typed(false, 'Boolean');
    case 'emptystring':
      return typed('', 'String');
    case 'null':
      return typed(null);
    default:
      throw new FlowFault('UNKNOWN_REFERENCE', `Unknown global constant "${ref.text}".`);
  }
}

function lookupCaseInsensitive<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  if (map === undefined) return undefined;
  if (Object.hasOwn(map, key)) return map[key];
  const lower = key.toLowerCase();
  for (const [name, value] of Object.entries(map)) if (name.toLowerCase() === lower) return value;
  return undefined;
}

/** The value of a `$`-global reference. */
export function resolveGlobal(host: GlobalsHost, ref: Reference): TypedValue {
  const context = host.context;
  switch (ref.root.toLowerCase()) {
    case '$flow':
      return flowGlobal(host, ref);
    case '$globalconstant':
      return globalConstant(ref);
    case '$system':
      if ((ref.path[0] ?? '').toLowerCase() === 'origindatetime') return typed(ORIGIN_DATE_TIME, 'DateTime');
      throw new FlowFault('UNKNOWN_REFERENCE', `Unknown global "${ref.text}".`);
    case '$user':
      return typed(context.user === undefined ? null : getPath(context.user as unknown as FlowValue, ref.path));
    case '$organization':
      return typed(context.organization === undefined ? null : getPath(context.organization, ref.path));
    case '$record':
    case '$record__prior': {
      const record = triggerRecord(host, ref.root.toLowerCase() === '$record__prior');
      if (ref.path.length === 0) return typed(record, 'SObject', false, host.recordObject);
      return typed(getPath(record, ref.path));
    }
    case '$label': {
      const name = ref.path.join('.');
      const label = lookupCaseInsensitive(context.labels, name);
      if (label === undefined) throw new FlowFault('UNKNOWN_LABEL', `Custom label "${name}" is not deployed ($Label.${name}).`);
      return typed(label, 'String');
    }
    case '$permission': {
      const name = ref.path.join('.');
      return typed(lookupCaseInsensitive(context.permissions, name) ?? false, 'Boolean');
    }
    case '$profile':
      return fromObject(context.profile, ref, '$Profile');
    case '$userrole':
      return fromObject(context.userRole, ref, '$UserRole');
    case '$api':
      return fromObject(context.api, ref, '$Api');
    case '$setup': {
      const [setting = '', ...fields] = ref.path;
      if (context.setup === undefined) throw new FlowFault('UNKNOWN_GLOBAL', `$Setup is not available: the runtime did not provide custom settings (${ref.text}).`);
      // A custom setting without a record reads as null fields, as in Salesforce.
      return typed(getPath(lookupCaseInsensitive(context.setup, setting) ?? null, fields));
    }
    default:
      throw new FlowFault('UNKNOWN_GLOBAL', `Global "${ref.root}" is not supported by Eddy (${ref.text}).`);
  }
}

function asText(value: FlowValue): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new FlowFault('INVALID_TYPE', `Expected a text value, got ${JSON.stringify(value)}.`);
}

/** Assigns a `$`-global; only the assignable ones are accepted. */
export function writeGlobal(host: GlobalsHost, ref: Reference, value: FlowValue): void {
  const globals = host.state.globals;
  const root = ref.root.toLowerCase();
  if (root === '$flow' && ref.path.length === 1) {
    switch ((ref.path[0] ?? '').toLowerCase()) {
      case 'currentrecord':
        globals.currentRecord = asText(value);
        return;
      case 'currentstage':
        globals.currentStage = asText(value);
        return;
      case 'activestages': {
        const list = value === null ? [] : Array.isArray(value) ? value : [value];
        globals.activeStages = list.map((item) => asText(item)).filter((item): item is string => item !== null);
        return;
      }
      default:
        break;
    }
  }
  if (root === '$record') {
    const record = triggerRecord(host, false);
    const next = setPath(record, ref.path, value, host.recordObject);
    if (!isObjectValue(next) && next !== null) throw new FlowFault('INVALID_TYPE', `$Record must be a record.`);
    rootVars(host)[RECORD_KEY] = next;
    return;
  }
  throw new FlowFault('INVALID_REFERENCE', `"${ref.text}" cannot be assigned.`);
}
