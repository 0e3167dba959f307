import { describe, expect, it } from 'vitest';
import type { ScreenFieldModel, ScreenModel } from '../../src/engine/protocol.js';
import { toInterviewView } from '../../src/web/src/api/eddy-api.js';
import {
  choiceIndex,
  componentOutput,
  dateTimeFromInput,
  initialScreenValues,
  multiValues,
  numberFromInput,
  stageSteps,
  submittedValues,
  timeFromInput,
  timeToInput,
  withComponentOutput,
} from '../../src/web/src/runner/screen-values.js';

function field(name: string, overrides: Partial<ScreenFieldModel> = {}): ScreenFieldModel {
  return {
    name,
    fieldType: 'InputField',
    inputType: 'text',
    dataType: 'String',
    label: name,
    text: undefined,
    isRichText: false,
    helpText: undefined,
    value: null,
    required: false,
    readOnly: false,
    disabled: false,
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

function screen(fields: ScreenFieldModel[], stages: ScreenModel['stages'] = { current: null, active: [], all: [] }): ScreenModel {
  return {
    name: 'S',
    label: 'Screen',
    helpText: undefined,
    fields,
    actions: ['NEXT'],
    labels: { next: undefined, back: undefined, pause: undefined, finish: undefined },
    pausedText: undefined,
    showHeader: true,
    showFooter: true,
    stages,
    errors: {},
    pageErrors: [],
  };
}

describe('screen values', () => {
  const model = screen([
    field('Intro', { fieldType: 'DisplayText', inputType: 'displayText', text: 'Hi' }),
    field('Street', { value: '1 Main St' }),
    field('Section', {
      fieldType: 'RegionContainer',
      inputType: 'section',
      fields: [
        field('Left', { fieldType: 'Region', inputType: 'column', width: 6, fields: [field('City', { value: 'Paris' })] }),
        field('Right', { fieldType: 'Region', inputType: 'column', width: 6, visible: false, fields: [field('Hidden', { value: 'x', visible: false })] }),
      ],
    }),
    field('Locked', { value: 'keep', readOnly: true }),
    field('Email', { fieldType: 'ComponentInstance', inputType: 'email', value: { value: 'a@b.c' } }),
  ]);

  it('starts from the values the model shows, for value fields only', () => {
    expect(initialScreenValues(model)).toEqual({ Street: '1 Main St', City: 'Paris', Hidden: 'x', Locked: 'keep', Email: { value: 'a@b.c' } });
  });

  it('submits shown, editable fields with what the user entered', () => {
    const values = { ...initialScreenValues(model), Street: '2 Side St', Hidden: 'typed', Locked: 'changed' };
    expect(submittedValues(model, values)).toEqual({ Street: '2 Side St', City: 'Paris', Email: { value: 'a@b.c' } });
  });

  it('reads and writes component outputs', () => {
    expect(componentOutput({ street: 'x' }, 'street')).toBe('x');
    expect(componentOutput(null, 'street')).toBeNull();
    expect(withComponentOutput({ street: 'x' }, 'city', 'y')).toEqual({ street: 'x', city: 'y' });
    expect(withComponentOutput(null, 'value', 'v')).toEqual({ value: 'v' });
  });

  it('reads multi-select values in both spellings', () => {
    expect(multiValues('a; b;c')).toEqual(['a', 'b', 'c']);
    expect(multiValues(['a', 'b'])).toEqual(['a', 'b']);
    expect(multiValues(null)).toEqual([]);
  });

  it('matches choices by their value as text', () => {
    const choices = [
      { value: 1, label: 'One', name: 'One' },
      { value: 'Two', label: 'Two', name: undefined },
    ];
    expect(choiceIndex(choices, '1')).toBe(0);
    expect(choiceIndex(choices, 'Two')).toBe(1);
    expect(choiceIndex(choices, null)).toBe(-1);
  });

  it('converts number, date-time and time inputs to flow values', () => {
    expect(numberFromInput('')).toBeNull();
    expect(numberFromInput(' 42.5 ')).toBe(42.5);
    expect(numberFromInput('12abc')).toBe('12abc');
    expect(dateTimeFromInput('')).toBeNull();
    expect(dateTimeFromInput('2025-03-01T10:30')).toBe(new Date('2025-03-01T10:30').toISOString());
    expect(timeFromInput('09:05')).toBe('09:05:00.000');
    expect(timeToInput('09:05:00.000Z')).toBe('09:05');
  });
});

describe('stage steps', () => {
  const all = [
    { name: 'F:One', label: 'One' },
    { name: 'F:Two', label: 'Two' },
    { name: 'F:Three', label: 'Three' },
  ];

  it('marks stages before the current one complete', () => {
    const steps = stageSteps(screen([], { current: 'F:Two', active: ['F:One', 'F:Two', 'F:Three'], all }));
    expect(steps.map((step) => step.state)).toEqual(['complete', 'current', 'upcoming']);
  });

  it('shows only the active stages when some are active', () => {
    const steps = stageSteps(screen([], { current: 'F:Three', active: ['F:One', 'F:Three'], all }));
    expect(steps.map((step) => step.label)).toEqual(['One', 'Three']);
  });

  it('shows nothing for flows without stages', () => {
    expect(stageSteps(screen([]))).toEqual([]);
  });
});

describe('runtime API answers', () => {
  it('reads the runtime view of a screen, a pause, a finish and a failure', () => {
    const shown = screen([field('Street')]);
    expect(toInterviewView('x', { interview: { Id: '0Fo1', InterviewLabel: 'Label' }, awaiting: 'screen', screen: shown })).toEqual({ kind: 'screen', interviewId: '0Fo1', flowLabel: 'Label', screen: shown });
    expect(toInterviewView('x', { awaiting: 'paused', screen: { ...shown, pausedText: 'Saved.' } })).toMatchObject({ kind: 'paused', interviewId: 'x', pausedText: 'Saved.' });
    expect(toInterviewView('x', { awaiting: 'finished', outputs: { total: 3 } })).toMatchObject({ kind: 'finished', outputs: { total: 3 } });
    expect(toInterviewView('x', { awaiting: 'failed', fault: { message: 'Boom' } })).toMatchObject({ kind: 'failed', message: 'Boom' });
    expect(toInterviewView('x', { status: 'FINISHED', outputs: [{ name: 'a', value: 1 }] })).toMatchObject({ kind: 'finished', outputs: { a: 1 } });
  });
});
