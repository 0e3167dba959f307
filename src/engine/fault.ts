/**
 * Faults raised while an element runs. They are thrown inside the engine and turned into
 * serialisable {@link Fault} data at the element boundary (follow the fault connector, or
 * finish the interview in error); an `Error` object is never persisted.
 */
import type { FaultCode } from './fault-codes.js';
import type { Fault } from './protocol.js';

export type { FaultCode } from './fault-codes.js';

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
