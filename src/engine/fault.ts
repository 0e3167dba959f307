/**
 * Faults raised while an element runs. They are thrown inside the engine and turned into
 * serialisable {@link Fault} data at the element boundary (follow the fault connector, or
 * finish the interview in error); an `Error` object is never persisted.
 */
import type { FaultCode } from './fault-codes.js';
import type { Fault, FaultMessage } from './protocol.js';

export type { FaultCode } from './fault-codes.js';

/** A fault thrown during execution; converted to {@link Fault} data by the step loop. */
export class FlowFault extends Error {
  readonly code: FaultCode;
  readonly element: string | undefined;
  /** A Custom Error's messages, each at its field or for the record. */
  readonly errors: readonly FaultMessage[] | undefined;

  constructor(code: FaultCode, message: string, element?: string, errors?: readonly FaultMessage[]) {
    super(message);
    this.name = 'FlowFault';
    this.code = code;
    this.element = element;
    this.errors = errors;
  }

  /** The fault as persistable data. */
  toFault(element?: string): Fault {
    const fault: Fault = { code: this.code, message: this.message, element: this.element ?? element };
    return this.errors === undefined ? fault : { ...fault, errors: this.errors };
  }
}
