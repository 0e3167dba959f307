/**
 * Reference resolution over the executing frame: `resolve(ref)` gives a {@link TypedValue} for
 * variables, constants, formulas, text templates, choices, stages, screen fields, element
 * outputs and globals; `write(ref, value)` assigns variables, record fields and the assignable
 * globals. Values are immutable: writes replace them (see `value-path.ts`).
 */
import type { Condition, ConditionSet, FlowDataType, FlowElement, Reference, Template, ValueExpr, VariableResource } from '../flow-model/index.js';
import type { CompiledFlow } from './compile.js';
import { evaluateCondition, evaluateLogic } from './conditions.js';
import { FlowFault } from './fault.js';
import { type GlobalsHost, resolveGlobal, writeGlobal } from './globals.js';
import type { FlowValue, Frame, InterviewState, StepContext } from './protocol.js';
import { renderTemplate } from './template.js';
import type { TypedValue } from './typed-value.js';
import { coerceValue } from './values.js';
import { getPath, setPath } from './value-path.js';

/** How deep formulas may reference formulas before Eddy calls it a cycle. */
const MAX_FORMULA_DEPTH = 64;

/** Values that shadow the flow's resources while a screen is validated or rendered. */
export type Bindings = ReadonlyMap<string, TypedValue>;

/** Typed value helper. */
export function typed(value: FlowValue | undefined, dataType?: FlowDataType, isCollection = false, objectType?: string): TypedValue {
  return { value: value ?? null, dataType, isCollection, objectType };
}

function isLiteral(expr: ValueExpr): boolean {
  return expr.kind !== 'reference' && expr.kind !== 'template' && expr.kind !== 'formula';
}

/** Resolves and assigns references for one frame of an interview. */
export class Scope implements GlobalsHost {
  readonly flow: CompiledFlow;
  readonly frame: Frame;
  readonly state: InterviewState;
  readonly context: StepContext;
  readonly recordObject: string | undefined;
  /** Screen values (by lower-case field name) that shadow stored ones. */
  readonly #bindings: Bindings | undefined;
  #formulaDepth = 0;

  constructor(flow: CompiledFlow, frame: Frame, state: InterviewState, context: StepContext, bindings?: Bindings) {
    this.flow = flow;
    this.frame = frame;
    this.state = state;
    this.context = context;
    this.recordObject = flow.definition.start?.object;
    this.#bindings = bindings;
  }

