import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { closeTerminal, type TerminalIo } from '../../../src/cli/terminal/line-reader.js';
import { promptScreen } from '../../../src/cli/terminal/prompt-screen.js';
import { choices, field, screen } from './screen-fixtures.js';

interface ScriptedTerminal {
  readonly io: TerminalIo;
  /** Everything written to the output so far. */
  transcript(): string;
  /** Resolves once the output, after what the last wait matched, contains `text`. */
  waitFor(text: string): Promise<void>;
  type(text: string): void;
  /** Ends the input, as a pipe does at the end of its script. */
  end(): void;
}

const opened: TerminalIo[] = [];

afterEach(() => {
  for (const io of opened.splice(0)) closeTerminal(io);
});

function terminal(options: { tty: boolean }): ScriptedTerminal {
  const input = new PassThrough();
  const output = new PassThrough();
  if (options.tty) {
    Object.assign(input, { isTTY: true, setRawMode: () => input });
    Object.assign(output, { isTTY: true, columns: 100 });
  }
  let text = '';
  let cursor = 0;
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const io = { input, output };
  opened.push(io);
  return {
    io,
    transcript: () => text,
    waitFor(wanted) {
      return new Promise((resolve) => {
        const check = (): boolean => {
          const index = text.indexOf(wanted, cursor);
          if (index === -1) return false;
          cursor = index + wanted.length;
          output.off('data', check);
          resolve();
          return true;
        };
        if (!check()) output.on('data', check);
      });
    },
    type(typed) {
      input.write(typed);
    },
    end() {
      input.end();
    },
  };
}

/** A terminal whose whole script is already written, as a pipe delivers it. */
function piped(...lines: string[]): ScriptedTerminal {
  const scripted = terminal({ tty: false });
  scripted.type(lines.map((line) => `${line}\n`).join(''));
  return scripted;
}

