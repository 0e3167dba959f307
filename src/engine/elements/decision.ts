/** `<decisions>`: outcomes in order, the first whose conditions hold wins; else the default outcome. */
import type { DecisionElement, DecisionOutcome } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import { RECORD_PRIOR_KEY } from '../globals.js';
import type { Scope } from '../scope.js';

/** Takes the first outcome whose conditions hold, else the default connector. */
export function executeDecision(element: DecisionElement, ctx: ElementContext): Outcome {
  const taken = element.outcomes.find((outcome) => outcomeHolds(outcome, ctx.scope));
  if (ctx.flow.tracksOutcome(element.name)) recordOutcome(element, taken, ctx);
  return next(taken === undefined ? element.defaultConnector : taken.connector);
}

/** Keeps the outcome taken, for `{!OutcomeName}` references (true when the decision last took it). */
function recordOutcome(element: DecisionElement, taken: DecisionOutcome | undefined, ctx: ElementContext): void {
  const outcomes = { ...ctx.frame.outcomes };
  if (taken === undefined) delete outcomes[element.name];
  else outcomes[element.name] = taken.name;
  if (Object.keys(outcomes).length > 0) ctx.frame.outcomes = outcomes;
  else delete ctx.frame.outcomes;
}

/**
 * `doesRequireRecordChangedToMeetCriteria`: the conditions hold now and did not hold for
 * `$Record__Prior` (a new record has no prior and always counts as changed).
 */
function outcomeHolds(outcome: DecisionOutcome, scope: Scope): boolean {
  if (!scope.test(outcome.conditions)) return false;
  if (!outcome.requireChange) return true;
  const prior = scope.resolve({ root: RECORD_PRIOR_KEY, path: [], text: RECORD_PRIOR_KEY });
  if (prior.value === null) return true;
  return !scope.withBindings(new Map([['$record', prior]])).test(outcome.conditions);
}
