import { parseQuery } from '@jetstreamapp/soql-parser-js';
import { describe, expect, it } from 'vitest';
import { buildWhereTree } from '../../../src/storage/soql/where-tree.js';
import type { WhereNode } from '../../../src/storage/soql/where-tree.js';

/** The tree of a WHERE clause written compactly: AND(A, OR(B, C)), NOT(A), leaves by field name. */
function shape(node: WhereNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `${node.kind.toUpperCase()}(${node.children.map(shape).join(', ')})`;
    case 'not':
      return `NOT(${shape(node.child)})`;
    case 'condition':
      return 'field' in node.condition ? node.condition.field : '?';
  }
}

function tree(where: string): string {
  const query = parseQuery(`SELECT Id FROM Flow WHERE ${where}`);
  if (!query.where) throw new Error('no WHERE');
  return shape(buildWhereTree(query.where));
}

describe('the WHERE precedence tree', () => {
  it.each([
    ["(Status = 'Active' OR Status = 'Draft') AND ProcessType != 'Workflow'", 'AND(OR(Status, Status), ProcessType)'],
    ['A = 1 AND (B = 2 OR (C = 3 AND D = 4))', 'AND(A, OR(B, AND(C, D)))'],
    ['NOT A = 1 AND B = 2', 'AND(NOT(A), B)'],
    ["X = 1 AND (NOT Type = 'Prospect')", 'AND(X, NOT(Type))'],
    ["NOT (Status = 'Obsolete' OR Status = 'InvalidDraft') AND VersionNumber > 1", 'AND(NOT(OR(Status, Status)), VersionNumber)'],
    ['(NOT A = 1) AND B = 2', 'AND(NOT(A), B)'],
    ['A = 1 AND NOT B = 2', 'AND(A, NOT(B))'],
    ['((A = 1))', 'A'],
    ['A = 1 OR B = 2 OR C = 3', 'OR(A, B, C)'],
    ['NOT (NOT A = 1)', 'NOT(NOT(A))'],
  ])('builds %s as %s', (where, expected) => {
    expect(tree(where)).toBe(expected);
  });

  it('rejects AND mixed with OR without parentheses, as Salesforce does', () => {
    expect(() => tree('A = 1 AND B = 2 OR C = 3')).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY', fields: ['OR'] }));
    expect(() => tree('A = 1 OR B = 2 AND C = 3')).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY', fields: ['AND'] }));
    expect(() => tree('(A = 1 OR B = 2) AND C = 3 OR D = 4')).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
  });

  it('rejects NOT NOT, which the parser folds (three NOTs come back as two)', () => {
    expect(() => tree('NOT NOT A = 1')).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY', fields: ['NOT'] }));
    expect(() => tree('B = 2 AND NOT NOT NOT A = 1')).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
  });

  it('builds a long AND chain without deep recursion and bounds nesting', () => {
    const chain = Array.from({ length: 3000 }, (_, i) => `F${i} = 1`).join(' AND ');
    expect(tree(chain).startsWith('AND(F0, F1, F2')).toBe(true);
    // The parser itself stops well before this depth; a hand-made chain checks the tree's own bound.
    const deep = { left: { field: 'A', operator: '=' as const, value: '1', literalType: 'INTEGER' as const, openParen: 150, closeParen: 150 } };
    expect(() => buildWhereTree(deep)).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
    expect(shape(buildWhereTree({ left: { ...deep.left, openParen: 20, closeParen: 20 } }))).toBe('A');
  });
});
