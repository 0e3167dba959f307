/**
 * SOQL's relative date literals (`TODAY`, `LAST_N_DAYS:30`, `THIS_QUARTER`, ...) as ranges of
 * calendar days in the viewer's time zone, as Salesforce evaluates them. A range is half-open:
 * `[start, end)`. Weeks start on Sunday (the `en_US` locale); the fiscal year is the calendar year
 * (Salesforce's default fiscal year starts in January). Time is passed in, never read here.
 *
 * Salesforce's definitions: `LAST_N_DAYS:n` runs from n days ago through the end of today (today
 * included); `NEXT_N_DAYS:n` starts tomorrow and runs n days; `LAST_N_WEEKS/MONTHS/QUARTERS/YEARS:n`
 * are the n whole units before the current one; `NEXT_N_…:n` the n whole units after it;
 * `N_…_AGO:n` the single unit n units back.
 */
import { MalformedQueryError } from '../../runtime/index.js';

/** Calendar days `[start, end)` as `YYYY-MM-DD`. */
export interface DateRange {
  readonly start: string;
  readonly end: string;
}

type Unit = 'day' | 'week' | 'month' | 'quarter' | 'year';

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function toDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `day` moved by `count` units (months clamp nothing: they always start on the 1st here). */
function add(day: string, unit: Unit, count: number): string {
  const date = toDate(day);
  switch (unit) {
    case 'day':
      date.setUTCDate(date.getUTCDate() + count);
      break;
    case 'week':
      date.setUTCDate(date.getUTCDate() + 7 * count);
      break;
    case 'month':
      date.setUTCMonth(date.getUTCMonth() + count);
      break;
    case 'quarter':
      date.setUTCMonth(date.getUTCMonth() + 3 * count);
      break;
    case 'year':
      date.setUTCFullYear(date.getUTCFullYear() + count);
      break;
  }
  return toDay(date);
}

/** The first day of the unit containing `day`. */
function startOf(day: string, unit: Unit): string {
  const date = toDate(day);
  switch (unit) {
    case 'day':
      break;
    case 'week':
      date.setUTCDate(date.getUTCDate() - date.getUTCDay());
      break;
    case 'month':
      date.setUTCDate(1);
      break;
    case 'quarter':
      date.setUTCDate(1);
      date.setUTCMonth(Math.floor(date.getUTCMonth() / 3) * 3);
      break;
    case 'year':
      date.setUTCDate(1);
      date.setUTCMonth(0);
      break;
  }
  return toDay(date);
}

/** The unit `offset` units from the current one (0: this one, -1: the last one). */
function unitAt(today: string, unit: Unit, offset: number, length = 1): DateRange {
  const start = add(startOf(today, unit), unit, offset);
  return { start, end: add(start, unit, length) };
}

const FIXED: Readonly<Record<string, (today: string) => DateRange>> = {
  YESTERDAY: (t) => unitAt(t, 'day', -1),
  TODAY: (t) => unitAt(t, 'day', 0),
  TOMORROW: (t) => unitAt(t, 'day', 1),
  LAST_WEEK: (t) => unitAt(t, 'week', -1),
  THIS_WEEK: (t) => unitAt(t, 'week', 0),
  NEXT_WEEK: (t) => unitAt(t, 'week', 1),
  LAST_MONTH: (t) => unitAt(t, 'month', -1),
  THIS_MONTH: (t) => unitAt(t, 'month', 0),
  NEXT_MONTH: (t) => unitAt(t, 'month', 1),
  LAST_90_DAYS: (t) => ({ start: add(t, 'day', -90), end: add(t, 'day', 1) }),
  NEXT_90_DAYS: (t) => ({ start: add(t, 'day', 1), end: add(t, 'day', 91) }),
  LAST_QUARTER: (t) => unitAt(t, 'quarter', -1),
  THIS_QUARTER: (t) => unitAt(t, 'quarter', 0),
  NEXT_QUARTER: (t) => unitAt(t, 'quarter', 1),
  LAST_YEAR: (t) => unitAt(t, 'year', -1),
  THIS_YEAR: (t) => unitAt(t, 'year', 0),
  NEXT_YEAR: (t) => unitAt(t, 'year', 1),
  LAST_FISCAL_QUARTER: (t) => unitAt(t, 'quarter', -1),
  THIS_FISCAL_QUARTER: (t) => unitAt(t, 'quarter', 0),
  NEXT_FISCAL_QUARTER: (t) => unitAt(t, 'quarter', 1),
  LAST_FISCAL_YEAR: (t) => unitAt(t, 'year', -1),
  THIS_FISCAL_YEAR: (t) => unitAt(t, 'year', 0),
  NEXT_FISCAL_YEAR: (t) => unitAt(t, 'year', 1),
};

