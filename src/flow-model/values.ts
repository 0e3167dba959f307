/**
 * Shared readers for the small structures every element uses: values, references,
 * connectors, conditions, record filters, parameters and the element header.
 */
import { parseConditionLogic } from './condition-logic.js';
import type {
  Condition,
  ConditionOperator,
  ConditionSet,
  Connector,
  DataTypeMapping,
  FieldAssignment,
  FlowDataType,
  InputParameter,
  LogicNode,
  OutputAssignment,
  OutputParameter,
  RecordFilter,
  Reference,
  ValueExpr,
} from './model.js';
import type { ParseContext } from './parse-context.js';
import { hasMergeFields, parseReference, parseTemplate } from './references.js';
import { bool, child, list, text, trimmed, type XmlNode } from './xml-node.js';

const CONDITION_OPERATORS: ReadonlySet<string> = new Set<ConditionOperator>([
  'EqualTo', 'NotEqualTo', 'GreaterThan', 'GreaterThanOrEqualTo', 'LessThan', 'LessThanOrEqualTo',
  'StartsWith', 'EndsWith', 'Contains', 'IsNull', 'IsBlank', 'IsEmpty', 'WasSet', 'WasSelected',
  'WasVisited', 'IsChanged', 'In', 'NotIn',
]);

const DATA_TYPES: ReadonlySet<string> = new Set<FlowDataType>([
  'String', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'Time', 'SObject', 'Picklist',
  'Multipicklist', 'Apex', 'Stage', 'Long', 'Reference',
]);

/** The header every element has: `name`, `label`, `description`. */
export function parseElementBase(node: XmlNode, context: ParseContext, what: string): { name: string; label: string; description: string | undefined } {
  const name = trimmed(node, 'name') ?? '';
  if (name === '') context.missing(undefined, `A ${what}`, 'name');
  return { name, label: text(node, 'label')?.trim() ?? name, description: text(node, 'description') };
}

/**
 * A value tag (`<value>`, `<rightValue>`, `<defaultValue>` ...) as a {@link ValueExpr};
 * `undefined` when the tag is absent, `{ kind: 'null' }` when it is empty.
 */
export function parseValue(node: XmlNode | undefined, context: ParseContext, element: string | undefined): ValueExpr | undefined {
  if (node === undefined) return undefined;
  if (node.stringValue !== undefined) {
    const value = text(node, 'stringValue') ?? '';
    return hasMergeFields(value) ? { kind: 'template', template: parseTemplate(value) } : { kind: 'string', value };
  }
  const reference = trimmed(node, 'elementReference');
  if (reference !== undefined) {
    const ref = parseReference(reference);
    if (ref !== undefined) return { kind: 'reference', ref };
  }
  const number = trimmed(node, 'numberValue');
  if (number !== undefined) {
    const value = Number(number);
    if (Number.isFinite(value)) return { kind: 'number', value };
    context.report('FLOW_INVALID', 'error', element, `"${number}" is not a number.`);
    return { kind: 'null' };
  }
  const boolean = trimmed(node, 'booleanValue');
  if (boolean !== undefined) return { kind: 'boolean', value: boolean.toLowerCase() === 'true' };
  const date = trimmed(node, 'dateValue');
  if (date !== undefined) return { kind: 'date', value: date };
  const dateTime = trimmed(node, 'dateTimeValue');
  if (dateTime !== undefined) return { kind: 'dateTime', value: dateTime };
  const time = trimmed(node, 'timeValue');
  if (time !== undefined) return { kind: 'time', value: time };
  const formula = text(node, 'formulaExpression');
  if (formula !== undefined) return { kind: 'formula', expression: formula };
  // Apex-defined and sObject literals and setup references (e.g. a ServiceChannel's developer
  // name) are opaque strings to the engine; the action or record they feed interprets them.
  const opaque = text(node, 'apexValue') ?? text(node, 'sobjectValue') ?? trimmed(node, 'setupReference');
  if (opaque !== undefined) return { kind: 'string', value: opaque };
  return { kind: 'null' };
}

/** A value child tag, e.g. `parseValueTag(node, 'rightValue', ...)`. */
export function parseValueTag(node: XmlNode, tag: string, context: ParseContext, element: string | undefined): ValueExpr | undefined {
  return parseValue(child(node, tag), context, element);
}

/** A reference tag (`assignToReference`, `collectionReference` ...); `undefined` when absent. */
export function parseReferenceTag(node: XmlNode, tag: string): Reference | undefined {
  const value = text(node, tag);
  return value === undefined ? undefined : parseReference(value);
}

/** The reference an element cannot do without; reports `FLOW_INVALID` and returns an empty one if missing. */
export function requireReference(node: XmlNode, tag: string, context: ParseContext, element: string, what: string): Reference {
  const reference = parseReferenceTag(node, tag);
  if (reference !== undefined) return reference;
  context.missing(element, what, tag);
  return { root: '', path: [], text: '' };
}

/** The text an element cannot do without; reports `FLOW_INVALID` and returns `''` if missing. */
export function requireText(node: XmlNode, tag: string, context: ParseContext, element: string, what: string): string {
  const value = trimmed(node, tag);
  if (value !== undefined) return value;
  context.missing(element, what, tag);
  return '';
}

/** A connector tag (`connector`, `faultConnector`, `defaultConnector` ...). */
export function parseConnector(node: XmlNode, tag: string): Connector | undefined {
  const connector = child(node, tag);
  if (connector === undefined) return undefined;
  const target = trimmed(connector, 'targetReference');
  if (target === undefined) return undefined;
  return { target, isGoTo: bool(connector, 'isGoTo', false) };
}

