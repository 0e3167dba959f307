/**
 * How a screen field is answered in the terminal: which kind of prompt it gets, how its
 * current value reads as a default, and how a typed answer becomes the engine's JSON value.
 */
import type { FlowValue, ScreenFieldModel } from '../../engine/index.js';
import { formatDate, formatDateTime, formatNumber, formatTime, parseDateText, parseDateTimeText, parseNumberText, parseTimeText, valueToText } from '../../engine/index.js';

/** The prompt a field gets. */
export type InputKind = 'text' | 'email' | 'secret' | 'number' | 'boolean' | 'date' | 'dateTime' | 'time' | 'choice' | 'multiChoice';

/** The prompt kind for a field's `inputType`, or undefined when the field takes no terminal input. */
export function inputKindOf(field: ScreenFieldModel): InputKind | undefined {
  switch (field.inputType) {
    case 'text':
    case 'textarea':
    case 'richText':
    case 'phone':
    case 'url':
    case 'lookup':
      return 'text';
    case 'email':
      return 'email';
    case 'password':
      return 'secret';
    case 'number':
    case 'currency':
    case 'slider':
      return 'number';
    case 'checkbox':
    case 'toggle':
      return 'boolean';
    case 'date':
      return 'date';
    case 'dateTime':
      return 'dateTime';
    case 'time':
      return 'time';
    case 'radio':
    case 'picklist':
      return 'choice';
    case 'multiPicklist':
    case 'checkboxGroup':
      return 'multiChoice';
    default:
      return undefined;
  }
}

/** The output a standard component's single answer goes to (`flowruntime:email` → `value`). */
const COMPONENT_OUTPUTS: Readonly<Record<string, string>> = {
  email: 'value',
  phone: 'value',
  url: 'value',
  toggle: 'value',
  slider: 'value',
  number: 'value',
  date: 'value',
  dateTime: 'value',
  richText: 'value',
  lookup: 'recordId',
};

/** One part of a compound component, asked as its own text prompt. */
export interface CompoundPart {
  readonly output: string;
  readonly label: string;
}

const COMPOUND_PARTS: Readonly<Record<string, readonly CompoundPart[]>> = {
  name: [
    { output: 'firstName', label: 'First name' },
    { output: 'lastName', label: 'Last name' },
  ],
  address: [
    { output: 'street', label: 'Street' },
    { output: 'city', label: 'City' },
    { output: 'province', label: 'State/Province' },
    { output: 'postalCode', label: 'Postal code' },
    { output: 'country', label: 'Country' },
  ],
};

/** The parts of a `flowruntime:name` or `flowruntime:address` field; the first-listed required one is the last name or street. */
export function compoundPartsOf(field: ScreenFieldModel): readonly CompoundPart[] | undefined {
  return field.fieldType === 'ComponentInstance' ? COMPOUND_PARTS[field.inputType] : undefined;
}

/** The part a required compound field must fill (`lastName`, `street`). */
export function requiredPartOf(field: ScreenFieldModel): string | undefined {
  return field.inputType === 'name' ? 'lastName' : field.inputType === 'address' ? 'street' : undefined;
}

/**
 * The value a field's prompt starts from: for a component (`ComponentInstance`), whose value
 * is the object of its outputs, the output its answer goes to.
 */
export function answerValueOf(field: ScreenFieldModel): FlowValue {
  const output = field.fieldType === 'ComponentInstance' ? COMPONENT_OUTPUTS[field.inputType] : undefined;
  return output === undefined ? field.value : outputOf(field.value, output);
}

/** The value to submit for an answer: for a component, its outputs object with the answer set. */
export function submittedValueOf(field: ScreenFieldModel, answer: FlowValue): FlowValue {
  const output = field.fieldType === 'ComponentInstance' ? COMPONENT_OUTPUTS[field.inputType] : undefined;
  return output === undefined ? answer : withOutput(field.value, output, answer);
}

/** An output of a component's value, matched case-insensitively (`null` when absent). */
export function outputOf(value: FlowValue, output: string): FlowValue {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const key = Object.keys(value).find((name) => name.toLowerCase() === output.toLowerCase());
  return key === undefined ? null : (value[key] ?? null);
}

/** A component's value with one output replaced (other outputs kept). */
export function withOutput(value: FlowValue, output: string, answer: FlowValue): FlowValue {
  const outputs = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
  const key = Object.keys(outputs).find((name) => name.toLowerCase() === output.toLowerCase()) ?? output;
  outputs[key] = answer;
  return outputs;
}

/** Whether the field must be filled before Next/Finish (a checkbox never needs ticking). */
export function isRequiredField(field: ScreenFieldModel): boolean {
  return field.required || (field.fieldType === 'ComponentInstance' && outputOf(field.inputs, 'required') === true);
}

/** The answer that clears a field's value. */
export const CLEAR_ANSWER = '-';

/** The parsed answer: the new value, or why the answer is not acceptable. */
export type FieldAnswer = { readonly ok: true; readonly value: FlowValue } | { readonly ok: false; readonly message: string };

/**
 * Converts a typed answer to the field's value in the engine's JSON form: an empty answer keeps
 * `current`, `-` clears it (not for checkboxes), numbers become numbers (thousands separators
 * and, for currency, a currency sign allowed), dates `YYYY-MM-DD`, date-times ISO UTC, times
 * `HH:mm:ss.sss`, checkboxes booleans from y/n, a choice its value from its number (or label),
 * several choices their values joined by `;` from comma- or space-separated numbers.
 */
