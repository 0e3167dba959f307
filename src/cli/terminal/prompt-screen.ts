/**
 * Runs one screen in the terminal: prints it, asks for each visible input (Enter keeps the
 * value in brackets), then for the navigation button, and returns the answers in the engine's
 * JSON forms for a `navigate` or `pause` step input.
 */
import type { FlowValue, NavigationAction, ScreenFieldModel, ScreenModel } from '../../engine/index.js';
import { REQUIRED_MESSAGE } from '../../engine/index.js';
import { answerValueOf, CLEAR_ANSWER, type CompoundPart, compoundPartsOf, defaultAnswer, type InputKind, inputKindOf, isBlankValue, isRequiredField, outputOf, parseFieldAnswer, requiredPartOf, submittedValueOf, withOutput } from './field-answer.js';
import { LineReader, type TerminalIo } from './line-reader.js';
import { fieldNotes, fieldTitle, type NavigationChoice, navigationChoices, plainText, renderChoiceLines, renderFieldLines, renderScreenHeader } from './render-screen-text.js';

/** The longest pause reason Salesforce's UI accepts. */
export const PAUSE_REASON_MAX_LENGTH = 255;

/** What the user did on a screen. */
export interface ScreenAnswer {
  readonly action: NavigationAction;
  /**
   * Every visible input's value (entered or kept), by field name, as the engine's `navigate`
   * and `pause` inputs take them: a standard component's value is its outputs object
   * (`{ value: 'ada@example.com' }`). Components the terminal cannot show are left out.
   */
  readonly values: Record<string, FlowValue>;
  /** For PAUSE: the reason typed, if any (at most {@link PAUSE_REASON_MAX_LENGTH} characters). */
  readonly pauseReason?: string;
}

/** The message shown when Next or Finish is chosen with a required field left empty (the engine's). */
export const REQUIRED_FIELD_MESSAGE = REQUIRED_MESSAGE;

const tipShown = new WeakSet<LineReader>();

/**
 * Prompts for `screen` on `io` and resolves with the chosen action and the values. Before
 * Next/Finish, empty required inputs are asked again (Back and Pause do not need them). Pause
 * asks for a reason and shows the screen's `pausedText`. Works on a TTY and on a pipe; rejects
 * with `TerminalClosedError` when the input ends or the user presses Ctrl+C.
 */
export async function promptScreen(screen: ScreenModel, io: TerminalIo): Promise<ScreenAnswer> {
  const reader = LineReader.for(io);
  const inputs = visibleInputs(screen.fields);
  const answers = new Map<string, FlowValue>();
  for (const input of inputs) answers.set(input.field.name, initialAnswer(input));

  const header = renderScreenHeader(screen);
  reader.write(`\n${header.length > 0 ? `${header.join('\n')}\n` : ''}`);
  if (!tipShown.has(reader) && inputs.length > 0) {
    tipShown.add(reader);
    reader.write(`(Press Enter to keep the value in [brackets]; type ${CLEAR_ANSWER} to clear it.)\n`);
  }
  await promptFields(reader, screen.fields, answers, screen.errors);

  for (;;) {
    const action = await askNavigation(reader, screen);
    if (action === 'NEXT' || action === 'FINISH') {
      const missing = inputs.filter((input) => isMissing(input, answers.get(input.field.name) ?? null));
      if (missing.length > 0) {
        reader.write('! Some required fields are empty.\n');
        for (const input of missing) answers.set(input.field.name, await promptInput(reader, input, answers.get(input.field.name) ?? null, REQUIRED_FIELD_MESSAGE));
        continue;
      }
    }
    const values: Record<string, FlowValue> = {};
    for (const input of inputs) {
      const answer = answers.get(input.field.name) ?? null;
      values[input.field.name] = input.kind === 'compound' ? answer : submittedValueOf(input.field, answer);
    }
    if (action === 'PAUSE') {
      const pauseReason = await askPauseReason(reader);
      const pausedText = plainText(screen.pausedText).trim();
      if (pausedText !== '') reader.write(`${pausedText}\n`);
      return pauseReason === undefined ? { action, values } : { action, values, pauseReason };
    }
    return { action, values };
  }
}

/** A visible field the terminal asks for: one prompt, or one per part of a name or address. */
type InputField =
  | { readonly field: ScreenFieldModel; readonly kind: InputKind }
  | { readonly field: ScreenFieldModel; readonly kind: 'compound'; readonly parts: readonly CompoundPart[] };

function inputOf(field: ScreenFieldModel): InputField | undefined {
  const parts = compoundPartsOf(field);
  if (parts !== undefined) return { field, kind: 'compound', parts };
  const kind = inputKindOf(field);
  return kind === undefined ? undefined : { field, kind };
}

function visibleInputs(fields: readonly ScreenFieldModel[]): InputField[] {
  return fields.flatMap((field): InputField[] => {
    if (!field.visible) return [];
    if (field.inputType === 'section' || field.inputType === 'column') return visibleInputs(field.fields);
    const input = inputOf(field);
    return input === undefined ? [] : [input];
  });
}

function initialAnswer(input: InputField): FlowValue {
  if (input.kind === 'compound') return input.field.value;
  const value = answerValueOf(input.field);
  return input.kind === 'boolean' ? value === true : value;
}

