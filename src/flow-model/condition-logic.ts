/**
 * Condition logic: `and`, `or`, or custom logic such as `1 AND (2 OR NOT 3)` (case-insensitive,
 * 1-based in metadata) parsed into a {@link LogicNode} tree with 0-based condition indexes.
 * Like Salesforce, mixing AND and OR at one level without parentheses is rejected.
 */
import type { LogicNode } from './model.js';

/** A parsed logic tree, or why the text is not valid logic (the tree is then an AND of all). */
export interface ConditionLogicResult {
  readonly logic: LogicNode;
  /** The problem, for a `CONDITION_LOGIC_INVALID` diagnostic; `undefined` when valid. */
  readonly error: string | undefined;
}

type Token =
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'and' | 'or' | 'not' | 'open' | 'close' };

class LogicSyntaxError extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+)|(AND)\b|(OR)\b|(NOT)\b|(\()|(\))|(\S+))/giy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null && match[0] !== '') {
    const [, digits, and, or, not, open, close, other] = match;
    if (digits !== undefined) tokens.push({ kind: 'number', value: Number(digits), text: digits });
    else if (and !== undefined) tokens.push({ kind: 'and' });
    else if (or !== undefined) tokens.push({ kind: 'or' });
    else if (not !== undefined) tokens.push({ kind: 'not' });
    else if (open !== undefined) tokens.push({ kind: 'open' });
    else if (close !== undefined) tokens.push({ kind: 'close' });
    else if (other !== undefined) throw new LogicSyntaxError(`unexpected "${other}"`);
  }
  return tokens;
}

/** Recursive descent over the tokens; `index` is the position of the next token. */
class LogicParser {
  readonly #tokens: readonly Token[];
  #index = 0;

  constructor(tokens: readonly Token[]) {
    this.#tokens = tokens;
  }

  parse(): LogicNode {
    const node = this.#expression();
    const rest = this.#tokens[this.#index];
    if (rest !== undefined) throw new LogicSyntaxError(rest.kind === 'close' ? 'unbalanced ")"' : `unexpected ${describe(rest)}`);
    return node;
  }

  #expression(): LogicNode {
    const first = this.#unary();
    const operator = this.#tokens[this.#index];
    if (operator?.kind !== 'and' && operator?.kind !== 'or') return first;
    const op = operator.kind;
    const children = [first];
    while (this.#tokens[this.#index]?.kind === op) {
      this.#index += 1;
      children.push(this.#unary());
    }
    const next = this.#tokens[this.#index];
    if (next?.kind === 'and' || next?.kind === 'or') {
      throw new LogicSyntaxError('AND and OR are mixed without parentheses');
    }
    return { op, children };
  }

  #unary(): LogicNode {
    const token = this.#tokens[this.#index];
    this.#index += 1;
    if (token === undefined) throw new LogicSyntaxError('it ends too early');
    switch (token.kind) {
      case 'number':
        if (token.value < 1) throw new LogicSyntaxError(`condition numbers start at 1, found ${token.text}`);
        return { op: 'condition', index: token.value - 1 };
      case 'not':
        return { op: 'not', child: this.#unary() };
      case 'open': {
        const inner = this.#expression();
        if (this.#tokens[this.#index]?.kind !== 'close') throw new LogicSyntaxError('a "(" is not closed');
        this.#index += 1;
        return inner;
      }
      case 'and':
      case 'or':
      case 'close':
        throw new LogicSyntaxError(`unexpected ${describe(token)}`);
    }
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'number':
      return `"${token.text}"`;
    case 'and':
      return '"AND"';
    case 'or':
      return '"OR"';
    case 'not':
      return '"NOT"';
    case 'open':
      return '"("';
    case 'close':
      return '")"';
  }
}

/** All conditions joined by `op`. */
export function joinConditions(op: 'and' | 'or', conditionCount: number): LogicNode {
  return { op, children: Array.from({ length: conditionCount }, (_, index) => ({ op: 'condition' as const, index })) };
}

/** The largest condition index a tree uses, or -1. */
function maxIndex(node: LogicNode): number {
  switch (node.op) {
    case 'condition':
      return node.index;
    case 'not':
      return maxIndex(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((max, child) => Math.max(max, maxIndex(child)), -1);
  }
}

/**
 * Parses condition logic over `conditionCount` conditions. Absent or blank logic means `and`;
 * an invalid text or an index beyond the conditions gives an `error` and an AND of all.
 */
export function parseConditionLogic(text: string | undefined, conditionCount: number): ConditionLogicResult {
  const source = text?.trim() ?? '';
  const lower = source.toLowerCase();
  if (source === '' || lower === 'and') return { logic: joinConditions('and', conditionCount), error: undefined };
  if (lower === 'or') return { logic: joinConditions('or', conditionCount), error: undefined };
  try {
    const logic = new LogicParser(tokenize(source)).parse();
    const highest = maxIndex(logic);
    if (highest >= conditionCount) {
      const count = conditionCount === 1 ? 'there is 1 condition' : `there are ${conditionCount} conditions`;
      return { logic: joinConditions('and', conditionCount), error: `"${source}" refers to condition ${highest + 1} but ${count}` };
    }
    return { logic, error: undefined };
  } catch (error) {
    if (!(error instanceof LogicSyntaxError)) throw error;
    return { logic: joinConditions('and', conditionCount), error: `"${source}" is not valid condition logic: ${error.message}` };
  }
}
