/**
 * `TYPE_MISMATCH`: type errors the metadata alone makes certain. Only declared resources
 * referenced by their bare name have a known type here (record fields and action outputs need
 * schemas Eddy does not have), and only combinations Flow Builder itself refuses are reported:
 * a literal of the wrong kind, an operator the target type does not have, a collection where a
 * single value is required and the reverse.
 */
import { diagnostic } from '../diagnostic-codes.js';
import type { AssignmentElement, AssignmentOperator, Diagnostic, FlowDataType, FlowDefinition, Reference, ValueExpr } from '../model.js';
import type { FlowIndex } from './flow-index.js';

/** A statically known type. */
interface KnownType {
  readonly dataType: FlowDataType;
  readonly isCollection: boolean;
  readonly objectType: string | undefined;
}

const NUMERIC: ReadonlySet<FlowDataType> = new Set(['Number', 'Currency', 'Long']);
const TEMPORAL: ReadonlySet<FlowDataType> = new Set(['Date', 'DateTime']);

/** Operators that only apply to collections. */
const COLLECTION_OPERATORS: ReadonlySet<AssignmentOperator> = new Set([
  'AddItem', 'AddAtStart', 'RemoveFirst', 'RemoveAll', 'RemoveAfterFirst', 'RemoveBeforeFirst', 'RemovePosition', 'RemoveUncommon',
]);

/** The type of a bare reference to a declared resource; `undefined` when not statically known. */
function typeOf(ref: Reference, index: FlowIndex): KnownType | undefined {
  if (ref.path.length > 0 || ref.root.startsWith('$')) return undefined;
  const resource = index.resources.get(ref.root.toLowerCase());
  if (resource === undefined) return undefined;
  switch (resource.kind) {
    case 'variable':
      return { dataType: resource.dataType, isCollection: resource.isCollection, objectType: resource.objectType };
    case 'constant':
    case 'formula':
      return { dataType: resource.dataType, isCollection: false, objectType: undefined };
    case 'textTemplate':
      return { dataType: 'String', isCollection: false, objectType: undefined };
    case 'choice':
    case 'dynamicChoiceSet':
    case 'stage':
      return undefined;
  }
}

/** The data type family a literal belongs to, or `undefined` for values of no fixed type. */
function literalFamily(value: ValueExpr): 'boolean' | 'number' | 'temporal' | undefined {
  switch (value.kind) {
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'date':
    case 'dateTime':
      return 'temporal';
    case 'string':
    case 'time':
    case 'reference':
    case 'template':
    case 'formula':
    case 'null':
      return undefined;
  }
}

/** Whether a literal of `family` can never be stored in (or compared with) a single `dataType` value. */
function literalConflicts(dataType: FlowDataType, family: 'boolean' | 'number' | 'temporal'): boolean {
  if (NUMERIC.has(dataType)) return family !== 'number';
  if (dataType === 'Boolean') return family !== 'boolean';
  if (TEMPORAL.has(dataType)) return family !== 'temporal';
  if (dataType === 'SObject' || dataType === 'Apex') return true;
  return false;
}

function describe(type: KnownType): string {
  const base = type.dataType === 'SObject' && type.objectType !== undefined ? `${type.objectType} record` : type.dataType;
  return type.isCollection ? `${base} collection` : base;
}

function valueText(value: ValueExpr): string {
  switch (value.kind) {
    case 'boolean':
    case 'number':
      return String(value.value);
    case 'date':
    case 'dateTime':
    case 'string':
    case 'time':
      return value.value;
    case 'reference':
      return value.ref.text;
    case 'template':
      return value.template.text;
    case 'formula':
      return value.expression;
    case 'null':
      return 'null';
  }
}

