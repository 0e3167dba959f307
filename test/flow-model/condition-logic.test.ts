import { describe, expect, it } from 'vitest';
import { parseConditionLogic } from '../../src/flow-model/index.js';

const c = (index: number) => ({ op: 'condition' as const, index });

describe('parseConditionLogic', () => {
  it('reads and / or over all conditions, and defaults absent logic to and', () => {
    expect(parseConditionLogic('and', 2)).toEqual({ logic: { op: 'and', children: [c(0), c(1)] }, error: undefined });
    expect(parseConditionLogic('OR', 3).logic).toEqual({ op: 'or', children: [c(0), c(1), c(2)] });
    expect(parseConditionLogic(undefined, 1).logic).toEqual({ op: 'and', children: [c(0)] });
    expect(parseConditionLogic('  ', 0).logic).toEqual({ op: 'and', children: [] });
  });

  it('parses custom logic with 1-based numbers into 0-based indexes', () => {
    expect(parseConditionLogic('1 AND (2 OR NOT 3)', 3)).toEqual({
      logic: { op: 'and', children: [c(0), { op: 'or', children: [c(1), { op: 'not', child: c(2) }] }] },
      error: undefined,
    });
  });

  it('is case-insensitive and tolerates missing spaces around parentheses', () => {
    expect(parseConditionLogic('(1 or 2)and 3', 3).logic).toEqual({ op: 'and', children: [{ op: 'or', children: [c(0), c(1)] }, c(2)] });
    expect(parseConditionLogic('1', 1).logic).toEqual(c(0));
    expect(parseConditionLogic('not 1', 1).logic).toEqual({ op: 'not', child: c(0) });
  });

  it('flattens a chain of one operator', () => {
    expect(parseConditionLogic('1 AND 2 AND 3', 3).logic).toEqual({ op: 'and', children: [c(0), c(1), c(2)] });
  });

  it('rejects AND and OR mixed without parentheses, as Salesforce does', () => {
    const result = parseConditionLogic('1 AND 2 OR 3', 3);
    expect(result.error).toContain('mixed without parentheses');
    expect(result.logic).toEqual({ op: 'and', children: [c(0), c(1), c(2)] });
  });

  it('rejects a condition number beyond the conditions, and 0', () => {
    expect(parseConditionLogic('1 OR 4', 3).error).toContain('refers to condition 4 but there are 3 conditions');
    expect(parseConditionLogic('0 OR 1', 2).error).toContain('start at 1');
  });

  it('rejects unbalanced parentheses, dangling operators and unknown words', () => {
    expect(parseConditionLogic('(1 AND 2', 2).error).toContain('not closed');
    expect(parseConditionLogic('1 AND 2)', 2).error).toContain('unbalanced');
    expect(parseConditionLogic('1 AND', 1).error).toContain('ends too early');
    expect(parseConditionLogic('1 XOR 2', 2).error).toContain('unexpected "XOR"');
  });
});
