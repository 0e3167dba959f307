import { describe, expect, it } from 'vitest';
import type { FlowDataType } from '../../../src/flow-model/model.js';
import type { FlowValue } from '../../../src/engine/protocol.js';
import type { TypedValue } from '../../../src/engine/typed-value.js';
import { caseSafeId, compareValues, isBlank, valueToText, valuesEqual } from '../../../src/engine/values.js';

function typed(value: FlowValue, dataType?: FlowDataType, isCollection = false): TypedValue {
  return { value, dataType, isCollection };
}

describe('valueToText', () => {
  it('renders each type the way merge fields show it', () => {
    expect(valueToText(null)).toBe('');
    expect(valueToText(true)).toBe('true');
    expect(valueToText(false, 'Boolean')).toBe('false');
    expect(valueToText(12.5)).toBe('12.5');
    expect(valueToText(3, 'Currency')).toBe('3');
    expect(valueToText('2024-01-05', 'Date')).toBe('2024-01-05');
    expect(valueToText('2024-01-05T10:00:00Z', 'DateTime')).toBe('2024-01-05T10:00:00.000Z');
    expect(valueToText('10:00:00.000', 'Time')).toBe('10:00:00.000');
    expect(valueToText('a;b', 'Multipicklist')).toBe('a;b');
  });

  it('renders a record as its Id and a collection as [a, b]', () => {
    expect(valueToText({ attributes: { type: 'Account' }, Id: '001xx0000000001AAA', Name: 'Acme' }, 'SObject')).toBe('001xx0000000001AAA');
    expect(valueToText({ attributes: { type: 'Account' }, Name: 'New' }, 'SObject')).toBe('');
    expect(valueToText(['a', 'b'], 'String')).toBe('[a, b]');
    expect(valueToText([1, 2.5])).toBe('[1, 2.5]');
    expect(valueToText([])).toBe('[]');
  });
});

describe('isBlank', () => {
  it('counts null, the empty string and empty collections as blank', () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank('')).toBe(true);
    expect(isBlank([])).toBe(true);
    expect(isBlank(' ')).toBe(false);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(isBlank([null])).toBe(false);
  });
});

describe('valuesEqual', () => {
  it('compares text case-sensitively', () => {
    expect(valuesEqual(typed('Acme', 'String'), typed('Acme', 'String'))).toBe(true);
    expect(valuesEqual(typed('Acme', 'String'), typed('acme', 'String'))).toBe(false);
  });

  it('keeps null and the empty string distinct', () => {
    expect(valuesEqual(typed(null, 'String'), typed('', 'String'))).toBe(false);
    expect(valuesEqual(typed(null, 'String'), typed(null))).toBe(true);
    expect(valuesEqual(typed(0, 'Number'), typed(null))).toBe(false);
  });

  it('converts the right side to the left side type', () => {
    expect(valuesEqual(typed(5, 'Number'), typed('5.0', 'String'))).toBe(true);
    expect(valuesEqual(typed('5', 'String'), typed(5, 'Number'))).toBe(true);
    expect(valuesEqual(typed('5.0', 'String'), typed(5, 'Number'))).toBe(false);
    expect(valuesEqual(typed(true, 'Boolean'), typed('true'))).toBe(true);
    expect(valuesEqual(typed('2024-01-05', 'Date'), typed('2024-01-05T18:00:00Z'))).toBe(true);
    expect(valuesEqual(typed(5, 'Number'), typed('five'))).toBe(false);
  });

  it('treats untyped values by what they are', () => {
    expect(valuesEqual(typed(5), typed('5'))).toBe(true);
    expect(valuesEqual(typed(5), typed(5))).toBe(true);
    expect(valuesEqual(typed('a'), typed('A'))).toBe(false);
  });

  it('compares a Date with a DateTime at midnight UTC', () => {
    expect(valuesEqual(typed('2024-01-05', 'Date'), typed('2024-01-05T00:00:00.000Z', 'DateTime'))).toBe(true);
    expect(valuesEqual(typed('2024-01-05', 'Date'), typed('2024-01-05T09:00:00.000Z', 'DateTime'))).toBe(false);
  });

  it('counts a 15-character ID equal to its 18-character form', () => {
    const id15 = '001D000000IqhSL';
    const id18 = caseSafeId(id15);
    expect(id18).toBe('001D000000IqhSLIAZ');
    expect(valuesEqual(typed(id15, 'String'), typed(id18, 'String'))).toBe(true);
    expect(valuesEqual(typed(id18, 'String'), typed(id15, 'String'))).toBe(true);
    expect(valuesEqual(typed('001D000000IqhSl', 'String'), typed(id18, 'String'))).toBe(false);
    expect(valuesEqual(typed('abcdefghijklmno', 'String'), typed('abcdefghijklmnoXYZ', 'String'))).toBe(false);
  });

  it('compares records by Id and collections item by item', () => {
    const a = { attributes: { type: 'Account' }, Id: '001D000000IqhSL', Name: 'A' };
    const b = { attributes: { type: 'Account' }, Id: '001D000000IqhSLIAZ', Name: 'B' };
    expect(valuesEqual(typed(a, 'SObject'), typed(b, 'SObject'))).toBe(true);
    expect(valuesEqual(typed(['a', 'b'], 'String', true), typed(['a', 'b'], 'String', true))).toBe(true);
    expect(valuesEqual(typed(['a', 'b'], 'String', true), typed(['b', 'a'], 'String', true))).toBe(false);
    expect(valuesEqual(typed([1], 'Number', true), typed(1, 'Number'))).toBe(false);
  });
});

describe('compareValues', () => {
  it('orders numbers, dates, date-times, times and booleans', () => {
    expect(compareValues(typed(2, 'Number'), typed(10, 'Number'))).toBeLessThan(0);
    expect(compareValues(typed('10', 'Number'), typed(2))).toBeGreaterThan(0);
    expect(compareValues(typed('2024-01-05', 'Date'), typed('2024-01-04', 'Date'))).toBeGreaterThan(0);
    expect(compareValues(typed('2024-01-05', 'Date'), typed('2024-01-05T00:00:01Z', 'DateTime'))).toBeLessThan(0);
    expect(compareValues(typed('09:00:00.000', 'Time'), typed('10:00', 'Time'))).toBeLessThan(0);
    expect(compareValues(typed(false, 'Boolean'), typed(true, 'Boolean'))).toBeLessThan(0);
    expect(compareValues(typed(3, 'Number'), typed(3, 'Currency'))).toBe(0);
  });

  it('orders text case-insensitively first', () => {
    expect(compareValues(typed('apple', 'String'), typed('Banana', 'String'))).toBeLessThan(0);
    expect(compareValues(typed('Banana', 'String'), typed('banana', 'String'))).not.toBe(0);
    expect(compareValues(typed('b', 'String'), typed('b', 'String'))).toBe(0);
  });

  it('is undefined for nulls and things that do not compare', () => {
    expect(compareValues(typed(null, 'Number'), typed(1, 'Number'))).toBeUndefined();
    expect(compareValues(typed(1, 'Number'), typed('x'))).toBeUndefined();
    expect(compareValues(typed([1], 'Number', true), typed(1, 'Number'))).toBeUndefined();
    expect(compareValues(typed({ attributes: { type: 'A' } }, 'SObject'), typed({ attributes: { type: 'A' } }, 'SObject'))).toBeUndefined();
  });
});
