// Over 400 lines: the formula function library, one short entry per Salesforce function.
/**
 * The formula functions Eddy evaluates, with Salesforce semantics: blank arguments give blank
 * results (text functions return null for a null text, `LEN(null)` is 0), text comparisons are
 * case-sensitive, dates are UTC, `TODAY()`/`NOW()` read the time passed in, never the clock.
 *
 * `ISCHANGED` and `PRIORVALUE` need their argument's reference, not its value: the evaluator
 * (`formula.ts`) handles them.
 */
import {
  FALSE,
  FormulaError,
  NULL,
  TRUE,
  boolean,
  date,
  dateMsOf,
  dateTime,
  number,
  text,
  textOf,
  time,
  typeName,
} from './formula-value.js';
import type { FormulaValue } from './formula-value.js';
import { formulaEquals, truthOf } from './formula-operators.js';
import {
  caseSafeId,
  cleanNumber,
  parseDateText,
  parseDateTimeText,
  parseNumberText,
  parseTimeText,
  roundHalfUp,
  startOfUtcDay,
} from '../values.js';

const MS_PER_DAY = 86_400_000;

/** What functions see of the evaluation: the current time, record context for `ISNEW`. */
export interface FormulaEnv {
  /** The evaluation's current time, epoch ms (from `context.now`). */
  now(): number;
  /** Whether the record being evaluated is new (`ISNEW()`). */
  isNew(): boolean;
  /** The value of the formula's reference number `index`. */
  reference(index: number): FormulaValue;
  /** Its prior value (record updates), `undefined` when there is none. */
  prior(index: number): FormulaValue | undefined;
}

/** A compiled sub-expression. */
export type Thunk = (env: FormulaEnv) => FormulaValue;

/** A function: eager ones get evaluated arguments, lazy ones (IF, CASE, AND, OR, BLANKVALUE...) get thunks. */
export type FormulaFunction =
  | { readonly lazy: false; readonly apply: (args: readonly FormulaValue[], env: FormulaEnv) => FormulaValue }
  | { readonly lazy: true; readonly apply: (args: readonly Thunk[], env: FormulaEnv) => FormulaValue };

// ---------------------------------------------------------------------------------------------
// Argument helpers
// ---------------------------------------------------------------------------------------------

function wrongArgument(fn: string, expected: string, value: FormulaValue): FormulaError {
  return new FormulaError(`${fn}() expects ${expected}, got ${typeName(value)}.`);
}

function arg(args: readonly FormulaValue[], index: number): FormulaValue {
  return args[index] ?? NULL;
}

/** Text of an argument (numbers, dates... converted as `TEXT()` does); `undefined` for null. */
function textArg(args: readonly FormulaValue[], index: number): string | undefined {
  return textOf(arg(args, index));
}

function numberArg(fn: string, args: readonly FormulaValue[], index: number): number | undefined {
  const value = arg(args, index);
  switch (value.type) {
    case 'null':
      return undefined;
    case 'number':
      return value.value;
    case 'text': {
      if (value.value.trim() === '') return undefined;
      const parsed = parseNumberText(value.value);
      if (parsed !== undefined) return parsed;
      break;
    }
    case 'boolean':
    case 'date':
    case 'dateTime':
    case 'time':
    case 'other':
      break;
  }
  throw wrongArgument(fn, 'a number', value);
}

/** A date argument as midnight UTC; a date-time counts as its UTC day. */
function dayArg(fn: string, args: readonly FormulaValue[], index: number): number | undefined {
  const value = arg(args, index);
  const ms = dateMsOf(value);
  if (ms === undefined) throw wrongArgument(fn, 'a date', value);
  return ms === null ? undefined : startOfUtcDay(ms);
}

/** Milliseconds since midnight of a time or (UTC) date-time argument. */
function timeOfDayArg(fn: string, args: readonly FormulaValue[], index: number): number | undefined {
  const value = arg(args, index);
  switch (value.type) {
    case 'null':
      return undefined;
    case 'time':
      return value.value;
    case 'dateTime':
      return value.value - startOfUtcDay(value.value);
    case 'text': {
      const ms = parseTimeText(value.value);
      if (ms !== undefined) return ms;
      const instant = parseDateTimeText(value.value);
      if (instant !== undefined) return instant - startOfUtcDay(instant);
      break;
    }
    case 'number':
    case 'boolean':
    case 'date':
    case 'other':
      break;
  }
  throw wrongArgument(fn, 'a time or date-time', value);
}

