/**
 * Type-checks a record write against the org's describe, as Salesforce does on DML, and returns
 * the values normalised for storage (canonical field names, numbers rounded to scale, dates as
 * `YYYY-MM-DD`, date-times as `YYYY-MM-DDTHH:mm:ss.sssZ`, picklist values in their defined case).
 * Pure: it does not check that referenced records exist — it returns the references so storage
 * can (`INVALID_CROSS_REFERENCE_KEY`).
 */
import type { JsonValue } from '../../engine/index.js';
import { FieldIntegrityError, InvalidEmailAddressError, InvalidFieldError, InvalidFieldForInsertUpdateError, InvalidOperationError, InvalidPicklistValueError, InvalidTypeOnFieldError, MalformedIdError, MissingArgumentError, NumberOutsideValidRangeError, RequiredFieldMissingError, StringTooLongError } from '../errors.js';
import { parseId } from './ids.js';
import type { FieldDescribe, ObjectDescribe, OrgSchema } from './org-schema.js';

/** A reference value to check for existence. */
export interface ReferenceCheck {
  readonly field: string;
  readonly id: string;
  readonly referenceTo: readonly string[];
}

/** A write that passed the type checks. */
export interface ValidatedWrite {
  readonly object: ObjectDescribe;
  /** The record's Id (updates only). */
  readonly id: string | undefined;
  /** Field values by canonical name, excluding `Id` and `attributes`. */
  readonly values: Record<string, JsonValue>;
  readonly references: readonly ReferenceCheck[];
}

/** `create` checks required fields and applies defaults; `update` needs an Id and checks only the fields given. */
export type WriteMode = 'create' | 'update';

/** How a write treats values for fields that cannot be written (`CreatedDate`, formulas, auto-numbers). */
export interface WriteOptions {
  /**
   * `reject` (default): `INVALID_FIELD_FOR_INSERT_UPDATE`, as the REST API does. `ignore`: drop
   * them, as Apex DML and flows do with a record that was read with its system fields.
   */
  readonly readOnlyFields?: 'reject' | 'ignore';
  /**
   * `check` (default): a create missing a required field is `REQUIRED_FIELD_MISSING`. `later`:
   * not yet — the save pipeline checks required fields after before-save flows, which may fill
   * them (Salesforce's order of execution checks them at step 5 for API saves).
   */
  readonly requiredFields?: 'check' | 'later';
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const TIME = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?Z?$/;

/** Whether `text` is a real calendar date `YYYY-MM-DD`. */
export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO date-time normalised to `YYYY-MM-DDTHH:mm:ss.sssZ` (no offset means UTC), or undefined if not one. */
export function normalizeDateTime(text: string): string | undefined {
  if (!DATE_TIME.test(text)) return undefined;
  if (!isValidDate(text.slice(0, 10))) return undefined;
  const hasTime = text.length > 10;
  const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
  const iso = !hasTime ? `${text}T00:00:00Z` : hasZone ? text.replace(' ', 'T') : `${text.replace(' ', 'T')}Z`;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function wrongType(field: FieldDescribe, value: unknown): InvalidTypeOnFieldError {
  return new InvalidTypeOnFieldError(`${field.label}: value not of required type: ${describeValue(value)}`, [field.name]);
}

function toText(field: FieldDescribe, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw wrongType(field, value);
}

function checkLength(field: FieldDescribe, text: string): string {
  if (field.length > 0 && text.length > field.length) {
    throw new StringTooLongError(`${field.label}: data value too large: ${text.length > 80 ? `${text.slice(0, 77)}...` : text} (max length=${field.length})`, [field.name]);
  }
  return text;
}

function toNumber(field: FieldDescribe, value: unknown): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n)) throw wrongType(field, value);
  return n;
}

