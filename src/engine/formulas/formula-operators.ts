/**
 * Formula operators (`+ - * / ^ & = <> < <= > >= && || ! -x`) with Salesforce semantics:
 * blanks stay blank (a null operand makes arithmetic null), `+` and `&` concatenate text (a null
 * text counting as empty), Date ± n days, DateTime ± n days (fractions are hours), Date − Date is
 * whole days, DateTime − DateTime fractional days, Time ± milliseconds.
 */
import type { FormulaBinaryOperator } from '../../flow-model/index.js';
import { boolean, date, dateTime, FALSE, FormulaError, NULL, number, text, textOf, time, TRUE, typeName } from './formula-value.js';
import type { FormulaValue } from './formula-value.js';
import { cleanNumber, parseDateText, parseDateTimeText, parseNumberText, parseTimeText, startOfUtcDay, textsEqual } from '../values.js';

const MS_PER_DAY = 86_400_000;

/** A formula value as a Boolean condition: null is false; `"true"`/`"false"` text is accepted. */
export function truthOf(value: FormulaValue, where: string): boolean {
  switch (value.type) {
    case 'boolean':
      return value.value;
    case 'null':
      return false;
    case 'text':
      if (value.value === 'true' || value.value === 'false') return value.value === 'true';
      break;
    case 'number':
    case 'date':
    case 'dateTime':
    case 'time':
    case 'other':
      break;
  }
  throw new FormulaError(`${where} expects a Boolean, got ${typeName(value)}.`);
}

/** Converts text to the type of `like` when it denotes such a value; `undefined` otherwise. */
function textAs(value: string, like: FormulaValue): FormulaValue | undefined {
  switch (like.type) {
    case 'number': {
      const parsed = parseNumberText(value);
      return parsed === undefined ? undefined : number(parsed);
    }
    case 'date': {
      const ms = parseDateText(value) ?? parseDateTimeText(value);
      return ms === undefined ? undefined : date(ms);
    }
    case 'dateTime': {
      const ms = parseDateTimeText(value);
      return ms === undefined ? undefined : dateTime(ms);
    }
    case 'time': {
      const ms = parseTimeText(value);
      return ms === undefined ? undefined : time(ms);
    }
    case 'boolean':
      return value === 'true' || value === 'false' ? boolean(value === 'true') : undefined;
    case 'null':
    case 'text':
    case 'other':
      return undefined;
  }
}

/** Both sides brought to one comparable form, or `undefined` when their types do not compare. */
function unify(a: FormulaValue, b: FormulaValue): readonly [number | string | boolean, number | string | boolean] | undefined {
  if (a.type === 'text' && b.type !== 'text') {
    const converted = textAs(a.value, b);
    return converted === undefined ? undefined : unify(converted, b);
  }
  if (b.type === 'text' && a.type !== 'text') {
    const converted = textAs(b.value, a);
    return converted === undefined ? undefined : unify(a, converted);
  }
  if (a.type === b.type || ((a.type === 'date' || a.type === 'dateTime') && (b.type === 'date' || b.type === 'dateTime'))) {
    if (a.type === 'null' || a.type === 'other' || b.type === 'null' || b.type === 'other') return undefined;
    return [a.value, b.value];
  }
  return undefined;
}

/** Formula equality: null equals null and empty text; text is case-sensitive (IDs: 15 = 18 characters). */
export function formulaEquals(a: FormulaValue, b: FormulaValue): boolean {
  if (a.type === 'null' || b.type === 'null') {
    const other = a.type === 'null' ? b : a;
    return other.type === 'null' || (other.type === 'text' && other.value === '');
  }
  if (a.type === 'other' || b.type === 'other') return JSON.stringify(textOf(a)) === JSON.stringify(textOf(b));
  const pair = unify(a, b);
  if (pair === undefined) return textOf(a) === textOf(b);
  const [left, right] = pair;
  if (typeof left === 'string' && typeof right === 'string') return textsEqual(left, right);
  return left === right;
}

function order(op: string, a: FormulaValue, b: FormulaValue): number | undefined {
  if (a.type === 'null' || b.type === 'null') return undefined;
  const pair = unify(a, b);
  if (pair === undefined) throw new FormulaError(`Cannot compare ${typeName(a)} with ${typeName(b)} using ${op}.`);
  const [left, right] = pair;
  return left === right ? 0 : left < right ? -1 : 1;
}

function isText(value: FormulaValue): boolean {
  return value.type === 'text';
}

function concatenate(a: FormulaValue, b: FormulaValue): FormulaValue {
  const left = textOf(a);
  const right = textOf(b);
  if (left === undefined && right === undefined) return NULL;
  return text((left ?? '') + (right ?? ''));
}

function wrongTypes(op: string, a: FormulaValue, b: FormulaValue): FormulaError {
  return new FormulaError(`Operator ${op} does not apply to ${typeName(a)} and ${typeName(b)}.`);
}

