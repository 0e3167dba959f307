/** Shared bits for engine unit tests: a fixed clock, a start context and a JSON round trip. */
import type { InterviewState, StepContext } from '../../../src/engine/index.js';

/** The tests' clock. */
export const NOW = '2024-01-15T09:00:00.000Z';

/** A step context at {@link NOW}, with overrides. */
export function stepContext(overrides: Partial<StepContext> = {}): StepContext {
  return { now: NOW, ...overrides };
}

/** A start context at {@link NOW}, with overrides. */
export function startContext(overrides: Partial<StepContext> & { guid?: string } = {}): StepContext & { guid: string } {
  return { now: NOW, guid: 'guid-1', ...overrides };
}

/** The state as a store would give it back. */
export function roundTrip(state: InterviewState): InterviewState {
  return JSON.parse(JSON.stringify(state)) as InterviewState;
}
