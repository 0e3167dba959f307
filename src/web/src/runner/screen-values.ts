/**
 * The values of a screen as the runner holds them, and their wire format: what the screen model
 * says a field holds, and what the runtime API expects back for each input type. Components
 * (`ComponentInstance`) hold one object of outputs (`{ value: ... }`, `{ street, city, ... }`);
 * other fields hold their value. Nothing here renders.
 */
import type { FlowValue, ScreenChoice, ScreenFieldModel, ScreenModel } from '../../../engine/index.js';

/** Values by field name. */
export type FieldValues = Record<string, FlowValue>;

const NON_VALUE_FIELD_TYPES = new Set(['DisplayText', 'ComponentDisplay', 'RegionContainer', 'Region']);

/** Whether the field holds a value the user submits (not display text or a layout container). */
export function isValueField(field: ScreenFieldModel): boolean {
  return !NON_VALUE_FIELD_TYPES.has(field.fieldType);
}

/** Whether the field is a screen component, whose value is an object of outputs. */
export function isComponentField(field: ScreenFieldModel): boolean {
  return field.fieldType === 'ComponentInstance';
}

/** Every field of the screen, depth first (sections, then their columns, then their fields). */
export function* walkFields(fields: readonly ScreenFieldModel[]): Generator<ScreenFieldModel> {
  for (const field of fields) {
    yield field;
    yield* walkFields(field.fields);
  }
}

/** The values the screen shows, by field name. */
export function initialScreenValues(screen: ScreenModel): FieldValues {
  const values: FieldValues = {};
  for (const field of walkFields(screen.fields)) if (isValueField(field)) values[field.name] = field.value;
  return values;
}

/** Whether the field is shown (the model says so for it and every container it is in). */
function* visibleValueFields(fields: readonly ScreenFieldModel[]): Generator<ScreenFieldModel> {
  for (const field of fields) {
    if (!field.visible) continue;
    if (isValueField(field)) yield field;
    yield* visibleValueFields(field.fields);
  }
}

/** What to submit: the values of the shown, editable value fields. */
export function submittedValues(screen: ScreenModel, values: FieldValues): FieldValues {
  const submitted: FieldValues = {};
  for (const field of visibleValueFields(screen.fields)) {
    if (field.readOnly === true || field.disabled === true) continue;
    submitted[field.name] = Object.hasOwn(values, field.name) ? (values[field.name] ?? null) : field.value;
  }
  return submitted;
}

/** One output of a component's value (`null` when unset). */
export function componentOutput(value: FlowValue, output: string): FlowValue {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return value[output] ?? null;
}

/** The component's value with one output changed. */
export function withComponentOutput(value: FlowValue, output: string, outputValue: FlowValue): FlowValue {
  const current = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  return { ...current, [output]: outputValue };
}

/** A multi-select value as a list (`'a; b'` and `['a', 'b']` both give `['a', 'b']`). */
export function multiValues(value: FlowValue): string[] {
  if (value === null || value === '') return [];
  if (Array.isArray(value)) return value.map((item) => valueText(item));
  if (typeof value === 'string') return value.split(';').map((item) => item.trim()).filter((item) => item !== '');
  return [valueText(value)];
}

/** A scalar value as text (for comparing choices and filling inputs). */
export function valueText(value: FlowValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The index of the choice whose value is `value` (compared as text), or −1. */
export function choiceIndex(choices: readonly ScreenChoice[], value: FlowValue): number {
  if (value === null || value === '') return -1;
  const text = valueText(value);
  return choices.findIndex((choice) => valueText(choice.value) === text);
}

/** A number input's text as a value: blank → null, a number → the number, anything else as typed (the server rejects it at the field). */
export function numberFromInput(text: string): FlowValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : trimmed;
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** An ISO date-time as a `datetime-local` input value in the browser's time zone. */
export function dateTimeToInput(value: FlowValue): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input value (browser time zone) as an ISO-8601 UTC date-time, or null. */
export function dateTimeFromInput(text: string): FlowValue {
  if (text === '') return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? text : date.toISOString();
}

/** A flow Time (`HH:mm:ss.sss`, maybe with `Z`) as a `time` input value (`HH:mm`). */
export function timeToInput(value: FlowValue): string {
  if (typeof value !== 'string') return '';
  const match = /^(\d{2}):(\d{2})/.exec(value);
  return match === null ? '' : `${match[1]}:${match[2]}`;
}

/** A `time` input value (`HH:mm` or `HH:mm:ss`) as a flow Time, or null. */
export function timeFromInput(text: string): FlowValue {
  if (text === '') return null;
  const [hours = '00', minutes = '00', seconds = '00'] = text.split(':');
  return `${hours}:${minutes}:${seconds.padStart(2, '0')}.000`;
}

/** The stages for the progress indicator: all stages with the current one marked, or none when the flow has none. */
export function stageSteps(screen: ScreenModel): { readonly name: string; readonly label: string; readonly state: 'complete' | 'current' | 'upcoming' }[] {
  const all = screen.stages.all;
  if (all.length === 0) return [];
  const shown = screen.stages.active.length > 0 ? all.filter((stage) => screen.stages.active.includes(stage.name) || stage.name === screen.stages.current) : all;
  const steps = shown.length > 0 ? shown : all;
  const currentIndex = steps.findIndex((stage) => stage.name === screen.stages.current);
  return steps.map((stage, index) => ({
    name: stage.name,
    label: stage.label,
    state: currentIndex < 0 ? 'upcoming' : index < currentIndex ? 'complete' : index === currentIndex ? 'current' : 'upcoming',
  }));
}