export function parseFieldAnswer(field: ScreenFieldModel, kind: InputKind, answer: string, current: FlowValue): FieldAnswer {
  const trimmed = answer.trim();
  if (trimmed === '' && (kind !== 'secret' || answer === '')) return { ok: true, value: kind === 'boolean' ? current === true : current };
  if (trimmed === CLEAR_ANSWER && kind !== 'boolean' && kind !== 'secret') return { ok: true, value: null };
  switch (kind) {
    case 'text':
      return { ok: true, value: answer };
    case 'secret':
      return { ok: true, value: answer };
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(trimmed) ? { ok: true, value: trimmed } : { ok: false, message: 'Enter a valid email address, like ada@example.com.' };
    case 'number': {
      let cleaned = trimmed.replace(/[,_\s]/g, '');
      if (field.inputType === 'currency') cleaned = cleaned.replace(/^[$€£¥]|[$€£¥]$/g, '');
      const number = parseNumberText(cleaned);
      return number === undefined ? { ok: false, message: 'Enter a number, like 1250.50.' } : { ok: true, value: number };
    }
    case 'boolean': {
      const word = trimmed.toLowerCase();
      if (['y', 'yes', 'true', 'x', '1'].includes(word)) return { ok: true, value: true };
      if (['n', 'no', 'false', '0'].includes(word)) return { ok: true, value: false };
      return { ok: false, message: 'Answer y (yes) or n (no).' };
    }
    case 'date': {
      const ms = parseDateText(trimmed);
      return ms === undefined ? { ok: false, message: 'Enter a date as YYYY-MM-DD, like 2025-03-31.' } : { ok: true, value: formatDate(ms) };
    }
    case 'dateTime': {
      const ms = parseDateTimeText(trimmed);
      return ms === undefined ? { ok: false, message: 'Enter a date and time as YYYY-MM-DD HH:MM (UTC), like 2025-03-31 14:30.' } : { ok: true, value: formatDateTime(ms) };
    }
    case 'time': {
      const ms = parseTimeText(trimmed);
      return ms === undefined ? { ok: false, message: 'Enter a time as HH:MM, like 14:30.' } : { ok: true, value: formatTime(ms) };
    }
    case 'choice': {
      const index = choiceIndex(field, trimmed);
      const choice = index === undefined ? undefined : field.choices[index];
      return choice === undefined ? { ok: false, message: `Enter a number from 1 to ${field.choices.length}.` } : { ok: true, value: choice.value };
    }
    case 'multiChoice': {
      const indexes: number[] = [];
      for (const part of trimmed.split(/[\s,;]+/).filter((text) => text !== '')) {
        const index = choiceIndex(field, part);
        if (index === undefined) return { ok: false, message: `Enter numbers from 1 to ${field.choices.length}, separated by commas, like 1,3.` };
        if (!indexes.includes(index)) indexes.push(index);
      }
      return { ok: true, value: multiChoiceValue(field, indexes) };
    }
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** How the current value reads as the prompt's default, or undefined when there is none. */
export function defaultAnswer(field: ScreenFieldModel, kind: InputKind, current: FlowValue): string | undefined {
  switch (kind) {
    case 'boolean':
      return current === true ? 'y' : 'n';
    case 'secret':
      return isBlankValue(current) ? undefined : '********';
    case 'choice':
    case 'multiChoice': {
      const indexes = selectedChoiceIndexes(field, current);
      return indexes.length === 0 ? undefined : indexes.map((index) => String(index + 1)).join(',');
    }
    case 'number':
      return typeof current === 'number' ? formatNumber(current) : isBlankValue(current) ? undefined : valueToText(current);
    case 'text':
    case 'email':
    case 'date':
    case 'dateTime':
    case 'time':
      return isBlankValue(current) ? undefined : valueToText(current);
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** Indexes of the choices `value` selects: the one equal to it, or for several `a;b`, each listed. */
export function selectedChoiceIndexes(field: ScreenFieldModel, value: FlowValue): number[] {
  if (isBlankValue(value)) return [];
  const kind = inputKindOf(field);
  const wanted = kind === 'multiChoice' ? (Array.isArray(value) ? value.map((item) => valueToText(item)) : valueToText(value).split(';')) : [valueToText(value)];
  const keys = wanted.map((text) => text.trim());
  const indexes: number[] = [];
  field.choices.forEach((choice, index) => {
    if (keys.includes(valueToText(choice.value).trim())) indexes.push(index);
  });
  return indexes;
}

/** Whether a value counts as not filled in. */
export function isBlankValue(value: FlowValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function multiChoiceValue(field: ScreenFieldModel, indexes: readonly number[]): FlowValue {
  if (indexes.length === 0) return null;
  return [...indexes]
    .sort((a, b) => a - b)
    .map((index) => valueToText(field.choices[index]?.value ?? null))
    .join(';');
}

/** A 1-based choice number, or a choice's label typed in full (any case). */
function choiceIndex(field: ScreenFieldModel, answer: string): number | undefined {
  if (/^\d+$/.test(answer)) {
    const index = Number(answer) - 1;
    return index >= 0 && index < field.choices.length ? index : undefined;
  }
  const lower = answer.toLowerCase();
  const index = field.choices.findIndex((choice) => choice.label.trim().toLowerCase() === lower);
  return index === -1 ? undefined : index;
}
