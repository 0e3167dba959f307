/**
 * The values a formula computes with: typed, with dates as numbers (epoch ms) so arithmetic is
 * cheap, and conversions from resolved flow values and back to the formula's declared type.
 */
import type { FlowDataType } from '../../flow-model/index.js';
import type { FlowValue } from '../protocol.js';
import type { TypedValue } from '../typed-value.js';
import { formatDate, formatDateTime, formatNumber, formatTime, parseDateText, parseDateTimeText, parseNumberText, parseTimeText, roundHalfUp, startOfUtcDay, valueToText } from '../values.js';

/** A value inside formula evaluation. Date: midnight UTC in epoch ms; DateTime: epoch ms; Time: ms since midnight. */
export type FormulaValue =
  | { readonly type: 'null' }
  | { readonly type: 'text'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'date'; readonly value: number }
  | { readonly type: 'dateTime'; readonly value: number }
  | { readonly type: 'time'; readonly value: number }
  /** A record, an Apex-defined object or a collection: passed through, rendered as text when needed. */
  | { readonly type: 'other'; readonly value: FlowValue };

/** An error inside a formula; the evaluator turns it into `FlowFault('FORMULA_ERROR')` naming the formula. */
export class FormulaError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FormulaError';
  }
}

/** The null value. */
export const NULL: FormulaValue = { type: 'null' };
/** The Boolean constants. */
export const TRUE: FormulaValue = { type: 'boolean', value: true };
export const FALSE: FormulaValue = { type: 'boolean', value: false };

/** A text value. */
export function text(value: string): FormulaValue {
  return { type: 'text', value };
}

/** A number value; NaN and infinities are formula errors. */
export function number(value: number): FormulaValue {
  if (!Number.isFinite(value)) throw new FormulaError('The result is not a finite number.');
  return { type: 'number', value: value === 0 ? 0 : value };
}

/** A Boolean value. */
export function boolean(value: boolean): FormulaValue {
  return value ? TRUE : FALSE;
}

/** A date value from any instant of its UTC day. */
export function date(ms: number): FormulaValue {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new FormulaError('The date is out of range.');
  return { type: 'date', value: startOfUtcDay(ms) };
}

/** A date-time value. */
export function dateTime(ms: number): FormulaValue {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) throw new FormulaError('The date-time is out of range.');
  return { type: 'dateTime', value: Math.round(ms) };
}

