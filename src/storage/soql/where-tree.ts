/**
 * Rebuilds the precedence tree of a WHERE (or HAVING) clause. The parser returns a right-leaning
 * chain with parenthesis counts on the leaf conditions and `NOT` nodes whose scope is only the
 * next condition or parenthesised group; this flattens the chain into tokens and runs a small
 * recursive descent over them. As in Salesforce, mixing AND and OR without parentheses is a
 * `MALFORMED_QUERY` ("Parentheses are required whenever you mix the operators"); so is `NOT NOT`,
 * which the parser cannot represent faithfully.
 */
import type { ConditionWithValueQuery, WhereClause } from '@jetstreamapp/soql-parser-js';
import { MalformedQueryError } from '../../runtime/index.js';
import { malformedAt } from './parse-soql.js';

/** A WHERE clause as a tree. */
export type WhereNode =
  | { readonly kind: 'and'; readonly children: readonly WhereNode[] }
  | { readonly kind: 'or'; readonly children: readonly WhereNode[] }
  | { readonly kind: 'not'; readonly child: WhereNode }
  | { readonly kind: 'condition'; readonly condition: ConditionWithValueQuery };

type Token =
  | { readonly kind: '(' }
  | { readonly kind: ')' }
  | { readonly kind: 'AND' }
  | { readonly kind: 'OR' }
  | { readonly kind: 'NOT' }
  | { readonly kind: 'condition'; readonly condition: ConditionWithValueQuery };

/** Deepest parenthesis nesting accepted (keeps the descent's recursion bounded). */
const MAX_DEPTH = 100;

function isCondition(value: unknown): value is ConditionWithValueQuery {
  return typeof value === 'object' && value !== null && ('field' in value || 'fn' in value);
}

function repeat(kind: '(' | ')', count: number | undefined, out: Token[]): void {
  for (let i = 0; i < (count ?? 0); i++) out.push({ kind });
}

/** The chain as tokens, in source order (iterative: a long AND chain does not grow the stack). */
function flatten(where: WhereClause): Token[] {
  const tokens: Token[] = [];
  let node: WhereClause | undefined = where;
  while (node) {
    const left: unknown = node.left;
    const operator = 'operator' in node ? node.operator : undefined;
    if (operator === 'NOT' && !isCondition(left)) {
      repeat('(', (left as { openParen?: number } | null)?.openParen, tokens);
      tokens.push({ kind: 'NOT' });
      node = 'right' in node ? node.right : undefined;
      continue;
    }
    if (!isCondition(left)) throw new MalformedQueryError('unexpected token in WHERE clause');
    repeat('(', left.openParen, tokens);
    tokens.push({ kind: 'condition', condition: left });
    repeat(')', (left as { closeParen?: number }).closeParen, tokens);
    if (operator === undefined) break;
    if (operator === 'NOT') throw new MalformedQueryError("unexpected token: 'NOT'");
    tokens.push({ kind: operator });
    node = 'right' in node ? node.right : undefined;
  }
  return tokens;
}

class Descent {
  readonly #tokens: readonly Token[];
  readonly #soql: string | undefined;
  #at = 0;

  constructor(tokens: readonly Token[], soql: string | undefined) {
    this.#tokens = tokens;
    this.#soql = soql;
  }

  parse(): WhereNode {
    const tree = this.#expression(0);
    const rest = this.#tokens[this.#at];
    if (rest) throw new MalformedQueryError(`unexpected token: '${rest.kind === 'condition' ? 'condition' : rest.kind}'`);
    return tree;
  }

  #expression(depth: number): WhereNode {
    const first = this.#unary(depth);
    let operator: 'AND' | 'OR' | undefined;
    const children: WhereNode[] = [first];
    for (;;) {
      const next = this.#tokens[this.#at];
      if (next?.kind !== 'AND' && next?.kind !== 'OR') break;
      if (operator !== undefined && next.kind !== operator) {
        const detail = `unexpected token: '${next.kind}'. Parentheses are required whenever you mix AND and OR, for example A AND (B OR C).`;
        throw this.#soql === undefined ? new MalformedQueryError(detail, [next.kind]) : malformedAt(this.#soql, next.kind, detail);
      }
      operator = next.kind;
      this.#at++;
      children.push(this.#unary(depth));
    }
    if (operator === undefined) return first;
    return operator === 'AND' ? { kind: 'and', children } : { kind: 'or', children };
  }

  #unary(depth: number): WhereNode {
    const token = this.#tokens[this.#at];
    if (token?.kind === 'NOT') {
      this.#at++;
      // The parser folds runs of NOT (three come back as two), so `NOT NOT` cannot be read
      // reliably; SOQL has no use for it. `NOT (NOT …)` is fine: the parenthesis keeps it apart.
      if (this.#tokens[this.#at]?.kind === 'NOT') {
        const detail = "unexpected token: 'NOT' (write NOT (NOT …) with parentheses)";
        throw this.#soql === undefined ? new MalformedQueryError(detail, ['NOT']) : malformedAt(this.#soql, 'NOT', detail);
      }
      return { kind: 'not', child: this.#primary(depth + 1) };
    }
    return this.#primary(depth);
  }

  #primary(depth: number): WhereNode {
    const token = this.#tokens[this.#at];
    if (!token) throw new MalformedQueryError('unexpected end of WHERE clause');
    if (token.kind === 'condition') {
      this.#at++;
      return { kind: 'condition', condition: token.condition };
    }
    if (token.kind === '(') {
      if (depth >= MAX_DEPTH) throw new MalformedQueryError(`The WHERE clause nests parentheses more than ${MAX_DEPTH} deep.`);
      this.#at++;
      const inner = this.#expression(depth + 1);
      if (this.#tokens[this.#at]?.kind !== ')') throw new MalformedQueryError("unexpected token: expecting ')'");
      this.#at++;
      return inner;
    }
    throw new MalformedQueryError(`unexpected token: '${token.kind}'`, [token.kind]);
  }
}

/**
 * The WHERE clause as a precedence tree; `MALFORMED_QUERY` for AND mixed with OR without
 * parentheses (positioned in `soql` when given).
 */
export function buildWhereTree(where: WhereClause, soql?: string): WhereNode {
  return new Descent(flatten(where), soql).parse();
}
