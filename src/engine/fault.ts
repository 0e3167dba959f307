/**
 * Faults raised while an element runs. They are thrown inside the engine and turned into
 * serialisable {@link Fault} data at the element boundary (follow the fault connector, or
 * finish the interview in error); an `Error` object is never persisted.
 */
import type { Fault } from './protocol.js';

/** Stable fault codes. */
export type FaultCode =
  | 'INVALID_TYPE'
  | 'FORMULA_ERROR'
  | 'UNKNOWN_REFERENCE'
  | 'NULL_REFERENCE'
  | 'RUNAWAY_LOOP'
  | 'NO_MATCHING_OUTCOME'
  | 'UNKNOWN_ACTION'
  | 'UNKNOWN_COMPONENT'
  | 'UNKNOWN_FLOW'
  | 'UNKNOWN_LABEL'
  | 'UNSUPPORTED'
  | 'RECORD_OPERATION_FAILED'
  | 'ACTION_FAILED'
  | 'CUSTOM_ERROR'
  | 'INVALID_INPUT'
  | 'WAIT_IN_SCREEN_FLOW'
  | (string & {});

/** A fault thrown during execution; converted to {@link Fault} data by the step loop. */
export class FlowFault extends Error {
  readonly code: FaultCode;
  readonly element: string | undefined;

  constructor(code: FaultCode, message: string, element?: string) {
    super(message);
    this.name = 'FlowFault';
    this.code = code;
    this.element = element;
  }

  /** The fault as persistable data. */
  toFault(element?: string): Fault {
    return { code: this.code, message: this.message, element: this.element ?? element };
  }
}
