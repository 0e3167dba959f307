/**
 * Compiled Salesforce formulas. An expression is parsed once (`formula-syntax.ts`), compiled into
 * a tree of closures and cached by its text; evaluating it resolves each reference at most once
 * and never reads the clock (`TODAY()`/`NOW()` use `context.now`). See `docs/formulas.md` for why
 * Eddy evaluates formulas itself rather than through formulon.
 */
import { FormulaSyntaxError, parseFormula, UNSUPPORTED_FORMULA_FUNCTIONS } from '../../flow-model/index.js';
import type { FlowDataType, FormulaNode, Reference } from '../../flow-model/index.js';
import { FlowFault } from '../fault.js';
import { FORMULA_FUNCTIONS, HTML_FORMULA_FUNCTIONS } from './formula-functions.js';
import type { FormulaEnv, Thunk } from './formula-functions.js';
import { applyBinary, applyUnary, formulaEquals, truthOf } from './formula-operators.js';
import { boolean, FALSE, FormulaError, fromTyped, NULL, number, text, toResult, TRUE } from './formula-value.js';
import type { FormulaValue } from './formula-value.js';
import type { FlowValue } from '../protocol.js';
import type { TypedValue } from '../typed-value.js';
import { parseDateTimeText } from '../values.js';

/** What an evaluation needs besides references: the current time and, for record-triggered flows, prior values. */
export interface FormulaContext {
  /** Current time, ISO-8601 (`TODAY()`, `NOW()`, `TIMENOW()`). */
  readonly now: string;
  /** The prior value of a reference (`ISCHANGED`, `PRIORVALUE`); absent outside record updates. */
  readonly prior?: (ref: Reference) => TypedValue;
  /** Whether the triggering record is being created (`ISNEW()`); default false. */
  readonly isNew?: boolean;
}

/** A formula parsed and compiled once, evaluated many times. */
export interface CompiledFormula {
  readonly expression: string;
  /** Distinct references, in order of appearance. */
  readonly references: readonly Reference[];
  /** Upper-case names of the functions used. */
  readonly functions: readonly string[];
  /** True when the formula calls `HYPERLINK` or `IMAGE`: its text result is HTML, to sanitise before display. */
  readonly producesHtml: boolean;
  /** Evaluates with Salesforce semantics; the result has the formula's type. Throws `FlowFault('FORMULA_ERROR')`. */
  evaluate(resolve: (ref: Reference) => TypedValue, context: FormulaContext): FlowValue;
}

interface CompiledTree {
  readonly root: Thunk;
  readonly references: readonly Reference[];
  readonly functions: readonly string[];
  readonly producesHtml: boolean;
}

/** One evaluation: resolves each reference lazily, at most once. */
class Evaluation implements FormulaEnv {
  readonly #references: readonly Reference[];
  readonly #resolve: (ref: Reference) => TypedValue;
  readonly #context: FormulaContext;
  readonly #values: (FormulaValue | undefined)[] = [];
  #now: number | undefined;

  constructor(references: readonly Reference[], resolve: (ref: Reference) => TypedValue, context: FormulaContext) {
    this.#references = references;
    this.#resolve = resolve;
    this.#context = context;
  }

