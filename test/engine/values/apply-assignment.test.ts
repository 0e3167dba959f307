import { describe, expect, it } from 'vitest';
import type { FlowDataType } from '../../../src/flow-model/model.js';
import type { FlowValue } from '../../../src/engine/protocol.js';
import type { TypedValue } from '../../../src/engine/typed-value.js';
import { applyAssignment } from '../../../src/engine/values.js';

function typed(value: FlowValue, dataType?: FlowDataType, isCollection = false, objectType?: string): TypedValue {
  return { value, dataType, isCollection, objectType };
}

function list(values: FlowValue[], dataType: FlowDataType = 'String'): TypedValue {
  return typed(values, dataType, true);
}

describe('Assign', () => {
  it('converts the value to the target type', () => {
    expect(applyAssignment('Assign', typed(null, 'Number'), typed('5', 'String'))).toBe(5);
    expect(applyAssignment('Assign', typed(null, 'String'), typed(12.5, 'Number'))).toBe('12.5');
    expect(applyAssignment('Assign', typed(null, 'DateTime'), typed('2024-01-02', 'Date'))).toBe('2024-01-02T00:00:00.000Z');
    expect(applyAssignment('Assign', typed('x', 'String'), typed(null))).toBeNull();
  });

  it('rejects a value of the wrong type with INVALID_TYPE', () => {
    expect(() => applyAssignment('Assign', typed(null, 'Number'), typed('abc', 'String'))).toThrow(expect.objectContaining({ code: 'INVALID_TYPE' }));
  });

  it('copies a collection into a collection', () => {
    const source = ['a', 'b'];
    const result = applyAssignment('Assign', list([]), list(source));
    expect(result).toEqual(['a', 'b']);
    expect(result).not.toBe(source);
  });
});

describe('Add', () => {
  it('adds numbers, treating a null target as zero', () => {
    expect(applyAssignment('Add', typed(1, 'Number'), typed(2, 'Number'))).toBe(3);
    expect(applyAssignment('Add', typed(null, 'Number'), typed(2, 'Number'))).toBe(2);
    expect(applyAssignment('Add', typed(0.1, 'Currency'), typed(0.2, 'Number'))).toBe(0.3);
    expect(applyAssignment('Add', typed(5, 'Number'), typed(null, 'Number'))).toBe(5);
  });

  it('concatenates text and picklists', () => {
    expect(applyAssignment('Add', typed('Hello', 'String'), typed(' world', 'String'))).toBe('Hello world');
    expect(applyAssignment('Add', typed(null, 'String'), typed('x', 'String'))).toBe('x');
    expect(applyAssignment('Add', typed('n=', 'String'), typed(3, 'Number'))).toBe('n=3');
    expect(applyAssignment('Add', typed('a', 'Picklist'), typed('b', 'String'))).toBe('ab');
    expect(applyAssignment('Add', typed(null, 'String'), typed(null, 'String'))).toBeNull();
  });

  it('adds days to dates and date-times', () => {
    expect(applyAssignment('Add', typed('2024-02-28', 'Date'), typed(2, 'Number'))).toBe('2024-03-01');
    expect(applyAssignment('Add', typed('2024-01-01T12:00:00.000Z', 'DateTime'), typed(1.5, 'Number'))).toBe('2024-01-03T00:00:00.000Z');
    expect(applyAssignment('Add', typed(null, 'Date'), typed(2, 'Number'))).toBeNull();
  });

  it('adds an item, or every item of a collection, to a collection', () => {
    expect(applyAssignment('Add', list(['a']), typed('b', 'String'))).toEqual(['a', 'b']);
    expect(applyAssignment('Add', list(['a']), list(['b', 'c']))).toEqual(['a', 'b', 'c']);
    expect(applyAssignment('Add', typed(null, 'Number', true), typed('4', 'String'))).toEqual([4]);
    const record = { attributes: { type: 'Contact' }, LastName: 'Doe' };
    expect(applyAssignment('Add', typed(null, 'SObject', true, 'Contact'), typed(record, 'SObject', false, 'Contact'))).toEqual([record]);
  });

  it('rejects Add on a Boolean', () => {
    expect(() => applyAssignment('Add', typed(true, 'Boolean'), typed(true, 'Boolean'))).toThrow(expect.objectContaining({ code: 'INVALID_TYPE' }));
  });
});

describe('Subtract', () => {
  it('subtracts numbers and days', () => {
    expect(applyAssignment('Subtract', typed(10, 'Number'), typed(4, 'Number'))).toBe(6);
    expect(applyAssignment('Subtract', typed(null, 'Number'), typed(4, 'Number'))).toBe(-4);
    expect(applyAssignment('Subtract', typed('2024-03-01', 'Date'), typed(1, 'Number'))).toBe('2024-02-29');
    expect(applyAssignment('Subtract', typed('2024-03-01T00:00:00.000Z', 'DateTime'), typed(0.25, 'Number'))).toBe('2024-02-29T18:00:00.000Z');
  });

  it('removes every occurrence of the value(s) from a collection', () => {
    expect(applyAssignment('Subtract', list(['a', 'b', 'a', 'c']), typed('a', 'String'))).toEqual(['b', 'c']);
    expect(applyAssignment('Subtract', list(['a', 'b', 'a', 'c']), list(['a', 'c']))).toEqual(['b']);
  });
});

