/**
 * A screen as plain terminal text: title, stages, help, fields with their current values,
 * errors and the navigation keys. Pure; the prompting runner prints the same pieces.
 * Rich text is converted to plain text and control characters removed: flow-provided HTML or
 * escape sequences never reach the terminal raw.
 */
import type { FlowValue, NavigationAction, ScreenFieldModel, ScreenModel } from '../../engine/index.js';
import { formatNumber, valueToText } from '../../engine/index.js';
import { htmlToText, looksLikeHtml } from '../../runtime/index.js';
import { answerValueOf, compoundPartsOf, inputKindOf, isBlankValue, isRequiredField, outputOf, selectedChoiceIndexes } from './field-answer.js';

/** Text fit for the terminal: HTML converted to plain text, control characters removed. */
export function plainText(text: string | undefined, isRichText = false): string {
  if (text === undefined) return '';
  return withoutControlCharacters(isRichText || looksLikeHtml(text) ? htmlToText(text) : text);
}

/** `text` with line breaks normalised to `\n` and other control characters (escape sequences) removed. */
export function withoutControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}

/** The field's label (or name) with ` *` when required. */
export function fieldTitle(field: ScreenFieldModel): string {
  const label = plainText(field.label).trim() || field.name;
  return isRequiredField(field) ? `${label} *` : label;
}

/** The screen's title, stages, help text and screen-level errors, as lines. */
export function renderScreenHeader(screen: ScreenModel): string[] {
  const lines: string[] = [];
  const title = plainText(screen.label).trim();
  if (screen.showHeader && title !== '') lines.push(`== ${title} ==`);
  const stages = renderStages(screen);
  if (stages !== undefined) lines.push(stages);
  const help = plainText(screen.helpText).trim();
  if (help !== '') lines.push(...prefixLines('Help: ', help));
  for (const error of screen.pageErrors) lines.push(...prefixLines('! ', plainText(error).trim()));
  return lines;
}

/** A field's block of lines (empty when hidden); sections and columns give a heading and their fields. */
export function renderFieldLines(field: ScreenFieldModel, errors: Readonly<Record<string, string>>): string[] {
  if (!field.visible) return [];
  if (field.inputType === 'section' || field.inputType === 'column') {
    const heading = plainText(field.label).trim();
    const children = field.fields.flatMap((child) => {
      const block = renderFieldLines(child, errors);
      return block.length === 0 ? [] : [block];
    });
    const lines: string[] = heading === '' ? [] : [field.inputType === 'section' ? `-- ${heading} --` : `- ${heading} -`];
    children.forEach((block, index) => {
      if (index > 0 || lines.length > 0) lines.push('');
      lines.push(...block);
    });
    return lines;
  }
  if (field.inputType === 'displayText') {
    const text = plainText(field.text ?? field.label, field.isRichText).trim();
    return text === '' ? [] : text.split('\n');
  }
  const kind = inputKindOf(field);
  const parts = compoundPartsOf(field);
  const lines: string[] = [];
  if (parts !== undefined) {
    lines.push(`${fieldTitle(field)}:`, ...fieldNotes(field, errors[field.name]));
    for (const part of parts) lines.push(`  ${part.label}: ${displayValue(field, 'text', outputOf(field.value, part.output))}`);
    return lines;
  }
  if (kind === undefined) {
    lines.push(`${fieldTitle(field)}: (${describeUnsupported(field)} cannot be shown in the terminal; its value is left unchanged)`);
  } else if (kind === 'choice' || kind === 'multiChoice') {
    lines.push(`${fieldTitle(field)}:${kind === 'multiChoice' ? ' (choose any)' : ''}`);
  } else {
    const [first = '', ...rest] = displayValue(field, kind, answerValueOf(field)).split('\n');
    lines.push(`${fieldTitle(field)}: ${first}`, ...rest.map((line) => `  ${line}`));
  }
  lines.push(...fieldNotes(field, errors[field.name]));
  if (kind === 'choice' || kind === 'multiChoice') lines.push(...renderChoiceLines(field, answerValueOf(field)));
  return lines;
}

/** The help text and error lines shown under a field's label. */
export function fieldNotes(field: ScreenFieldModel, error: string | undefined): string[] {
  const lines: string[] = [];
  const help = plainText(field.helpText).trim();
  if (help !== '') lines.push(...prefixLines('  ? ', help));
  if (error !== undefined && error.trim() !== '') lines.push(...prefixLines('  ! ', plainText(error).trim()));
  return lines;
}