/** A time value, wrapped into one day. */
export function time(msOfDay: number): FormulaValue {
  const day = 86_400_000;
  return { type: 'time', value: ((Math.round(msOfDay) % day) + day) % day };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function fromScalar(value: FlowValue, dataType: FlowDataType | undefined): FormulaValue {
  if (value === null || value === undefined) return NULL;
  switch (dataType) {
    case 'Number':
    case 'Currency':
    case 'Long': {
      if (typeof value === 'number') return number(value);
      if (typeof value === 'string') {
        if (value.trim() === '') return NULL;
        const parsed = parseNumberText(value);
        if (parsed !== undefined) return number(parsed);
      }
      throw new FormulaError(`${JSON.stringify(value)} is not a number.`);
    }
    case 'Boolean':
      if (typeof value === 'boolean') return boolean(value);
      if (value === 'true' || value === 'false') return boolean(value === 'true');
      throw new FormulaError(`${JSON.stringify(value)} is not a Boolean.`);
    case 'Date': {
      const ms = typeof value === 'string' ? (parseDateText(value) ?? parseDateTimeText(value)) : undefined;
      if (ms === undefined) throw new FormulaError(`${JSON.stringify(value)} is not a date.`);
      return date(ms);
    }
    case 'DateTime': {
      const ms = typeof value === 'string' ? parseDateTimeText(value) : undefined;
      if (ms === undefined) throw new FormulaError(`${JSON.stringify(value)} is not a date-time.`);
      return dateTime(ms);
    }
    case 'Time': {
      const ms = typeof value === 'string' ? parseTimeText(value) : undefined;
      if (ms === undefined) throw new FormulaError(`${JSON.stringify(value)} is not a time.`);
      return time(ms);
    }
    case 'String':
    case 'Picklist':
    case 'Multipicklist':
    case 'Stage':
    case 'Reference':
      return typeof value === 'object' ? { type: 'other', value } : text(valueToText(value));
    case 'SObject':
    case 'Apex':
      return { type: 'other', value };
    case undefined:
      return inferred(value);
  }
}

/**
 * A value of unknown type (record fields, which carry no schema): JSON numbers and booleans are
 * what they are; strings in strict ISO date or date-time form are taken as dates so that
 * `{!$Record.CloseDate} + 5` works; other strings are text.
 */
function inferred(value: FlowValue): FormulaValue {
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return boolean(value);
  if (typeof value === 'string') {
    if (ISO_DATE.test(value)) {
      const ms = parseDateText(value);
      if (ms !== undefined) return date(ms);
    } else if (ISO_DATE_TIME.test(value)) {
      const ms = parseDateTimeText(value);
      if (ms !== undefined) return dateTime(ms);
    }
    return text(value);
  }
  return value === null ? NULL : { type: 'other', value };
}

/** The formula value of a resolved flow value. */
export function fromTyped(typed: TypedValue): FormulaValue {
  if (typed.isCollection || Array.isArray(typed.value)) {
    return typed.value === null || typed.value === undefined ? NULL : { type: 'other', value: typed.value };
  }
  return fromScalar(typed.value, typed.dataType);
}

/** The flow value of a formula value of known type (for `ISCHANGED` comparisons and results). */
export function toFlowValue(value: FormulaValue): FlowValue {
  switch (value.type) {
    case 'null':
      return null;
    case 'text':
    case 'number':
    case 'boolean':
      return value.value;
    case 'date':
      return formatDate(value.value);
    case 'dateTime':
      return formatDateTime(value.value);
    case 'time':
      return formatTime(value.value);
    case 'other':
      return value.value;
  }
}

/**
 * Text of a value inside a formula, as `TEXT()` writes it: numbers in plain decimal, dates
 * `YYYY-MM-DD`, date-times `YYYY-MM-DD HH:mm:ssZ` (UTC), times `HH:mm:ss.sssZ`, Booleans
 * `true`/`false`, records their Id; `undefined` for null.
 */
export function textOf(value: FormulaValue): string | undefined {
  switch (value.type) {
    case 'null':
      return undefined;
    case 'text':
      return value.value;
    case 'number':
      return formatNumber(value.value);
    case 'boolean':
      return value.value ? 'true' : 'false';
    case 'date':
      return formatDate(value.value);
    case 'dateTime':
      return `${formatDateTime(value.value).slice(0, 19).replace('T', ' ')}Z`;
    case 'time':
      return `${formatTime(value.value)}Z`;
    case 'other':
      return valueToText(value.value);
  }
}

/**
 * Epoch ms of a date, a date-time, or a text either can be read from (a bare date is midnight UTC,
 * an offset is applied, no zone means UTC); date callers take the UTC day of it. `null` for a null
 * or blank value, `undefined` for one that is no date, so that each caller words its own error.
 */
export function dateMsOf(value: FormulaValue): number | null | undefined {
  switch (value.type) {
    case 'null':
      return null;
    case 'date':
    case 'dateTime':
      return value.value;
    case 'text':
      return value.value.trim() === '' ? null : parseDateTimeText(value.value);
    case 'number':
    case 'boolean':
    case 'time':
    case 'other':
      return undefined;
  }
}

/** Name of a value's type, for messages. */
export function typeName(value: FormulaValue): string {
  switch (value.type) {
    case 'null':
      return 'null';
    case 'text':
      return 'Text';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Boolean';
    case 'date':
      return 'Date';
    case 'dateTime':
      return 'DateTime';
    case 'time':
      return 'Time';
    case 'other':
      return Array.isArray(value.value) ? 'Collection' : 'Record';
  }
}

/**
 * Converts a formula's result to its declared type, numbers rounded half-up to `scale`.
 * A null Boolean result is `false` (a checkbox formula is never null).
 */
export function toResult(value: FormulaValue, returnType: FlowDataType, scale: number | undefined): FlowValue {
  switch (returnType) {
    case 'String':
    case 'Picklist':
    case 'Multipicklist':
    case 'Stage':
    case 'Reference':
      return textOf(value) ?? null;
    case 'Number':
    case 'Currency':
    case 'Long': {
      if (value.type === 'null') return null;
      let result: number | undefined;
      if (value.type === 'number') result = value.value;
      else if (value.type === 'text') result = value.value.trim() === '' ? undefined : parseNumberText(value.value);
      if (result === undefined) {
        if (value.type === 'text' && value.value.trim() === '') return null;
        throw new FormulaError(`The result ${JSON.stringify(toFlowValue(value))} is not a number.`);
      }
      if (returnType === 'Long') return roundHalfUp(result, 0);
      return scale === undefined ? result : roundHalfUp(result, scale);
    }
    case 'Boolean':
      if (value.type === 'null') return false;
      if (value.type === 'boolean') return value.value;
      if (value.type === 'text' && (value.value === 'true' || value.value === 'false')) return value.value === 'true';
      throw new FormulaError(`The result ${JSON.stringify(toFlowValue(value))} is not a Boolean.`);
    case 'Date': {
      const ms = dateMsOf(value);
      if (ms === undefined) throw new FormulaError(`The result ${JSON.stringify(toFlowValue(value))} is not a date.`);
      return ms === null ? null : formatDate(ms);
    }
    case 'DateTime': {
      const ms = dateMsOf(value);
      if (ms === undefined) throw new FormulaError(`The result ${JSON.stringify(toFlowValue(value))} is not a date-time.`);
      return ms === null ? null : formatDateTime(ms);
    }
    case 'Time':
      switch (value.type) {
        case 'null':
          return null;
        case 'time':
          return formatTime(value.value);
        case 'dateTime':
          return formatTime(value.value - startOfUtcDay(value.value));
        case 'text': {
          if (value.value.trim() === '') return null;
          const ms = parseTimeText(value.value);
          if (ms !== undefined) return formatTime(ms);
          break;
        }
        case 'number':
        case 'boolean':
        case 'date':
        case 'other':
          break;
      }
      throw new FormulaError(`The result ${JSON.stringify(toFlowValue(value))} is not a time.`);
    case 'SObject':
    case 'Apex':
      return toFlowValue(value);
  }
}
