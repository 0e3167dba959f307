/**
 * Walks a {@link FlowDefinition} and lists what validation (and tooling) needs to see in one
 * place: every reference with the element or resource using it, every formula text, and every
 * connector. Adding an element kind means adding it here (the switches are exhaustive).
 */
import { assertNever } from './assert-never.js';
import { parseFormula } from './formula-syntax.js';
import type {
  Condition,
  ConditionSet,
  Connector,
  FlowDefinition,
  FlowElement,
  FlowResource,
  InputParameter,
  OutputParameter,
  RecordFilter,
  Reference,
  ScreenField,
  Template,
  ValueExpr,
} from './model.js';
import { mergeFieldReferences, parseReference, templateReferences } from './references.js';

/** How a reference is used: read, written (assignment targets, outputs), or iterated. */
export type ReferenceRole = 'read' | 'write';

/** One reference and who uses it (`owner` is an element or resource name; `undefined` for the flow). */
export interface ReferenceUse {
  readonly ref: Reference;
  readonly owner: string | undefined;
  readonly role: ReferenceRole;
}

/** One formula text and who uses it; `what` says where, for messages. */
export interface FormulaUse {
  readonly expression: string;
  readonly owner: string | undefined;
  readonly what: string;
}

/** One connector and the element it leaves (`owner` is `undefined` for the start). */
export interface ConnectorUse {
  readonly connector: Connector;
  readonly owner: string | undefined;
  /** Which connector: `connector`, `faultConnector`, an outcome name ... */
  readonly what: string;
}

/** The references of a formula expression: parsed when it parses, else its `{!merge}` fields. */
export function formulaReferences(expression: string): readonly Reference[] {
  try {
    return parseFormula(expression).references;
  } catch {
    return mergeFieldReferences(expression);
  }
}

/** Collects references and formulas; one instance per walk. */
class Collector {
  readonly references: ReferenceUse[] = [];
  readonly formulas: FormulaUse[] = [];
  owner: string | undefined = undefined;

  ref(ref: Reference | undefined, role: ReferenceRole = 'read'): void {
    if (ref !== undefined && ref.root !== '') this.references.push({ ref, owner: this.owner, role });
  }

  name(name: string | undefined): void {
    if (name !== undefined) this.ref(parseReference(name));
  }

  template(template: Template | undefined): void {
    if (template !== undefined) for (const ref of templateReferences(template)) this.ref(ref);
  }

  formula(expression: string | undefined, what: string): void {
    if (expression === undefined || expression.trim() === '') return;
    this.formulas.push({ expression, owner: this.owner, what });
    for (const ref of formulaReferences(expression)) this.ref(ref);
  }

  value(value: ValueExpr | undefined, what: string): void {
    if (value === undefined) return;
    switch (value.kind) {
      case 'reference':
        this.ref(value.ref);
        return;
      case 'template':
        this.template(value.template);
        return;
      case 'formula':
        this.formula(value.expression, what);
        return;
      case 'string':
      case 'number':
      case 'boolean':
      case 'date':
      case 'dateTime':
      case 'time':
      case 'null':
        return;
      default:
        assertNever(value);
    }
  }

  condition(condition: Condition): void {
    this.ref(condition.left);
    this.value(condition.right, 'a condition value');
  }

  conditions(set: ConditionSet | undefined): void {
    if (set !== undefined) for (const condition of set.conditions) this.condition(condition);
  }

  filters(filters: readonly RecordFilter[]): void {
    for (const filter of filters) this.value(filter.value, `the filter on ${filter.field}`);
  }

  inputs(parameters: readonly InputParameter[]): void {
    for (const parameter of parameters) this.value(parameter.value, `parameter ${parameter.name}`);
  }

  outputs(parameters: readonly OutputParameter[]): void {
    for (const parameter of parameters) this.ref(parameter.target, 'write');
  }

  screenField(field: ScreenField): void {
    this.template(field.label);
    this.template(field.text);
    this.template(field.helpText);
    this.value(field.defaultValue, `the default value of ${field.name}`);
    this.name(field.defaultChoice);
    for (const choice of field.choices) this.name(choice);
    if (field.validationRule !== undefined) {
      this.formula(field.validationRule.formula, `the validation rule of ${field.name}`);
      this.template(field.validationRule.errorMessage);
    }
    this.conditions(field.visibility);
    this.inputs(field.inputParameters);
    this.outputs(field.outputParameters);
    this.ref(field.objectFieldReference);
    this.value(field.readOnly, `the read-only setting of ${field.name}`);
    this.value(field.disabled, `the disabled setting of ${field.name}`);
    for (const child of field.fields) this.screenField(child);
  }

  resource(resource: FlowResource): void {
    this.owner = resource.name;
    switch (resource.kind) {
      case 'variable':
        this.value(resource.defaultValue, 'the default value');
        return;
      case 'constant':
        this.value(resource.value, 'the value');
        return;
      case 'formula':
        this.formula(resource.expression, 'the expression');
        return;
      case 'textTemplate':
        this.template(resource.text);
        return;
      case 'choice':
        this.template(resource.label);
        this.value(resource.value, 'the value');
        this.template(resource.userInput?.label);
        return;
      case 'dynamicChoiceSet':
        this.filters(resource.filters);
        for (const output of resource.outputAssignments) this.ref(output.target, 'write');
        this.ref(resource.collectionReference);
        return;
      case 'stage':
        return;
      default:
        assertNever(resource);
    }
  }

