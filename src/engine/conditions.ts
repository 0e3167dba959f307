/**
 * Condition operators of decisions, waits, visibility rules and collection filters, and condition
 * logic, with Salesforce semantics:
 * - `EqualTo`/`NotEqualTo` convert the right side to the left side's type ("Before values are
 *   compared to a text resource, they're converted into string values"); text compares
 *   case-sensitively; null equals only null: `$GlobalConstant.EmptyString` and null are distinct
 *   at run time, so a null text is not `EqualTo ''` (test both, or use `IsBlank`).
 * - Ordering operators are false when either side is null or the values do not compare.
 * - `StartsWith`/`EndsWith`/`Contains` work on text (a multi-select picklist is one string);
 *   `Contains` on a collection tests membership.
 * - `IsNull`, `IsBlank`, `IsEmpty`, `WasSet`, `WasSelected`, `WasVisited`, `IsChanged` compare their
 *   finding with the right side's Boolean (`IsNull false` means "is not null").
 */
import type { ConditionOperator, LogicNode } from '../flow-model/index.js';
import type { FlowValue } from './protocol.js';
import type { TypedValue } from './typed-value.js';
import { compareValues, isBlank, valuesEqual, valueToText } from './values.js';

/** Facts about the left side that the value alone does not carry. */
export interface ConditionExtra {
  /** `WasSet`: whether a screen input/variable was set. */
  readonly wasSet?: boolean;
  /** `WasVisited`: whether the element was visited. */
  readonly visited?: boolean;
  /** `WasSelected`: whether the choice was selected. */
  readonly selected?: boolean;
  /** `IsChanged`: the prior value; `undefined` when there is no prior record (a create). */
  readonly priorValue?: FlowValue;
}

function expected(right: TypedValue): boolean {
  const value = right.value;
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim().toLowerCase() !== 'false';
  return value !== false;
}

function isCollection(value: TypedValue): boolean {
  return value.isCollection || Array.isArray(value.value);
}

function items(value: TypedValue): readonly TypedValue[] {
  const list = value.value;
  if (!Array.isArray(list)) return value.value === null || value.value === undefined ? [] : [{ ...value, isCollection: false }];
  return list.map((item) => ({ value: item, dataType: value.dataType, isCollection: false, objectType: value.objectType }));
}

function textOf(value: TypedValue): string | undefined {
  if (value.value === null || value.value === undefined) return undefined;
  return valueToText(value.value, value.dataType);
}

function ordered(left: TypedValue, right: TypedValue, test: (comparison: number) => boolean): boolean {
  const comparison = compareValues(left, right);
  return comparison !== undefined && test(comparison);
}

/** Evaluates one condition `left operator right`. */
export function evaluateCondition(operator: ConditionOperator, left: TypedValue, right: TypedValue, extra?: ConditionExtra): boolean {
  switch (operator) {
    case 'EqualTo':
      return valuesEqual(left, right);
    case 'NotEqualTo':
      return !valuesEqual(left, right);
    case 'GreaterThan':
      return ordered(left, right, (c) => c > 0);
    case 'GreaterThanOrEqualTo':
      return ordered(left, right, (c) => c >= 0);
    case 'LessThan':
      return ordered(left, right, (c) => c < 0);
    case 'LessThanOrEqualTo':
      return ordered(left, right, (c) => c <= 0);
    case 'StartsWith':
    case 'EndsWith': {
      if (isCollection(left)) return false;
      const value = textOf(left);
      const part = textOf(right) ?? '';
      if (value === undefined) return false;
      return operator === 'StartsWith' ? value.startsWith(part) : value.endsWith(part);
    }
    case 'Contains': {
      if (isCollection(left)) {
        const candidates = isCollection(right) ? items(right) : [right];
        return items(left).some((item) => candidates.some((candidate) => valuesEqual(item, candidate)));
      }
      const value = textOf(left);
      const part = textOf(right) ?? '';
      return value !== undefined && value.includes(part);
    }
    case 'IsNull':
      return (left.value === null || left.value === undefined) === expected(right);
    case 'IsBlank':
      return isBlank(left.value) === expected(right);
    case 'IsEmpty':
      return (left.value === null || left.value === undefined || (Array.isArray(left.value) && left.value.length === 0)) === expected(right);
    case 'WasSet':
      return (extra?.wasSet ?? false) === expected(right);
    case 'WasSelected':
      return (extra?.selected ?? false) === expected(right);
    case 'WasVisited':
      return (extra?.visited ?? false) === expected(right);
    case 'IsChanged': {
      const prior = extra?.priorValue;
      const changed = prior !== undefined && !valuesEqual(left, { value: prior, dataType: left.dataType, isCollection: left.isCollection, objectType: left.objectType });
      return changed === expected(right);
    }
    case 'In':
    case 'NotIn': {
      const found = items(right).some((item) => valuesEqual(left, item));
      return operator === 'In' ? found : !found;
    }
  }
}

/** Evaluates condition logic, short-circuiting `and`/`or`; `evaluate(i)` evaluates condition `i`. */
export function evaluateLogic(node: LogicNode, evaluate: (index: number) => boolean): boolean {
  switch (node.op) {
    case 'condition':
      return evaluate(node.index);
    case 'not':
      return !evaluateLogic(node.child, evaluate);
    case 'and':
      return node.children.every((child) => evaluateLogic(child, evaluate));
    case 'or':
      return node.children.some((child) => evaluateLogic(child, evaluate));
  }
}
