/** Builders of engine screen models for the terminal runner's tests. */
import type { ScreenFieldModel, ScreenModel } from '../../../src/engine/protocol.js';

/** A visible, optional field of `inputType` with no value; override what the test needs. */
export function field(name: string, inputType: string, overrides: Partial<ScreenFieldModel> = {}): ScreenFieldModel {
  return {
    name,
    fieldType: 'InputField',
    inputType,
    dataType: undefined,
    label: name.replace(/_/g, ' '),
    text: undefined,
    isRichText: false,
    helpText: undefined,
    value: null,
    required: false,
    scale: undefined,
    choices: [],
    visible: true,
    extensionName: undefined,
    inputs: {},
    width: undefined,
    fields: [],
    ...overrides,
  };
}

/** A screen with Next and Back, a header and no errors; override what the test needs. */
export function screen(fields: readonly ScreenFieldModel[], overrides: Partial<ScreenModel> = {}): ScreenModel {
  return {
    name: 'Main_Screen',
    label: 'Main Screen',
    helpText: undefined,
    fields,
    actions: ['NEXT', 'BACK'],
    labels: { next: undefined, back: undefined, pause: undefined, finish: undefined },
    pausedText: undefined,
    showHeader: true,
    showFooter: true,
    stages: { current: null, active: [], all: [] },
    errors: {},
    pageErrors: [],
    ...overrides,
  };
}

/** Choices `label → value` for radio, picklist and multi-select fields. */
export function choices(...entries: readonly (readonly [string, string | number])[]): ScreenFieldModel['choices'] {
  return entries.map(([label, value]) => ({ label, value, name: undefined }));
}