  element(element: FlowElement): void {
    this.owner = element.name;
    switch (element.kind) {
      case 'assignment':
        for (const item of element.items) {
          this.ref(item.target, 'write');
          this.value(item.value, `the value assigned to ${item.target.text}`);
        }
        return;
      case 'decision':
        for (const outcome of element.outcomes) this.conditions(outcome.conditions);
        return;
      case 'loop':
        this.ref(element.collection);
        this.ref(element.assignNextValueTo, 'write');
        return;
      case 'screen':
        for (const field of element.fields) this.screenField(field);
        this.template(element.pausedText);
        this.template(element.helpText);
        this.ref(element.stageReference);
        for (const action of element.actions ?? []) this.inputs(action.inputParameters);
        return;
      case 'recordLookup':
        this.filters(element.filters);
        this.ref(element.outputReference, 'write');
        for (const output of element.outputAssignments) this.ref(output.target, 'write');
        return;
      case 'recordCreate':
        this.ref(element.inputReference);
        for (const assignment of element.inputAssignments) this.value(assignment.value, `the value of ${assignment.field}`);
        this.ref(element.assignRecordIdToReference, 'write');
        return;
      case 'recordUpdate':
        this.ref(element.inputReference);
        this.filters(element.filters);
        for (const assignment of element.inputAssignments) this.value(assignment.value, `the value of ${assignment.field}`);
        return;
      case 'recordDelete':
        this.ref(element.inputReference);
        this.filters(element.filters);
        return;
      case 'subflow':
        this.inputs(element.inputAssignments);
        this.outputs(element.outputAssignments);
        return;
      case 'actionCall':
        this.inputs(element.inputParameters);
        this.outputs(element.outputParameters);
        return;
      case 'collectionProcessor':
        this.ref(element.collection);
        this.conditions(element.conditions);
        this.formula(element.formula, 'the filter formula');
        this.ref(element.assignNextValueToReference, 'write');
        return;
      case 'customError':
        for (const message of element.messages) this.template(message.message);
        return;
      case 'wait':
        for (const event of element.events) {
          this.conditions(event.conditions);
          this.inputs(event.inputParameters);
          this.outputs(event.outputParameters);
        }
        return;
      case 'transform':
        for (const item of element.values) this.value(item.value, `the value of ${item.outputFieldApiName ?? 'the output'}`);
        this.ref(element.assignToReference, 'write');
        return;
      case 'orchestratedStage':
        for (const step of element.steps) {
          this.conditions(step.entryConditions);
          this.inputs(step.inputParameters);
          this.inputs(step.entryActionInputParameters ?? []);
          this.outputs(step.outputParameters);
          for (const assignee of step.assignees) this.value(assignee.assignee, `the assignee of ${step.name}`);
        }
        this.conditions(element.exitConditions);
        this.inputs(element.exitActionInputParameters ?? []);
        return;
      case 'unsupported':
        return;
      default:
        assertNever(element);
    }
  }
}

/** Every reference and formula of a flow, in definition order. */
export function collectUses(definition: FlowDefinition): { references: readonly ReferenceUse[]; formulas: readonly FormulaUse[] } {
  const collector = new Collector();
  collector.template(definition.interviewLabel);
  if (definition.start !== undefined) {
    collector.owner = 'start';
    collector.filters(definition.start.filters);
    collector.formula(definition.start.filterFormula, 'the entry condition formula');
  }
  for (const resource of definition.resources) collector.resource(resource);
  for (const element of definition.elements) collector.element(element);
  return { references: collector.references, formulas: collector.formulas };
}

/** Every connector leaving an element, with its name (`connector`, `faultConnector`, an outcome ...). */
export function elementConnectors(element: FlowElement): readonly ConnectorUse[] {
  const uses: ConnectorUse[] = [];
  const add = (connector: Connector | undefined, what: string): void => {
    if (connector !== undefined) uses.push({ connector, owner: element.name, what });
  };
  switch (element.kind) {
    case 'assignment':
    case 'screen':
    case 'collectionProcessor':
    case 'customError':
    case 'transform':
      add(element.connector, 'connector');
      break;
    case 'recordLookup':
    case 'recordCreate':
    case 'recordUpdate':
    case 'recordDelete':
    case 'subflow':
    case 'actionCall':
    case 'orchestratedStage':
      add(element.connector, 'connector');
      add(element.faultConnector, 'faultConnector');
      break;
    case 'decision':
      for (const outcome of element.outcomes) add(outcome.connector, `outcome ${outcome.name}`);
      add(element.defaultConnector, 'defaultConnector');
      break;
    case 'loop':
      add(element.nextValueConnector, 'nextValueConnector');
      add(element.noMoreValuesConnector, 'noMoreValuesConnector');
      break;
    case 'wait':
      for (const event of element.events) add(event.connector, `event ${event.name}`);
      add(element.defaultConnector, 'defaultConnector');
      add(element.faultConnector, 'faultConnector');
      break;
    case 'unsupported':
      for (const connector of element.connectors) add(connector, 'connector');
      break;
    default:
      assertNever(element);
  }
  return uses;
}

/** The flow's entry connectors: the start element and scheduled paths (owner `undefined`). */
export function entryConnectors(definition: FlowDefinition): readonly ConnectorUse[] {
  const uses: ConnectorUse[] = [];
  if (definition.startElement !== undefined) {
    uses.push({ connector: { target: definition.startElement, isGoTo: false }, owner: undefined, what: 'start' });
  }
  const start = definition.start;
  if (start?.connector !== undefined && start.connector.target !== definition.startElement) {
    uses.push({ connector: start.connector, owner: undefined, what: 'start' });
  }
  for (const path of start?.scheduledPaths ?? []) {
    if (path.connector !== undefined) uses.push({ connector: path.connector, owner: undefined, what: `scheduled path ${path.name}` });
  }
  return uses;
}
