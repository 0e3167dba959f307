import { describe, expect, it } from 'vitest';
import type { FlowDataType, LogicNode } from '../../../src/flow-model/model.js';
import type { FlowValue } from '../../../src/engine/protocol.js';
import type { TypedValue } from '../../../src/engine/typed-value.js';
import { evaluateCondition, evaluateLogic } from '../../../src/engine/conditions.js';

function typed(value: FlowValue, dataType?: FlowDataType, isCollection = false): TypedValue {
  return { value, dataType, isCollection };
}

const yes = typed(true, 'Boolean');
const no = typed(false, 'Boolean');

describe('evaluateCondition', () => {
  it('EqualTo and NotEqualTo compare by the left type, text case-sensitively', () => {
    expect(evaluateCondition('EqualTo', typed('Closed', 'Picklist'), typed('Closed', 'String'))).toBe(true);
    expect(evaluateCondition('EqualTo', typed('Closed', 'Picklist'), typed('closed', 'String'))).toBe(false);
    expect(evaluateCondition('NotEqualTo', typed('Closed', 'Picklist'), typed('closed', 'String'))).toBe(true);
    expect(evaluateCondition('EqualTo', typed(100, 'Currency'), typed(100, 'Number'))).toBe(true);
    expect(evaluateCondition('EqualTo', typed(true, 'Boolean'), yes)).toBe(true);
  });

  it('EqualTo with nulls: null equals null, and a null text is not the empty string', () => {
    expect(evaluateCondition('EqualTo', typed(null, 'String'), typed(null))).toBe(true);
    expect(evaluateCondition('EqualTo', typed(null, 'String'), typed('', 'String'))).toBe(false);
    expect(evaluateCondition('NotEqualTo', typed(null, 'String'), typed('', 'String'))).toBe(true);
    expect(evaluateCondition('EqualTo', typed('', 'String'), typed('', 'String'))).toBe(true);
    expect(evaluateCondition('NotEqualTo', typed(5, 'Number'), typed(null))).toBe(true);
  });

  it('ordering operators compare values and are false with a null side', () => {
    expect(evaluateCondition('GreaterThan', typed(5, 'Number'), typed(3, 'Number'))).toBe(true);
    expect(evaluateCondition('GreaterThan', typed(3, 'Number'), typed(3, 'Number'))).toBe(false);
    expect(evaluateCondition('GreaterThanOrEqualTo', typed(3, 'Number'), typed(3, 'Number'))).toBe(true);
    expect(evaluateCondition('LessThan', typed('2024-01-01', 'Date'), typed('2024-01-02', 'Date'))).toBe(true);
    expect(evaluateCondition('LessThanOrEqualTo', typed('2024-01-02', 'Date'), typed('2024-01-02', 'Date'))).toBe(true);
    for (const operator of ['GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo'] as const) {
      expect(evaluateCondition(operator, typed(null, 'Number'), typed(3, 'Number'))).toBe(false);
      expect(evaluateCondition(operator, typed(3, 'Number'), typed(null, 'Number'))).toBe(false);
    }
  });

  it('StartsWith, EndsWith and Contains test text, case-sensitively', () => {
    expect(evaluateCondition('StartsWith', typed('Acme Corp', 'String'), typed('Acme', 'String'))).toBe(true);
    expect(evaluateCondition('StartsWith', typed('Acme Corp', 'String'), typed('acme', 'String'))).toBe(false);
    expect(evaluateCondition('EndsWith', typed('Acme Corp', 'String'), typed('Corp', 'String'))).toBe(true);
    expect(evaluateCondition('Contains', typed('Acme Corp', 'String'), typed('me C', 'String'))).toBe(true);
    expect(evaluateCondition('Contains', typed('yellow', 'String'), typed('ell', 'String'))).toBe(true);
    expect(evaluateCondition('Contains', typed(null, 'String'), typed('a', 'String'))).toBe(false);
    expect(evaluateCondition('StartsWith', typed(null, 'String'), typed('a', 'String'))).toBe(false);
    expect(evaluateCondition('Contains', typed(12345, 'Number'), typed(234, 'Number'))).toBe(true);
  });

  it('Contains on a multi-select picklist treats the value as one string', () => {
    expect(evaluateCondition('Contains', typed('red;blue;green', 'Multipicklist'), typed('blue', 'String'))).toBe(true);
    expect(evaluateCondition('Contains', typed('red;blue;green', 'Multipicklist'), typed('d;b', 'String'))).toBe(true);
  });

  it('Contains on a collection tests membership', () => {
    const stages = typed(['Flow:One', 'Flow:Two'], 'Stage', true);
    expect(evaluateCondition('Contains', stages, typed('Flow:Two', 'Stage'))).toBe(true);
    expect(evaluateCondition('Contains', stages, typed('Flow:Tw', 'Stage'))).toBe(false);
    expect(evaluateCondition('Contains', typed([1, 2], 'Number', true), typed('2', 'String'))).toBe(true);
  });

  it('IsNull compares nullness with the right-hand Boolean', () => {
    expect(evaluateCondition('IsNull', typed(null, 'String'), yes)).toBe(true);
    expect(evaluateCondition('IsNull', typed('', 'String'), yes)).toBe(false);
    expect(evaluateCondition('IsNull', typed('x', 'String'), no)).toBe(true);
    expect(evaluateCondition('IsNull', typed(null, 'SObject'), no)).toBe(false);
    expect(evaluateCondition('IsNull', typed(null, 'String'), typed('false', 'String'))).toBe(false);
  });

  it('IsBlank counts null, the empty string and empty collections', () => {
    expect(evaluateCondition('IsBlank', typed('', 'String'), yes)).toBe(true);
    expect(evaluateCondition('IsBlank', typed(null, 'Number'), yes)).toBe(true);
    expect(evaluateCondition('IsBlank', typed([], 'String', true), yes)).toBe(true);
    expect(evaluateCondition('IsBlank', typed('a', 'String'), no)).toBe(true);
    expect(evaluateCondition('IsBlank', typed(0, 'Number'), yes)).toBe(false);
  });

  it('IsEmpty checks collections', () => {
    expect(evaluateCondition('IsEmpty', typed([], 'String', true), yes)).toBe(true);
    expect(evaluateCondition('IsEmpty', typed(null, 'String', true), yes)).toBe(true);
    expect(evaluateCondition('IsEmpty', typed(['a'], 'String', true), yes)).toBe(false);
    expect(evaluateCondition('IsEmpty', typed(['a'], 'String', true), no)).toBe(true);
  });

  it('WasSet, WasSelected and WasVisited use the facts passed in', () => {
    expect(evaluateCondition('WasSet', typed('x', 'String'), yes, { wasSet: true })).toBe(true);
    expect(evaluateCondition('WasSet', typed('x', 'String'), yes, {})).toBe(false);
    expect(evaluateCondition('WasSet', typed(null, 'String'), no, { wasSet: false })).toBe(true);
    expect(evaluateCondition('WasSelected', typed('Gold', 'String'), yes, { selected: true })).toBe(true);
    expect(evaluateCondition('WasSelected', typed('Gold', 'String'), no, { selected: true })).toBe(false);
    expect(evaluateCondition('WasVisited', typed(null), yes, { visited: true })).toBe(true);
    expect(evaluateCondition('WasVisited', typed(null), yes)).toBe(false);
  });

  it('IsChanged compares with the prior value, and is false without a prior record', () => {
    expect(evaluateCondition('IsChanged', typed('New', 'Picklist'), yes, { priorValue: 'Open' })).toBe(true);
    expect(evaluateCondition('IsChanged', typed('Open', 'Picklist'), yes, { priorValue: 'Open' })).toBe(false);
    expect(evaluateCondition('IsChanged', typed('Open', 'Picklist'), yes, { priorValue: null })).toBe(true);
    expect(evaluateCondition('IsChanged', typed(null, 'Picklist'), yes, { priorValue: null })).toBe(false);
    expect(evaluateCondition('IsChanged', typed('Open', 'Picklist'), yes, {})).toBe(false);
    expect(evaluateCondition('IsChanged', typed('Open', 'Picklist'), no, {})).toBe(true);
  });

  it('In and NotIn test membership of the right-hand collection', () => {
    const ids = typed(['001D000000IqhSLIAZ', '001D000000IqhSM'], 'String', true);
    expect(evaluateCondition('In', typed('001D000000IqhSL', 'String'), ids)).toBe(true);
    expect(evaluateCondition('NotIn', typed('001D000000IqhSL', 'String'), ids)).toBe(false);
    expect(evaluateCondition('In', typed('zzz', 'String'), ids)).toBe(false);
    expect(evaluateCondition('In', typed('a', 'String'), typed(null, 'String', true))).toBe(false);
    expect(evaluateCondition('NotIn', typed('a', 'String'), typed(null, 'String', true))).toBe(true);
  });
});

