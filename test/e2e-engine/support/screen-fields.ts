/** Reading screen models the way a user sees them: fields inside sections and columns, display text as text. */
import type { ScreenFieldModel, ScreenModel } from '../../../src/engine/index.js';

/** Every field of a screen, depth first (sections, their columns, the fields inside). */
export function allFields(screen: ScreenModel): ScreenFieldModel[] {
  const fields: ScreenFieldModel[] = [];
  const visit = (list: readonly ScreenFieldModel[]): void => {
    for (const field of list) {
      fields.push(field);
      visit(field.fields);
    }
  };
  visit(screen.fields);
  return fields;
}

/** The field named `name` anywhere on the screen; throws when there is none. */
export function fieldOf(screen: ScreenModel, name: string): ScreenFieldModel {
  const found = allFields(screen).find((field) => field.name === name);
  if (found === undefined) throw new Error(`Screen "${screen.name}" has no field "${name}".`);
  return found;
}

/** Names of the fields a user can see (visible themselves and inside visible sections), depth first. */
export function visibleFieldNames(screen: ScreenModel): string[] {
  return allFields(screen)
    .filter((field) => field.visible)
    .map((field) => field.name);
}

/** HTML as the text a user reads: tags dropped, the common entities decoded, white space collapsed. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>|<\/p>|<\/li>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\uFEFF]+/g, ' ')
    .trim();
}

/** The display text of a screen's visible display fields, as plain text, joined by spaces. */
export function screenText(screen: ScreenModel): string {
  return allFields(screen)
    .filter((field) => field.visible && field.inputType === 'displayText' && field.text !== undefined)
    .map((field) => plainText(field.text ?? ''))
    .join(' ');
}

/** `[value, label]` of each choice a field offers. */
export function choicesOf(screen: ScreenModel, name: string): [unknown, string][] {
  return fieldOf(screen, name).choices.map((choice) => [choice.value, choice.label]);
}