  /** The same scope with extra bindings (screen values, a filter's current item). */
  withBindings(bindings: Bindings): Scope {
    if (this.#bindings === undefined) return new Scope(this.flow, this.frame, this.state, this.context, bindings);
    const merged = new Map(this.#bindings);
    for (const [key, value] of bindings) merged.set(key, value);
    return new Scope(this.flow, this.frame, this.state, this.context, merged);
  }

  /**
   * The value of a reference. `display` resolves stages to their labels (display text)
   * instead of `flowName:stageName` (formulas, assignments, conditions).
   */
  resolve(ref: Reference, display = false): TypedValue {
    const bound = this.#bindings?.get(ref.root.toLowerCase());
    if (bound !== undefined) return walk(bound, ref.path);
    if (ref.root.startsWith('$')) return resolveGlobal(this, ref);
    const resource = this.flow.resource(ref.root);
    if (resource !== undefined) {
      switch (resource.kind) {
        case 'variable':
          return walk(this.variable(resource), ref.path);
        case 'constant':
          return walk(resource.value === undefined ? typed(null, resource.dataType) : { ...this.evaluate(resource.value, resource.dataType), dataType: resource.dataType }, ref.path);
        case 'formula':
          return walk(typed(this.evaluateFormulaResource(resource.name), resource.dataType), ref.path);
        case 'textTemplate':
          return typed(this.render(resource.text, !resource.isViewedAsPlainText), 'String');
        case 'choice': {
          if (Object.hasOwn(this.frame.vars, resource.name)) return typed(this.frame.vars[resource.name], resource.dataType);
          const value = resource.value === undefined ? typed(null) : this.evaluate(resource.value, resource.dataType);
          return walk({ ...value, dataType: resource.dataType }, ref.path);
        }
        case 'dynamicChoiceSet':
          return typed(null, resource.dataType);
        case 'stage':
          return typed(display ? resource.label : `${this.flow.apiName}:${resource.name}`, 'Stage');
      }
    }
    const element = this.flow.element(ref.root);
    if (element !== undefined && this.flow.producesOutput(element)) return walk(this.elementOutput(element), ref.path);
    const indexed = this.flow.screenField(ref.root);
    if (indexed !== undefined) {
      const { field } = indexed;
      const value = this.frame.vars[field.name];
      if (field.fieldType === 'ComponentInstance') return walk(typed(value), ref.path);
      return walk(typed(value, field.dataType, Array.isArray(value)), ref.path);
    }
    const outcome = this.flow.outcome(ref.root);
    if (outcome !== undefined && ref.path.length === 0) {
      return typed(this.frame.outcomes?.[outcome.decision.name] === outcome.outcome.name, 'Boolean');
    }
    throw new FlowFault('UNKNOWN_REFERENCE', `Flow "${this.flow.apiName}" has no resource or element named "${ref.root}" (${ref.text}).`);
  }

  /** A variable's value: set, else its default value, else null. */
  variable(variable: VariableResource): TypedValue {
    const type = { dataType: variable.dataType, isCollection: variable.isCollection, objectType: variable.objectType };
    if (Object.hasOwn(this.frame.vars, variable.name)) return { value: this.frame.vars[variable.name] ?? null, ...type };
    if (variable.defaultValue === undefined || !isLiteral(variable.defaultValue)) return { value: null, ...type };
    return { value: this.coerce(this.evaluate(variable.defaultValue, variable.dataType).value, variable), ...type };
  }

  /** The output an element's name stands for (`{!Get_Records}`, `{!Loop}`, `{!Action.out}`). */
  elementOutput(element: FlowElement): TypedValue {
    const value = this.frame.vars[element.name];
    if (element.kind === 'recordLookup') return typed(value, 'SObject', !element.getFirstRecordOnly, element.object);
    if (element.kind === 'recordCreate') return typed(value, 'String');
    if (element.kind === 'loop') {
      if (element.assignNextValueTo !== undefined) return this.resolve(element.assignNextValueTo);
      const collection = this.resolve(element.collection);
      return typed(value, collection.dataType, false, collection.objectType);
    }
    if (element.kind === 'collectionProcessor') {
      const collection = this.resolve(element.collection);
      return typed(value, collection.dataType, true, collection.objectType);
    }
    if (element.kind === 'transform') return typed(value, element.dataType, element.isCollection, element.objectType);
    return typed(value);
  }

  /** Evaluates a formula resource by name (formulas are evaluated on every read). */
  evaluateFormulaResource(name: string): FlowValue {
    const resource = this.flow.resource(name);
    if (resource?.kind !== 'formula') throw new FlowFault('UNKNOWN_REFERENCE', `No formula named "${name}".`);
    return this.runFormula(() => this.flow.formulaOf(resource), resource.name);
  }

  /** Evaluates an inline formula (validation rules, filter formulas) to `returnType`. */
  formula(expression: string, returnType: FlowDataType, scale?: number): FlowValue {
    return this.runFormula(() => this.flow.formula(expression, returnType, scale), expression);
  }

  #hasPrior(): boolean {
    return this.resolve({ root: '$Record__Prior', path: [], text: '$Record__Prior' }).value !== null;
  }

  #prior = (ref: Reference): TypedValue => {
    if (ref.root.toLowerCase() === '$record') return this.resolve({ ...ref, root: '$Record__Prior', text: ref.text.replace(/^\$Record/i, '$Record__Prior') });
    return this.resolve(ref);
  };