describe('evaluateLogic', () => {
  const and = (...children: LogicNode[]): LogicNode => ({ op: 'and', children });
  const or = (...children: LogicNode[]): LogicNode => ({ op: 'or', children });
  const not = (child: LogicNode): LogicNode => ({ op: 'not', child });
  const c = (index: number): LogicNode => ({ op: 'condition', index });

  function run(node: LogicNode, results: boolean[]): { result: boolean; evaluated: number[] } {
    const evaluated: number[] = [];
    const result = evaluateLogic(node, (index) => {
      evaluated.push(index);
      return results[index] ?? false;
    });
    return { result, evaluated };
  }

  it('evaluates 1 AND (2 OR 3) like Salesforce custom logic', () => {
    const logic = and(c(0), or(c(1), c(2)));
    expect(run(logic, [true, false, true]).result).toBe(true);
    expect(run(logic, [true, false, false]).result).toBe(false);
    expect(run(logic, [false, true, true]).result).toBe(false);
  });

  it('short-circuits and and or', () => {
    expect(run(and(c(0), c(1), c(2)), [false, true, true]).evaluated).toEqual([0]);
    expect(run(or(c(0), c(1), c(2)), [false, true, true]).evaluated).toEqual([0, 1]);
  });

  it('negates with not', () => {
    expect(run(not(or(c(0), c(1))), [false, false]).result).toBe(true);
    expect(run(and(not(c(0)), c(1)), [false, true]).result).toBe(true);
  });
});