/** A `<dataType>`; unknown or missing types report `FLOW_INVALID` and read as `String`. */
export function parseDataType(node: XmlNode, context: ParseContext, element: string, what: string): FlowDataType {
  const value = trimmed(node, 'dataType');
  if (value === undefined) {
    context.missing(element, what, 'dataType');
    return 'String';
  }
  if (!isFlowDataType(value)) {
    context.report('FLOW_INVALID', 'error', element, `${what} has an unknown data type "${value}".`);
    return 'String';
  }
  return value;
}

/** A `<dataType>` that may be absent. */
export function parseOptionalDataType(node: XmlNode, context: ParseContext, element: string, what: string): FlowDataType | undefined {
  return trimmed(node, 'dataType') === undefined ? undefined : parseDataType(node, context, element, what);
}

/** Whether a string is a {@link FlowDataType}. */
export function isFlowDataType(value: string): value is FlowDataType {
  return DATA_TYPES.has(value);
}

function parseOperator(node: XmlNode, context: ParseContext, element: string, what: string): ConditionOperator {
  const operator = trimmed(node, 'operator');
  if (operator === undefined) {
    context.missing(element, what, 'operator');
    return 'EqualTo';
  }
  if (!CONDITION_OPERATORS.has(operator)) {
    context.report('FLOW_INVALID', 'error', element, `${what} has an unknown operator "${operator}".`);
  }
  // An unknown operator is kept as written: the FLOW_INVALID error keeps the flow from running.
  return operator as ConditionOperator;
}

/** One `<conditions>` entry: `leftValueReference operator rightValue`. */
export function parseCondition(node: XmlNode, context: ParseContext, element: string): Condition {
  const what = `A condition of "${element}"`;
  const left = requireReference(node, 'leftValueReference', context, element, what);
  const operator = parseOperator(node, context, element, what);
  return { left, operator, right: parseValueTag(node, 'rightValue', context, element) ?? { kind: 'null' } };
}

/** Conditions and their logic (`conditionLogic` tag name varies by element). */
export function parseConditionSet(conditionNodes: readonly XmlNode[], logicText: string | undefined, context: ParseContext, element: string): ConditionSet {
  const conditions = conditionNodes.map((node) => parseCondition(node, context, element));
  const written = logicText?.trim();
  const text = written === undefined || written === '' ? 'and' : written;
  return { conditions, logic: parseConditionLogic(text, conditions.length).logic, logicText: text };
}

/** Record filters (`<filters>`) and their logic text (`and` when absent). */
export function parseRecordFilters(
  node: XmlNode,
  context: ParseContext,
  element: string,
): { filters: readonly RecordFilter[]; filterLogic: LogicNode; filterLogicText: string } {
  const filters = list(node, 'filters').map((filter): RecordFilter => {
    const what = `A filter of "${element}"`;
    return {
      field: requireText(filter, 'field', context, element, what),
      operator: parseOperator(filter, context, element, what),
      value: parseValueTag(filter, 'value', context, element) ?? { kind: 'null' },
    };
  });
  const written = trimmed(node, 'filterLogic');
  const filterLogicText = written ?? 'and';
  return { filters, filterLogic: parseConditionLogic(filterLogicText, filters.length).logic, filterLogicText };
}

/** `<inputParameters>`-like name/value pairs (also subflow `inputAssignments`). */
export function parseInputParameters(nodes: readonly XmlNode[], context: ParseContext, element: string): readonly InputParameter[] {
  return nodes.map((node) => ({
    name: requireText(node, 'name', context, element, `A parameter of "${element}"`),
    value: parseValueTag(node, 'value', context, element) ?? { kind: 'null' },
  }));
}

/** `<outputParameters>`-like name/assignToReference pairs (also subflow `outputAssignments`). */
export function parseOutputParameters(nodes: readonly XmlNode[], context: ParseContext, element: string): readonly OutputParameter[] {
  return nodes.map((node) => {
    const what = `An output parameter of "${element}"`;
    return { name: requireText(node, 'name', context, element, what), target: requireReference(node, 'assignToReference', context, element, what) };
  });
}

/** Record `<inputAssignments>`: field = value. */
export function parseFieldAssignments(nodes: readonly XmlNode[], context: ParseContext, element: string): readonly FieldAssignment[] {
  return nodes.map((node) => ({
    field: requireText(node, 'field', context, element, `An input assignment of "${element}"`),
    value: parseValueTag(node, 'value', context, element) ?? { kind: 'null' },
  }));
}

/** Record `<outputAssignments>`: field → resource. */
export function parseOutputAssignments(nodes: readonly XmlNode[], context: ParseContext, element: string): readonly OutputAssignment[] {
  return nodes.map((node) => {
    const what = `An output assignment of "${element}"`;
    return { field: requireText(node, 'field', context, element, what), target: requireReference(node, 'assignToReference', context, element, what) };
  });
}

/** `<dataTypeMappings>` of generic actions and components. */
export function parseDataTypeMappings(node: XmlNode): readonly DataTypeMapping[] {
  const mappings: DataTypeMapping[] = [];
  for (const mapping of list(node, 'dataTypeMappings')) {
    const typeName = trimmed(mapping, 'typeName');
    const typeValue = trimmed(mapping, 'typeValue');
    if (typeName !== undefined && typeValue !== undefined) mappings.push({ typeName, typeValue });
  }
  return mappings;
}

/** `Asc` / `Desc`, or `undefined`. */
export function parseSortOrder(node: XmlNode, tag: string): 'Asc' | 'Desc' | undefined {
  const value = trimmed(node, tag)?.toLowerCase();
  if (value === 'asc') return 'Asc';
  if (value === 'desc') return 'Desc';
  return undefined;
}
