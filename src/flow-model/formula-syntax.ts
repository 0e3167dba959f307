// Over 400 lines: one grammar: the formula tokenizer and its recursive-descent parser belong together.
/**
 * Salesforce formula syntax, as pure text processing: a tokenizer, a parser producing a small
 * AST, the catalogue of formula functions with their arities, and the merge-field rewrite the
 * validator and the engine share.
 *
 * Formulas in flows reference resources as merge fields (`{!a.b}`). A merge field inside a string
 * literal stays literal text (`"{!x}"` is the five characters `{!x}`): Salesforce only merges
 * fields in formula code. Comments (`/* ... *\/`) are skipped, string literals take `'` or `"`
 * and the backslash escapes `\\ \" \' \n \r \t`.
 */
import type { Reference } from './model.js';
import { parseReference } from './references.js';

/** Binary operators, after normalising spellings (`==` → `=`, `!=` → `<>`). */
export type FormulaBinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/** A node of a parsed formula. Function names are upper case. */
export type FormulaNode =
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null }
  /** `index` is the position of the reference in {@link ParsedFormula.references}. */
  | { readonly kind: 'reference'; readonly ref: Reference; readonly index: number }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FormulaNode[] }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | '!'; readonly operand: FormulaNode }
  | { readonly kind: 'binary'; readonly op: FormulaBinaryOperator; readonly left: FormulaNode; readonly right: FormulaNode };

/** A parsed formula: its tree, the distinct references in order of appearance, and the functions used. */
export interface ParsedFormula {
  readonly root: FormulaNode;
  readonly references: readonly Reference[];
  /** Upper-case function names, distinct, in order of appearance. */
  readonly functions: readonly string[];
}

/** Why a formula could not be parsed. */
export type FormulaSyntaxErrorCode = 'SYNTAX' | 'UNKNOWN_FUNCTION' | 'ARITY';

/** A formula that is not valid Salesforce formula syntax (or calls an unknown function, or with the wrong number of arguments). */
export class FormulaSyntaxError extends Error {
  readonly code: FormulaSyntaxErrorCode;
  /** Character offset in the expression, when known. */
  readonly position: number | undefined;

  constructor(code: FormulaSyntaxErrorCode, message: string, position?: number) {
    super(message);
    this.name = 'FormulaSyntaxError';
    this.code = code;
    this.position = position;
  }
}

const VARIADIC = Number.POSITIVE_INFINITY;

/**
 * Every Salesforce formula function Eddy knows, with its minimum and maximum number of arguments.
 * A name missing here is an unknown function (a typo, or a function Salesforce does not have).
 */
