/**
 * Answers a screen as a user would: every visible, editable input that is still blank gets a
 * plausible value of its type (text, a valid email, a number within a slider's range, today's
 * date, the first choice, a sample record for a lookup, the first row of a data table); what is
 * already filled (defaults, values kept from before) stays as it is. Display-only fields,
 * sections and columns are walked into, not answered.
 */
import type { FlowValue, ScreenFieldModel, ScreenModel } from '../src/engine/index.js';
import type { SampleRecords } from './sample-records.js';
import { today } from './sample-records.js';

function isBlank(value: FlowValue | undefined): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function isObject(value: FlowValue | undefined): value is Record<string, FlowValue> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A component's outputs with `output` set, the others kept. */
function withOutput(value: FlowValue, output: string, answer: FlowValue): Record<string, FlowValue> {
  const outputs: Record<string, FlowValue> = isObject(value) ? { ...value } : {};
  const key = Object.keys(outputs).find((name) => name.toLowerCase() === output.toLowerCase()) ?? output;
  outputs[key] = answer;
  return outputs;
}

/** An output or input of a component's value object (any case), `null` when absent. */
function getField(value: FlowValue, name: string): FlowValue {
  if (!isObject(value)) return null;
  const key = Object.keys(value).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? null : (value[key] ?? null);
}

function numberInRange(field: ScreenFieldModel): number {
  const min = getField(field.inputs, 'min');
  const max = getField(field.inputs, 'max');
  if (typeof min === 'number' && typeof max === 'number') return Math.round((min + max) / 2);
  if (typeof min === 'number') return min;
  if (typeof max === 'number') return Math.min(1, max);
  return 1;
}

/** The object a lookup component searches: `objectApiName`'s `fieldApiName` reference target. */
async function lookupTarget(field: ScreenFieldModel, records: SampleRecords): Promise<string | undefined> {
  const object = getField(field.inputs, 'objectApiName');
  const name = getField(field.inputs, 'fieldApiName');
  if (typeof object !== 'string' || typeof name !== 'string') return undefined;
  return (await records.schema()).field(object, name)?.referenceTo[0];
}

/** A plausible answer for one field, or undefined to leave it as it is. */
async function answerFor(field: ScreenFieldModel, records: SampleRecords, now: Date, visit: number): Promise<FlowValue | undefined> {
  const value = field.value;
  switch (field.inputType) {
    case 'text':
    case 'textarea':
    case 'password':
      return isBlank(value) ? `Fidelity ${field.label ?? field.name}`.slice(0, 255) : undefined;
    case 'number':
    case 'currency':
      return isBlank(value) ? 1 : undefined;
    case 'date':
      return isBlank(value) ? today(now) : undefined;
    case 'dateTime':
      return isBlank(value) ? now.toISOString() : undefined;
    case 'time':
      return isBlank(value) ? '12:00:00.000Z' : undefined;
    case 'radio':
    case 'picklist':
    case 'multiPicklist':
    case 'checkboxGroup': {
      // The first choice; on the screen's next visits the next ones, as a user trying another way would.
      const choice = field.choices[visit % Math.max(1, field.choices.length)];
      return (isBlank(value) || visit > 0) && choice !== undefined ? choice.value : undefined;
    }
    case 'email':
      return isBlank(getField(value, 'value')) ? withOutput(value, 'value', 'fidelity@example.com') : undefined;
    case 'phone':
      return isBlank(getField(value, 'value')) ? withOutput(value, 'value', '4155550100') : undefined;
    case 'url':
      return isBlank(getField(value, 'value')) ? withOutput(value, 'value', 'https://example.com') : undefined;
    case 'richText':
      return isBlank(getField(value, 'value')) ? withOutput(value, 'value', '<p>Fidelity</p>') : undefined;
    case 'slider':
      return isBlank(getField(value, 'value')) ? withOutput(value, 'value', numberInRange(field)) : undefined;
    case 'name':
      return isBlank(getField(value, 'lastName')) ? withOutput(withOutput(value, 'firstName', 'Ada'), 'lastName', 'Lovelace') : undefined;
    case 'address': {
      if (!isBlank(getField(value, 'street'))) return undefined;
      let outputs = withOutput(value, 'street', '1 Market Street');
      outputs = withOutput(outputs, 'city', 'San Francisco');
      outputs = withOutput(outputs, 'province', 'CA');
      outputs = withOutput(outputs, 'postalCode', '94105');
      return withOutput(outputs, 'country', 'US');
    }
    case 'lookup': {
      if (!isBlank(getField(value, 'recordId'))) return undefined;
      const target = await lookupTarget(field, records);
      if (target === undefined) return undefined;
      const id = await records.idOf(target).catch(() => undefined);
      return id === undefined ? undefined : withOutput(value, 'recordId', id);
    }
    case 'datatable': {
      if (!isBlank(getField(value, 'selectedRows'))) return undefined;
      const rows = getField(field.inputs, 'tableData');
      return Array.isArray(rows) && rows[0] !== undefined ? withOutput(value, 'selectedRows', [rows[0]]) : undefined;
    }
    case 'dependentPicklists':
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Values to submit for `screen`: a plausible answer for each visible, editable, blank input.
 * `visit` counts earlier showings of the same screen: choices rotate with it.
 */
export async function answerScreen(screen: ScreenModel, records: SampleRecords, now: Date, visit = 0): Promise<Record<string, FlowValue>> {
  const values: Record<string, FlowValue> = {};
  const walk = async (fields: readonly ScreenFieldModel[]): Promise<void> => {
    for (const field of fields) {
      if (!field.visible) continue;
      if (field.fields.length > 0) await walk(field.fields);
      if (field.readOnly === true || field.disabled === true) continue;
      const answer = await answerFor(field, records, now, visit);
      if (answer !== undefined) values[field.name] = answer;
    }
  };
  await walk(screen.fields);
  return values;
}
