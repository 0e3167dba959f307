/**
 * Shapes SQL rows as Salesforce's REST API returns query records:
 *
 * ```json
 * { "attributes": { "type": "FlowRecordRelation", "url": "/services/data/v60.0/sobjects/FlowRecordRelation/0jE…" },
 *   "ParentId": "0Fo…",
 *   "Parent": { "attributes": { "type": "FlowInterview", "url": "…/sobjects/FlowInterview/0Fo…" },
 *               "InterviewLabel": "Survey", "Owner": { "attributes": { "type": "Name", "url": "…/sobjects/User/005…" }, "Name": "Ada" } } }
 * ```
 *
 * Fields come in SELECT order with the describe's casing; a relationship nests at its first
 * field and is `null` when there is no related record. A polymorphic relationship's `type` is
 * `Name` (Salesforce's pseudo-object) and its URL names the actual object. Values follow the
 * describe: booleans, numbers, dates `YYYY-MM-DD`, date-times `2024-01-01T10:00:00.000+0000`.
 * Aggregate rows are `{ attributes: { type: 'AggregateResult' }, expr0: 3, … }`.
 */
import type { FieldDescribe, OrgSchema } from '../../runtime/index.js';
import { fromBool } from '../sql-helpers.js';
import type { AggregateColumn, FieldColumn, HopColumn } from './compile-soql.js';
import { classOf } from './compile-where.js';
import type { SObjectRow } from '../../runtime/index.js';

/** A date-time as Salesforce's REST API writes it: `2024-01-01T10:00:00.000+0000`. */
export function formatDateTime(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString().replace(/Z$/, '+0000');
}

/** A stored value as the describe's type. `nullableBoolean`: a checkbox of the `Name` pseudo-object may be null. */
export function convertValue(field: FieldDescribe, value: unknown, nullableBoolean = false): string | number | boolean | null {
  if (value === undefined || value === null) return field.type === 'boolean' && !nullableBoolean ? false : null;
  switch (classOf(field)) {
    case 'boolean':
      return fromBool(value);
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return String(value).slice(0, 10);
    case 'datetime':
      return formatDateTime(String(value));
    case 'id':
    case 'text':
    case 'multipicklist':
    case 'time':
      return typeof value === 'string' ? value : String(value);
  }
}

/** The REST URL of a record. */
export function recordUrl(apiVersion: string, type: string, id: string): string {
  return `/services/data/v${apiVersion}/sobjects/${type}/${id}`;
}

/** Shapes the rows of a records query. */
export function shapeRecords(
  rows: readonly Record<string, unknown>[],
  objectName: string,
  columns: readonly FieldColumn[],
  hops: readonly HopColumn[],
  schema: OrgSchema,
  apiVersion: string,
): SObjectRow[] {
  const hopAlias = new Map(hops.map((h) => [h.hop.key, h.alias]));
  return rows.map((row) => {
    const record: SObjectRow = { attributes: { type: objectName, url: recordUrl(apiVersion, objectName, String(row.row_id)) } };
    for (const column of columns) {
      let container: SObjectRow | null = record;
      for (const hop of column.resolved.hops) {
        const existing: unknown = container[hop.name];
        if (existing === undefined) {
          const id = row[hopAlias.get(hop.key) ?? ''];
          if (id === null || id === undefined) {
            container[hop.name] = null;
            container = null;
            break;
          }
          const actual = hop.polymorphic ? (schema.objectForId(String(id))?.name ?? hop.typeName) : hop.typeName;
          const nested: SObjectRow = { attributes: { type: hop.typeName, url: recordUrl(apiVersion, actual, String(id)) } };
          container[hop.name] = nested;
          container = nested;
        } else if (existing === null) {
          container = null;
          break;
        } else {
          container = existing as SObjectRow;
        }
      }
      if (container) container[column.resolved.field.name] = convertValue(column.resolved.field, row[column.alias], column.resolved.fromNameObject);
    }
    return record;
  });
}

/** Shapes the rows of an aggregate query. */
export function shapeAggregates(rows: readonly Record<string, unknown>[], columns: readonly AggregateColumn[]): SObjectRow[] {
  return rows.map((row) => {
    const record: SObjectRow = { attributes: { type: 'AggregateResult' } };
    for (const column of columns) record[column.key] = convertValue(column.field, row[column.alias], true);
    return record;
  });
}
