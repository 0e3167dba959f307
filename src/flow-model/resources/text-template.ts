/** Parses `<textTemplates>`. */
import type { TextTemplateResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseTemplate } from '../references.js';
import { parseElementBase } from '../values.js';
import { bool, text, type XmlNode } from '../xml-node.js';

/** A text template (rich text unless `isViewedAsPlainText`). */
export function parseTextTemplate(node: XmlNode, context: ParseContext): TextTemplateResource {
  const { name } = parseElementBase(node, context, 'text template');
  return {
    kind: 'textTemplate',
    name,
    text: parseTemplate(text(node, 'text') ?? ''),
    isViewedAsPlainText: bool(node, 'isViewedAsPlainText', false),
  };
}
