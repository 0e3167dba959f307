/**
 * Reading and writing dotted paths (`rec.Account.Name`) inside flow values. Field names match
 * case-insensitively, as Salesforce field names do. Values are never mutated: a write returns
 * new objects along the path (copy-on-write), so two variables never share a changed record.
 */
import type { FlowRecord, FlowValue, JsonValue } from './protocol.js';

type JsonObject = { [key: string]: JsonValue };

/** Whether a value is a record or another JSON object (not a list). */
export function isObjectValue(value: FlowValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The key of `field` in `object`: the exact spelling, else a case-insensitive match. */
export function fieldKey(object: JsonObject, field: string): string | undefined {
  if (Object.hasOwn(object, field)) return field;
  const lower = field.toLowerCase();
  for (const key of Object.keys(object)) if (key.toLowerCase() === lower) return key;
  return undefined;
}

/** A field of a record or object (`null` when absent). */
export function getField(object: JsonObject, field: string): FlowValue {
  const key = fieldKey(object, field);
  return key === undefined ? null : (object[key] ?? null);
}

/**
 * The value at `path` inside `value`. A null anywhere on the way gives null (Eddy's
 * decision: `{!rec.Account.Name}` is null when `rec` or its `Account` is null), and so does
 * a path into a value that is not an object.
 */
export function getPath(value: FlowValue, path: readonly string[]): FlowValue {
  let current: FlowValue = value;
  for (const segment of path) {
    if (!isObjectValue(current)) return null;
    current = getField(current, segment);
  }
  return current;
}

/**
 * `value` with `path` set to `next`, copying each object on the way. A null object on the way
 * is created (`rec.Name = 'x'` on an unset record variable makes a record, as in Salesforce);
 * `objectType` then types the new record.
 */
export function setPath(value: FlowValue, path: readonly string[], next: FlowValue, objectType?: string): FlowValue {
  const [head, ...rest] = path;
  if (head === undefined) return next;
  const base: JsonObject = isObjectValue(value) ? { ...value } : objectType === undefined ? {} : { attributes: { type: objectType } };
  const key = fieldKey(base, head) ?? head;
  base[key] = setPath(base[key] ?? null, rest, next);
  return base;
}

/** A record (or records) as a flow value: records are JSON objects, typed more precisely. */
export function recordValue(record: FlowRecord | readonly FlowRecord[] | null | undefined): FlowValue {
  return (record ?? null) as unknown as FlowValue;
}