export const FORMULA_FUNCTION_ARITY: ReadonlyMap<string, readonly [min: number, max: number]> = new Map<string, readonly [number, number]>([
  ['ABS', [1, 1]], ['ADDMONTHS', [2, 2]], ['AND', [1, VARIADIC]], ['BEGINS', [2, 2]], ['BLANKVALUE', [2, 2]], ['BR', [0, 0]],
  ['CASE', [4, VARIADIC]], ['CASESAFEID', [1, 1]], ['CEILING', [1, 1]], ['CONTAINS', [2, 2]], ['CURRENCYRATE', [1, 1]],
  ['DATE', [3, 3]], ['DATETIMEVALUE', [1, 1]], ['DATEVALUE', [1, 1]], ['DAY', [1, 1]], ['DAYOFYEAR', [1, 1]], ['DISTANCE', [3, 3]],
  ['EXP', [1, 1]], ['FIND', [2, 3]], ['FLOOR', [1, 1]], ['FORMATDURATION', [1, 2]], ['FROMUNIXTIME', [1, 1]],
  ['GEOLOCATION', [2, 2]], ['GETRECORDIDS', [1, 1]], ['GETSESSIONID', [0, 0]], ['HOUR', [1, 1]], ['HTMLENCODE', [1, 1]],
  ['HYPERLINK', [2, 3]], ['IF', [3, 3]], ['IMAGE', [2, 4]], ['IMAGEPROXYURL', [1, 1]], ['INCLUDES', [2, 2]], ['INITCAP', [1, 1]],
  ['ISBLANK', [1, 1]], ['ISCHANGED', [1, 1]], ['ISCLONE', [0, 0]], ['ISNEW', [0, 0]], ['ISNULL', [1, 1]], ['ISNUMBER', [1, 1]],
  ['ISOWEEK', [1, 1]], ['ISOYEAR', [1, 1]], ['ISPICKVAL', [2, 2]], ['JSENCODE', [1, 1]], ['JSINHTMLENCODE', [1, 1]],
  ['JUNCTIONIDLIST', [1, VARIADIC]], ['LEFT', [2, 2]], ['LEN', [1, 1]], ['LINKTO', [2, 4]], ['LN', [1, 1]], ['LOG', [1, 1]],
  ['LOWER', [1, 2]], ['LPAD', [2, 3]], ['MAX', [1, VARIADIC]], ['MCEILING', [1, 1]], ['MFLOOR', [1, 1]], ['MID', [3, 3]],
  ['MILLISECOND', [1, 1]], ['MIN', [1, VARIADIC]], ['MINUTE', [1, 1]], ['MOD', [2, 2]], ['MONTH', [1, 1]], ['NOT', [1, 1]],
  ['NOW', [0, 0]], ['NULLVALUE', [2, 2]], ['OR', [1, VARIADIC]], ['PARENTGROUPVAL', [2, 4]], ['PREVGROUPVAL', [2, 3]],
  ['PRIORVALUE', [1, 1]], ['REGEX', [2, 2]], ['REQUIRESCRIPT', [1, VARIADIC]], ['REVERSE', [1, 1]], ['RIGHT', [2, 2]],
  ['ROUND', [2, 2]], ['RPAD', [2, 3]], ['SECOND', [1, 1]], ['SQRT', [1, 1]], ['SUBSTITUTE', [3, 3]], ['TEXT', [1, 1]],
  ['TIMENOW', [0, 0]], ['TIMEVALUE', [1, 1]], ['TODAY', [0, 0]], ['TRIM', [1, 1]], ['UNIXTIMESTAMP', [1, 1]], ['UPPER', [1, 2]],
  ['URLENCODE', [1, 1]], ['URLFOR', [1, VARIADIC]], ['VALUE', [1, 1]], ['VLOOKUP', [3, 3]], ['WEEKDAY', [1, 1]], ['YEAR', [1, 1]],
]);

/**
 * Salesforce formula functions Eddy does not evaluate: report and dashboard functions, org
 * services (currency rates, sessions, Visualforce URLs) and geolocation. A formula using one
 * fails to compile with a `FORMULA_ERROR` naming it; the validator reports it as unsupported.
 */
export const UNSUPPORTED_FORMULA_FUNCTIONS: ReadonlySet<string> = new Set([
  'CURRENCYRATE', 'DISTANCE', 'GEOLOCATION', 'GETRECORDIDS', 'GETSESSIONID', 'IMAGEPROXYURL', 'ISCLONE',
  'JUNCTIONIDLIST', 'LINKTO', 'PARENTGROUPVAL', 'PREVGROUPVAL', 'REQUIRESCRIPT', 'URLFOR', 'VLOOKUP',
]);

type TokenKind = 'number' | 'string' | 'merge' | 'identifier' | 'operator' | 'open' | 'close' | 'comma' | 'end';

