/**
 * Reads flow XML text into {@link XmlNode}s with one fast-xml-parser configuration compiled
 * once per process: no attribute handling (only `xmlns` and `xsi:nil` occur), no value
 * coercion (element parsers decide types), repeated tags always arrays. The text is checked
 * first (`xml-text.ts`: size, no DOCTYPE, no forbidden characters), so the parser never sees a
 * document it could be made to choke on.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkXmlText } from './xml-text.js';
import { REPEATED_TAGS, type XmlNode } from './xml-node.js';

/** The outcome of reading XML: the root element by tag name, or why the text is not XML. */
export type ReadXmlResult =
  | { readonly ok: true; readonly rootTag: string; readonly root: XmlNode }
  | { readonly ok: false; readonly message: string; readonly line: number | undefined };

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  // Keep string values exactly (a `<stringValue> </stringValue>` is a space); whitespace between
  // tags becomes `#text`, which the readers ignore.
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (tagName: string) => REPEATED_TAGS.has(tagName),
});

/** Drops a byte-order mark and anything before `<?xml` that is only comments and whitespace. */
function stripPrologue(xml: string): string {
  let source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const declaration = source.indexOf('<?xml');
  if (declaration > 0) {
    const before = source.slice(0, declaration);
    if (before.replace(/<!--[\s\S]*?-->/g, '').trim() === '') source = source.slice(declaration);
  }
  return source;
}

/** Parses XML text; never throws. */
export function readXml(xml: string): ReadXmlResult {
  const problem = checkXmlText(xml);
  if (problem !== undefined) return { ok: false, ...problem };
  const source = stripPrologue(xml);
  const validation = XMLValidator.validate(source);
  if (validation !== true) {
    return { ok: false, message: validation.err.msg, line: validation.err.line };
  }
  let document: unknown;
  try {
    document = parser.parse(source);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), line: undefined };
  }
  if (typeof document !== 'object' || document === null) {
    return { ok: false, message: 'The document has no root element.', line: undefined };
  }
  for (const [tag, value] of Object.entries(document)) {
    if (tag === '#text') continue;
    const root = Array.isArray(value) ? (value[0] as unknown) : value;
    const node = typeof root === 'object' && root !== null ? (root as XmlNode) : {};
    return { ok: true, rootTag: tag, root: node };
  }
  return { ok: false, message: 'The document has no root element.', line: undefined };
}
