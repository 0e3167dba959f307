/**
 * The `preview` input: the shown screen rendered with values the user is entering, so that fields
 * whose visibility depends on other fields of the same screen appear at once — without changing
 * the interview (no draft, no errors, no history).
 */
import { describe, expect, it } from 'vitest';
import { start, step, type InterviewState, type ScreenFieldModel, type ScreenModel, type StepResult } from '../../src/engine/index.js';
import { roundTrip, startContext, stepContext } from './support/context.js';
import { conditions, connector, flowFromXml } from './support/flow-xml.js';

function screen(name: string, fields: string, next?: string): string {
  return `<screens><name>${name}</name><label>${name}</label><allowBack>true</allowBack><allowFinish>true</allowFinish><allowPause>true</allowPause>
    <showFooter>true</showFooter><showHeader>true</showHeader>${next === undefined ? '' : connector(next)}${fields}</screens>`;
}

function input(name: string, dataType: string, extra = ''): string {
  return `<fields><name>${name}</name><dataType>${dataType}</dataType><fieldText>${name}</fieldText><fieldType>InputField</fieldType>${extra}</fields>`;
}

const visibleWhenPet = `<visibilityRule><conditionLogic>and</conditionLogic>${conditions([['Has_Pet', 'EqualTo', '<booleanValue>true</booleanValue>']])}</visibilityRule>`;

const flow = flowFromXml(
  screen(
    'Form',
    input('Has_Pet', 'Boolean') +
      input('Age', 'Number', '<scale>0</scale>') +
      input('Pet_Name', 'String', `<isRequired>true</isRequired>${visibleWhenPet}`) +
      `<fields><name>Greeting</name><fieldText>&lt;p&gt;Hello {!Pet_Name}&lt;/p&gt;</fieldText><fieldType>DisplayText</fieldType>${visibleWhenPet}</fields>`,
    'Plain',
  ) + screen('Plain', input('Comment', 'String')),
  { start: 'Form' },
);

function shown(result: StepResult): ScreenModel {
  if (result.awaiting.kind !== 'screen') throw new Error(`Expected a screen, got ${JSON.stringify(result.awaiting)}`);
  return result.awaiting.screen;
}

function field(model: ScreenModel, name: string): ScreenFieldModel {
  const found = model.fields.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`No field ${name}`);
  return found;
}

function preview(state: InterviewState, values: Record<string, unknown>): StepResult {
  return step(flow, roundTrip(state), { kind: 'preview', values: values as never }, stepContext());
}

describe('screen preview', () => {
  it('shows a field that depends on a field of the same screen, and re-renders display text, without changing the state', () => {
    const first = start(flow, {}, startContext());
    expect(shown(first).reactive).toBe(true);
    expect(field(shown(first), 'Pet_Name').visible).toBe(false);
    const before = roundTrip(first.state);

    const previewed = preview(first.state, { Has_Pet: true, Pet_Name: 'Rex <3' });
    const model = shown(previewed);
    expect(field(model, 'Pet_Name')).toMatchObject({ visible: true, value: 'Rex <3' });
    expect(field(model, 'Greeting')).toMatchObject({ visible: true, text: '<p>Hello Rex &lt;3</p>' });
    // Not a submission: the required, empty-looking fields get no errors.
    expect(model.errors).toEqual({});
    expect(previewed.state).toEqual(before);
    expect(previewed.effects).toEqual([]);

    expect(field(shown(preview(first.state, { Has_Pet: false, Pet_Name: 'Rex' })), 'Pet_Name').visible).toBe(false);
    // Nothing was kept: showing the screen again hides the field, and NEXT still validates.
    expect(field(shown(step(flow, roundTrip(previewed.state), { kind: 'show' }, stepContext())), 'Pet_Name').visible).toBe(false);
    const rejected = step(flow, roundTrip(previewed.state), { kind: 'navigate', action: 'NEXT', values: { Has_Pet: true } }, stepContext());
    expect(shown(rejected).errors).toEqual({ Pet_Name: 'Complete this field.' });
  });

  it('keeps the last submission\'s errors as shown and ignores values that do not fit their field', () => {
    const rejected = step(flow, start(flow, {}, startContext()).state, { kind: 'navigate', action: 'NEXT', values: { Has_Pet: true } }, stepContext());
    const model = shown(preview(rejected.state, { Has_Pet: true, Age: 'not a number' }));
    expect(model.errors).toEqual({ Pet_Name: 'Complete this field.' });
    expect(field(model, 'Age').value).toBeNull();
    expect(field(model, 'Pet_Name').visible).toBe(true);
  });

  it('marks screens without visibility rules as not reactive', () => {
    const first = start(flow, {}, startContext());
    const plain = step(flow, first.state, { kind: 'navigate', action: 'NEXT', values: { Has_Pet: false } }, stepContext());
    expect(shown(plain)).toMatchObject({ name: 'Plain', reactive: false });
  });

  it('refuses a preview when no screen is shown', () => {
    const first = start(flow, {}, startContext());
    const plain = step(flow, first.state, { kind: 'navigate', action: 'NEXT', values: { Has_Pet: false } }, stepContext());
    const finished = step(flow, plain.state, { kind: 'navigate', action: 'FINISH', values: {} }, stepContext());
    expect(finished.awaiting.kind).toBe('finished');
    expect(() => preview(finished.state, {})).toThrow(expect.objectContaining({ code: 'INTERVIEW_ENDED' }) as Error);
  });
});