interface Token {
  readonly kind: TokenKind;
  /** The decoded string, the merge-field name, the identifier, the operator, or the number's text. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const OPERATORS = ['&&', '||', '==', '!=', '<>', '<=', '>=', '+', '-', '*', '/', '^', '&', '=', '<', '>', '!'] as const;
const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[\w$.]/;
const DIGIT = /[0-9]/;
const ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };

/** Splits a formula into tokens, skipping white space and comments. Throws {@link FormulaSyntaxError}. */
function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = expression.length;
  while (i < n) {
    const c = expression[i] ?? '';
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\u00a0') {
      i += 1;
    } else if (c === '/' && expression[i + 1] === '*') {
      const close = expression.indexOf('*/', i + 2);
      if (close < 0) throw new FormulaSyntaxError('SYNTAX', 'Unterminated comment.', i);
      i = close + 2;
    } else if (c === '"' || c === "'") {
      const start = i;
      let text = '';
      i += 1;
      for (;;) {
        if (i >= n) throw new FormulaSyntaxError('SYNTAX', 'Unterminated string literal.', start);
        const d = expression[i] ?? '';
        if (d === c) break;
        if (d === '\\') {
          const e = expression[i + 1];
          if (e === undefined) throw new FormulaSyntaxError('SYNTAX', 'Unterminated string literal.', start);
          text += ESCAPES[e] ?? e;
          i += 2;
        } else {
          text += d;
          i += 1;
        }
      }
      i += 1;
      tokens.push({ kind: 'string', text, start, end: i });
    } else if (c === '{') {
      if (expression[i + 1] !== '!') throw new FormulaSyntaxError('SYNTAX', `Unexpected "{" at position ${i}; merge fields are written {!name}.`, i);
      const close = expression.indexOf('}', i + 2);
      if (close < 0) throw new FormulaSyntaxError('SYNTAX', 'Unterminated merge field.', i);
      const name = expression.slice(i + 2, close).trim();
      if (name === '') throw new FormulaSyntaxError('SYNTAX', 'Empty merge field {!}.', i);
      tokens.push({ kind: 'merge', text: name, start: i, end: close + 1 });
      i = close + 1;
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(expression[i + 1] ?? ''))) {
      const start = i;
      while (i < n && DIGIT.test(expression[i] ?? '')) i += 1;
      if (expression[i] === '.') {
        i += 1;
        while (i < n && DIGIT.test(expression[i] ?? '')) i += 1;
      }
      tokens.push({ kind: 'number', text: expression.slice(start, i), start, end: i });
    } else if (IDENTIFIER_START.test(c)) {
      const start = i;
      while (i < n && IDENTIFIER_PART.test(expression[i] ?? '')) i += 1;
      tokens.push({ kind: 'identifier', text: expression.slice(start, i), start, end: i });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'comma', text: c, start: i, end: i + 1 });
      i += 1;
    } else {
      const op = OPERATORS.find((candidate) => expression.startsWith(candidate, i));
      if (op === undefined) throw new FormulaSyntaxError('SYNTAX', `Unexpected character "${c}" at position ${i}.`, i);
      tokens.push({ kind: 'operator', text: op, start: i, end: i + op.length });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', start: n, end: n });
  return tokens;
}