describe('promptScreen', () => {
  it('asks for every input type and returns the values in their JSON forms', async () => {
    const model = screen([
      field('Intro', 'displayText', { label: undefined, isRichText: true, text: '<p>Tell us <b>about</b> you</p>' }),
      field('Name', 'text'),
      field('Age', 'number'),
      field('Budget', 'currency', { scale: 2 }),
      field('Birthday', 'date'),
      field('Call_At', 'dateTime'),
      field('Wake_Up', 'time'),
      field('Subscribe', 'checkbox'),
      field('Size', 'radio', { choices: choices(['Small', 'S'], ['Large', 'L']) }),
      field('Region', 'picklist', { choices: choices(['North', 1], ['South', 2]) }),
      field('Topics', 'multiPicklist', { choices: choices(['News', 'news'], ['Sport', 'sport'], ['Tech', 'tech']) }),
      field('Pin', 'password'),
    ]);
    const scripted = piped('Ada', '36', '$1,200.50', '1989-12-10', '2025-04-01 09:30', '7:45', 'y', '2', 'South', '3,1', 'hunter2', 'n');

    const answer = await promptScreen(model, scripted.io);

    expect(answer).toEqual({
      action: 'NEXT',
      values: {
        Name: 'Ada',
        Age: 36,
        Budget: 1200.5,
        Birthday: '1989-12-10',
        Call_At: '2025-04-01T09:30:00.000Z',
        Wake_Up: '07:45:00.000',
        Subscribe: true,
        Size: 'L',
        Region: 2,
        Topics: 'news;tech',
        Pin: 'hunter2',
      },
    });
    const transcript = scripted.transcript();
    expect(transcript).toContain('== Main Screen ==');
    expect(transcript).toContain('Tell us about you');
    expect(transcript).not.toContain('<b>');
    expect(transcript).toContain('Birthday (YYYY-MM-DD): 1989-12-10\n');
    expect(transcript).toContain('  ( ) 1. Small\n  ( ) 2. Large\nChoose 1-2: 2\n');
    expect(transcript).not.toContain('hunter2');
    expect(transcript).toContain('[N]ext  [B]ack [N]: ');
  });

  it('keeps current values when Enter is pressed', async () => {
    const model = screen([
      field('Name', 'text', { value: 'Ada' }),
      field('Age', 'number', { value: 36 }),
      field('Subscribe', 'checkbox', { value: true }),
      field('Size', 'radio', { choices: choices(['Small', 'S'], ['Large', 'L']), value: 'L' }),
      field('Topics', 'checkboxGroup', { choices: choices(['News', 'news'], ['Tech', 'tech']), value: 'news;tech' }),
      field('Due', 'date', { value: '2025-01-02' }),
    ]);
    const scripted = piped('', '', '', '', '', '', '');

    await expect(promptScreen(model, scripted.io)).resolves.toEqual({
      action: 'NEXT',
      values: { Name: 'Ada', Age: 36, Subscribe: true, Size: 'L', Topics: 'news;tech', Due: '2025-01-02' },
    });
    expect(scripted.transcript()).toContain('Name [Ada]: ');
    expect(scripted.transcript()).toContain('Choose numbers 1-2, like 1,3 [1,2]: ');
  });

  it('clears an optional value with "-"', async () => {
    const scripted = piped('-', '');
    await expect(promptScreen(screen([field('Note', 'text', { value: 'old' })]), scripted.io)).resolves.toMatchObject({ values: { Note: null } });
  });

  it('shows why an answer is invalid and asks again', async () => {
    const scripted = piped('soon', '2025-02-30', '2025-03-01', '');
    await expect(promptScreen(screen([field('Due', 'date')]), scripted.io)).resolves.toMatchObject({ values: { Due: '2025-03-01' } });
    expect(scripted.transcript().match(/! Enter a date as YYYY-MM-DD/g)).toHaveLength(2);
  });

  it('shows the engine errors next to their fields before asking for them', async () => {
    const model = screen([field('Email', 'email', { value: 'ada@example' }), field('Phone', 'phone')], { errors: { Email: 'Enter a valid address.' } });
    const scripted = piped('ada@example.com', '', '');
    await expect(promptScreen(model, scripted.io)).resolves.toMatchObject({ values: { Email: 'ada@example.com', Phone: null } });
    expect(scripted.transcript()).toContain('  ! Enter a valid address.\nEmail [ada@example]: ');
  });

  it('asks again for empty required fields before Next, but lets Back through', async () => {
    const model = screen([field('Name', 'text', { required: true }), field('Age', 'number', { required: true, value: 3 })]);
    const back = piped('', '', 'b');
    await expect(promptScreen(model, back.io)).resolves.toEqual({ action: 'BACK', values: { Name: null, Age: 3 } });

    const next = piped('', '', '', 'Ada', '');
    await expect(promptScreen(model, next.io)).resolves.toEqual({ action: 'NEXT', values: { Name: 'Ada', Age: 3 } });
    expect(next.transcript()).toContain('! Some required fields are empty.\n  ! Complete this field.\nName *: Ada\n');
    expect(next.transcript().match(/Age \*/g)).toHaveLength(1);
  });

  it('submits standard components as their outputs object, keeping other outputs', async () => {
    const model = screen([
      field('Work_Email', 'email', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:email', value: { value: 'old@example.com' } }),
      field('Notify', 'toggle', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:toggle', value: { value: false } }),
      field('Owner', 'lookup', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:lookup', value: { recordId: null, recordName: null } }),
      field('Files', 'fileUpload', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:fileUpload', value: { contentDocIds: [] } }),
    ]);
    const scripted = piped('', 'y', '005000000000001AAA', '');
    await expect(promptScreen(model, scripted.io)).resolves.toEqual({
      action: 'NEXT',
      values: { Work_Email: { value: 'old@example.com' }, Notify: { value: true }, Owner: { recordId: '005000000000001AAA', recordName: null } },
    });
    expect(scripted.transcript()).toContain('Work Email [old@example.com]: ');
    expect(scripted.transcript()).toContain('Files: (the flowruntime:fileUpload component cannot be shown in the terminal; its value is left unchanged)');
  });

  it('asks for each part of a name component and requires the last name when the field is required', async () => {
    const model = screen([field('Contact_Name', 'name', { fieldType: 'ComponentInstance', extensionName: 'flowruntime:name', required: true, value: { firstName: 'Ada', lastName: null } })]);
    const scripted = piped('', '', '', '', 'Lovelace', '');
    await expect(promptScreen(model, scripted.io)).resolves.toEqual({ action: 'NEXT', values: { Contact_Name: { firstName: 'Ada', lastName: 'Lovelace' } } });
    expect(scripted.transcript()).toContain('Contact Name *:\n  First name [Ada]: \n  Last name: \n');
    expect(scripted.transcript()).toContain('  ! Complete this field.\n  First name [Ada]: \n  Last name: Lovelace\n');
  });

  it('does not require a checkbox to be ticked', async () => {
    await expect(promptScreen(screen([field('Agree', 'checkbox', { required: true })]), piped('', '').io)).resolves.toEqual({ action: 'NEXT', values: { Agree: false } });
  });

  it('skips hidden fields and leaves them out of the values', async () => {
    const model = screen([field('Shown', 'text'), field('Hidden', 'text', { visible: false, value: 'secret' }), field('Section', 'section', { label: 'More', fields: [field('Inner', 'number')] })]);
    const scripted = piped('a', '5', '');
    await expect(promptScreen(model, scripted.io)).resolves.toEqual({ action: 'NEXT', values: { Shown: 'a', Inner: 5 } });
    expect(scripted.transcript()).toContain('-- More --');
    expect(scripted.transcript()).not.toContain('Hidden');
  });

  it('offers the screen actions with their labels and refuses others', async () => {
    const model = screen([], { actions: ['BACK', 'FINISH'], labels: { next: undefined, back: 'Previous', pause: undefined, finish: 'Submit order' } });
    const scripted = piped('n', 'submit order');
    await expect(promptScreen(model, scripted.io)).resolves.toEqual({ action: 'FINISH', values: {} });
    expect(scripted.transcript()).toContain('[B] Previous  [F] Submit order [F]: n\n  ! Type B, F, or press Enter.\n');
  });

  it('asks for a pause reason of at most 255 characters and shows the paused text', async () => {
    const model = screen([field('Note', 'text')], { actions: ['NEXT', 'PAUSE'], pausedText: '<p>Saved. Resume it from <b>Paused Flows</b>.</p>' });
    const scripted = piped('draft', 'p', 'x'.repeat(256), 'Waiting for the customer', 'unused');

    await expect(promptScreen(model, scripted.io)).resolves.toEqual({ action: 'PAUSE', values: { Note: 'draft' }, pauseReason: 'Waiting for the customer' });
    expect(scripted.transcript()).toContain('! That reason has 256 characters; shorten it to 255 or fewer.');
    expect(scripted.transcript()).toContain('Saved. Resume it from Paused Flows.\n');
  });

  it('pauses without a reason when none is given', async () => {
    const answer = await promptScreen(screen([], { actions: ['NEXT', 'PAUSE'] }), piped('P', '').io);
    expect(answer).toEqual({ action: 'PAUSE', values: {} });
  });

  it('reads consecutive screens from one piped script', async () => {
    const scripted = piped('first', '', 'second', 'f');
    const first = await promptScreen(screen([field('A', 'text')]), scripted.io);
    const second = await promptScreen(screen([field('B', 'text')], { actions: ['BACK', 'FINISH'] }), scripted.io);
    expect([first, second]).toEqual([
      { action: 'NEXT', values: { A: 'first' } },
      { action: 'FINISH', values: { B: 'second' } },
    ]);
  });

  it('rejects with INPUT_CLOSED when the input ends mid-screen', async () => {
    const scripted = piped('only one answer');
    scripted.end();
    await expect(promptScreen(screen([field('A', 'text'), field('B', 'text')]), scripted.io)).rejects.toMatchObject({ code: 'INPUT_CLOSED' });
  });

  describe('on a terminal', () => {
    it('echoes typed answers but not passwords', async () => {
      const tty = terminal({ tty: true });
      const answer = promptScreen(screen([field('User', 'text'), field('Pin', 'password')]), tty.io);
      await tty.waitFor('User: ');
      tty.type('ada\r');
      await tty.waitFor('Pin: ');
      tty.type('hunter2\r');
      await tty.waitFor('[N]ext');
      tty.type('\r');

      await expect(answer).resolves.toEqual({ action: 'NEXT', values: { User: 'ada', Pin: 'hunter2' } });
      expect(tty.transcript()).toContain('ada');
      expect(tty.transcript()).not.toContain('hunter2');
    });

    it('rejects with INTERRUPTED on Ctrl+C', async () => {
      const tty = terminal({ tty: true });
      const answer = promptScreen(screen([field('User', 'text')]), tty.io);
      await tty.waitFor('User: ');
      tty.type('\u0003');
      await expect(answer).rejects.toMatchObject({ code: 'INTERRUPTED' });
    });
  });
});