/** Rounds half away from zero to `scale` digits (Salesforce's rounding for number fields). */
function roundTo(n: number, scale: number): number {
  const factor = 10 ** scale;
  const rounded = Math.sign(n) * Math.round(Math.abs(n) * factor + Number.EPSILON * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

function checkDigits(field: FieldDescribe, n: number, integerDigits: number): void {
  // Compared as numbers: `String(1e300)` is "1e+300", six characters.
  if (integerDigits > 0 && Math.abs(Math.trunc(n)) >= 10 ** integerDigits) {
    throw new NumberOutsideValidRangeError(`${field.label}: value outside of valid range on numeric field: ${n}`, [field.name]);
  }
}

function picklistValue(field: FieldDescribe, text: string): string {
  const match = field.picklistValues.find((v) => v.value.toLowerCase() === text.toLowerCase());
  if (match) return match.value;
  if (field.restrictedPicklist) {
    throw new InvalidPicklistValueError(`${field.label}: bad value for restricted picklist field: ${text}`, [field.name]);
  }
  return text;
}

/**
 * Checks one value against its field and returns it normalised (`null` stays `null` when the
 * field is nillable). Throws the Salesforce error for the first problem.
 */
export function normalizeFieldValue(schema: OrgSchema, field: FieldDescribe, value: unknown): JsonValue {
  if (value === null || value === undefined || value === '') {
    if (field.type === 'boolean') return false;
    if (!field.nillable) throw new RequiredFieldMissingError(`Required fields are missing: [${field.name}]`, [field.name]);
    return null;
  }
  switch (field.type) {
    case 'string':
    case 'textarea':
    case 'phone':
    case 'url':
    case 'encryptedstring':
    case 'combobox':
    case 'base64':
    case 'complexvalue':
    case 'json':
      return checkLength(field, toText(field, value));
    case 'anyType':
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      throw wrongType(field, value);
    case 'address':
    case 'location':
      // Compound fields are read-only: written through their components (BillingStreet, BillingLatitude...).
      throw new InvalidFieldForInsertUpdateError(`Unable to write the compound field ${field.name}: set its component fields instead`, [field.name]);
    case 'email': {
      const text = checkLength(field, toText(field, value).trim());
      if (!EMAIL.test(text)) throw new InvalidEmailAddressError(`${field.label}: invalid email address: ${text}`, [field.name]);
      return text;
    }
    case 'picklist':
      return checkLength(field, picklistValue(field, toText(field, value)));
    case 'multipicklist': {
      const parts = Array.isArray(value) ? value.map((v) => toText(field, v)) : toText(field, value).split(';');
      const values = parts.map((p) => p.trim()).filter((p) => p !== '').map((p) => picklistValue(field, p));
      return checkLength(field, [...new Set(values)].join(';'));
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw wrongType(field, value);
    case 'int':
    case 'long': {
      const n = toNumber(field, value);
      if (!Number.isInteger(n)) throw wrongType(field, value);
      checkDigits(field, n, field.digits);
      return n;
    }
    case 'double':
    case 'currency':
    case 'percent': {
      const n = roundTo(toNumber(field, value), field.scale);
      checkDigits(field, n, field.precision - field.scale);
      return n;
    }
    case 'date': {
      const text = toText(field, value);
      const date = isValidDate(text) ? text : /^\d{4}-\d{2}-\d{2}T/.test(text) ? normalizeDateTime(text)?.slice(0, 10) : undefined;
      if (!date) throw wrongType(field, value);
      return date;
    }
    case 'datetime': {
      const dateTime = typeof value === 'string' ? normalizeDateTime(value) : undefined;
      if (!dateTime) throw wrongType(field, value);
      return dateTime;
    }
    case 'time': {
      const match = typeof value === 'string' ? TIME.exec(value) : null;
      if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59) throw wrongType(field, value);
      return `${match[1]}:${match[2]}:${match[3] ?? '00'}.${(match[4] ?? '').padEnd(3, '0')}Z`;
    }
    case 'id':
    case 'reference': {
      if (typeof value !== 'string') throw new MalformedIdError(`${field.label}: id value of incorrect type: ${describeValue(value)}`, [field.name]);
      const id = parseId(value, field.name);
      if (field.type === 'reference' && field.referenceTo.length > 0) {
        const target = schema.objectForId(id);
        if (!target || !field.referenceTo.some((name) => name.toLowerCase() === target.name.toLowerCase())) {
          throw new FieldIntegrityError(`field integrity exception: ${field.name} (id value of incorrect type: ${id})`, [field.name]);
        }
      }
      return id;
    }
  }
}

/**
 * Validates a create or update of one record of `objectName`. Unknown fields, read-only fields
 * (unless `options.readOnlyFields` is `ignore`), wrong types, lengths, restricted picklists,
 * malformed IDs and (on create) an `Id` or missing required fields are reported with
 * Salesforce's codes; on create, defaults are filled in.
 */
export function validateRecordWrite(schema: OrgSchema, objectName: string, input: Readonly<Record<string, unknown>>, mode: WriteMode, options: WriteOptions = {}): ValidatedWrite {
  const object = schema.describeOrThrow(objectName);
  if (mode === 'create' ? !object.createable : !object.updateable) {
    throw new InvalidOperationError(`${object.name} does not support ${mode}.`);
  }
  const values: Record<string, JsonValue> = {};
  const references: ReferenceCheck[] = [];
  let id: string | undefined;
  for (const [name, raw] of Object.entries(input)) {
    if (name === 'attributes' || raw === undefined) continue;
    const field = schema.field(object.name, name);
    if (!field) throw new InvalidFieldError(`No such column '${name}' on sobject of type ${object.name}`, [name]);
    if (field.name === 'Id') {
      if (mode === 'create') {
        if (raw === null) continue;
        throw new InvalidFieldForInsertUpdateError('cannot specify Id in an insert call', ['Id']);
      }
      id = normalizeFieldValue(schema, field, raw) as string;
      if (schema.objectForId(id)?.name !== object.name) {
        throw new MalformedIdError(`${object.name} ID: id value of incorrect type: ${id}`, ['Id']);
      }
      continue;
    }
    if (mode === 'create' ? !field.createable : !field.updateable) {
      if (options.readOnlyFields === 'ignore') continue;
      throw new InvalidFieldForInsertUpdateError(`Unable to ${mode} the field ${field.name} of ${object.name}: it is not ${mode === 'create' ? 'createable' : 'updateable'}`, [field.name]);
    }
    const value = normalizeFieldValue(schema, field, raw);
    values[field.name] = value;
    if (field.type === 'reference' && typeof value === 'string') references.push({ field: field.name, id: value, referenceTo: field.referenceTo });
  }
  if (mode === 'update' && id === undefined) throw new MissingArgumentError('Id not specified in an update call', ['Id']);
  if (mode === 'create') {
    const missing: string[] = [];
    for (const field of object.fields) {
      if (field.name in values || !field.createable) continue;
      if (field.defaultValue !== null) values[field.name] = field.defaultValue;
      else if (!field.nillable && !field.defaultedOnCreate) missing.push(field.name);
    }
    if (missing.length > 0 && options.requiredFields !== 'later') throw new RequiredFieldMissingError(`Required fields are missing: [${missing.join(', ')}]`, missing);
  }
  return { object, id, values, references };
}