const N_UNITS: Readonly<Record<string, Unit>> = {
  DAYS: 'day',
  WEEKS: 'week',
  MONTHS: 'month',
  QUARTERS: 'quarter',
  YEARS: 'year',
  FISCAL_QUARTERS: 'quarter',
  FISCAL_YEARS: 'year',
};

/** Salesforce caps `n` (LAST_N_DAYS accepts up to 2000 days, years up to 1000...); one bound keeps dates valid. */
const MAX_N = 100_000;

function withN(name: string, n: number, today: string): DateRange | undefined {
  const match = /^(LAST|NEXT)_N_(\w+)$|^N_(\w+)_AGO$/.exec(name);
  if (!match) return undefined;
  const unit = N_UNITS[match[2] ?? match[3] ?? ''];
  if (!unit) return undefined;
  if (match[3] !== undefined) return unitAt(today, unit, -n);
  if (unit === 'day') {
    return match[1] === 'LAST' ? { start: add(today, 'day', -n), end: add(today, 'day', 1) } : { start: add(today, 'day', 1), end: add(today, 'day', 1 + n) };
  }
  return match[1] === 'LAST' ? unitAt(today, unit, -n, n) : unitAt(today, unit, 1, n);
}

/**
 * The range of a date literal (`TODAY`) or, with `n`, of a date literal with a number
 * (`LAST_N_DAYS` and 30), relative to the calendar day `today`.
 */
export function dateLiteralRange(literal: string, n: number | undefined, today: string): DateRange {
  const name = literal.toUpperCase().replace(/:.*$/, '');
  if (n === undefined) {
    const fixed = FIXED[name];
    if (!fixed) throw new MalformedQueryError(`Unknown date literal: ${literal}`, [literal]);
    return fixed(today);
  }
  if (!Number.isInteger(n) || n < 0 || n > MAX_N) throw new MalformedQueryError(`Invalid number in date literal ${literal}`, [literal]);
  const range = withN(name, n, today);
  if (!range) throw new MalformedQueryError(`Unknown date literal: ${literal}`, [literal]);
  return range;
}

/** `name` if it is a time zone this runtime knows (IANA names, `GMT`, `UTC`), else `UTC`. */
export function resolveTimeZone(name: string | null | undefined): string {
  if (!name) return 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return name;
  } catch {
    return 'UTC';
  }
}

function zoneParts(instantMs: number, timeZone: string): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instantMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute'), s: get('second') };
}

/** The calendar day `YYYY-MM-DD` of `now` in `timeZone`. */
export function localDay(now: Date, timeZone: string): string {
  const p = zoneParts(now.getTime(), timeZone);
  return `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** Milliseconds `timeZone` is ahead of UTC at `instantMs`. */
function offsetMs(instantMs: number, timeZone: string): number {
  const p = zoneParts(instantMs, timeZone);
  const asUtc = Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s);
  return asUtc - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant (ISO-8601 with milliseconds) at which calendar day `day` starts in `timeZone`. */
export function startOfDayUtc(day: string, timeZone: string): string {
  const wall = Date.parse(`${day}T00:00:00.000Z`);
  let instant = wall - offsetMs(wall, timeZone);
  // A second pass settles days whose offset differs from the guess (daylight saving changes).
  instant = wall - offsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}
