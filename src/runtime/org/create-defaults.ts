/**
 * What Salesforce's system writes on insert into fields that are defaulted on create but have
 * no static default value, when the write left them out (docs/standard-objects.md, "Required and
 * defaulted fields"):
 *
 * - `OwnerId`: the saving user (the record store fills its own column);
 * - `InsertedById` (FeedItem, FeedComment): the saving user, who posted;
 * - a lookup to `BusinessHours` defaulted on create (`Case.BusinessHoursId`,
 *   `Entitlement.BusinessHoursId`): the org's default business hours (`IsDefault = true`), which
 *   every Salesforce org has and {@link bootstrapOrg} creates; left null in an org without one.
 */
import type { JsonValue } from '../../engine/index.js';
import type { RecordFilterQuery } from '../ports/index.js';
import type { FieldDescribe, ObjectDescribe } from './org-schema.js';

/** What the system defaults need to know about the save. */
export interface CreateDefaultsContext {
  /** The saving user. */
  readonly userId: string;
  /** The org's default BusinessHours record, if it has one. */
  readonly defaultBusinessHoursId: string | undefined;
}

/** The query for the org's default business hours. */
export const DEFAULT_BUSINESS_HOURS_QUERY: RecordFilterQuery = {
  object: 'BusinessHours',
  filters: [{ field: 'IsDefault', operator: 'EqualTo', value: true }],
};

function isBusinessHoursDefault(field: FieldDescribe): boolean {
  return field.type === 'reference' && field.defaultedOnCreate && field.referenceTo.length === 1 && field.referenceTo[0] === 'BusinessHours';
}

/** Whether a create of `object` with `values` needs the org's default business hours. */
export function needsDefaultBusinessHours(object: ObjectDescribe, values: Readonly<Record<string, JsonValue>>): boolean {
  return object.fields.some((field) => isBusinessHoursDefault(field) && (values[field.name] ?? null) === null);
}

/** The values the system gives the defaulted fields of `object` that `values` leaves out or null. */
export function systemDefaultsOnCreate(object: ObjectDescribe, values: Readonly<Record<string, JsonValue>>, context: CreateDefaultsContext): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const field of object.fields) {
    if ((values[field.name] ?? null) !== null) continue;
    if (field.name === 'InsertedById' && field.type === 'reference') out[field.name] = context.userId;
    else if (isBusinessHoursDefault(field) && context.defaultBusinessHoursId !== undefined) out[field.name] = context.defaultBusinessHoursId;
  }
  return out;
}
