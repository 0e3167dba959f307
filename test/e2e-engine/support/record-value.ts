/** Records as flow input values. */
import type { FlowRecord, FlowValue } from '../../../src/engine/index.js';

/** A record as a flow value (an SObject input variable): records are JSON by contract, `attributes` included. */
export function recordValue(record: FlowRecord): FlowValue {
  return record as unknown as FlowValue;
}