describe('collection operators', () => {
  const letters = list(['a', 'b', 'c', 'b', 'd']);

  it('AddItem appends and AddAtStart prepends', () => {
    expect(applyAssignment('AddItem', letters, typed('e', 'String'))).toEqual(['a', 'b', 'c', 'b', 'd', 'e']);
    expect(applyAssignment('AddAtStart', letters, typed('z', 'String'))).toEqual(['z', 'a', 'b', 'c', 'b', 'd']);
    expect(applyAssignment('AddAtStart', letters, list(['x', 'y']))).toEqual(['x', 'y', 'a', 'b', 'c', 'b', 'd']);
  });

  it('AddItem adds a selection to a multi-select picklist', () => {
    expect(applyAssignment('AddItem', typed('Red', 'Multipicklist'), typed('Blue', 'String'))).toBe('Red;Blue');
    expect(applyAssignment('AddItem', typed(null, 'Multipicklist'), typed('Blue', 'String'))).toBe('Blue');
  });

  it('RemoveFirst removes only the first match', () => {
    expect(applyAssignment('RemoveFirst', letters, typed('b', 'String'))).toEqual(['a', 'c', 'b', 'd']);
    expect(applyAssignment('RemoveFirst', letters, typed('q', 'String'))).toEqual(['a', 'b', 'c', 'b', 'd']);
  });

  it('RemoveAll removes every match', () => {
    expect(applyAssignment('RemoveAll', letters, typed('b', 'String'))).toEqual(['a', 'c', 'd']);
    expect(applyAssignment('RemoveAll', letters, list(['b', 'd']))).toEqual(['a', 'c']);
  });

  it('RemoveAfterFirst keeps up to and including the first match', () => {
    expect(applyAssignment('RemoveAfterFirst', letters, typed('b', 'String'))).toEqual(['a', 'b']);
    expect(applyAssignment('RemoveAfterFirst', letters, typed('q', 'String'))).toEqual(['a', 'b', 'c', 'b', 'd']);
  });

  it('RemoveBeforeFirst keeps from the first match on', () => {
    expect(applyAssignment('RemoveBeforeFirst', letters, typed('c', 'String'))).toEqual(['c', 'b', 'd']);
  });

  it('RemovePosition removes the 1-based position and ignores positions out of range', () => {
    expect(applyAssignment('RemovePosition', letters, typed(1, 'Number'))).toEqual(['b', 'c', 'b', 'd']);
    expect(applyAssignment('RemovePosition', letters, typed(5, 'Number'))).toEqual(['a', 'b', 'c', 'b']);
    expect(applyAssignment('RemovePosition', letters, typed(6, 'Number'))).toEqual(['a', 'b', 'c', 'b', 'd']);
    expect(applyAssignment('RemovePosition', letters, typed(0, 'Number'))).toEqual(['a', 'b', 'c', 'b', 'd']);
  });

  it('RemoveUncommon keeps only items present in the value', () => {
    expect(applyAssignment('RemoveUncommon', letters, list(['b', 'd', 'z']))).toEqual(['b', 'b', 'd']);
    expect(applyAssignment('RemoveUncommon', letters, typed(null, 'String', true))).toEqual([]);
  });

  it('matches records by Id when removing', () => {
    const one = { attributes: { type: 'Account' }, Id: '001D000000IqhSL', Name: 'One' };
    const two = { attributes: { type: 'Account' }, Id: '001D000000IqhSM', Name: 'Two' };
    const accounts = typed([one, two], 'SObject', true, 'Account');
    const sameAsOne = { attributes: { type: 'Account' }, Id: '001D000000IqhSLIAZ', Name: 'Renamed' };
    expect(applyAssignment('RemoveAll', accounts, typed(sameAsOne, 'SObject', false, 'Account'))).toEqual([two]);
  });

  it('AssignCount counts items, with null as zero', () => {
    expect(applyAssignment('AssignCount', typed(null, 'Number'), letters)).toBe(5);
    expect(applyAssignment('AssignCount', typed(7, 'Number'), typed(null, 'String', true))).toBe(0);
    expect(applyAssignment('AssignCount', typed(7, 'Number'), list([]))).toBe(0);
  });

  it('does not mutate the target', () => {
    const target = ['a', 'b'];
    applyAssignment('RemoveFirst', list(target), typed('a', 'String'));
    applyAssignment('Add', list(target), typed('c', 'String'));
    expect(target).toEqual(['a', 'b']);
  });

  it('rejects collection operators on a single value', () => {
    for (const operator of ['AddAtStart', 'RemoveFirst', 'RemoveAll', 'RemoveAfterFirst', 'RemoveBeforeFirst', 'RemovePosition', 'RemoveUncommon'] as const) {
      expect(() => applyAssignment(operator, typed('a', 'String'), typed('a', 'String'))).toThrow(expect.objectContaining({ code: 'INVALID_TYPE' }));
    }
  });
});
