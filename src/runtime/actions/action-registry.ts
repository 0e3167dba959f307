/**
 * Invocable actions (the equivalent of Apex `@InvocableMethod` classes and other action types)
 * and the registry the runtime answers an engine `action` request from.
 *
 * Projects extend the registry with TypeScript or JavaScript modules in a configured folder
 * (`loadActionModules` in `src/adapters/actions`). Action types match case-insensitively (`apex` = `APEX`), names
 * exactly (`ns__My_Class`), as Salesforce stores them.
 */
import type { FlowDataType } from '../../flow-model/index.js';
import type { ActionPort, FlowValue } from '../../engine/index.js';
import { coerceValue, FlowFault } from '../../engine/index.js';

/** One declared input or output of an action. */
export interface ActionParameter {
  readonly dataType: FlowDataType;
  readonly required?: boolean;
  readonly isCollection?: boolean;
  readonly description?: string;
}

/** Who runs the action, and when (time is passed in, never read). */
export interface ActionContext {
  readonly userId: string;
  /** ISO-8601 date-time. */
  readonly now: string;
}

/** An action a flow's `actionCalls` element can invoke. */
export interface InvocableAction {
  /** `apex`, `externalService`, `quickAction`, ... as in the flow metadata's `actionType`. */
  readonly actionType: string;
  /** The action's API name, as in the flow metadata's `actionName`. */
  readonly name: string;
  readonly label?: string;
  readonly description?: string;
  /** Declared inputs; when given, undeclared inputs are refused and declared ones are coerced. */
  readonly inputs?: Readonly<Record<string, ActionParameter>>;
  /** Declared outputs; when given, declared outputs are coerced to their types. */
  readonly outputs?: Readonly<Record<string, ActionParameter>>;
  invoke(inputs: Record<string, FlowValue>, context: ActionContext): Promise<Record<string, FlowValue>> | Record<string, FlowValue>;
}

/** Stable codes of {@link ActionError}. */
export type ActionErrorCode =
  | 'UNKNOWN_ACTION'
  | 'ACTION_FAILED'
  | 'INVALID_INPUT'
  | 'DUPLICATE_ACTION'
  | 'INVALID_ACTION'
  | 'INVALID_ACTION_MODULE';

/** A bad registration, a bad call or a failed handler; `code` is stable, `message` names the action. */
export class ActionError extends Error {
  readonly code: ActionErrorCode;

  constructor(code: ActionErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionError';
    this.code = code;
  }
}

/** Registered invocable actions, keyed by type (case-insensitive) and name (exact). */
export class ActionRegistry {
  readonly #actions = new Map<string, InvocableAction>();

  /** Adds an action; throws `INVALID_ACTION` for a malformed one, `DUPLICATE_ACTION` when the key is taken. */
  register(action: InvocableAction): void {
    const problem = describeActionProblem(action);
    if (problem !== undefined) throw new ActionError('INVALID_ACTION', `Cannot register action: ${problem}.`);
    const key = actionKey(action.actionType, action.name);
    if (this.#actions.has(key)) {
      throw new ActionError('DUPLICATE_ACTION', `${describeAction(action.actionType, action.name)} is already registered.`);
    }
    this.#actions.set(key, action);
  }

  /** The action registered under this type and name, if any. */
  get(actionType: string, name: string): InvocableAction | undefined {
    return this.#actions.get(actionKey(actionType, name));
  }

  /** The action registered under this type and name; throws `UNKNOWN_ACTION` otherwise. */
  getOrThrow(actionType: string, name: string): InvocableAction {
    const action = this.get(actionType, name);
    if (action === undefined) {
      throw new ActionError(
        'UNKNOWN_ACTION',
        `${describeAction(actionType, name)} is not registered. Register it with ActionRegistry.register(), ` +
          `or put a module whose default export is the action in the actions folder.`,
      );
    }
    return action;
  }

  /** The engine driver's {@link ActionPort} over this registry, for one running user and time. */
  portFor(context: ActionContext): ActionPort {
    return { invoke: (actionType, name, inputs) => this.invoke(actionType, name, inputs, context) };
  }

