/**
 * What a job handler throws to tell the runner how to go on: a {@link PermanentJobError} fails
 * the job at once (retrying cannot help: a malformed payload, a refused address); any other
 * error — {@link RetryableJobError} says so explicitly — is a transient failure, retried with
 * backoff until the job's last attempt.
 */

/** A failure no retry can fix: the job fails at once, keeping this message. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** A transient failure (a connection refused, a lock): the job is retried with backoff. */
export class RetryableJobError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RetryableJobError';
  }
}

/** The text kept as a job's `lastError`. */
export function jobErrorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
