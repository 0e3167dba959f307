/**
 * Merge fields and element references: `{!a.b.c}` in texts becomes {@link Template} parts and
 * `a.b.c` in `elementReference`-like tags becomes a {@link Reference} whose `root` is the first
 * segment (`$Flow`, `$Record`, `myVar`, `Get_Records`).
 */
import type { Reference, Template } from './model.js';

/** A merge field's name: an identifier (optionally `$`-prefixed) followed by dotted segments. */
const NAME = /^\$?[A-Za-z_][\w]*(?:\.\$?[\w]+)*$/;

/** `{!` + name + `}`, tolerating spaces inside the braces. */
const MERGE_FIELD = /\{!\s*([^{}\s][^{}]*?)\s*\}/g;

/**
 * The reference for a dotted name (`$Record.Account.Name`); `undefined` for blank text. An index
 * in brackets, as transforms write `Select_Contacts[$EachItem].Phone`, is a path segment of its
 * own (`['[$EachItem]', 'Phone']`).
 */
export function parseReference(text: string): Reference | undefined {
  const name = text.trim();
  if (name === '') return undefined;
  const segments = name.split('.').flatMap((segment) => {
    const bracket = segment.indexOf('[');
    return bracket > 0 ? [segment.slice(0, bracket), segment.slice(bracket)] : [segment];
  });
  const [root = name, ...path] = segments;
  return { root, path, text: name };
}

/** Whether `text` is a valid merge-field name (what may appear inside `{!...}`). */
export function isMergeFieldName(text: string): boolean {
  return NAME.test(text);
}

/** Splits text into literal parts and references; text without merge fields is one literal part. */
export function parseTemplate(text: string): Template {
  const parts: (string | Reference)[] = [];
  let last = 0;
  for (const match of text.matchAll(MERGE_FIELD)) {
    const name = match[1] ?? '';
    if (!isMergeFieldName(name)) continue;
    const reference = parseReference(name);
    if (reference === undefined) continue;
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(reference);
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return { parts, text };
}

/** Whether `text` contains at least one merge field. */
export function hasMergeFields(text: string): boolean {
  for (const match of text.matchAll(MERGE_FIELD)) {
    if (isMergeFieldName(match[1] ?? '')) return true;
  }
  return false;
}

/** The references of a template, in order. */
export function templateReferences(template: Template): readonly Reference[] {
  return template.parts.filter((part): part is Reference => typeof part !== 'string');
}

/** The merge fields of any text (formula expressions included), in order. */
export function mergeFieldReferences(text: string): readonly Reference[] {
  return templateReferences(parseTemplate(text));
}
