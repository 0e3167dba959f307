/**
 * Where the runtime reads the time. The engine never reads a clock (time is passed in); the
 * runtime reads this one once per operation, so tests drive waits and stamps with a simulated
 * clock instead of patching `Date`.
 */

/** A source of the current time. */
export interface Clock {
  /** The current time. */
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => new Date(),
};