function isBlankValue(value: FormulaValue): boolean {
  return value.type === 'null' || (value.type === 'text' && value.value === '') || (value.type === 'other' && Array.isArray(value.value) && value.value.length === 0);
}

function eager(apply: (args: readonly FormulaValue[], env: FormulaEnv) => FormulaValue): FormulaFunction {
  return { lazy: false, apply };
}

function lazy(apply: (args: readonly Thunk[], env: FormulaEnv) => FormulaValue): FormulaFunction {
  return { lazy: true, apply };
}

/** A text function of one text argument: null in, null out. */
function textFunction(transform: (value: string) => string): FormulaFunction {
  return eager((args) => {
    const value = textArg(args, 0);
    return value === undefined ? NULL : text(transform(value));
  });
}

/** A number function of one argument: null in, null out. */
function mathFunction(name: string, transform: (value: number) => number): FormulaFunction {
  return eager((args) => {
    const value = numberArg(name, args, 0);
    return value === undefined ? NULL : number(cleanNumber(transform(value)));
  });
}

function utcParts(ms: number): Date {
  return new Date(ms);
}

// ---------------------------------------------------------------------------------------------
// Encoders
// ---------------------------------------------------------------------------------------------

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes `& < > " '`. */
export function htmlEncode(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

function jsEncode(value: string): string {
  return value.replace(/[\\'"\n\r\t\u2028\u2029<>]/g, (c) => {
    switch (c) {
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      case '\u2028':
        return '\\u2028';
      case '\u2029':
        return '\\u2029';
      case '<':
        return '\\u003C';
      case '>':
        return '\\u003E';
      default:
        return `\\${c}`;
    }
  });
}

function urlEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function initCap(value: string): string {
  return value.toLowerCase().replace(/(^|\s)(\S)/g, (_match, space: string, first: string) => space + first.toUpperCase());
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/**
 * Salesforce `ADDMONTHS`: the same day of the month `months` later; when the day does not exist
 * in the target month, or the start date is the last day of its month, the target month's last day.
 */
function addMonths(ms: number, months: number): number {
  const start = utcParts(ms);
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth();
  const day = start.getUTCDate();
  const targetMonth = month + Math.trunc(months);
  const targetYear = year + Math.floor(targetMonth / 12);
  const targetIndex = ((targetMonth % 12) + 12) % 12;
  const lastDay = daysInMonth(targetYear, targetIndex);
  const newDay = day === daysInMonth(year, month) ? lastDay : Math.min(day, lastDay);
  return Date.UTC(targetYear, targetIndex, newDay) + (ms - startOfUtcDay(ms));
}

/** ISO-8601 week and week-based year of a day. */
function isoWeek(day: number): { week: number; year: number } {
  const weekday = (utcParts(day).getUTCDay() + 6) % 7;
  const thursday = day + (3 - weekday) * MS_PER_DAY;
  const year = utcParts(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / MS_PER_DAY / 7);
  return { week, year };
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

function formatDuration(totalSeconds: number, includeDays: boolean): string {
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.abs(Math.round(totalSeconds));
  const seconds = rest % 60;
  rest = Math.floor(rest / 60);
  const minutes = rest % 60;
  const hours = Math.floor(rest / 60);
  if (!includeDays) return `${sign}${twoDigits(hours)}:${twoDigits(minutes)}:${twoDigits(seconds)}`;
  return `${sign}${Math.floor(hours / 24)}:${twoDigits(hours % 24)}:${twoDigits(minutes)}:${twoDigits(seconds)}`;
}

const regexCache = new Map<string, RegExp>();

function fullMatchRegex(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    try {
      regex = new RegExp(`^(?:${pattern})$`, 's');
    } catch (error) {
      throw new FormulaError(`REGEX() pattern ${JSON.stringify(pattern)} is invalid: ${(error as Error).message}`);
    }
    if (regexCache.size > 500) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  return regex;
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

const entries: readonly (readonly [string, FormulaFunction])[] = [
  // Logical
  ['IF', lazy(([test, then, otherwise], env) => (truthOf(test?.(env) ?? NULL, 'IF()') ? (then?.(env) ?? NULL) : (otherwise?.(env) ?? NULL)))],
  ['AND', lazy((args, env) => (args.every((item) => truthOf(item(env), 'AND()')) ? TRUE : FALSE))],
  ['OR', lazy((args, env) => (args.some((item) => truthOf(item(env), 'OR()')) ? TRUE : FALSE))],
  ['NOT', eager((args) => (truthOf(arg(args, 0), 'NOT()') ? FALSE : TRUE))],
  [
    'CASE',
    lazy((args, env) => {
      const subject = args[0]?.(env) ?? NULL;
      const last = args.length - 1;
      for (let i = 1; i < last; i += 2) {
        if (formulaEquals(subject, args[i]?.(env) ?? NULL)) return args[i + 1]?.(env) ?? NULL;
      }
      return args[last]?.(env) ?? NULL;
    }),
  ],
  [
    'BLANKVALUE',
    lazy(([value, substitute], env) => {
      const result = value?.(env) ?? NULL;
      return isBlankValue(result) ? (substitute?.(env) ?? NULL) : result;
    }),
  ],
  [
    'NULLVALUE',
    lazy(([value, substitute], env) => {
      const result = value?.(env) ?? NULL;
      return result.type === 'null' ? (substitute?.(env) ?? NULL) : result;
    }),
  ],
  ['ISBLANK', eager((args) => boolean(isBlankValue(arg(args, 0))))],
  ['ISNULL', eager((args) => boolean(arg(args, 0).type === 'null'))],
  [
    'ISNUMBER',
    eager((args) => {
      const value = arg(args, 0);
      return boolean(value.type === 'number' || (value.type === 'text' && parseNumberText(value.value) !== undefined));
    }),
  ],
  ['ISNEW', eager((_args, env) => boolean(env.isNew()))],

  // Text
  [
    'BEGINS',
    eager((args) => {
      const prefix = textArg(args, 1) ?? '';
      const value = textArg(args, 0);
      return boolean(prefix === '' || (value !== undefined && value.startsWith(prefix)));
    }),
  ],
  ['BR', eager(() => text('\n'))],
  [
    'CASESAFEID',
    eager((args) => {
      const id = textArg(args, 0);
      if (id === undefined) return NULL;
      return text(id.length === 15 || id.length === 18 ? caseSafeId(id.slice(0, 15)) : id);
    }),
  ],
  [
    'CONTAINS',
    eager((args) => {
      const part = textArg(args, 1) ?? '';
      const value = textArg(args, 0);
      return boolean(part === '' || (value !== undefined && value.includes(part)));
    }),
  ],
  [
    'FIND',
    eager((args) => {
      const search = textArg(args, 0) ?? '';
      const value = textArg(args, 1);
      const start = args.length > 2 ? (numberArg('FIND', args, 2) ?? 1) : 1;
      if (search === '' || value === undefined || start < 1 || start > value.length) return number(0);
      return number(value.indexOf(search, Math.trunc(start) - 1) + 1);
    }),
  ],
  ['HTMLENCODE', textFunction(htmlEncode)],
  ['JSENCODE', textFunction(jsEncode)],
  ['JSINHTMLENCODE', textFunction((value) => htmlEncode(jsEncode(value)))],
  ['URLENCODE', textFunction(urlEncode)],
  ['INITCAP', textFunction(initCap)],
  ['REVERSE', textFunction((value) => [...value].reverse().join(''))],
  ['TRIM', textFunction((value) => value.trim())],
  ['LOWER', textFunction((value) => value.toLowerCase())],
  ['UPPER', textFunction((value) => value.toUpperCase())],
  [
    'HYPERLINK',
    eager((args) => {
      const url = textArg(args, 0) ?? '';
      const label = textArg(args, 1) ?? url;
      const target = textArg(args, 2);
      const targetAttribute = target === undefined || target === '' ? '' : ` target="${htmlEncode(target)}"`;
      return text(`<a href="${htmlEncode(url)}"${targetAttribute}>${htmlEncode(label)}</a>`);
    }),
  ],
  [
    'IMAGE',
    eager((args) => {
      const url = textArg(args, 0) ?? '';
      const alt = textArg(args, 1) ?? '';
      const height = args.length > 2 ? numberArg('IMAGE', args, 2) : undefined;
      const width = args.length > 3 ? numberArg('IMAGE', args, 3) : undefined;
      const size = `${height === undefined ? '' : ` height="${height}"`}${width === undefined ? '' : ` width="${width}"`}`;
      return text(`<img src="${htmlEncode(url)}" alt="${htmlEncode(alt)}"${size} border="0"/>`);
    }),
  ],
  [
    'INCLUDES',
    eager((args) => {
      const selected = textArg(args, 0);
      const item = textArg(args, 1);
      if (selected === undefined || item === undefined || item === '') return FALSE;
      return boolean(selected.split(';').some((choice) => choice.trim() === item.trim()));
    }),
  ],
  ['ISPICKVAL', eager((args) => boolean((textArg(args, 0) ?? '') === (textArg(args, 1) ?? '')))],
  [
    'LEFT',
    eager((args) => {
      const value = textArg(args, 0);
      const count = numberArg('LEFT', args, 1);
      if (value === undefined) return NULL;
      return text(value.slice(0, Math.max(0, Math.trunc(count ?? 0))));
    }),
  ],
  [
    'RIGHT',
    eager((args) => {
      const value = textArg(args, 0);
      const count = Math.max(0, Math.trunc(numberArg('RIGHT', args, 1) ?? 0));
      if (value === undefined) return NULL;
      return text(count === 0 ? '' : value.slice(-count));
    }),
  ],
  [
    'MID',
    eager((args) => {
      const value = textArg(args, 0);
      const start = Math.max(1, Math.trunc(numberArg('MID', args, 1) ?? 1));
      const count = Math.max(0, Math.trunc(numberArg('MID', args, 2) ?? 0));
      if (value === undefined) return NULL;
      return text(value.slice(start - 1, start - 1 + count));
    }),
  ],
  ['LEN', eager((args) => number((textArg(args, 0) ?? '').length))],
  [
    'LPAD',
    eager((args) => {
      const value = textArg(args, 0) ?? '';
      const length = numberArg('LPAD', args, 1);
      if (length === undefined) return NULL;
      const size = Math.max(0, Math.trunc(length));
      const padding = args.length > 2 ? (textArg(args, 2) ?? '') : ' ';
      if (value.length >= size || padding === '') return text(value.slice(0, size));
      const needed = size - value.length;
      return text(padding.repeat(Math.ceil(needed / padding.length)).slice(0, needed) + value);
    }),
  ],
  [
    'RPAD',
    eager((args) => {
      const value = textArg(args, 0) ?? '';
      const length = numberArg('RPAD', args, 1);
      if (length === undefined) return NULL;
      const size = Math.max(0, Math.trunc(length));
      const padding = args.length > 2 ? (textArg(args, 2) ?? '') : ' ';
      if (value.length >= size || padding === '') return text(value.slice(0, size));
      const needed = size - value.length;
      return text(value + padding.repeat(Math.ceil(needed / padding.length)).slice(0, needed));
    }),
  ],
  [
    'SUBSTITUTE',
    eager((args) => {
      const value = textArg(args, 0);
      const search = textArg(args, 1) ?? '';
      const replacement = textArg(args, 2) ?? '';
      if (value === undefined) return NULL;
      return text(search === '' ? value : value.split(search).join(replacement));
    }),
  ],
  [
    'TEXT',
    eager((args) => {
      const value = arg(args, 0);
      if (value.type === 'other' && Array.isArray(value.value)) throw wrongArgument('TEXT', 'a single value', value);
      const result = textOf(value);
      return result === undefined ? NULL : text(result);
    }),
  ],
  [
    'VALUE',
    eager((args) => {
      const value = arg(args, 0);
      if (value.type === 'number' || value.type === 'null') return value;
      const source = textOf(value) ?? '';
      if (source.trim() === '') return NULL;
      const parsed = parseNumberText(source);
      if (parsed === undefined) throw new FormulaError(`VALUE() cannot convert ${JSON.stringify(source)} to a number.`);
      return number(parsed);
    }),
  ],
  [
    'REGEX',
    eager((args) => {
      const pattern = textArg(args, 1);
      if (pattern === undefined) return FALSE;
      return boolean(fullMatchRegex(pattern).test(textArg(args, 0) ?? ''));
    }),
  ],

  // Math
  ['ABS', mathFunction('ABS', Math.abs)],
  ['CEILING', mathFunction('CEILING', (value) => (value < 0 ? -Math.ceil(-value) : Math.ceil(value)))],
  ['FLOOR', mathFunction('FLOOR', (value) => (value < 0 ? -Math.floor(-value) : Math.floor(value)))],
  ['MCEILING', mathFunction('MCEILING', Math.ceil)],
  ['MFLOOR', mathFunction('MFLOOR', Math.floor)],
  ['EXP', mathFunction('EXP', Math.exp)],
  [
    'LN',
    mathFunction('LN', (value) => {
      if (value <= 0) throw new FormulaError('LN() needs a positive number.');
      return Math.log(value);
    }),
  ],
  [
    'LOG',
    mathFunction('LOG', (value) => {
      if (value <= 0) throw new FormulaError('LOG() needs a positive number.');
      return Math.log10(value);
    }),
  ],
  [
    'SQRT',
    mathFunction('SQRT', (value) => {
      if (value < 0) throw new FormulaError('SQRT() needs a number that is not negative.');
      return Math.sqrt(value);
    }),
  ],
  [
    'MOD',
    eager((args) => {
      const value = numberArg('MOD', args, 0);
      const divisor = numberArg('MOD', args, 1);
      if (value === undefined || divisor === undefined) return NULL;
      if (divisor === 0) throw new FormulaError('MOD() divisor is zero.');
      return number(cleanNumber(value % divisor));
    }),
  ],
  [
    'ROUND',
    eager((args) => {
      const value = numberArg('ROUND', args, 0);
      const digits = numberArg('ROUND', args, 1);
      if (value === undefined || digits === undefined) return NULL;
      return number(roundHalfUp(value, digits));
    }),
  ],
  [
    'MAX',
    eager((args) => {
      const values = args.map((_value, i) => numberArg('MAX', args, i));
      return values.some((value) => value === undefined) ? NULL : number(Math.max(...(values as number[])));
    }),
  ],
  [
    'MIN',
    eager((args) => {
      const values = args.map((_value, i) => numberArg('MIN', args, i));
      return values.some((value) => value === undefined) ? NULL : number(Math.min(...(values as number[])));
    }),
  ],

  // Dates and times
  ['TODAY', eager((_args, env) => date(env.now()))],
  ['NOW', eager((_args, env) => dateTime(env.now()))],
  ['TIMENOW', eager((_args, env) => time(env.now() - startOfUtcDay(env.now())))],
  [
    'DATE',
    eager((args) => {
      const year = numberArg('DATE', args, 0);
      const month = numberArg('DATE', args, 1);
      const day = numberArg('DATE', args, 2);
      if (year === undefined || month === undefined || day === undefined) return NULL;
      const ms = parseDateText(`${String(Math.trunc(year)).padStart(4, '0')}-${twoDigits(Math.trunc(month))}-${twoDigits(Math.trunc(day))}`);
      if (ms === undefined) throw new FormulaError(`DATE(${year}, ${month}, ${day}) is not a valid date.`);
      return date(ms);
    }),
  ],
  [
    'DATEVALUE',
    eager((args) => {
      const value = arg(args, 0);
      const ms = dateMsOf(value);
      if (ms === undefined) {
        throw value.type === 'text' ? new FormulaError(`DATEVALUE() cannot convert ${JSON.stringify(value.value)} to a date.`) : wrongArgument('DATEVALUE', 'a date', value);
      }
      return ms === null ? NULL : date(ms);
    }),
  ],
  [
    'DATETIMEVALUE',
    eager((args) => {
      const value = arg(args, 0);
      const ms = dateMsOf(value);
      if (ms === undefined) {
        throw value.type === 'text' ? new FormulaError(`DATETIMEVALUE() cannot convert ${JSON.stringify(value.value)} to a date-time.`) : wrongArgument('DATETIMEVALUE', 'a date or text', value);
      }
      return ms === null ? NULL : dateTime(ms);
    }),
  ],
  [
    'TIMEVALUE',
    eager((args) => {
      const value = arg(args, 0);
      if (value.type === 'text' && value.value.trim() === '') return NULL;
      const ms = timeOfDayArg('TIMEVALUE', args, 0);
      return ms === undefined ? NULL : time(ms);
    }),
  ],
  [
    'DAY',
    eager((args) => {
      const day = dayArg('DAY', args, 0);
      return day === undefined ? NULL : number(utcParts(day).getUTCDate());
    }),
  ],
  [
    'MONTH',
    eager((args) => {
      const day = dayArg('MONTH', args, 0);
      return day === undefined ? NULL : number(utcParts(day).getUTCMonth() + 1);
    }),
  ],
  [
    'YEAR',
    eager((args) => {
      const day = dayArg('YEAR', args, 0);
      return day === undefined ? NULL : number(utcParts(day).getUTCFullYear());
    }),
  ],
  [
    'WEEKDAY',
    eager((args) => {
      const day = dayArg('WEEKDAY', args, 0);
      return day === undefined ? NULL : number(utcParts(day).getUTCDay() + 1);
    }),
  ],
  [
    'DAYOFYEAR',
    eager((args) => {
      const day = dayArg('DAYOFYEAR', args, 0);
      if (day === undefined) return NULL;
      return number(Math.round((day - Date.UTC(utcParts(day).getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1);
    }),
  ],
  [
    'ISOWEEK',
    eager((args) => {
      const day = dayArg('ISOWEEK', args, 0);
      return day === undefined ? NULL : number(isoWeek(day).week);
    }),
  ],
  [
    'ISOYEAR',
    eager((args) => {
      const day = dayArg('ISOYEAR', args, 0);
      return day === undefined ? NULL : number(isoWeek(day).year);
    }),
  ],
  [
    'HOUR',
    eager((args) => {
      const ms = timeOfDayArg('HOUR', args, 0);
      return ms === undefined ? NULL : number(Math.floor(ms / 3_600_000));
    }),
  ],
  [
    'MINUTE',
    eager((args) => {
      const ms = timeOfDayArg('MINUTE', args, 0);
      return ms === undefined ? NULL : number(Math.floor(ms / 60_000) % 60);
    }),
  ],
  [
    'SECOND',
    eager((args) => {
      const ms = timeOfDayArg('SECOND', args, 0);
      return ms === undefined ? NULL : number(Math.floor(ms / 1000) % 60);
    }),
  ],
  [
    'MILLISECOND',
    eager((args) => {
      const ms = timeOfDayArg('MILLISECOND', args, 0);
      return ms === undefined ? NULL : number(ms % 1000);
    }),
  ],
  [
    'ADDMONTHS',
    eager((args) => {
      const value = arg(args, 0);
      const months = numberArg('ADDMONTHS', args, 1);
      if (value.type === 'null' || months === undefined) return NULL;
      if (value.type === 'dateTime') return dateTime(addMonths(value.value, months));
      const day = dayArg('ADDMONTHS', args, 0);
      return day === undefined ? NULL : date(addMonths(day, months));
    }),
  ],
  [
    'UNIXTIMESTAMP',
    eager((args) => {
      const value = arg(args, 0);
      switch (value.type) {
        case 'null':
          return NULL;
        case 'date':
        case 'dateTime':
        case 'time':
          return number(Math.floor(value.value / 1000));
        case 'text': {
          const ms = parseDateTimeText(value.value);
          if (ms !== undefined) return number(Math.floor(ms / 1000));
          break;
        }
        case 'number':
        case 'boolean':
        case 'other':
          break;
      }
      throw wrongArgument('UNIXTIMESTAMP', 'a date, date-time or time', value);
    }),
  ],
  [
    'FROMUNIXTIME',
    eager((args) => {
      const seconds = numberArg('FROMUNIXTIME', args, 0);
      return seconds === undefined ? NULL : dateTime(seconds * 1000);
    }),
  ],
  [
    'FORMATDURATION',
    eager((args) => {
      const first = arg(args, 0);
      const second = arg(args, 1);
      if (first.type === 'null') return NULL;
      if (first.type === 'number' || first.type === 'text') {
        const seconds = numberArg('FORMATDURATION', args, 0);
        if (seconds === undefined) return NULL;
        return text(formatDuration(seconds, args.length > 1 && truthOf(second, 'FORMATDURATION()')));
      }
      if (second.type === 'null') return NULL;
      if (first.type === 'time' && second.type === 'time') return text(formatDuration((second.value - first.value) / 1000, false));
      if ((first.type === 'date' || first.type === 'dateTime') && (second.type === 'date' || second.type === 'dateTime')) {
        return text(formatDuration((second.value - first.value) / 1000, true));
      }
      throw new FormulaError(`FORMATDURATION() expects seconds, two times or two date-times, got ${typeName(first)} and ${typeName(second)}.`);
    }),
  ],
];

/** The functions Eddy evaluates, by upper-case name (`ISCHANGED` and `PRIORVALUE` are handled by the evaluator). */
export const FORMULA_FUNCTIONS: ReadonlyMap<string, FormulaFunction> = new Map(entries);

/** Functions whose result is HTML (display code must sanitise it rather than show it as text). */
export const HTML_FORMULA_FUNCTIONS: ReadonlySet<string> = new Set(['HYPERLINK', 'IMAGE']);