/** Numbered choices, the selected ones marked: `(*) 1. Red` for one choice, `[x] 1. Red` for several. */
export function renderChoiceLines(field: ScreenFieldModel, value: FlowValue): string[] {
  const several = inputKindOf(field) === 'multiChoice';
  const selected = selectedChoiceIndexes(field, value);
  return field.choices.map((choice, index) => {
    const on = selected.includes(index);
    const mark = several ? (on ? '[x]' : '[ ]') : on ? '(*)' : '( )';
    return `  ${mark} ${index + 1}. ${plainText(choice.label).replace(/\s*\n\s*/g, ' ').trim()}`;
  });
}

/** One navigation button: the key to type and how it reads. */
export interface NavigationChoice {
  readonly action: NavigationAction;
  /** The letter to type: N, B, P or F. */
  readonly key: string;
  /** The button's label (custom or standard). */
  readonly label: string;
  /** How it is shown: `[N]ext`, or `[N] Submit` for a label not starting with the key. */
  readonly text: string;
}

const NAVIGATION_ORDER: readonly { readonly action: NavigationAction; readonly key: string; readonly word: string; readonly label: 'next' | 'back' | 'pause' | 'finish' }[] = [
  { action: 'NEXT', key: 'N', word: 'Next', label: 'next' },
  { action: 'BACK', key: 'B', word: 'Back', label: 'back' },
  { action: 'PAUSE', key: 'P', word: 'Pause', label: 'pause' },
  { action: 'FINISH', key: 'F', word: 'Finish', label: 'finish' },
];

/** The screen's navigation buttons in the order Next, Back, Pause, Finish, with custom labels. */
export function navigationChoices(screen: ScreenModel): NavigationChoice[] {
  return NAVIGATION_ORDER.filter((entry) => screen.actions.includes(entry.action)).map((entry) => {
    const custom = plainText(screen.labels[entry.label]).replace(/\s+/g, ' ').trim();
    const label = custom === '' ? entry.word : custom;
    const text = label[0]?.toUpperCase() === entry.key ? `[${label[0]}]${label.slice(1)}` : `[${entry.key}] ${label}`;
    return { action: entry.action, key: entry.key, label, text };
  });
}

/** The navigation line: `[N]ext  [B]ack  [P]ause`. */
export function renderNavigation(screen: ScreenModel): string {
  return navigationChoices(screen)
    .map((choice) => choice.text)
    .join('  ');
}

/** The whole screen as text, ending with its navigation line. */
export function renderScreenText(screen: ScreenModel): string {
  const blocks: string[][] = [];
  const header = renderScreenHeader(screen);
  if (header.length > 0) blocks.push(header);
  for (const field of screen.fields) {
    const lines = renderFieldLines(field, screen.errors);
    if (lines.length > 0) blocks.push(lines);
  }
  const navigation = renderNavigation(screen);
  if (navigation !== '') blocks.push([navigation]);
  return `${blocks.map((block) => block.join('\n')).join('\n\n')}\n`;
}

function displayValue(field: ScreenFieldModel, kind: ReturnType<typeof inputKindOf>, value: FlowValue): string {
  if (kind === 'boolean') return value === true ? '[x]' : '[ ]';
  if (isBlankValue(value)) return '(empty)';
  if (kind === 'secret') return '********';
  if (typeof value === 'number') return field.inputType === 'currency' && field.scale !== undefined ? value.toFixed(Math.max(0, Math.min(field.scale, 20))) : formatNumber(value);
  return withoutControlCharacters(valueToText(value));
}

function describeUnsupported(field: ScreenFieldModel): string {
  if (field.extensionName !== undefined) return `the ${field.extensionName} component`;
  return `a ${field.inputType} field`;
}

function renderStages(screen: ScreenModel): string | undefined {
  const { current, active, all } = screen.stages;
  const labelOf = (name: string): string => plainText(all.find((stage) => stage.name === name)?.label ?? name).trim();
  const shown = active.length > 0 ? [...active] : current !== null ? [current] : [];
  if (shown.length === 0) return undefined;
  return `Stages: ${shown.map((name) => (name === current ? `[${labelOf(name)}]` : labelOf(name))).join(' > ')}`;
}

function prefixLines(prefix: string, text: string): string[] {
  const indent = ' '.repeat(prefix.length);
  return text.split('\n').map((line, index) => `${index === 0 ? prefix : indent}${line}`);
}
