/**
 * Flow input values as API clients send them: the seed's list `[{ "name": "x", "value": 1 }]`
 * or an object `{ "x": 1 }`. Anything else is 400 `INVALID_API_INPUT` naming the problem; the
 * runtime then checks the names and types against the flow's input variables.
 */
import type { FlowValue } from '../../engine/index.js';
import { InvalidApiInputError } from '../../runtime/index.js';

/** The inputs as a name → value map (`undefined` input: no inputs). */
export function flowInputsOf(value: unknown, field = 'inputs'): Record<string, FlowValue> {
  if (value === undefined || value === null) return {};
  const inputs: Record<string, FlowValue> = {};
  if (Array.isArray(value)) {
    value.forEach((entry: unknown, index) => {
      if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || typeof (entry as { name?: unknown }).name !== 'string') {
        throw new InvalidApiInputError(`${field}[${index}] must be an object with a name and a value.`, [field]);
      }
      const { name, value: given } = entry as { name: string; value?: unknown };
      if (Object.keys(inputs).some((known) => known.toLowerCase() === name.toLowerCase())) {
        throw new InvalidApiInputError(`${field}: "${name}" is given twice.`, [name]);
      }
      inputs[name] = (given ?? null) as FlowValue;
    });
    return inputs;
  }
  if (typeof value === 'object') return { ...(value as Record<string, FlowValue>) };
  throw new InvalidApiInputError(`${field} must be a list of { name, value } or an object of values.`, [field]);
}
