/** Retry delays of the job runner: exponential, doubling from a base up to a ceiling. */

/** How long to wait before retrying a failed job. */
export interface BackoffPolicy {
  /** The delay after the first failed attempt, doubled after each further one. */
  readonly baseDelayMs: number;
  /** The longest delay. */
  readonly maxDelayMs: number;
}

/** The delay after `attempts` failed attempts: `baseDelayMs × 2^(attempts − 1)`, at most `maxDelayMs`. */
export function backoffMs(attempts: number, policy: BackoffPolicy): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
}
