import { describe, expect, it } from 'vitest';
import { FALSE, NULL, date, dateMsOf, dateTime, number, text, time } from '../../../src/engine/formulas/formula-value.js';
import { faultOf, run, v } from './formula-helpers.js';

describe('dateMsOf', () => {
  it('gives the epoch ms of dates and date-times as they are', () => {
    expect(dateMsOf(date(Date.UTC(2024, 4, 6, 15)))).toBe(Date.UTC(2024, 4, 6));
    expect(dateMsOf(dateTime(Date.UTC(2024, 4, 6, 10, 11, 12, 345)))).toBe(Date.UTC(2024, 4, 6, 10, 11, 12, 345));
  });

  it('reads date text as midnight UTC and date-time text in UTC, applying any offset', () => {
    expect(dateMsOf(text('2024-05-06'))).toBe(Date.UTC(2024, 4, 6));
    expect(dateMsOf(text(' 2024-05-06 '))).toBe(Date.UTC(2024, 4, 6));
    expect(dateMsOf(text('2024-05-06 10:00'))).toBe(Date.UTC(2024, 4, 6, 10));
    expect(dateMsOf(text('2024-05-06T23:30:00-02:00'))).toBe(Date.UTC(2024, 4, 7, 1, 30));
    expect(dateMsOf(text('2024-05-06T10:00:00.5Z'))).toBe(Date.UTC(2024, 4, 6, 10, 0, 0, 500));
  });

  it('is null for a null or blank value', () => {
    expect(dateMsOf(NULL)).toBeNull();
    expect(dateMsOf(text(''))).toBeNull();
    expect(dateMsOf(text('  '))).toBeNull();
  });

  it('is undefined for text that is no date and for other types', () => {
    expect(dateMsOf(text('2024-02-30'))).toBeUndefined();
    expect(dateMsOf(text('2024-05-06T24:00:00Z'))).toBeUndefined();
    expect(dateMsOf(text('May 6'))).toBeUndefined();
    expect(dateMsOf(number(Date.UTC(2024, 4, 6)))).toBeUndefined();
    expect(dateMsOf(FALSE)).toBeUndefined();
    expect(dateMsOf(time(36_000_000))).toBeUndefined();
    expect(dateMsOf({ type: 'other', value: [] })).toBeUndefined();
  });
});

describe('date arguments of formula functions', () => {
  it('reads a date-time text with an offset as its UTC day', () => {
    expect(run('DATEVALUE("2024-05-06T23:30:00-02:00")', 'Date')).toBe('2024-05-07');
    expect(run('DAY("2024-05-06T23:30:00-02:00")', 'Number')).toBe(7);
    expect(run('DAY("2024-05-06")', 'Number')).toBe(6);
  });

  it('gives null for a null or blank argument', () => {
    expect(run('DATEVALUE({!d})', 'Date', { d: v(null, 'Date') })).toBeNull();
    expect(run('DATEVALUE("  ")', 'Date')).toBeNull();
    expect(run('DATETIMEVALUE({!d})', 'DateTime', { d: v(null, 'DateTime') })).toBeNull();
    expect(run('DATETIMEVALUE(" ")', 'DateTime')).toBeNull();
    expect(run('MONTH("")', 'Number')).toBeNull();
  });

  it('converts a date to midnight UTC and keeps a date-time as it is', () => {
    expect(run('DATETIMEVALUE("2024-05-06")', 'DateTime')).toBe('2024-05-06T00:00:00.000Z');
    expect(run('DATETIMEVALUE("2024-05-06T10:00:00+02:00")', 'DateTime')).toBe('2024-05-06T08:00:00.000Z');
    expect(run('DATETIMEVALUE({!dt})', 'DateTime', { dt: v('2024-05-06T10:11:12.345Z', 'DateTime') })).toBe('2024-05-06T10:11:12.345Z');
  });

  it('rejects text that is not a date, naming the text', () => {
    expect(faultOf('DATEVALUE("2024-02-30")', 'Date')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('DATEVALUE() cannot convert "2024-02-30" to a date.') });
    expect(faultOf('DATETIMEVALUE("soon")', 'DateTime')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('DATETIMEVALUE() cannot convert "soon" to a date-time.') });
    expect(faultOf('YEAR("May 6")', 'Number')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('YEAR() expects a date, got Text.') });
  });

  it('rejects values of other types, naming the type', () => {
    expect(faultOf('DATEVALUE(5)', 'Date')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('DATEVALUE() expects a date, got Number.') });
    expect(faultOf('DATEVALUE(TIMEVALUE("10:00"))', 'Date')).toMatchObject({ message: expect.stringContaining('DATEVALUE() expects a date, got Time.') });
    expect(faultOf('DATETIMEVALUE(TRUE)', 'DateTime')).toMatchObject({ message: expect.stringContaining('DATETIMEVALUE() expects a date or text, got Boolean.') });
    expect(faultOf('WEEKDAY(1)', 'Number')).toMatchObject({ message: expect.stringContaining('WEEKDAY() expects a date, got Number.') });
  });
});

describe('date and date-time formula results', () => {
  it('converts date and date-time values between the two types in UTC', () => {
    expect(run('{!dt}', 'Date', { dt: v('2024-05-06T23:59:00Z', 'DateTime') })).toBe('2024-05-06');
    expect(run('{!d}', 'DateTime', { d: v('2024-05-06', 'Date') })).toBe('2024-05-06T00:00:00.000Z');
  });

  it('reads text results as dates or date-times', () => {
    expect(run('"2024-05-06T23:30:00-02:00"', 'Date')).toBe('2024-05-07');
    expect(run('"2024-05-06 10:00"', 'Date')).toBe('2024-05-06');
    expect(run('"2024-05-06T23:30:00-02:00"', 'DateTime')).toBe('2024-05-07T01:30:00.000Z');
    expect(run('" 2024-05-06 "', 'DateTime')).toBe('2024-05-06T00:00:00.000Z');
  });

  it('gives null for a null or blank result', () => {
    expect(run('{!d}', 'Date', { d: v(null, 'Date') })).toBeNull();
    expect(run('""', 'Date')).toBeNull();
    expect(run('{!d}', 'DateTime', { d: v(null, 'DateTime') })).toBeNull();
    expect(run('"   "', 'DateTime')).toBeNull();
  });

  it('rejects results that are not dates', () => {
    expect(faultOf('"2024-13-01"', 'Date')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('The result "2024-13-01" is not a date.') });
    expect(faultOf('5', 'Date')).toMatchObject({ message: expect.stringContaining('The result 5 is not a date.') });
    expect(faultOf('"tomorrow"', 'DateTime')).toMatchObject({ message: expect.stringContaining('The result "tomorrow" is not a date-time.') });
    expect(faultOf('TIMEVALUE("10:00")', 'DateTime')).toMatchObject({ message: expect.stringContaining('is not a date-time.') });
  });
});