function isMissing(input: InputField, answer: FlowValue): boolean {
  if (!isRequiredField(input.field)) return false;
  if (input.kind === 'compound') return isBlankValue(outputOf(answer, requiredPartOf(input.field) ?? ''));
  return input.kind !== 'boolean' && isBlankValue(answer);
}

/** Prints display text and headings and asks for each visible input, in screen order. */
async function promptFields(reader: LineReader, fields: readonly ScreenFieldModel[], answers: Map<string, FlowValue>, errors: Readonly<Record<string, string>>): Promise<void> {
  for (const field of fields) {
    if (!field.visible) continue;
    if (field.inputType === 'section' || field.inputType === 'column') {
      const heading = plainText(field.label).trim();
      if (heading !== '') reader.write(`\n${field.inputType === 'section' ? `-- ${heading} --` : `- ${heading} -`}\n`);
      await promptFields(reader, field.fields, answers, errors);
      continue;
    }
    const input = inputOf(field);
    if (input === undefined) {
      const lines = renderFieldLines(field, errors);
      if (lines.length > 0) reader.write(`\n${lines.join('\n')}\n\n`);
      continue;
    }
    answers.set(field.name, await promptInput(reader, input, answers.get(field.name) ?? null, errors[field.name]));
  }
}

/** Asks for one input (each part of a compound one); returns its answer. */
async function promptInput(reader: LineReader, input: InputField, current: FlowValue, error: string | undefined): Promise<FlowValue> {
  if (input.kind !== 'compound') return promptField(reader, input.field, input.kind, current, error);
  const notes = fieldNotes(input.field, error);
  reader.write(`${[`${fieldTitle(input.field)}:`, ...notes].join('\n')}\n`);
  let value = current;
  for (const part of input.parts) {
    const partCurrent = outputOf(value, part.output);
    const shown = defaultAnswer(input.field, 'text', partCurrent);
    const answer = await reader.ask(`  ${part.label}${shown === undefined ? '' : ` [${shown}]`}: `);
    const parsed = parseFieldAnswer(input.field, 'text', answer, partCurrent);
    value = withOutput(value, part.output, parsed.ok ? parsed.value : partCurrent);
  }
  return value;
}

const FORMAT_HINTS: Partial<Record<InputKind, string>> = {
  boolean: 'y/n',
  date: 'YYYY-MM-DD',
  dateTime: 'YYYY-MM-DD HH:MM, UTC',
  time: 'HH:MM',
};

/** Asks for one field until the answer is acceptable; returns its value. */
async function promptField(reader: LineReader, field: ScreenFieldModel, kind: InputKind, current: FlowValue, error: string | undefined): Promise<FlowValue> {
  const notes = fieldNotes(field, error);
  const shown = defaultAnswer(field, kind, current);
  const suffix = shown === undefined ? '' : ` [${shown}]`;
  let prompt: string;
  if (kind === 'choice' || kind === 'multiChoice') {
    reader.write(`${[`${fieldTitle(field)}:${kind === 'multiChoice' ? ' (choose any)' : ''}`, ...notes, ...renderChoiceLines(field, current)].join('\n')}\n`);
    const count = field.choices.length;
    prompt = kind === 'choice' ? `Choose 1-${count}${suffix}: ` : `Choose numbers 1-${count}, like 1,3${suffix}: `;
  } else {
    if (notes.length > 0) reader.write(`${notes.join('\n')}\n`);
    const hint = FORMAT_HINTS[kind];
    prompt = `${fieldTitle(field)}${hint === undefined ? '' : ` (${hint})`}${suffix}: `;
  }
  for (;;) {
    const answer = await reader.ask(prompt, { secret: kind === 'secret' });
    const parsed = parseFieldAnswer(field, kind, answer, current);
    if (parsed.ok) return parsed.value;
    reader.write(`  ! ${parsed.message}\n`);
  }
}

async function askNavigation(reader: LineReader, screen: ScreenModel): Promise<NavigationAction> {
  const offered = navigationChoices(screen);
  const choices: NavigationChoice[] = offered.length > 0 ? offered : [{ action: 'NEXT', key: 'N', label: 'Next', text: '[N]ext' }];
  const fallback = choices.find((choice) => choice.action === 'NEXT') ?? choices.find((choice) => choice.action === 'FINISH');
  const prompt = `${choices.map((choice) => choice.text).join('  ')}${fallback === undefined ? '' : ` [${fallback.key}]`}: `;
  for (;;) {
    const answer = (await reader.ask(prompt)).trim().toLowerCase();
    const chosen =
      answer === ''
        ? fallback
        : choices.find((choice) => answer === choice.key.toLowerCase() || answer === choice.action.toLowerCase() || answer === choice.label.toLowerCase());
    if (chosen !== undefined) return chosen.action;
    reader.write(`  ! Type ${choices.map((choice) => choice.key).join(', ')}${fallback === undefined ? '' : ', or press Enter'}.\n`);
  }
}

async function askPauseReason(reader: LineReader): Promise<string | undefined> {
  for (;;) {
    const reason = (await reader.ask(`Why are you pausing? (optional, up to ${PAUSE_REASON_MAX_LENGTH} characters): `)).trim();
    if (reason.length <= PAUSE_REASON_MAX_LENGTH) return reason === '' ? undefined : reason;
    reader.write(`  ! That reason has ${reason.length} characters; shorten it to ${PAUSE_REASON_MAX_LENGTH} or fewer.\n`);
  }
}