  private runFormula(compile: () => ReturnType<CompiledFlow['formula']>, what: string): FlowValue {
    if (this.#formulaDepth >= MAX_FORMULA_DEPTH) throw new FlowFault('FORMULA_ERROR', `Formula "${what}" refers to itself through other formulas.`);
    this.#formulaDepth += 1;
    try {
      const compiled = compile();
      const record = this.context.record;
      return compiled.evaluate((ref) => this.resolve(ref), {
        now: this.context.now,
        prior: this.#prior,
        isNew: record != null && this.context.recordPrior == null,
      });
    } finally {
      this.#formulaDepth -= 1;
    }
  }

  /** The value of a metadata value; `expected` types literals and inline formulas. */
  evaluate(expr: ValueExpr, expected?: FlowDataType): TypedValue {
    switch (expr.kind) {
      case 'string':
        return typed(expr.value, 'String');
      case 'number':
        return typed(expr.value, 'Number');
      case 'boolean':
        return typed(expr.value, 'Boolean');
      case 'date':
        return typed(expr.value, 'Date');
      case 'dateTime':
        return typed(expr.value, 'DateTime');
      case 'time':
        return typed(expr.value, 'Time');
      case 'reference':
        return this.resolve(expr.ref);
      case 'template':
        return typed(this.render(expr.template, false), 'String');
      case 'formula': {
        const type = expected ?? 'String';
        return typed(this.formula(expr.expression, type), type);
      }
      case 'null':
        return typed(null, expected);
    }
  }

  /**
   * Renders merge fields; with `html` (rich text), merged values are escaped, except rich text
   * templates and HTML-producing formulas (`HYPERLINK`), which are HTML already.
   */
  render(template: Template, html: boolean): string {
    return renderTemplate(template, (ref) => this.resolve(ref, true), html ? { html, trustedHtml: (ref) => this.isHtml(ref) } : {});
  }

  private isHtml(ref: Reference): boolean {
    if (ref.path.length > 0 || ref.root.startsWith('$') || this.#bindings?.has(ref.root.toLowerCase()) === true) return false;
    const resource = this.flow.resource(ref.root);
    if (resource?.kind === 'textTemplate') return !resource.isViewedAsPlainText;
    if (resource?.kind === 'formula') return this.flow.formulaOf(resource).producesHtml;
    return false;
  }

  /** Whether a condition set holds (its conditions combined by its logic). */
  test(set: ConditionSet): boolean {
    return evaluateLogic(set.logic, (index) => {
      const condition = set.conditions[index];
      if (condition === undefined) throw new FlowFault('INVALID_CONDITION', `Condition logic "${set.logicText}" names condition ${index + 1}, which does not exist.`);
      return this.condition(condition);
    });
  }

  /** Whether one condition holds. */
  condition(condition: Condition): boolean {
    const left = this.resolve(condition.left);
    const right = this.evaluate(condition.right, left.dataType);
    const operator = condition.operator;
    const root = condition.left.root.toLowerCase();
    if (operator === 'WasSet') return evaluateCondition(operator, left, right, { wasSet: this.wasSet(condition.left) });
    if (operator === 'WasVisited') return evaluateCondition(operator, left, right, { visited: this.frame.visited.some((name) => name.toLowerCase() === root) });
    if (operator === 'WasSelected') return evaluateCondition(operator, left, right, { selected: (this.frame.selected ?? []).some((name) => name.toLowerCase() === root) });
    if (operator === 'IsChanged') return evaluateCondition(operator, left, right, this.#hasPrior() ? { priorValue: this.#prior(condition.left).value } : {});
    return evaluateCondition(operator, left, right);
  }

  private wasSet(ref: Reference): boolean {
    if (ref.root.startsWith('$')) return this.resolve(ref).value !== null;
    const name = this.canonicalName(ref.root);
    if (name === undefined || !Object.hasOwn(this.frame.vars, name)) return false;
    return ref.path.length === 0 || getPath(this.frame.vars[name] ?? null, ref.path) !== null;
  }

  /** The declared spelling of a resource, element or screen field name. */
  canonicalName(name: string): string | undefined {
    return this.flow.resource(name)?.name ?? this.flow.element(name)?.name ?? this.flow.screenField(name)?.field.name;
  }

  /** Coerces a value to a variable's declared type. */
  coerce(value: FlowValue, variable: VariableResource): FlowValue {
    return coerceValue(value, variable.dataType, { isCollection: variable.isCollection, scale: variable.scale, objectType: variable.objectType });
  }

  /** Assigns a value to a reference: a variable, a record field, an element output or a global. */
  write(ref: Reference, value: FlowValue): void {
    if (ref.root.startsWith('$')) {
      writeGlobal(this, ref, value);
      return;
    }
    const resource = this.flow.resource(ref.root);
    if (resource !== undefined) {
      if (resource.kind === 'variable') {
        if (ref.path.length === 0) this.setVar(resource.name, this.coerce(value, resource), resource.defaultValue !== undefined);
        else this.setVar(resource.name, setPath(this.variable(resource).value, ref.path, value, resource.objectType), true);
        return;
      }
      if (resource.kind === 'choice' && ref.path.length === 0) {
        this.setVar(resource.name, value, false);
        return;
      }
      throw new FlowFault('INVALID_REFERENCE', `"${ref.text}" cannot be assigned: ${resource.name} is a ${resource.kind}.`);
    }
    const name = this.canonicalName(ref.root);
    if (name === undefined) throw new FlowFault('UNKNOWN_REFERENCE', `Flow "${this.flow.apiName}" has no resource or element named "${ref.root}" (${ref.text}).`);
    const element = this.flow.element(name);
    const objectType = element?.kind === 'recordLookup' ? element.object : undefined;
    this.setVar(name, setPath(this.frame.vars[name] ?? null, ref.path, value, objectType), false);
  }

  /** Sets a frame value; null is dropped unless it must hide a default value. */
  setVar(name: string, value: FlowValue, keepNull: boolean): void {
    if (value === null && !keepNull) delete this.frame.vars[name];
    else this.frame.vars[name] = value;
  }
}

/** The value at `path` of a typed value; a field's type is unknown statically. */
export function walk(value: TypedValue, path: readonly string[]): TypedValue {
  if (path.length === 0) return value;
  const inner = getPath(value.value, path);
  return typed(inner, undefined, Array.isArray(inner));
}

/** Evaluates the non-literal default values of variables (references, templates, formulas) at start. */
export function initialiseDefaults(scope: Scope): void {
  for (const resource of scope.flow.definition.resources) {
    if (resource.kind !== 'variable' || resource.defaultValue === undefined || isLiteral(resource.defaultValue)) continue;
    if (Object.hasOwn(scope.frame.vars, resource.name)) continue;
    const value = scope.coerce(scope.evaluate(resource.defaultValue, resource.dataType).value, resource);
    scope.setVar(resource.name, value, false);
  }
}
