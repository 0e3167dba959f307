/**
 * How Eddy treats each Salesforce process type (`<processType>`): which ones it runs, and how.
 * Record-triggered, scheduled and platform-event flows are `AutoLaunchedFlow`s whose `<start>`
 * carries the trigger, so they are autolaunched here.
 */

/** How a process type runs in Eddy. */
export type ProcessTypeSupport =
  /** A screen flow (`Flow`). */
  | 'screen'
  /** An autolaunched flow, including the trigger variants. */
  | 'autolaunched'
  /** A flow of a special Salesforce context that Eddy runs as autolaunched, without that context. */
  | 'autolaunchedContext'
  /** Orchestrations: parsed and validated, not run yet. */
  | 'orchestration'
  /** Process Builder processes: a different execution model Eddy does not run. */
  | 'processBuilder'
  /** A process type Eddy does not know. */
  | 'unknown';

/** Special-context flows that are autolaunched flows underneath. */
const AUTOLAUNCHED_CONTEXT: ReadonlySet<string> = new Set([
  'EvaluationFlow', 'RecommendationStrategy', 'RoutingFlow', 'TransactionSecurityFlow', 'CustomerLifecycle',
  'InvocableProcess', 'ActionCadenceAutolaunchedFlow', 'Journey', 'LoyaltyManagementFlow', 'OrchestrationFlow',
]);

/** The support class of a process type (case as in metadata). */
export function classifyProcessType(processType: string): ProcessTypeSupport {
  switch (processType) {
    case 'Flow':
      return 'screen';
    case 'AutoLaunchedFlow':
      return 'autolaunched';
    case 'Orchestrator':
    case 'AppProcess':
      return 'orchestration';
    case 'Workflow':
    case 'CustomEvent':
      return 'processBuilder';
    default:
      return AUTOLAUNCHED_CONTEXT.has(processType) ? 'autolaunchedContext' : 'unknown';
  }
}
