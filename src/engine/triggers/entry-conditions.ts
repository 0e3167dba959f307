/**
 * A record-triggered flow's entry conditions (`<start>` filters, custom logic or a formula) for
 * one saved record, as Salesforce evaluates them before it starts an interview: `$Record` is
 * the record as it will be saved, `$Record__Prior` the stored one (none on create). With
 * `doesRequireRecordChangedToMeetCriteria` the flow runs only when the prior version did not
 * meet the conditions and the new one does; a create has no prior, so it runs when the record
 * meets them. Pure: the runtime gives the records and the time in the context.
 */
import type { CompiledFlow } from '../compile.js';
import { RECORD_KEY, RECORD_PRIOR_KEY } from '../globals.js';
import type { InterviewState, StepContext } from '../protocol.js';
import { STATE_SCHEMA_VERSION } from '../protocol.js';
import { Scope } from '../scope.js';
import type { TypedValue } from '../typed-value.js';
import { recordValue } from '../value-path.js';
import type { ConditionSet, Reference } from '../../flow-model/index.js';

function referenceTo(field: string): Reference {
  return { root: '$Record', path: field.split('.'), text: `$Record.${field}` };
}

/** The start's filters as a condition set on `$Record`. */
function filterConditions(flow: CompiledFlow): ConditionSet | undefined {
  const start = flow.definition.start;
  if (start === undefined || start.filters.length === 0) return undefined;
  return {
    conditions: start.filters.map((filter) => ({ left: referenceTo(filter.field), operator: filter.operator, right: filter.value })),
    logic: start.filterLogic,
    logicText: start.filterLogicText ?? 'and',
  };
}

function holds(scope: Scope, flow: CompiledFlow, conditions: ConditionSet | undefined): boolean {
  const formula = flow.definition.start?.filterFormula;
  if (formula !== undefined && formula.trim() !== '') return scope.formula(formula, 'Boolean') === true;
  return conditions === undefined ? true : scope.test(conditions);
}

/**
 * Whether the record in `context.record` (with `context.recordPrior`, if any) meets `flow`'s
 * entry conditions. Throws the engine's `FlowFault` when a condition cannot be evaluated (a
 * formula error): the runtime treats it as the flow's fault.
 */
export function meetsEntryConditions(flow: CompiledFlow, context: StepContext): boolean {
  const vars: Record<string, ReturnType<typeof recordValue>> = {};
  if (context.record != null) vars[RECORD_KEY] = recordValue(context.record);
  if (context.recordPrior != null) vars[RECORD_PRIOR_KEY] = recordValue(context.recordPrior);
  const state: InterviewState = {
    schemaVersion: STATE_SCHEMA_VERSION,
    status: 'running',
    globals: { guid: '', startTime: context.now, currentRecord: null, currentStage: null, activeStages: [], faultMessage: null },
    frames: [{ flow: flow.apiName, current: null, vars, loops: {}, history: [], stored: {}, visited: [] }],
    pending: null,
    waiting: null,
    fault: null,
    executed: 0,
  };
  const frame = state.frames[0];
  if (frame === undefined) throw new Error('Entry conditions: no frame.');
  const scope = new Scope(flow, frame, state, context);
  const conditions = filterConditions(flow);
  if (!holds(scope, flow, conditions)) return false;
  if (flow.definition.start?.requireChange !== true || context.recordPrior == null) return true;
  const prior: TypedValue = { value: recordValue(context.recordPrior), dataType: 'SObject', isCollection: false, objectType: flow.definition.start.object };
  return !holds(scope.withBindings(new Map([['$record', prior]])), flow, conditions);
}