function add(a: FormulaValue, b: FormulaValue): FormulaValue {
  if (isText(a) || isText(b)) return concatenate(a, b);
  if (a.type === 'null' || b.type === 'null') return NULL;
  if (a.type === 'number' && b.type === 'number') return number(cleanNumber(a.value + b.value));
  const [moment, days] = a.type === 'number' ? [b, a.value] : b.type === 'number' ? [a, b.value] : [undefined, 0];
  if (moment !== undefined) {
    if (moment.type === 'date') return date(moment.value + Math.trunc(days) * MS_PER_DAY);
    if (moment.type === 'dateTime') return dateTime(moment.value + days * MS_PER_DAY);
    if (moment.type === 'time') return time(moment.value + days);
  }
  throw wrongTypes('+', a, b);
}

function subtract(a: FormulaValue, b: FormulaValue): FormulaValue {
  if (a.type === 'null' || b.type === 'null') return NULL;
  if (a.type === 'number' && b.type === 'number') return number(cleanNumber(a.value - b.value));
  if (b.type === 'number') {
    if (a.type === 'date') return date(a.value - Math.trunc(b.value) * MS_PER_DAY);
    if (a.type === 'dateTime') return dateTime(a.value - b.value * MS_PER_DAY);
    if (a.type === 'time') return time(a.value - b.value);
  }
  if (a.type === 'date' && b.type === 'date') return number(Math.round((a.value - b.value) / MS_PER_DAY));
  if ((a.type === 'dateTime' || a.type === 'date') && (b.type === 'dateTime' || b.type === 'date')) return number(cleanNumber((a.value - b.value) / MS_PER_DAY));
  if (a.type === 'time' && b.type === 'time') return number(a.value - b.value);
  throw wrongTypes('-', a, b);
}

function numbers(op: string, a: FormulaValue, b: FormulaValue): readonly [number, number] | undefined {
  if (a.type === 'null' || b.type === 'null') return undefined;
  const left = a.type === 'number' ? a.value : a.type === 'text' ? parseNumberText(a.value) : undefined;
  const right = b.type === 'number' ? b.value : b.type === 'text' ? parseNumberText(b.value) : undefined;
  if (left === undefined || right === undefined) throw wrongTypes(op, a, b);
  return [left, right];
}

/** Applies a binary operator to evaluated operands (`&&` and `||` short-circuit in the evaluator). */
export function applyBinary(op: FormulaBinaryOperator, a: FormulaValue, b: FormulaValue): FormulaValue {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return subtract(a, b);
    case '*': {
      const pair = numbers(op, a, b);
      return pair === undefined ? NULL : number(cleanNumber(pair[0] * pair[1]));
    }
    case '/': {
      const pair = numbers(op, a, b);
      if (pair === undefined) return NULL;
      if (pair[1] === 0) throw new FormulaError('Division by zero.');
      return number(cleanNumber(pair[0] / pair[1]));
    }
    case '^': {
      const pair = numbers(op, a, b);
      return pair === undefined ? NULL : number(cleanNumber(pair[0] ** pair[1]));
    }
    case '&':
      return concatenate(a, b);
    case '=':
      return boolean(formulaEquals(a, b));
    case '<>':
      return boolean(!formulaEquals(a, b));
    case '<': {
      const c = order(op, a, b);
      return c === undefined ? FALSE : boolean(c < 0);
    }
    case '<=': {
      const c = order(op, a, b);
      return c === undefined ? FALSE : boolean(c <= 0);
    }
    case '>': {
      const c = order(op, a, b);
      return c === undefined ? FALSE : boolean(c > 0);
    }
    case '>=': {
      const c = order(op, a, b);
      return c === undefined ? FALSE : boolean(c >= 0);
    }
    case '&&':
      return boolean(truthOf(a, '&&') && truthOf(b, '&&'));
    case '||':
      return boolean(truthOf(a, '||') || truthOf(b, '||'));
  }
}

/** Applies a prefix operator: `-x` (null stays null), `+x`, `!x` (NOT). */
export function applyUnary(op: '-' | '+' | '!', operand: FormulaValue): FormulaValue {
  if (op === '!') return truthOf(operand, '!') ? FALSE : TRUE;
  if (operand.type === 'null') return NULL;
  const value = operand.type === 'number' ? operand.value : operand.type === 'text' ? parseNumberText(operand.value) : undefined;
  if (value === undefined) throw new FormulaError(`Operator ${op} does not apply to ${typeName(operand)}.`);
  return number(op === '-' ? -value : value);
}

/** The UTC day (midnight, epoch ms) of a date or date-time value. */
export function dayOf(value: FormulaValue): number | undefined {
  return value.type === 'date' || value.type === 'dateTime' ? startOfUtcDay(value.value) : undefined;
}
