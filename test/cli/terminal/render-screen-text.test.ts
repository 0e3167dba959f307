import { describe, expect, it } from 'vitest';
import { renderFinish } from '../../../src/cli/terminal/render-finish.js';
import { navigationChoices, renderScreenText } from '../../../src/cli/terminal/render-screen-text.js';
import { choices, field, screen } from './screen-fixtures.js';

/** The lines of the rendered screen between the header and the navigation line. */
function body(...fields: Parameters<typeof screen>[0]): string {
  return renderScreenText(screen(fields, { showHeader: false, actions: [] }));
}

describe('renderScreenText', () => {
  it('shows the title, stages, help, screen errors and the navigation line', () => {
    const text = renderScreenText(
      screen([], {
        label: 'Case Intake',
        helpText: '<p>Fill in <b>everything</b>.</p>',
        pageErrors: ['The account is closed.'],
        actions: ['NEXT', 'BACK', 'PAUSE'],
        stages: { current: 'review', active: ['intake', 'review', 'done'], all: [{ name: 'intake', label: 'Intake' }, { name: 'review', label: 'Review' }, { name: 'done', label: 'Done' }] },
      }),
    );
    expect(text).toBe('== Case Intake ==\nStages: Intake > [Review] > Done\nHelp: Fill in everything.\n! The account is closed.\n\n[N]ext  [B]ack  [P]ause\n');
  });

  it('leaves the title out when the screen hides its header', () => {
    expect(renderScreenText(screen([], { showHeader: false, actions: ['FINISH'] }))).toBe('[F]inish\n');
  });

  it('uses custom button labels, keeping the key letter', () => {
    const model = screen([], { actions: ['NEXT', 'BACK', 'PAUSE', 'FINISH'], labels: { next: 'Submit', back: 'Go back', pause: 'Park it', finish: 'Done' } });
    expect(navigationChoices(model).map((choice) => choice.text)).toEqual(['[N] Submit', '[B] Go back', '[P]ark it', '[F] Done']);
  });

  it('converts rich display text to plain text and never prints HTML', () => {
    const text = body(
      field('Intro', 'displayText', {
        label: undefined,
        isRichText: true,
        text: '<p><b>Welcome</b> &amp; thanks,&nbsp;Ada</p><p><br></p><ul><li>One</li><li>Two</li></ul><script>alert(1)</script>',
      }),
    );
    expect(text).toBe('Welcome & thanks, Ada\n\n- One\n- Two\n');
    expect(text).not.toMatch(/[<>]/);
  });

  it('converts display text that looks like HTML even when not flagged as rich text', () => {
    expect(body(field('Intro', 'displayText', { label: undefined, text: 'Line one<br>Line two' }))).toBe('Line one\nLine two\n');
  });

  it('strips terminal escape sequences from flow-provided text', () => {
    expect(body(field('Name', 'text', { label: 'Na\u001b[31mme', value: 'x\u0007y' }))).toBe('Na[31mme: xy\n');
  });

  it('renders text inputs with their value, required marker, help and error', () => {
    const text = body(field('Full_Name', 'text', { required: true, value: 'Ada Lovelace', helpText: 'As on <i>your</i> passport' }));
    expect(text).toBe('Full Name *: Ada Lovelace\n  ? As on your passport\n');
    expect(renderScreenText(screen([field('Full_Name', 'text')], { showHeader: false, actions: [], errors: { Full_Name: 'Enter a name.' } }))).toBe(
      'Full Name: (empty)\n  ! Enter a name.\n',
    );
  });

  it('renders numbers, currency with its scale, dates, date-times and times', () => {
    expect(body(field('Count', 'number', { value: 1e21 }))).toBe('Count: 1000000000000000000000\n');
    expect(body(field('Amount', 'currency', { value: 12.5, scale: 2 }))).toBe('Amount: 12.50\n');
    expect(body(field('Due', 'date', { value: '2025-03-31' }))).toBe('Due: 2025-03-31\n');
    expect(body(field('At', 'dateTime', { value: '2025-03-31T14:30:00.000Z' }))).toBe('At: 2025-03-31T14:30:00.000Z\n');
    expect(body(field('Time', 'time', { value: '09:15:00.000' }))).toBe('Time: 09:15:00.000\n');
  });

  it('renders checkboxes and toggles as boxes', () => {
    expect(body(field('Agree', 'checkbox', { value: true }), field('Notify', 'toggle', { value: false }))).toBe('Agree: [x]\n\nNotify: [ ]\n');
  });

  it('hides a password value', () => {
    expect(body(field('Secret', 'password', { value: 'hunter2' }))).toBe('Secret: ********\n');
    expect(body(field('Secret', 'password'))).toBe('Secret: (empty)\n');
  });

  it('numbers radio and picklist choices and marks the selected one', () => {
    const options = choices(['Red', 'red'], ['Green', 'green']);
    const expected = 'Color *:\n  ( ) 1. Red\n  (*) 2. Green\n';
    expect(body(field('Color', 'radio', { required: true, choices: options, value: 'green' }))).toBe(expected);
    expect(body(field('Color', 'picklist', { required: true, choices: options, value: 'green' }))).toBe(expected);
  });

  it('marks every selected choice of a multi-select', () => {
    const options = choices(['Email', 'email'], ['Phone', 'phone'], ['Post', 'post']);
    expect(body(field('Channels', 'multiPicklist', { choices: options, value: 'email;post' }))).toBe(
      'Channels: (choose any)\n  [x] 1. Email\n  [ ] 2. Phone\n  [x] 3. Post\n',
    );
    expect(body(field('Channels', 'checkboxGroup', { choices: options, value: 'phone' }))).toContain('  [x] 2. Phone');
  });

  it('shows sections as headings with their columns fields, and unlabelled columns without one', () => {
    const section = field('Address', 'section', {
      label: 'Mailing address',
      fields: [
        field('Left', 'column', { label: undefined, width: 6, fields: [field('Street', 'text')] }),
        field('Right', 'column', { label: undefined, width: 6, fields: [field('City', 'text', { value: 'Paris' })] }),
      ],
    });
    expect(body(section)).toBe('-- Mailing address --\n\nStreet: (empty)\n\nCity: Paris\n');
  });

  it('leaves out hidden fields and hidden sections', () => {
    const text = body(
      field('Shown', 'text'),
      field('Hidden', 'text', { visible: false }),
      field('Gone', 'section', { label: 'Gone', visible: false, fields: [field('Inner', 'text')] }),
    );
    expect(text).toBe('Shown: (empty)\n');
  });

  it('shows a standard component by the output it edits, and a name or address by its parts', () => {
    expect(body(field('Mail', 'email', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:email', value: { value: 'ada@example.com' } }))).toBe('Mail: ada@example.com\n');
    expect(body(field('Who', 'name', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:name', value: { firstName: 'Ada', lastName: 'Lovelace' } }))).toBe(
      'Who:\n  First name: Ada\n  Last name: Lovelace\n',
    );
  });

  it('marks a component required through its "required" input', () => {
    expect(body(field('Mail', 'email', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:email', inputs: { required: true } }))).toBe('Mail *: (empty)\n');
  });

  it('says which components cannot be shown in the terminal', () => {
    expect(body(field('Addr', 'address', { label: 'Address', extensionName: 'flowruntime:address' }))).toBe(
      'Address: (the flowruntime:address component cannot be shown in the terminal; its value is left unchanged)\n',
    );
  });
});

describe('renderFinish', () => {
  it('says the flow finished and lists its outputs', () => {
    expect(renderFinish({ caseNumber: '00001026', total: 12.5, approved: true, note: null, account: { attributes: { type: 'Account' }, Id: '001000000000001AAA' } })).toBe(
      'Flow finished.\nOutputs:\n  caseNumber: 00001026\n  total: 12.5\n  approved: true\n  note: (empty)\n  account: {"attributes":{"type":"Account"},"Id":"001000000000001AAA"}\n',
    );
  });

  it('says only that the flow finished when there are no outputs', () => {
    expect(renderFinish({})).toBe('Flow finished.\n');
  });
});