const COMPARISON: Readonly<Record<string, FormulaBinaryOperator>> = { '=': '=', '==': '=', '<>': '<>', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

/** Recursive-descent parser over the tokens; precedence from loosest: `||`, `&&`, comparisons, `&`, `+ -`, `* /`, unary, `^`. */
class Parser {
  readonly #tokens: readonly Token[];
  readonly #expression: string;
  #position = 0;
  readonly #references: Reference[] = [];
  readonly #referenceIndex = new Map<string, number>();
  readonly #functions: string[] = [];

  constructor(expression: string, tokens: readonly Token[]) {
    this.#expression = expression;
    this.#tokens = tokens;
  }

  parse(): ParsedFormula {
    if (this.#peek().kind === 'end') throw new FormulaSyntaxError('SYNTAX', 'The formula is empty.', 0);
    const root = this.#or();
    const rest = this.#peek();
    if (rest.kind !== 'end') throw this.#unexpected(rest);
    return { root, references: this.#references, functions: this.#functions };
  }

  #peek(): Token {
    return this.#tokens[this.#position] ?? { kind: 'end', text: '', start: this.#expression.length, end: this.#expression.length };
  }

  #next(): Token {
    const token = this.#peek();
    this.#position += 1;
    return token;
  }

  #isOperator(...ops: string[]): boolean {
    const token = this.#peek();
    return token.kind === 'operator' && ops.includes(token.text);
  }

  #unexpected(token: Token): FormulaSyntaxError {
    const what = token.kind === 'end' ? 'end of formula' : `"${this.#expression.slice(token.start, token.end)}"`;
    return new FormulaSyntaxError('SYNTAX', `Unexpected ${what} at position ${token.start}.`, token.start);
  }

  #or(): FormulaNode {
    let left = this.#and();
    while (this.#isOperator('||')) {
      this.#next();
      left = { kind: 'binary', op: '||', left, right: this.#and() };
    }
    return left;
  }

  #and(): FormulaNode {
    let left = this.#comparison();
    while (this.#isOperator('&&')) {
      this.#next();
      left = { kind: 'binary', op: '&&', left, right: this.#comparison() };
    }
    return left;
  }

  #comparison(): FormulaNode {
    let left = this.#concatenation();
    for (;;) {
      const token = this.#peek();
      const op = token.kind === 'operator' ? COMPARISON[token.text] : undefined;
      if (op === undefined) return left;
      this.#next();
      left = { kind: 'binary', op, left, right: this.#concatenation() };
    }
  }

  #concatenation(): FormulaNode {
    let left = this.#additive();
    while (this.#isOperator('&')) {
      this.#next();
      left = { kind: 'binary', op: '&', left, right: this.#additive() };
    }
    return left;
  }

  #additive(): FormulaNode {
    let left = this.#multiplicative();
    while (this.#isOperator('+', '-')) {
      const op = this.#next().text as '+' | '-';
      left = { kind: 'binary', op, left, right: this.#multiplicative() };
    }
    return left;
  }

  #multiplicative(): FormulaNode {
    let left = this.#unary();
    while (this.#isOperator('*', '/')) {
      const op = this.#next().text as '*' | '/';
      left = { kind: 'binary', op, left, right: this.#unary() };
    }
    return left;
  }

  #unary(): FormulaNode {
    if (this.#isOperator('-', '+', '!')) {
      const op = this.#next().text as '-' | '+' | '!';
      const operand = this.#unary();
      if (op === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value };
      return { kind: 'unary', op, operand };
    }
    return this.#power();
  }

  #power(): FormulaNode {
    let left = this.#primary();
    while (this.#isOperator('^')) {
      this.#next();
      left = { kind: 'binary', op: '^', left, right: this.#primaryOrSigned() };
    }
    return left;
  }

  /** An exponent may carry its own sign: `2 ^ -1`. */
  #primaryOrSigned(): FormulaNode {
    if (this.#isOperator('-', '+')) {
      const op = this.#next().text as '-' | '+';
      const operand = this.#primaryOrSigned();
      if (op === '-' && operand.kind === 'literal' && typeof operand.value === 'number') return { kind: 'literal', value: -operand.value };
      return { kind: 'unary', op, operand };
    }
    return this.#primary();
  }

  #primary(): FormulaNode {
    const token = this.#next();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: Number(token.text) };
      case 'string':
        return { kind: 'literal', value: token.text };
      case 'merge':
        return this.#reference(token.text);
      case 'identifier':
        return this.#identifier(token);
      case 'open': {
        const inner = this.#or();
        const close = this.#next();
        if (close.kind !== 'close') throw this.#unexpected(close);
        return inner;
      }
      case 'operator':
      case 'close':
      case 'comma':
      case 'end':
        throw this.#unexpected(token);
    }
  }

  #identifier(token: Token): FormulaNode {
    if (this.#peek().kind === 'open') return this.#call(token);
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE') return { kind: 'literal', value: true };
    if (upper === 'FALSE') return { kind: 'literal', value: false };
    if (upper === 'NULL') return { kind: 'literal', value: null };
    // A bare name (`$Flow.CurrentDate` without braces): accepted as a reference.
    return this.#reference(token.text);
  }

  #call(token: Token): FormulaNode {
    const name = token.text.toUpperCase();
    const arity = FORMULA_FUNCTION_ARITY.get(name);
    if (arity === undefined) {
      throw new FormulaSyntaxError('UNKNOWN_FUNCTION', `Unknown function ${name}.`, token.start);
    }
    if (!this.#functions.includes(name)) this.#functions.push(name);
    this.#next();
    const args: FormulaNode[] = [];
    if (this.#peek().kind !== 'close') {
      for (;;) {
        args.push(this.#or());
        const separator = this.#next();
        if (separator.kind === 'close') break;
        if (separator.kind !== 'comma') throw this.#unexpected(separator);
      }
    } else {
      this.#next();
    }
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : max === VARIADIC ? `at least ${min}` : `${min} to ${max}`;
      throw new FormulaSyntaxError('ARITY', `${name}() takes ${expected} argument${expected === '1' ? '' : 's'}, not ${args.length}.`, token.start);
    }
    if (name === 'CASE' && args.length % 2 !== 0) {
      throw new FormulaSyntaxError('ARITY', `CASE() needs an expression, value/result pairs and a default result: ${args.length} arguments is one too many or too few.`, token.start);
    }
    return { kind: 'call', name, args };
  }

  #reference(text: string): FormulaNode {
    const known = this.#referenceIndex.get(text);
    if (known !== undefined) {
      const ref = this.#references[known];
      if (ref !== undefined) return { kind: 'reference', ref, index: known };
    }
    const ref = parseReference(text);
    if (ref === undefined) throw new FormulaSyntaxError('SYNTAX', 'Empty reference.');
    const index = this.#references.length;
    this.#references.push(ref);
    this.#referenceIndex.set(text, index);
    return { kind: 'reference', ref, index };
  }
}

