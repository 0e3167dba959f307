/**
 * What metadata text must be before any XML parser sees it: not larger than
 * {@link MAX_METADATA_FILE_BYTES}, without a document type declaration (entity definitions are
 * how "billion laughs" documents blow up a parser, and Salesforce metadata never has one), and
 * without characters XML 1.0 forbids — raw or as character references (`&#0;`, `&#xFFFF;`), and
 * lone surrogates. Also the strict UTF-8 decoding of a file's bytes: invalid bytes are refused
 * with their line, never replaced by U+FFFD.
 */

/**
 * The largest metadata file Eddy reads: 4 MiB, twenty times the largest flow of the shared
 * corpus (180 KB). Text is measured in UTF-16 units, which a UTF-8 file never has more of than bytes.
 */
export const MAX_METADATA_FILE_BYTES = 4 * 1024 * 1024;

/** Why text is not acceptable metadata, and where. */
export interface XmlTextProblem {
  readonly message: string;
  /** 1-based line of the problem, when it has one. */
  readonly line: number | undefined;
}

/** Characters XML 1.0 forbids (`Char` production), and surrogates without their pair. */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CHARACTER_REFERENCE = /&#(?:x([0-9A-Fa-f]+)|([0-9]+));/g;
const DECLARATION = /<!(DOCTYPE|ENTITY)\b/i;
/** Sections whose text is not markup: a `<!DOCTYPE` inside them is just text. */
const NOT_MARKUP = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g;

/** The 1-based line of `index` in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

function describe(code: number): string {
  const hex = code.toString(16).toUpperCase().padStart(4, '0');
  return code >= 0xd800 && code <= 0xdfff ? `a lone surrogate (U+${hex})` : `the character U+${hex}`;
}

/** The first reason `xml` cannot be read as metadata, or undefined when it can. */
export function checkXmlText(xml: string): XmlTextProblem | undefined {
  if (xml.length > MAX_METADATA_FILE_BYTES) {
    return { message: `The file is larger than ${MAX_METADATA_FILE_BYTES / (1024 * 1024)} MiB (${xml.length.toLocaleString('en-US')} characters); metadata files are limited to that size.`, line: undefined };
  }
  const forbidden = FORBIDDEN.exec(xml);
  if (forbidden !== null) {
    return { message: `The file contains ${describe(forbidden[0].charCodeAt(0))}, which XML does not allow.`, line: lineAt(xml, forbidden.index) };
  }
  for (const reference of xml.matchAll(CHARACTER_REFERENCE)) {
    const code = Number.parseInt(reference[1] ?? reference[2] ?? '', reference[1] !== undefined ? 16 : 10);
    if (!isXmlChar(code)) {
      const shown = code > 0x10ffff ? `a character reference beyond Unicode (${reference[0]})` : `${describe(code)} (${reference[0]})`;
      return { message: `The file contains ${shown}, which XML does not allow.`, line: lineAt(xml, reference.index) };
    }
  }
  const markup = xml.replace(NOT_MARKUP, (section) => section.replace(/[^\n]/g, ' '));
  const declaration = DECLARATION.exec(markup);
  if (declaration !== null) {
    return { message: `The file has a <!${declaration[1]?.toUpperCase()}> declaration; metadata files must not declare a document type or entities.`, line: lineAt(markup, declaration.index) };
  }
  return undefined;
}

/** The result of {@link decodeUtf8}. */
export type DecodedText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: XmlTextProblem };

/** Decodes a file's bytes as UTF-8 (a byte-order mark is dropped); invalid bytes are a problem with their line. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line += 1;
    return { ok: false, problem: { message: `The file is not valid UTF-8 (byte ${offset + 1} is not part of a UTF-8 character).`, line } };
  }
}

/** The offset of the first byte that cannot start or continue a UTF-8 character. */
function firstInvalidByte(bytes: Uint8Array): number {
  let low = 0;
  let high = bytes.length;
  // A prefix that decodes (an unfinished character at its end allowed) ends before the bad byte.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      low = middle;
    } catch {
      high = middle - 1;
    }
  }
  // `low` may end inside the character that turned out bad: step back to where it starts.
  for (let start = low; start >= Math.max(0, low - 3); start--) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, start));
      return start;
    } catch {
      // still inside it
    }
  }
  return low;
}