  /** All registered actions, in registration order. */
  list(): readonly InvocableAction[] {
    return [...this.#actions.values()];
  }

  /**
   * Validates and coerces `inputs` against the action's declaration, runs it and coerces its
   * outputs. Throws {@link ActionError}: `UNKNOWN_ACTION`, `INVALID_INPUT`, or `ACTION_FAILED`
   * (the handler threw or returned something that is not an outputs object).
   */
  async invoke(actionType: string, name: string, inputs: Record<string, FlowValue>, context: ActionContext): Promise<Record<string, FlowValue>> {
    const action = this.getOrThrow(actionType, name);
    const label = describeAction(action.actionType, action.name);
    const coercedInputs = coerceInputs(action, inputs, label);
    let outputs: unknown;
    try {
      outputs = await action.invoke(coercedInputs, context);
    } catch (error) {
      throw new ActionError('ACTION_FAILED', `${label} failed: ${errorMessage(error)}`, { cause: error });
    }
    return coerceOutputs(action, outputs, label);
  }
}

function actionKey(actionType: string, name: string): string {
  return `${actionType.toLowerCase()}:${name}`;
}

/** `Apex action "MyClass" (apex:MyClass)`. */
function describeAction(actionType: string, name: string): string {
  const kind = actionType.toLowerCase() === 'apex' ? 'Apex action' : `Action of type "${actionType}"`;
  return `${kind} "${name}" (${actionType}:${name})`;
}

/** Why `candidate` is not an {@link InvocableAction}, or undefined when it is one. */
export function describeActionProblem(candidate: unknown): string | undefined {
  if (typeof candidate !== 'object' || candidate === null) return `expected an object, got ${candidate === null ? 'null' : typeof candidate}`;
  const action = candidate as Partial<Record<keyof InvocableAction, unknown>>;
  if (typeof action.actionType !== 'string' || action.actionType.trim() === '') return 'actionType must be a non-empty string';
  if (typeof action.name !== 'string' || action.name.trim() === '') return 'name must be a non-empty string';
  if (typeof action.invoke !== 'function') return `"${action.name}" has no invoke function`;
  for (const side of ['inputs', 'outputs'] as const) {
    const parameters = action[side];
    if (parameters === undefined) continue;
    if (typeof parameters !== 'object' || parameters === null) return `"${action.name}": ${side} must be an object`;
    for (const [parameter, declaration] of Object.entries(parameters)) {
      const dataType = (declaration as { dataType?: unknown } | null)?.dataType;
      if (typeof dataType !== 'string' || !DATA_TYPES.has(dataType)) {
        return `"${action.name}": ${side}.${parameter} has an unknown dataType ${JSON.stringify(dataType)}`;
      }
    }
  }
  return undefined;
}

const DATA_TYPES: ReadonlySet<string> = new Set<FlowDataType>([
  'String', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Time', 'SObject', 'Picklist', 'Multipicklist', 'Apex', 'Stage', 'Long', 'Reference',
]);

function coerceInputs(action: InvocableAction, inputs: Record<string, FlowValue>, label: string): Record<string, FlowValue> {
  const declared = action.inputs;
  if (declared === undefined) return { ...inputs };
  for (const name of Object.keys(inputs)) {
    if (!Object.hasOwn(declared, name)) {
      throw new ActionError('INVALID_INPUT', `${label} has no input "${name}". Its inputs are: ${Object.keys(declared).join(', ') || '(none)'}.`);
    }
  }
  const result: Record<string, FlowValue> = {};
  for (const [name, parameter] of Object.entries(declared)) {
    if (inputs[name] === undefined && parameter.required !== true) continue;
    const coerced = coerceParameter(inputs[name] ?? null, parameter);
    if (!coerced.ok) throw new ActionError('INVALID_INPUT', `${label}: input "${name}" ${coerced.problem}`);
    if (coerced.value === null && parameter.required === true) throw new ActionError('INVALID_INPUT', `${label}: the required input "${name}" has no value.`);
    result[name] = coerced.value;
  }
  return result;
}

function coerceOutputs(action: InvocableAction, outputs: unknown, label: string): Record<string, FlowValue> {
  if (outputs === undefined || outputs === null) return {};
  if (typeof outputs !== 'object' || Array.isArray(outputs)) {
    throw new ActionError('ACTION_FAILED', `${label} returned ${Array.isArray(outputs) ? 'an array' : typeof outputs}; it must return an object of outputs by name.`);
  }
  const result: Record<string, FlowValue> = {};
  for (const [name, raw] of Object.entries(outputs as Record<string, unknown>)) {
    if (raw === undefined) continue;
    const json = toJsonValue(raw);
    const parameter = action.outputs?.[name];
    const coerced = !json.ok || parameter === undefined ? json : coerceParameter(json.value, parameter);
    if (!coerced.ok) throw new ActionError('ACTION_FAILED', `${label} returned an invalid output "${name}": it ${coerced.problem}`);
    result[name] = coerced.value;
  }
  return result;
}

type Coerced = { readonly ok: true; readonly value: FlowValue } | { readonly ok: false; readonly problem: string };

/** The engine's conversion to the parameter's JSON form; a collection parameter needs an array. */
function coerceParameter(value: FlowValue, parameter: ActionParameter): Coerced {
  const isCollection = parameter.isCollection === true;
  if (value !== null && Array.isArray(value) !== isCollection) {
    return { ok: false, problem: isCollection ? `must be a collection of ${parameter.dataType}, got a single value.` : `must be a single ${parameter.dataType}, got a collection.` };
  }
  try {
    return { ok: true, value: coerceValue(value, parameter.dataType, { isCollection }) };
  } catch (error) {
    if (error instanceof FlowFault) return { ok: false, problem: `is invalid: ${error.message}` };
    throw error;
  }
}

/** Checks `value` is JSON (dates become ISO strings); functions, symbols and cycles are refused. */
function toJsonValue(value: unknown, seen: Set<object> = new Set()): Coerced {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { ok: true, value };
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false, problem: `is not a finite number (${value}).` };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { ok: false, problem: 'is an invalid Date.' } : { ok: true, value: value.toISOString() };
  if (typeof value !== 'object') return { ok: false, problem: `is not JSON data (${typeof value}).` };
  if (seen.has(value)) return { ok: false, problem: 'contains a cycle.' };
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      const items: FlowValue[] = [];
      for (const item of value) {
        const coerced = toJsonValue(item === undefined ? null : item, seen);
        if (!coerced.ok) return coerced;
        items.push(coerced.value);
      }
      return { ok: true, value: items };
    }
    const object: Record<string, FlowValue> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      const coerced = toJsonValue(item, seen);
      if (!coerced.ok) return coerced;
      object[key] = coerced.value;
    }
    return { ok: true, value: object };
  } finally {
    seen.delete(value);
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