/** Parses a formula expression. Throws {@link FormulaSyntaxError} (syntax, unknown function, wrong number of arguments). */
export function parseFormula(expression: string): ParsedFormula {
  return new Parser(expression, tokenize(expression)).parse();
}

/**
 * Rewrites merge fields into plain identifiers (`{!a.b}` → `m0`) so that formula tools that do not
 * know merge-field syntax (formulon) accept the text; comments are removed and string literals
 * kept as written. The same reference always gets the same identifier; `identifiers[i]` names
 * `references[i]`. Bare names (`$Flow.CurrentDate` without braces) are listed too, under their
 * own spelling. Identifiers never collide with a bare name of the formula.
 */
export function rewriteMergeFields(expression: string): { text: string; references: Reference[]; identifiers: string[] } {
  const tokens = tokenize(expression);
  const bare = new Set<string>();
  tokens.forEach((token, i) => {
    if (token.kind === 'identifier' && tokens[i + 1]?.kind !== 'open') bare.add(token.text.toLowerCase());
  });
  const prefix = ['m', 'mf', 'merge', 'mergefield'].find((candidate) => ![...bare].some((name) => new RegExp(`^${candidate}\\d+$`).test(name))) ?? 'eddy_merge_';
  const references: Reference[] = [];
  const identifiers: string[] = [];
  const byText = new Map<string, string>();
  const addReference = (text: string, identifier: string | undefined): string | undefined => {
    const known = byText.get(text);
    if (known !== undefined) return known;
    const ref = parseReference(text);
    if (ref === undefined) return undefined;
    const name = identifier ?? `${prefix}${references.length}`;
    references.push(ref);
    identifiers.push(name);
    byText.set(text, name);
    return name;
  };
  let text = '';
  let last = 0;
  tokens.forEach((token, i) => {
    // Keep white space and everything between tokens except comments (dropped by the tokenizer).
    const between = expression.slice(last, token.start);
    text += between.replace(/\/\*[\s\S]*?\*\//g, ' ');
    if (token.kind === 'merge') {
      text += addReference(token.text, undefined) ?? '';
    } else {
      if (token.kind === 'identifier' && tokens[i + 1]?.kind !== 'open' && !/^(true|false|null)$/i.test(token.text)) {
        addReference(token.text, token.text);
      }
      text += expression.slice(token.start, token.end);
    }
    last = token.end;
  });
  return { text, references, identifiers };
}

/** The upper-case names of the functions a formula calls, distinct, in order; best effort when the formula does not parse. */
export function formulaFunctions(expression: string): string[] {
  let tokens: Token[];
  try {
    tokens = tokenize(expression);
  } catch {
    return [...new Set([...expression.matchAll(/([A-Za-z_][\w]*)\s*\(/g)].map((match) => (match[1] ?? '').toUpperCase()))];
  }
  const names: string[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'identifier' && tokens[i + 1]?.kind === 'open') {
      const name = token.text.toUpperCase();
      if (!names.includes(name)) names.push(name);
    }
  });
  return names;
}
