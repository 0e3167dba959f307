/**
 * A flow definition prepared for execution, once per flow version: elements, resources and
 * screen fields indexed by name (case-insensitively, as Salesforce resolves names), formulas
 * compiled on first use and then reused, and the few facts a step needs without scanning
 * the definition. A step never parses anything.
 */
import type { ConditionSet, DecisionElement, DecisionOutcome, FlowDataType, FlowDefinition, FlowElement, FlowResource, FormulaResource, ScreenElement, ScreenField, StageResource, VariableResource } from '../flow-model/index.js';
import { type CompiledFormula, compileFormula } from './formulas/formula.js';
import { FlowFault } from './fault.js';

/** A screen field with the screen that holds it. */
export interface IndexedScreenField {
  readonly screen: ScreenElement;
  readonly field: ScreenField;
}

/** A decision outcome with its decision. */
export interface IndexedOutcome {
  readonly decision: DecisionElement;
  readonly outcome: DecisionOutcome;
}

/** Element kinds whose name can be referenced for an output (`{!Get_Records}`, `{!Loop}`...). */
const OUTPUT_KINDS = new Set<FlowElement['kind']>(['recordLookup', 'recordCreate', 'actionCall', 'subflow', 'loop', 'collectionProcessor', 'transform']);

/** A compiled flow version; build it with {@link compileFlow} and cache it per version. */
export class CompiledFlow {
  readonly definition: FlowDefinition;
  /** The flow's API name, as frames record it. */
  readonly apiName: string;
  /**
   * The stored flow version this was compiled from, when the caller knows it (the runtime does):
   * a subflow's frame records it, so an interview paused inside the subflow resumes on that
   * version even after another one is activated.
   */
  readonly versionId: string | undefined;
  /** Whether the flow has screens, choices or choice sets (waits are refused in such flows). */
  readonly hasScreens: boolean;
  /** Flow stages ordered by `stageOrder`. */
  readonly stages: readonly StageResource[];
  /** Variables available for input and output. */
  readonly inputVariables: readonly VariableResource[];
  readonly outputVariables: readonly VariableResource[];
  readonly #elements = new Map<string, FlowElement>();
  readonly #resources = new Map<string, FlowResource>();
  readonly #fields = new Map<string, IndexedScreenField>();
  readonly #visitTracked = new Set<string>();
  readonly #outcomes = new Map<string, IndexedOutcome>();
  readonly #outcomeTracked = new Set<string>();
  readonly #formulas = new Map<string, CompiledFormula | FlowFault>();

