/**
 * Text templates and texts with merge fields (display text, labels, email bodies, interview labels).
 */
import type { Reference, Template } from '../flow-model/index.js';
import { htmlEncode } from './formulas/formula-functions.js';
import type { TypedValue } from './typed-value.js';
import { valueToText } from './values.js';

/** How a template is rendered. */
export interface RenderTemplateOptions {
  /**
   * The template is HTML (rich text templates, display text): literal parts are kept as markup,
   * merged values are HTML-escaped and their line breaks become `<br>`.
   */
  readonly html?: boolean;
  /**
   * With `html`, references whose values are HTML already (a formula calling `HYPERLINK`, a rich
   * text template) are inserted as they are; the display code sanitises the whole text.
   */
  readonly trustedHtml?: (ref: Reference) => boolean;
}

function escapeHtml(value: string): string {
  return htmlEncode(value).replace(/\r?\n/g, '<br>');
}

/** Renders a template, each merge field replaced by its value as text (`valueToText`). */
export function renderTemplate(template: Template, resolve: (ref: Reference) => TypedValue, options?: RenderTemplateOptions): string {
  let result = '';
  for (const part of template.parts) {
    if (typeof part === 'string') {
      result += part;
      continue;
    }
    const typed = resolve(part);
    const value = valueToText(typed.value ?? null, typed.dataType);
    if (options?.html !== true || options.trustedHtml?.(part) === true) result += value;
    else result += escapeHtml(value);
  }
  return result;
}