function checkAssignment(element: AssignmentElement, index: FlowIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const report = (message: string): void => {
    diagnostics.push(diagnostic('TYPE_MISMATCH', 'error', element.name, `Assignment "${element.name}": ${message}`));
  };
  for (const item of element.items) {
    const target = typeOf(item.target, index);
    if (target === undefined) continue;
    const name = item.target.text;
    const family = literalFamily(item.value);
    const source = item.value.kind === 'reference' ? typeOf(item.value.ref, index) : undefined;
    if (COLLECTION_OPERATORS.has(item.operator)) {
      if (!target.isCollection) report(`${item.operator} works on collections, but ${name} is a single ${describe(target)}.`);
      continue;
    }
    switch (item.operator) {
      case 'AssignCount':
        if (target.isCollection || !NUMERIC.has(target.dataType)) report(`AssignCount stores a number, but ${name} is a ${describe(target)}.`);
        if (source !== undefined && !source.isCollection) report(`AssignCount counts a collection, but ${valueText(item.value)} is a single ${describe(source)}.`);
        break;
      case 'Add':
      case 'Subtract':
        if (target.isCollection) break;
        if (target.dataType === 'Boolean' || target.dataType === 'SObject' || target.dataType === 'Apex' || (item.operator === 'Subtract' && target.dataType === 'String')) {
          report(`${item.operator} does not apply to ${name}, a ${describe(target)}.`);
        } else if (family === 'boolean') {
          report(`${item.operator} of the Boolean ${valueText(item.value)} to ${name}, a ${describe(target)}.`);
        }
        break;
      case 'Assign':
        if (family !== undefined && (target.isCollection || literalConflicts(target.dataType, family))) {
          report(`the ${family} literal ${valueText(item.value)} cannot be assigned to ${name}, a ${describe(target)}.`);
        } else if (source !== undefined && source.isCollection !== target.isCollection) {
          report(`${valueText(item.value)} is a ${describe(source)} and cannot be assigned to ${name}, a ${describe(target)}.`);
        } else if (source !== undefined && !target.isCollection && target.dataType === 'Boolean' && (NUMERIC.has(source.dataType) || TEMPORAL.has(source.dataType))) {
          report(`${valueText(item.value)} is a ${describe(source)} and cannot be assigned to ${name}, a ${describe(target)}.`);
        } else if (
          source !== undefined &&
          target.dataType === 'SObject' &&
          source.dataType === 'SObject' &&
          target.objectType !== undefined &&
          source.objectType !== undefined &&
          target.objectType.toLowerCase() !== source.objectType.toLowerCase()
        ) {
          report(`${valueText(item.value)} is a ${describe(source)} and cannot be assigned to ${name}, a ${describe(target)}.`);
        }
        break;
      case 'AddItem':
      case 'AddAtStart':
      case 'RemoveFirst':
      case 'RemoveAll':
      case 'RemoveAfterFirst':
      case 'RemoveBeforeFirst':
      case 'RemovePosition':
      case 'RemoveUncommon':
        // Collection operators, checked above.
        break;
    }
  }
  return diagnostics;
}

/** Checks assignments, loops and decision conditions. */
export function checkTypes(definition: FlowDefinition, index: FlowIndex): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const element of definition.elements) {
    switch (element.kind) {
      case 'assignment':
        diagnostics.push(...checkAssignment(element, index));
        break;
      case 'loop': {
        const collection = typeOf(element.collection, index);
        if (collection !== undefined && !collection.isCollection) {
          diagnostics.push(diagnostic('TYPE_MISMATCH', 'error', element.name, `Loop "${element.name}" iterates over ${element.collection.text}, a single ${describe(collection)}, not a collection.`));
        }
        break;
      }
      case 'decision':
        for (const outcome of element.outcomes) {
          for (const condition of outcome.conditions.conditions) {
            const left = typeOf(condition.left, index);
            const family = literalFamily(condition.right);
            if (left === undefined || family === undefined || left.isCollection) continue;
            if (['IsNull', 'IsBlank', 'IsEmpty', 'WasSet', 'WasSelected', 'WasVisited', 'IsChanged'].includes(condition.operator)) continue;
            if (literalConflicts(left.dataType, family)) {
              diagnostics.push(
                diagnostic('TYPE_MISMATCH', 'error', element.name, `Decision "${element.name}", outcome "${outcome.name}": ${condition.left.text} is a ${describe(left)} and is compared with the ${family} literal ${valueText(condition.right)}.`),
              );
            }
          }
        }
        break;
      case 'screen':
      case 'recordLookup':
      case 'recordCreate':
      case 'recordUpdate':
      case 'recordDelete':
      case 'subflow':
      case 'actionCall':
      case 'collectionProcessor':
      case 'customError':
      case 'wait':
      case 'transform':
      case 'orchestratedStage':
      case 'unsupported':
        break;
    }
  }
  return diagnostics;
}