  constructor(definition: FlowDefinition, versionId?: string) {
    this.definition = definition;
    this.versionId = versionId;
    this.apiName = definition.apiName;
    for (const element of definition.elements) {
      this.#elements.set(element.name.toLowerCase(), element);
      if (element.kind === 'screen') indexFields(element, element.fields, this.#fields);
    }
    for (const resource of definition.resources) this.#resources.set(resource.name.toLowerCase(), resource);
    this.stages = definition.resources
      .filter((resource): resource is StageResource => resource.kind === 'stage')
      .sort((a, b) => a.stageOrder - b.stageOrder);
    const variables = definition.resources.filter((resource): resource is VariableResource => resource.kind === 'variable');
    this.inputVariables = variables.filter((variable) => variable.isInput);
    this.outputVariables = variables.filter((variable) => variable.isOutput);
    this.hasScreens =
      definition.elements.some((element) => element.kind === 'screen') ||
      definition.resources.some((resource) => resource.kind === 'choice' || resource.kind === 'dynamicChoiceSet');
    for (const element of definition.elements) {
      if (element.kind !== 'decision') continue;
      for (const outcome of element.outcomes) this.#outcomes.set(outcome.name.toLowerCase(), { decision: element, outcome });
    }
    if (this.#outcomes.size > 0) {
      const referenced = referencedNames(definition);
      for (const [name, { decision }] of this.#outcomes) if (referenced.has(name)) this.#outcomeTracked.add(decision.name.toLowerCase());
    }
    for (const set of conditionSets(definition)) {
      for (const condition of set.conditions) {
        if (condition.operator === 'WasVisited') this.#visitTracked.add(condition.left.root.toLowerCase());
      }
    }
  }

  /** The element of that name (case-insensitive). */
  element(name: string): FlowElement | undefined {
    return this.#elements.get(name.toLowerCase());
  }

  /** The element of that name, or a `UNKNOWN_REFERENCE` fault (a dangling connector). */
  elementOrThrow(name: string): FlowElement {
    const element = this.element(name);
    if (element === undefined) throw new FlowFault('UNKNOWN_REFERENCE', `Flow "${this.apiName}" has no element "${name}".`);
    return element;
  }

  /** The resource of that name (case-insensitive). */
  resource(name: string): FlowResource | undefined {
    return this.#resources.get(name.toLowerCase());
  }

  /** A screen field (at any depth of sections and columns) by name. */
  screenField(name: string): IndexedScreenField | undefined {
    return this.#fields.get(name.toLowerCase());
  }

  /** Whether the element's name can stand for its output (`{!Get_Records}`). */
  producesOutput(element: FlowElement): boolean {
    return OUTPUT_KINDS.has(element.kind);
  }

  /** A decision outcome by name: `{!Outcome}` is true when its decision last took it. */
  outcome(name: string): IndexedOutcome | undefined {
    return this.#outcomes.get(name.toLowerCase());
  }

  /** Whether the outcome a decision takes must be recorded (some reference names one of its outcomes). */
  tracksOutcome(decision: string): boolean {
    return this.#outcomeTracked.size > 0 && this.#outcomeTracked.has(decision.toLowerCase());
  }

  /** Whether visits of this element must be recorded for a `WasVisited` condition. */
  tracksVisits(name: string): boolean {
    return this.#visitTracked.size > 0 && this.#visitTracked.has(name.toLowerCase());
  }

  /** The compiled formula of a formula resource (compiled on first use, then cached). */
  formulaOf(resource: FormulaResource): CompiledFormula {
    return this.formula(resource.expression, resource.dataType, resource.scale);
  }

  /** A compiled inline formula (validation rules, filter formulas...), cached by text and type. */
  formula(expression: string, returnType: FlowDataType, scale?: number): CompiledFormula {
    const key = `${returnType}|${scale ?? ''}|${expression}`;
    let compiled = this.#formulas.get(key);
    if (compiled === undefined) {
      try {
        compiled = compileFormula(expression, returnType, scale === undefined ? {} : { scale });
      } catch (error) {
        if (!(error instanceof FlowFault)) throw error;
        compiled = error;
      }
      this.#formulas.set(key, compiled);
    }
    if (compiled instanceof FlowFault) throw new FlowFault(compiled.code, compiled.message);
    return compiled;
  }
}

/** Compiles a flow definition for execution; call once per flow version and cache the result. */
export function compileFlow(definition: FlowDefinition, options: { readonly versionId?: string } = {}): CompiledFlow {
  return new CompiledFlow(definition, options.versionId);
}

function indexFields(screen: ScreenElement, fields: readonly ScreenField[], index: Map<string, IndexedScreenField>): void {
  for (const field of fields) {
    index.set(field.name.toLowerCase(), { screen, field });
    if (field.fields.length > 0) indexFields(screen, field.fields, index);
  }
}

function* conditionSets(definition: FlowDefinition): Generator<ConditionSet> {
  for (const element of definition.elements) {
    if (element.kind === 'decision') for (const outcome of element.outcomes) yield outcome.conditions;
    if (element.kind === 'wait') for (const event of element.events) if (event.conditions) yield event.conditions;
  }
}

/**
 * Lower-case names used as reference roots or merge fields anywhere in the definition (scanned
 * once per version, to know which decision outcomes are read as Boolean resources).
 */
function referencedNames(definition: FlowDefinition): Set<string> {
  const names = new Set<string>();
  const json = JSON.stringify(definition);
  for (const match of json.matchAll(/"root":"([^"]+)"/g)) names.add((match[1] ?? '').toLowerCase());
  for (const match of json.matchAll(/\{!\s*([A-Za-z_]\w*)/g)) names.add((match[1] ?? '').toLowerCase());
  return names;
}
