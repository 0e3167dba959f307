/** A `step` input that does not fit the interview's state: a bad request, never a flow fault. */
export type StepInputErrorCode = 'INVALID_STEP_INPUT' | 'UNKNOWN_WAIT_EVENT' | 'INTERVIEW_ENDED' | 'UNKNOWN_FLOW';

/** Thrown by `step` for an input the current state cannot take (e.g. `navigate` while waiting). */
export class StepInputError extends Error {
  readonly code: StepInputErrorCode;

  constructor(code: StepInputErrorCode, message: string) {
    super(message);
    this.name = 'StepInputError';
    this.code = code;
  }
}
