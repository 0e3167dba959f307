import { describe, expect, it } from 'vitest';
import { FlowFault } from '../../../src/engine/fault.js';
import { coerceValue, formatNumber, roundHalfUp } from '../../../src/engine/values.js';

function faultOf(run: () => unknown): FlowFault {
  try {
    run();
  } catch (error) {
    if (error instanceof FlowFault) return error;
    throw error;
  }
  throw new Error('expected a FlowFault');
}

describe('coerceValue', () => {
  it('turns undefined and null into null for every type', () => {
    expect(coerceValue(undefined, 'Number')).toBeNull();
    expect(coerceValue(null, 'String')).toBeNull();
    expect(coerceValue(undefined, undefined)).toBeNull();
    expect(coerceValue(null, 'Date', { isCollection: true })).toBeNull();
  });

  it('keeps strings and renders numbers and booleans for String, Picklist and Reference', () => {
    expect(coerceValue('abc', 'String')).toBe('abc');
    expect(coerceValue(42, 'String')).toBe('42');
    expect(coerceValue(1.5, 'Picklist')).toBe('1.5');
    expect(coerceValue(true, 'String')).toBe('true');
    expect(coerceValue('001000000000001AAA', 'Reference')).toBe('001000000000001AAA');
  });

  it('parses numeric text for Number and Currency', () => {
    expect(coerceValue('42', 'Number')).toBe(42);
    expect(coerceValue(' -3.25 ', 'Currency')).toBe(-3.25);
    expect(coerceValue('1e3', 'Number')).toBe(1000);
    expect(coerceValue('', 'Number')).toBeNull();
  });

  it('rounds numbers half away from zero to the scale', () => {
    expect(coerceValue(2.345, 'Number', { scale: 2 })).toBe(2.35);
    expect(coerceValue(-2.345, 'Number', { scale: 2 })).toBe(-2.35);
    expect(coerceValue(1.005, 'Currency', { scale: 2 })).toBe(1.01);
    expect(coerceValue('2.5', 'Number', { scale: 0 })).toBe(3);
    expect(coerceValue(7.777, 'Number')).toBe(7.777);
    expect(coerceValue(2.5, 'Long')).toBe(3);
  });

  it('rejects text that is not a number with INVALID_TYPE naming the value and the type', () => {
    const fault = faultOf(() => coerceValue('abc', 'Number'));
    expect(fault.code).toBe('INVALID_TYPE');
    expect(fault.message).toContain('"abc"');
    expect(fault.message).toContain('Number');
    expect(faultOf(() => coerceValue(true, 'Currency')).code).toBe('INVALID_TYPE');
  });

  it('accepts booleans and true/false text for Boolean', () => {
    expect(coerceValue(true, 'Boolean')).toBe(true);
    expect(coerceValue('TRUE', 'Boolean')).toBe(true);
    expect(coerceValue('false', 'Boolean')).toBe(false);
    expect(faultOf(() => coerceValue('yes', 'Boolean')).code).toBe('INVALID_TYPE');
    expect(faultOf(() => coerceValue(1, 'Boolean')).code).toBe('INVALID_TYPE');
  });

  it('takes a Date from YYYY-MM-DD or from a date-time (its UTC day)', () => {
    expect(coerceValue('2024-02-29', 'Date')).toBe('2024-02-29');
    expect(coerceValue('2024-02-29T23:30:00.000Z', 'Date')).toBe('2024-02-29');
    expect(coerceValue('2024-03-01T01:00:00+02:00', 'Date')).toBe('2024-02-29');
    expect(faultOf(() => coerceValue('2023-02-29', 'Date')).code).toBe('INVALID_TYPE');
    expect(faultOf(() => coerceValue('next week', 'Date')).code).toBe('INVALID_TYPE');
  });

  it('takes a DateTime from ISO text (normalised to UTC) or from a date (midnight UTC)', () => {
    expect(coerceValue('2024-05-01', 'DateTime')).toBe('2024-05-01T00:00:00.000Z');
    expect(coerceValue('2024-05-01T10:20:30Z', 'DateTime')).toBe('2024-05-01T10:20:30.000Z');
    expect(coerceValue('2024-05-01T10:20:30.5+02:00', 'DateTime')).toBe('2024-05-01T08:20:30.500Z');
    expect(coerceValue('2024-05-01 10:20:30', 'DateTime')).toBe('2024-05-01T10:20:30.000Z');
    expect(faultOf(() => coerceValue('2024-13-01T00:00:00Z', 'DateTime')).code).toBe('INVALID_TYPE');
  });

  it('normalises times to HH:mm:ss.sss', () => {
    expect(coerceValue('9:05', 'Time')).toBe('09:05:00.000');
    expect(coerceValue('13:45:10.25Z', 'Time')).toBe('13:45:10.250');
    expect(coerceValue('2024-05-01T13:45:10.000Z', 'Time')).toBe('13:45:10.000');
    expect(faultOf(() => coerceValue('25:00', 'Time')).code).toBe('INVALID_TYPE');
  });

  it('joins a list of choices for Multipicklist', () => {
    expect(coerceValue(['Red', 'Blue'], 'Multipicklist')).toBe('Red;Blue');
    expect(coerceValue('Red;Blue', 'Multipicklist')).toBe('Red;Blue');
  });

  it('keeps records and adds the object type when it is missing', () => {
    const record = { attributes: { type: 'Account' }, Id: '001', Name: 'Acme' };
    expect(coerceValue(record, 'SObject', { objectType: 'Account' })).toBe(record);
    expect(coerceValue({ Name: 'Acme' }, 'SObject', { objectType: 'Account' })).toEqual({ Name: 'Acme', attributes: { type: 'Account' } });
    expect(faultOf(() => coerceValue('Acme', 'SObject', { objectType: 'Account' })).message).toContain('Account');
  });

  it('passes Apex-defined values and untyped values through', () => {
    expect(coerceValue({ a: [1, 2] }, 'Apex')).toEqual({ a: [1, 2] });
    expect(coerceValue('x', undefined)).toBe('x');
  });

  it('converts collections element by element and wraps a single value', () => {
    expect(coerceValue(['1', 2, null], 'Number', { isCollection: true })).toEqual([1, 2, null]);
    expect(coerceValue('2024-01-01', 'Date', { isCollection: true })).toEqual(['2024-01-01']);
    expect(faultOf(() => coerceValue(['1', 'x'], 'Number', { isCollection: true })).code).toBe('INVALID_TYPE');
  });
});

describe('number helpers', () => {
  it('rounds half away from zero, including negative scales', () => {
    expect(roundHalfUp(-1.5, 0)).toBe(-2);
    expect(roundHalfUp(1234.5678, -2)).toBe(1200);
    expect(roundHalfUp(0.125, 2)).toBe(0.13);
    expect(roundHalfUp(1e-7, 2)).toBe(0);
  });

  it('formats numbers without exponent or trailing zeros', () => {
    expect(formatNumber(1.5)).toBe('1.5');
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(1e21)).toBe('1000000000000000000000');
    expect(formatNumber(1.5e-7)).toBe('0.00000015');
    expect(formatNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatNumber(-0)).toBe('0');
  });
});
