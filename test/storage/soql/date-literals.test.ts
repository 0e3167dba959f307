import { describe, expect, it } from 'vitest';
import { dateLiteralRange, localDay, resolveTimeZone, startOfDayUtc } from '../../../src/storage/soql/date-literals.js';

// Wednesday 2026-01-14.
const TODAY = '2026-01-14';

describe('SOQL date literals', () => {
  it.each([
    ['TODAY', undefined, '2026-01-14', '2026-01-15'],
    ['YESTERDAY', undefined, '2026-01-13', '2026-01-14'],
    ['TOMORROW', undefined, '2026-01-15', '2026-01-16'],
    ['THIS_WEEK', undefined, '2026-01-11', '2026-01-18'],
    ['LAST_WEEK', undefined, '2026-01-04', '2026-01-11'],
    ['NEXT_WEEK', undefined, '2026-01-18', '2026-01-25'],
    ['THIS_MONTH', undefined, '2026-01-01', '2026-02-01'],
    ['LAST_MONTH', undefined, '2025-12-01', '2026-01-01'],
    ['NEXT_MONTH', undefined, '2026-02-01', '2026-03-01'],
    ['THIS_QUARTER', undefined, '2026-01-01', '2026-04-01'],
    ['LAST_QUARTER', undefined, '2025-10-01', '2026-01-01'],
    ['THIS_YEAR', undefined, '2026-01-01', '2027-01-01'],
    ['LAST_YEAR', undefined, '2025-01-01', '2026-01-01'],
    ['THIS_FISCAL_YEAR', undefined, '2026-01-01', '2027-01-01'],
    ['LAST_90_DAYS', undefined, '2025-10-16', '2026-01-15'],
    ['NEXT_90_DAYS', undefined, '2026-01-15', '2026-04-15'],
    ['LAST_N_DAYS:7', 7, '2026-01-07', '2026-01-15'],
    ['NEXT_N_DAYS:3', 3, '2026-01-15', '2026-01-18'],
    ['N_DAYS_AGO:2', 2, '2026-01-12', '2026-01-13'],
    ['LAST_N_WEEKS:2', 2, '2025-12-28', '2026-01-11'],
    ['NEXT_N_MONTHS:2', 2, '2026-02-01', '2026-04-01'],
    ['N_MONTHS_AGO:1', 1, '2025-12-01', '2026-01-01'],
    ['LAST_N_QUARTERS:1', 1, '2025-10-01', '2026-01-01'],
    ['LAST_N_YEARS:2', 2, '2024-01-01', '2026-01-01'],
    ['N_YEARS_AGO:1', 1, '2025-01-01', '2026-01-01'],
  ])('%s is [%s, %s)', (literal, n, start, end) => {
    expect(dateLiteralRange(literal, n, TODAY)).toEqual({ start, end });
  });

  it('rejects unknown literals', () => {
    expect(() => dateLiteralRange('LAST_FORTNIGHT', undefined, TODAY)).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
  });

  it('finds the viewer\'s calendar day and the UTC start of a day in their time zone, across daylight saving', () => {
    const now = new Date('2026-01-14T03:00:00.000Z');
    expect(localDay(now, 'UTC')).toBe('2026-01-14');
    expect(localDay(now, 'America/Los_Angeles')).toBe('2026-01-13');
    expect(startOfDayUtc('2026-01-14', 'America/Los_Angeles')).toBe('2026-01-14T08:00:00.000Z');
    expect(startOfDayUtc('2026-07-14', 'America/Los_Angeles')).toBe('2026-07-14T07:00:00.000Z');
    expect(startOfDayUtc('2026-03-29', 'Europe/Paris')).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDayUtc('2026-03-30', 'Europe/Paris')).toBe('2026-03-29T22:00:00.000Z');
    expect(resolveTimeZone('Not/AZone')).toBe('UTC');
    expect(resolveTimeZone('GMT')).toBe('GMT');
  });
});
