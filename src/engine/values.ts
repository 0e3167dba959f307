// Over 400 lines: the conversions, comparisons and formats of every flow data type, one table per operation.
/**
 * Flow values: conversion to a declared type, text rendering, equality and ordering, and the
 * assignment operators, with Salesforce semantics.
 *
 * Values are JSON (see `FlowValue`): String/Picklist/Stage/Reference → string, Number/Currency/Long
 * → number, Boolean → boolean, Date → `YYYY-MM-DD`, DateTime → `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC),
 * Time → `HH:mm:ss.sss`, Multipicklist → `a;b;c`, SObject → `FlowRecord`, collections → arrays,
 * unset → `null`. Eddy has no user time zone: dates and times are UTC throughout.
 */
import type { AssignmentOperator, FlowDataType } from '../flow-model/index.js';
import { FlowFault } from './fault.js';
import type { FlowValue } from './protocol.js';
import type { TypedValue } from './typed-value.js';

const MS_PER_DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Dates, date-times and times
// ---------------------------------------------------------------------------------------------

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*Z?$/;

function utcDay(year: number, month: number, day: number): number | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return ms;
}

function milliseconds(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000 + 1e-6);
}

/** Midnight UTC (epoch ms) of a `YYYY-MM-DD` date; `undefined` when the text is not a valid date. */
export function parseDateText(text: string): number | undefined {
  const match = DATE_TEXT.exec(text.trim());
  if (match === null) return undefined;
  return utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/**
 * Epoch ms of a date-time: ISO-8601 (`T` or a space, optional seconds and fraction, `Z` or an
 * offset; no zone means UTC) or a bare date (midnight UTC). `undefined` when invalid.
 */
export function parseDateTimeText(text: string): number | undefined {
  const match = DATE_TIME_TEXT.exec(text.trim());
  if (match === null) return undefined;
  const day = utcDay(Number(match[1]), Number(match[2]), Number(match[3]));
  if (day === undefined) return undefined;
  if (match[4] === undefined) return day;
  const hours = Number(match[4]);
  const minutes = Number(match[5]);
  const seconds = match[6] === undefined ? 0 : Number(match[6]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  let ms = day + ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds(match[7]);
  const zone = match[8];
  if (zone !== undefined && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  }
  return ms;
}

/** Milliseconds since midnight of `HH:mm[:ss[.sss]]` (an optional trailing `Z`); `undefined` when invalid. */
export function parseTimeText(text: string): number | undefined {
  const match = TIME_TEXT.exec(text.trim());
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + milliseconds(match[4]);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function formatDate(ms: number): string {
  const date = new Date(ms);
  const year = date.getUTCFullYear();
  const yearText = year >= 0 && year <= 9999 ? pad(year, 4) : String(year);
  return `${yearText}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** `YYYY-MM-DDTHH:mm:ss.sssZ` of epoch ms. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** `HH:mm:ss.sss` of milliseconds since midnight (wrapped into one day). */
export function formatTime(msOfDay: number): string {
  const ms = ((Math.round(msOfDay) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Math.floor((ms % 60_000) / 1000);
  return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(ms % 1000, 3)}`;
}

/** Midnight UTC of the day containing `ms`. */
export function startOfUtcDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
}

// ---------------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------------

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number a text denotes (`" 42 "`, `-1.5`, `1e3`); `undefined` when it is not a plain number. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim();
  if (!NUMBER_TEXT.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** Shifts the decimal point of `value` by `places` exactly, through its decimal text. */
function shiftDecimal(value: number, places: number): number {
  const [mantissa = '0', exponent = '0'] = String(value).split('e');
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/**
 * Rounds half away from zero to `scale` decimal places (negative scales round to tens,
 * hundreds...), as Salesforce rounds numbers and `ROUND()`: 2.5 → 3, -2.5 → -3, 1.005 → 1.01.
 */
export function roundHalfUp(value: number, scale: number): number {
  if (!Number.isFinite(value)) return value;
  const places = Math.trunc(scale);
  const magnitude = Math.abs(value);
  const rounded = shiftDecimal(Math.round(shiftDecimal(magnitude, places)), -places);
  const result = value < 0 ? -rounded : rounded;
  return result === 0 ? 0 : result;
}

/** Decimal text of a number without exponent or trailing zeros (`1.5`, `100`, `0.0000001`). */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const text = String(value);
  if (!text.includes('e')) return text;
  const negative = value < 0;
  const [mantissa = '0', exponentText = '0'] = (negative ? text.slice(1) : text).split('e');
  const exponent = Number(exponentText);
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const digits = whole + fraction;
  const point = whole.length + exponent;
  let result: string;
  if (point <= 0) result = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) result = digits + '0'.repeat(point - digits.length);
  else result = `${digits.slice(0, point)}.${digits.slice(point)}`;
  if (result.includes('.')) result = result.replace(/0+$/, '').replace(/\.$/, '');
  return negative ? `-${result}` : result;
}

/** Removes binary floating-point noise from an arithmetic result (0.1 + 0.2 → 0.3). */
export function cleanNumber(value: number): number {
  if (Number.isInteger(value) || !Number.isFinite(value)) return value;
  return Number(value.toPrecision(15));
}

// ---------------------------------------------------------------------------------------------
// Salesforce IDs
// ---------------------------------------------------------------------------------------------

const ID_15 = /^[a-zA-Z0-9]{15}$/;
const ID_18 = /^[a-zA-Z0-9]{18}$/;
const ID_SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/** The 18-character, case-insensitive form of a 15-character Salesforce ID (`CASESAFEID`). */
export function caseSafeId(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block += 1) {
    let flags = 0;
    for (let bit = 0; bit < 5; bit += 1) {
      const c = id15[block * 5 + bit] ?? '';
      if (c >= 'A' && c <= 'Z') flags += 1 << bit;
    }
    suffix += ID_SUFFIX_CHARS[flags] ?? '';
  }
  return id15.slice(0, 15) + suffix;
}

/** Whether two texts are equal (case-sensitive), counting a 15-character ID equal to its 18-character form. */
export function textsEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length === 15 && b.length === 18) return ID_15.test(a) && ID_18.test(b) && caseSafeId(a).toUpperCase() === b.toUpperCase() && b.startsWith(a);
  if (a.length === 18 && b.length === 15) return textsEqual(b, a);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Conversion
