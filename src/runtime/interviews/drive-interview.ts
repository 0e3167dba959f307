/**
 * The runtime's request loop: the engine's one loop (`runUntilRest`, `engine/driver.ts`) with
 * the production fault policy ({@link runFaultPolicy}). The interview service runs it inside
 * each operation's transaction with ports bound to that transaction (records, actions, and
 * subflows loaded from the database as the engine calls them); the end-to-end engine tests
 * run it with in-memory ports. Same code, same error rules.
 */
import { type Ports, runUntilRest } from '../../engine/index.js';
import type { StepContext, StepResult } from '../../engine/index.js';
import { runFaultPolicy } from './run-error-policy.js';

/** What the loop answers requests with: everything but the policy, which is the production one. */
export type DrivePorts = Omit<Ports, 'faults'>;

/**
 * Answers `request` awaitings until the interview rests; the effects of every step are collected
 * in order. Faults of the flow go to its fault connectors; any other error is rethrown so that
 * the caller's transaction rolls back. `result` comes from `start` or `step` with
 * `context.flows` set to `ports.flows.lookup`.
 */
export function driveToRest(result: StepResult, ports: DrivePorts, context: StepContext): Promise<StepResult> {
  return runUntilRest(result, { ...ports, faults: runFaultPolicy }, context);
}
