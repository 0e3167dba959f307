/**
 * Screen components (`ComponentInstance`): the standard `flowruntime:*` components with their
 * inputs and outputs, and custom components (`c:*`, namespaced) from `context.components`.
 * A component's outputs are submitted as one object per field (`values[field] = { value: ... }`).
 */
import type { FlowDataType } from '../../flow-model/index.js';
import { FlowFault } from '../fault.js';
import type { ComponentRegistry, FlowValue } from '../protocol.js';
import { getField } from '../value-path.js';
import { isBlank, valueToText } from '../values.js';

/** One output attribute of a component. */
export interface ComponentOutput {
  readonly dataType: FlowDataType;
  readonly isCollection?: boolean;
}

/** What the engine knows about a component. */
export interface ComponentContract {
  /** The UI's input type (`email`, `lookup`, ... or `component` for custom ones). */
  readonly inputType: string;
  /** Output attributes; an input of the same name seeds the output's initial value. */
  readonly outputs: Readonly<Record<string, ComponentOutput>>;
  /** The output that a required component must fill. */
  readonly requiredOutput?: string;
  /** Checks the submitted outputs; a message means the screen cannot be left. */
  readonly validate?: (outputs: Record<string, FlowValue>, inputs: Record<string, FlowValue>) => string | undefined;
}

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
const URL_PATTERN = /^(https?|ftp):\/\/[^\s/$.?#].[^\s]*$/i;

function text(value: FlowValue): string | undefined {
  return isBlank(value) ? undefined : valueToText(value);
}

const STRING: ComponentOutput = { dataType: 'String' };

function stringOutputs(...names: string[]): Record<string, ComponentOutput> {
  return Object.fromEntries(names.map((name) => [name, STRING]));
}

/** The standard `flowruntime:*` (and `forceContent:fileUpload`) components. */
export const STANDARD_COMPONENTS: Readonly<Record<string, ComponentContract>> = {
  'flowruntime:email': {
    inputType: 'email',
    outputs: { value: STRING },
    requiredOutput: 'value',
    validate: (outputs) => {
      const value = text(getField(outputs, 'value'));
      return value === undefined || EMAIL.test(value) ? undefined : 'You have entered an invalid format.';
    },
  },
  'flowruntime:phone': {
    inputType: 'phone',
    outputs: { value: STRING },
    requiredOutput: 'value',
    validate: (outputs, inputs) => {
      const value = text(getField(outputs, 'value'));
      const pattern = text(getField(inputs, 'pattern'));
      if (value === undefined || pattern === undefined) return undefined;
      return new RegExp(`^(?:${pattern})$`).test(value) ? undefined : (text(getField(inputs, 'patternMismatchMessage')) ?? 'You have entered an invalid format.');
    },
  },
  'flowruntime:url': {
    inputType: 'url',
    outputs: { value: STRING },
    requiredOutput: 'value',
    validate: (outputs) => {
      const value = text(getField(outputs, 'value'));
      return value === undefined || URL_PATTERN.test(value) ? undefined : 'You have entered an invalid format.';
    },
  },
  'flowruntime:toggle': { inputType: 'toggle', outputs: { value: { dataType: 'Boolean' } } },
  'flowruntime:slider': {
    inputType: 'slider',
    outputs: { value: { dataType: 'Number' } },
    validate: (outputs, inputs) => {
      const value = getField(outputs, 'value');
      if (typeof value !== 'number') return undefined;
      const min = getField(inputs, 'min');
      const max = getField(inputs, 'max');
      if (typeof min === 'number' && value < min) return `Enter a value of at least ${min}.`;
      if (typeof max === 'number' && value > max) return `Enter a value of at most ${max}.`;
      return undefined;
    },
  },
  'flowruntime:number': { inputType: 'number', outputs: { value: { dataType: 'Number' } }, requiredOutput: 'value' },
  'flowruntime:date': { inputType: 'date', outputs: { value: { dataType: 'Date' } }, requiredOutput: 'value' },
  'flowruntime:dateTime': { inputType: 'dateTime', outputs: { value: { dataType: 'DateTime' } }, requiredOutput: 'value' },
  'flowruntime:name': {
    inputType: 'name',
    outputs: stringOutputs('salutation', 'firstName', 'middleName', 'lastName', 'suffix', 'informalName'),
    requiredOutput: 'lastName',
  },
  'flowruntime:address': {
    inputType: 'address',
    outputs: stringOutputs('street', 'city', 'province', 'postalCode', 'country'),
    requiredOutput: 'street',
  },
  'flowruntime:lookup': {
    inputType: 'lookup',
    outputs: { recordId: STRING, recordIds: { dataType: 'String', isCollection: true }, recordName: STRING },
    requiredOutput: 'recordId',
  },
  'flowruntime:datatable': {
    inputType: 'datatable',
    outputs: { selectedRows: { dataType: 'SObject', isCollection: true }, firstSelectedRow: { dataType: 'SObject' } },
    requiredOutput: 'selectedRows',
  },
  'flowruntime:dependentPicklists': { inputType: 'dependentPicklists', outputs: stringOutputs('topValue', 'middleValue', 'bottomValue'), requiredOutput: 'topValue' },
  'flowruntime:fileUpload': {
    inputType: 'fileUpload',
    outputs: { contentDocIds: { dataType: 'String', isCollection: true }, contentVersionIds: { dataType: 'String', isCollection: true }, fileNames: { dataType: 'String', isCollection: true } },
    requiredOutput: 'contentDocIds',
  },
  'forceContent:fileUpload': {
    inputType: 'fileUpload',
    outputs: { contentDocIds: { dataType: 'String', isCollection: true }, contentVersionIds: { dataType: 'String', isCollection: true }, fileNames: { dataType: 'String', isCollection: true } },
    requiredOutput: 'contentDocIds',
  },
  'flowruntime:image': { inputType: 'image', outputs: {} },
  'flowruntime:message': { inputType: 'message', outputs: {} },
  'flowruntime:richTextArea': { inputType: 'richText', outputs: { value: STRING }, requiredOutput: 'value' },
};

function lookup<T>(map: Readonly<Record<string, T>> | undefined, name: string): T | undefined {
  if (map === undefined) return undefined;
  if (Object.hasOwn(map, name)) return map[name];
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(map)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * The contract of a component: the registry's (it may override a standard one), else the
 * standard table's, else an `UNKNOWN_COMPONENT` fault naming it.
 */
export function componentContract(extensionName: string | undefined, registry: ComponentRegistry | undefined, field: string): ComponentContract {
  const name = extensionName ?? '';
  const custom = lookup(registry, name);
  if (custom !== undefined) {
    return {
      inputType: 'component',
      outputs: Object.fromEntries(Object.entries(custom.outputs).map(([output, dataType]) => [output, { dataType }])),
      validate: custom.validate,
    };
  }
  const standard = lookup(STANDARD_COMPONENTS, name);
  if (standard !== undefined) return standard;
  throw new FlowFault('UNKNOWN_COMPONENT', `Screen component "${name}" (field "${field}") is not registered: register it in the component registry.`);
}