// ---------------------------------------------------------------------------------------------

function describe(value: FlowValue): string {
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function invalid(value: FlowValue, dataType: string, why?: string): FlowFault {
  return new FlowFault('INVALID_TYPE', `Cannot convert ${describe(value)} to ${dataType}${why === undefined ? '' : `: ${why}`}.`);
}

function isRecordLike(value: FlowValue): value is { [key: string]: FlowValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function coerceScalar(value: FlowValue, dataType: FlowDataType, scale: number | undefined, objectType: string | undefined): FlowValue {
  if (value === null) return null;
  switch (dataType) {
    case 'String':
    case 'Picklist':
    case 'Stage':
    case 'Reference':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return valueToText(value);
      throw invalid(value, dataType);
    case 'Multipicklist':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return valueToText(value);
      if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.map((item) => valueToText(item)).join(';');
      throw invalid(value, dataType);
    case 'Number':
    case 'Currency':
    case 'Long': {
      let number: number | undefined;
      if (typeof value === 'number') number = value;
      else if (typeof value === 'string') {
        if (value.trim() === '') return null;
        number = parseNumberText(value);
      }
      if (number === undefined || !Number.isFinite(number)) throw invalid(value, dataType);
      if (dataType === 'Long') return roundHalfUp(number, 0);
      return scale === undefined ? number : roundHalfUp(number, scale);
    }
    case 'Boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') {
        const text = value.trim().toLowerCase();
        if (text === 'true') return true;
        if (text === 'false') return false;
        if (text === '') return null;
      }
      throw invalid(value, dataType);
    case 'Date': {
      if (typeof value !== 'string') throw invalid(value, dataType);
      if (value.trim() === '') return null;
      const ms = parseDateText(value) ?? parseDateTimeText(value);
      if (ms === undefined) throw invalid(value, dataType, 'expected YYYY-MM-DD');
      return formatDate(ms);
    }
    case 'DateTime': {
      if (typeof value !== 'string') throw invalid(value, dataType);
      if (value.trim() === '') return null;
      const ms = parseDateTimeText(value);
      if (ms === undefined) throw invalid(value, dataType, 'expected an ISO-8601 date-time');
      return formatDateTime(ms);
    }
    case 'Time': {
      if (typeof value !== 'string') throw invalid(value, dataType);
      if (value.trim() === '') return null;
      let ms = parseTimeText(value);
      if (ms === undefined) {
        const dateTime = parseDateTimeText(value);
        if (dateTime !== undefined && /[T ]/.test(value.trim())) ms = dateTime - startOfUtcDay(dateTime);
      }
      if (ms === undefined) throw invalid(value, dataType, 'expected HH:mm:ss.sss');
      return formatTime(ms);
    }
    case 'SObject': {
      if (!isRecordLike(value)) throw invalid(value, objectType ?? dataType, 'expected a record');
      const attributes = value.attributes ?? null;
      if (objectType !== undefined && !(isRecordLike(attributes) && typeof attributes.type === 'string')) {
        return { ...value, attributes: { type: objectType } };
      }
      return value;
    }
    case 'Apex':
      return value;
  }
}

/**
 * Converts a value to the JSON form of `dataType` (`"42"` → 42 for Number, `"true"` → true,
 * a date-time to its date for Date, a date to midnight UTC for DateTime, numbers rounded half-up
 * to `scale`; `undefined` → null; collections element by element, a single value becoming a
 * one-item collection). Throws `FlowFault('INVALID_TYPE')` naming the value and the type.
 */
export function coerceValue(
  value: FlowValue | undefined,
  dataType: FlowDataType | undefined,
  options?: { isCollection?: boolean; scale?: number; objectType?: string },
): FlowValue {
  if (value === undefined || value === null) return null;
  if (options?.isCollection === true) {
    const items = Array.isArray(value) ? value : [value];
    if (dataType === undefined) return [...items];
    return items.map((item) => coerceScalar(item, dataType, options.scale, options.objectType));
  }
  if (dataType === undefined) return value;
  return coerceScalar(value, dataType, options?.scale, options?.objectType);
}

// ---------------------------------------------------------------------------------------------
// Text rendering
// ---------------------------------------------------------------------------------------------

/**
 * How a value reads in text (merge fields in templates, `&`, a number assigned to a String):
 * null → `''`; booleans `true`/`false`; numbers in plain decimal without trailing zeros; Date
 * `YYYY-MM-DD`; DateTime the stored ISO form `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC: Eddy has no user
 * locale, so it does not imitate Salesforce's locale-formatted display); Time `HH:mm:ss.sss`;
 * a record → its Id (`''` without one); a collection → `[a, b]` with each item rendered the same
 * way; another object (Apex-defined) → its JSON.
 */
export function valueToText(value: FlowValue, dataType?: FlowDataType): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    if (dataType === 'DateTime') {
      const ms = parseDateTimeText(value);
      return ms === undefined ? value : formatDateTime(ms);
    }
    return value;
  }
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((item) => valueToText(item, dataType)).join(', ')}]`;
  if (isFlowRecord(value)) return typeof value.Id === 'string' ? value.Id : '';
  return JSON.stringify(value);
}

function isFlowRecord(value: FlowValue): value is { [key: string]: FlowValue } {
  if (!isRecordLike(value)) return false;
  const attributes = value.attributes ?? null;
  return isRecordLike(attributes) && typeof attributes.type === 'string';
}

/** Whether a value is blank: null, `''` or an empty collection (a string of spaces is not blank). */
export function isBlank(value: FlowValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

// ---------------------------------------------------------------------------------------------
// Equality and order
// ---------------------------------------------------------------------------------------------

type Kind = 'number' | 'boolean' | 'date' | 'dateTime' | 'time' | 'text' | 'record' | 'json';

function kindOfType(dataType: FlowDataType | undefined): Kind | undefined {
  switch (dataType) {
    case undefined:
      return undefined;
    case 'Number':
    case 'Currency':
    case 'Long':
      return 'number';
    case 'Boolean':
      return 'boolean';
    case 'Date':
      return 'date';
    case 'DateTime':
      return 'dateTime';
    case 'Time':
      return 'time';
    case 'String':
    case 'Picklist':
    case 'Multipicklist':
    case 'Stage':
    case 'Reference':
      return 'text';
    case 'SObject':
      return 'record';
    case 'Apex':
      return 'json';
  }
}

function kindOfValue(value: FlowValue): Kind {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') return 'text';
  return isFlowRecord(value) ? 'record' : 'json';
}

/** The kind both sides are compared as: the declared type (left first), else what the values are. */
function comparisonKind(a: TypedValue, b: TypedValue): Kind {
  const left = kindOfType(a.dataType);
  const right = kindOfType(b.dataType);
  if ((left === 'date' && right === 'dateTime') || (left === 'dateTime' && right === 'date')) return 'dateTime';
  if (left !== undefined) return left;
  if (right !== undefined) return right;
  const leftValue = kindOfValue(a.value);
  const rightValue = kindOfValue(b.value);
  if (leftValue === rightValue) return leftValue;
  if (leftValue === 'number' || rightValue === 'number') {
    const other = leftValue === 'number' ? b.value : a.value;
    if (typeof other === 'string' && parseNumberText(other) !== undefined) return 'number';
  }
  if (leftValue === 'record' || rightValue === 'record') return 'record';
  return 'text';
}

function scalarAs(kind: Kind, value: FlowValue): FlowValue | number | undefined {
  try {
    switch (kind) {
      case 'number':
        return coerceScalar(value, 'Number', undefined, undefined);
      case 'boolean':
        return coerceScalar(value, 'Boolean', undefined, undefined);
      case 'date': {
        const text = coerceScalar(value, 'Date', undefined, undefined);
        return typeof text === 'string' ? parseDateText(text) : undefined;
      }
      case 'dateTime':
        return typeof value === 'string' ? parseDateTimeText(value) : undefined;
      case 'time':
        return typeof value === 'string' ? (parseTimeText(value) ?? parseTimeText(String(coerceScalar(value, 'Time', undefined, undefined)))) : undefined;
      case 'text':
        return isFlowRecord(value) ? valueToText(value) : typeof value === 'object' ? undefined : valueToText(value);
      case 'record':
      case 'json':
        return value;
    }
  } catch {
    return undefined;
  }
}

function jsonEqual(a: FlowValue, b: FlowValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i] ?? null));
  }
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
  return keys.length === otherKeys.length && keys.every((key) => jsonEqual(a[key] ?? null, b[key] ?? null));
}

function itemOf(typed: TypedValue, value: FlowValue): TypedValue {
  return { value, dataType: typed.dataType, isCollection: false, objectType: typed.objectType };
}

/**
 * Whether two values are equal as a flow condition sees it: converted to the declared type
 * (the left side's first; "Before values are compared to a text resource, they're converted into
 * string values"), text compared case-sensitively, a 15-character ID equal to its 18-character
 * form, records equal by Id, collections item by item in order. `null` equals only `null`
 * (the empty string is a distinct value at run time).
 */
export function valuesEqual(a: TypedValue, b: TypedValue): boolean {
  if (a.value === null || b.value === null || a.value === undefined || b.value === undefined) {
    return (a.value ?? null) === null && (b.value ?? null) === null;
  }
  if (Array.isArray(a.value) || Array.isArray(b.value)) {
    if (!Array.isArray(a.value) || !Array.isArray(b.value) || a.value.length !== b.value.length) return false;
    const right = b.value;
    return a.value.every((item, i) => valuesEqual(itemOf(a, item), itemOf(b, right[i] ?? null)));
  }
  const kind = comparisonKind(a, b);
  if (kind === 'record') {
    const left = a.value;
    const right = b.value;
    if (isRecordLike(left) && isRecordLike(right) && typeof left.Id === 'string' && typeof right.Id === 'string') return textsEqual(left.Id, right.Id);
    return jsonEqual(left, right);
  }
  const left = scalarAs(kind, a.value);
  const right = scalarAs(kind, b.value);
  if (left === undefined || right === undefined || left === null || right === null) return false;
  if (kind === 'text' && typeof left === 'string' && typeof right === 'string') return textsEqual(left, right);
  if (kind === 'json') return jsonEqual(left, right);
  return left === right;
}

/**
 * Orders two values: negative, zero or positive; `undefined` when either is null or they cannot
 * be compared (records, collections, a value that does not convert). Numbers, dates, date-times
 * (a date counting as its midnight UTC), times and booleans (false first) compare by value; text
 * compares case-insensitively first, then case-sensitively (`apple` < `Banana` < `banana`).
 */
export function compareValues(a: TypedValue, b: TypedValue): number | undefined {
  if (a.value === null || b.value === null || a.value === undefined || b.value === undefined) return undefined;
  if (Array.isArray(a.value) || Array.isArray(b.value)) return undefined;
  const kind = comparisonKind(a, b);
  if (kind === 'record' || kind === 'json') return undefined;
  const left = scalarAs(kind, a.value);
  const right = scalarAs(kind, b.value);
  if (left === undefined || right === undefined || left === null || right === null) return undefined;
  if (typeof left === 'number' && typeof right === 'number') return left === right ? 0 : left < right ? -1 : 1;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  if (typeof left === 'string' && typeof right === 'string') {
    const folded = left.toLowerCase().localeCompare(right.toLowerCase(), 'en');
    if (folded !== 0) return folded;
    return left === right ? 0 : left < right ? -1 : 1;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Assignment operators
// ---------------------------------------------------------------------------------------------

function itemsOf(value: TypedValue): FlowValue[] {
  if (value.value === null || value.value === undefined) return [];
  return Array.isArray(value.value) ? value.value : [value.value];
}

function isCollectionValue(value: TypedValue): boolean {
  return value.isCollection || Array.isArray(value.value);
}

function targetItems(target: TypedValue): FlowValue[] {
  const value = target.value;
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new FlowFault('INVALID_TYPE', `Expected a collection, got ${describe(value)}.`);
  return [...value];
}

function coerceItem(target: TypedValue, item: FlowValue): FlowValue {
  return coerceValue(item, target.dataType, { objectType: target.objectType });
}

function contains(target: TypedValue, items: readonly FlowValue[], item: FlowValue): boolean {
  return items.some((candidate) => valuesEqual(itemOf(target, candidate), itemOf(target, item)));
}

function indexOfItem(target: TypedValue, items: readonly FlowValue[], item: FlowValue): number {
  return items.findIndex((candidate) => valuesEqual(itemOf(target, candidate), itemOf(target, item)));
}

function numberOf(value: TypedValue, what: string): number | null {
  if (value.value === null || value.value === undefined) return null;
  const number = coerceValue(value.value, 'Number');
  if (typeof number !== 'number') throw new FlowFault('INVALID_TYPE', `${what} needs a number, got ${describe(value.value)}.`);
  return number;
}

function addScalar(target: TypedValue, value: TypedValue, sign: 1 | -1): FlowValue {
  const operator = sign === 1 ? 'Add' : 'Subtract';
  switch (target.dataType) {
    case 'Number':
    case 'Currency':
    case 'Long': {
      const current = numberOf(target, operator) ?? 0;
      const amount = numberOf(value, operator) ?? 0;
      return coerceValue(cleanNumber(current + sign * amount), target.dataType);
    }
    case 'Date':
    case 'DateTime': {
      if (target.value === null || target.value === undefined) return null;
      const days = numberOf(value, operator) ?? 0;
      const text = coerceValue(target.value, target.dataType);
      if (typeof text !== 'string') return null;
      if (target.dataType === 'Date') return formatDate((parseDateText(text) ?? 0) + sign * Math.trunc(days) * MS_PER_DAY);
      return formatDateTime((parseDateTimeText(text) ?? 0) + Math.round(sign * days * MS_PER_DAY));
    }
    case 'String':
    case 'Picklist':
    case 'Multipicklist':
    case undefined:
      if (sign === 1 && (target.dataType !== undefined || typeof target.value === 'string' || typeof value.value === 'string')) {
        if ((target.value ?? null) === null && (value.value ?? null) === null) return null;
        return valueToText(target.value ?? null, target.dataType) + valueToText(value.value ?? null, value.dataType);
      }
      if (target.dataType === undefined && typeof target.value === 'number') {
        return cleanNumber(target.value + sign * (numberOf(value, operator) ?? 0));
      }
      throw new FlowFault('INVALID_TYPE', `${operator} does not apply to ${describe(target.value ?? null)}.`);
    case 'Boolean':
    case 'Time':
    case 'SObject':
    case 'Apex':
    case 'Stage':
    case 'Reference':
      throw new FlowFault('INVALID_TYPE', `${operator} does not apply to a ${target.dataType} variable.`);
  }
}

/**
 * Applies an assignment operator and returns the target's new value (inputs are not mutated).
 * - `Assign`: the value converted to the target's type.
 * - `Add`: numbers add (a null target counts as 0), text and picklists concatenate, Date + days,
 *   DateTime + days (fractions allowed); on a collection, adds the item, or every item of a collection.
 * - `Subtract`: numbers, Date/DateTime − days; on a collection, removes every occurrence of the value(s).
 * - `AddItem` (collections; a multi-select picklist gets `;item`), `AddAtStart`, `RemoveFirst`,
 *   `RemoveAll`, `RemoveAfterFirst` (keeps up to and including the first match),
 *   `RemoveBeforeFirst` (keeps from the first match), `RemovePosition` (1-based; out of range
 *   leaves the collection as it is), `RemoveUncommon` (keeps items found in the value),
 *   `AssignCount` (the number of items; null → 0).
 * Type errors throw `FlowFault('INVALID_TYPE')`.
 */
export function applyAssignment(operator: AssignmentOperator, target: TypedValue, value: TypedValue): FlowValue {
  const collection = target.isCollection;
  switch (operator) {
    case 'Assign':
      return coerceValue(value.value ?? null, target.dataType, { isCollection: collection, objectType: target.objectType });
    case 'AssignCount': {
      const count = value.value === null || value.value === undefined ? 0 : Array.isArray(value.value) ? value.value.length : 1;
      return coerceValue(count, target.dataType ?? 'Number');
    }
    case 'Add':
      if (collection) return [...targetItems(target), ...itemsToAdd(target, value)];
      return addScalar(target, value, 1);
    case 'Subtract':
      if (collection) {
        const remove = itemsOf(value);
        return targetItems(target).filter((item) => !contains(target, remove, item));
      }
      return addScalar(target, value, -1);
    case 'AddItem':
      if (collection) return [...targetItems(target), ...itemsToAdd(target, value)];
      if (target.dataType === 'Multipicklist') {
        const current = valueToText(target.value ?? null);
        const item = valueToText(value.value ?? null);
        if (item === '') return target.value ?? null;
        return current === '' ? item : `${current};${item}`;
      }
      throw new FlowFault('INVALID_TYPE', 'AddItem needs a collection or multi-select picklist target.');
    case 'AddAtStart':
      requireCollection(operator, collection);
      return [...itemsToAdd(target, value), ...targetItems(target)];
    case 'RemoveFirst': {
      requireCollection(operator, collection);
      const items = targetItems(target);
      const index = indexOfItem(target, items, value.value ?? null);
      if (index >= 0) items.splice(index, 1);
      return items;
    }
    case 'RemoveAll': {
      requireCollection(operator, collection);
      const remove = isCollectionValue(value) ? itemsOf(value) : [value.value ?? null];
      return targetItems(target).filter((item) => !contains(target, remove, item));
    }
    case 'RemoveAfterFirst': {
      requireCollection(operator, collection);
      const items = targetItems(target);
      const index = indexOfItem(target, items, value.value ?? null);
      return index < 0 ? items : items.slice(0, index + 1);
    }
    case 'RemoveBeforeFirst': {
      requireCollection(operator, collection);
      const items = targetItems(target);
      const index = indexOfItem(target, items, value.value ?? null);
      return index < 0 ? items : items.slice(index);
    }
    case 'RemovePosition': {
      requireCollection(operator, collection);
      const items = targetItems(target);
      const position = numberOf(value, operator);
      if (position !== null && Number.isInteger(position) && position >= 1 && position <= items.length) items.splice(position - 1, 1);
      return items;
    }
    case 'RemoveUncommon': {
      requireCollection(operator, collection);
      const keep = itemsOf(value);
      return targetItems(target).filter((item) => contains(target, keep, item));
    }
  }
}

function requireCollection(operator: AssignmentOperator, collection: boolean): void {
  if (!collection) throw new FlowFault('INVALID_TYPE', `${operator} needs a collection target.`);
}

function itemsToAdd(target: TypedValue, value: TypedValue): FlowValue[] {
  if (isCollectionValue(value)) return itemsOf(value).map((item) => coerceItem(target, item));
  return [coerceItem(target, value.value ?? null)];
}