  now(): number {
    if (this.#now === undefined) {
      const ms = parseDateTimeText(this.#context.now);
      if (ms === undefined) throw new FormulaError(`The current time ${JSON.stringify(this.#context.now)} is not an ISO-8601 date-time.`);
      this.#now = ms;
    }
    return this.#now;
  }

  isNew(): boolean {
    return this.#context.isNew ?? false;
  }

  reference(index: number): FormulaValue {
    const known = this.#values[index];
    if (known !== undefined) return known;
    const ref = this.#references[index];
    if (ref === undefined) return NULL;
    const value = fromTyped(this.#resolve(ref));
    this.#values[index] = value;
    return value;
  }

  prior(index: number): FormulaValue | undefined {
    const ref = this.#references[index];
    if (ref === undefined || this.#context.prior === undefined) return undefined;
    return fromTyped(this.#context.prior(ref));
  }
}

function literal(value: string | number | boolean | null): FormulaValue {
  if (value === null) return NULL;
  if (typeof value === 'string') return text(value);
  if (typeof value === 'number') return number(value);
  return value ? TRUE : FALSE;
}

function referenceArgument(name: string, node: FormulaNode | undefined): number {
  if (node?.kind !== 'reference') throw new FormulaError(`${name}() takes a field or resource reference, such as {!$Record.Status}.`);
  return node.index;
}

function compileNode(node: FormulaNode): Thunk {
  switch (node.kind) {
    case 'literal': {
      const value = literal(node.value);
      return () => value;
    }
    case 'reference': {
      const index = node.index;
      return (env) => env.reference(index);
    }
    case 'unary': {
      const operand = compileNode(node.operand);
      const op = node.op;
      return (env) => applyUnary(op, operand(env));
    }
    case 'binary': {
      const left = compileNode(node.left);
      const right = compileNode(node.right);
      const op = node.op;
      if (op === '&&') return (env) => (truthOf(left(env), '&&') && truthOf(right(env), '&&') ? TRUE : FALSE);
      if (op === '||') return (env) => (truthOf(left(env), '||') || truthOf(right(env), '||') ? TRUE : FALSE);
      return (env) => applyBinary(op, left(env), right(env));
    }
    case 'call':
      return compileCall(node.name, node.args);
  }
}

function compileCall(name: string, nodes: readonly FormulaNode[]): Thunk {
  if (name === 'ISCHANGED') {
    const index = referenceArgument(name, nodes[0]);
    return (env) => {
      const prior = env.prior(index);
      if (prior === undefined || env.isNew()) return FALSE;
      return boolean(!formulaEquals(env.reference(index), prior));
    };
  }
  if (name === 'PRIORVALUE') {
    const index = referenceArgument(name, nodes[0]);
    return (env) => (env.isNew() ? NULL : (env.prior(index) ?? NULL));
  }
  const fn = FORMULA_FUNCTIONS.get(name);
  if (fn === undefined) throw new FormulaError(`Eddy does not support the formula function ${name}.`);
  const args = nodes.map(compileNode);
  if (fn.lazy) return (env) => fn.apply(args, env);
  switch (args.length) {
    case 0:
      return (env) => fn.apply([], env);
    case 1: {
      const [a] = args as [Thunk];
      return (env) => fn.apply([a(env)], env);
    }
    case 2: {
      const [a, b] = args as [Thunk, Thunk];
      return (env) => fn.apply([a(env), b(env)], env);
    }
    default:
      return (env) => fn.apply(args.map((item) => item(env)), env);
  }
}

const CACHE_LIMIT = 5000;
const cache = new Map<string, CompiledTree | { readonly error: string }>();

function compileTree(expression: string): CompiledTree | { readonly error: string } {
  const cached = cache.get(expression);
  if (cached !== undefined) return cached;
  let result: CompiledTree | { readonly error: string };
  try {
    const parsed = parseFormula(expression);
    const unsupported = parsed.functions.find((name) => UNSUPPORTED_FORMULA_FUNCTIONS.has(name));
    if (unsupported !== undefined) throw new FormulaError(`uses ${unsupported}(), which Eddy does not support.`);
    result = {
      root: compileNode(parsed.root),
      references: parsed.references,
      functions: parsed.functions,
      producesHtml: parsed.functions.some((name) => HTML_FORMULA_FUNCTIONS.has(name)),
    };
  } catch (error) {
    if (error instanceof FormulaSyntaxError) result = { error: `is invalid: ${error.message}` };
    else if (error instanceof FormulaError) result = { error: error.message.startsWith('uses ') ? error.message : `is invalid: ${error.message}` };
    else throw error;
  }
  if (cache.size >= CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  cache.set(expression, result);
  return result;
}

function label(expression: string, name: string | undefined): string {
  if (name !== undefined) return `Formula ${name}`;
  const oneLine = expression.replace(/\s+/g, ' ').trim();
  return `Formula ${JSON.stringify(oneLine.length > 120 ? `${oneLine.slice(0, 117)}...` : oneLine)}`;
}

/**
 * Parses and compiles a formula (cached by expression text), returning its references,
 * functions and an `evaluate` whose result is converted to `returnType` (numbers rounded
 * half-up to `scale`). `name` (the formula resource) is used in messages. A syntax error, an
 * unknown or unsupported function or a wrong number of arguments throws `FlowFault('FORMULA_ERROR')`.
 */
export function compileFormula(expression: string, returnType: FlowDataType, options?: { scale?: number; name?: string }): CompiledFormula {
  const tree = compileTree(expression);
  const title = label(expression, options?.name);
  if ('error' in tree) throw new FlowFault('FORMULA_ERROR', `${title} ${tree.error}`);
  const scale = options?.scale;
  const { root, references } = tree;
  return {
    expression,
    references,
    functions: tree.functions,
    producesHtml: tree.producesHtml,
    evaluate(resolve, context) {
      try {
        return toResult(root(new Evaluation(references, resolve, context)), returnType, scale);
      } catch (error) {
        if (error instanceof FormulaError) throw new FlowFault('FORMULA_ERROR', `${title}: ${error.message}`);
        throw error;
      }
    },
  };
}
