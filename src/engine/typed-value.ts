/** A value with the type the flow declares for it, as resolved from a reference or literal. */
import type { FlowDataType } from '../flow-model/index.js';
import type { FlowValue } from './protocol.js';

/** A flow value and its declared type (`undefined` when the type is not known statically). */
export interface TypedValue {
  readonly value: FlowValue;
  readonly dataType: FlowDataType | undefined;
  readonly isCollection: boolean;
  /** SObject type for records. */
  readonly objectType?: string | undefined;
}
