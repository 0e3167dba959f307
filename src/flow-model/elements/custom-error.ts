/** Parses `<customErrors>`. */
import type { CustomErrorElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseTemplate } from '../references.js';
import { parseConnector, parseElementBase } from '../values.js';
import { bool, list, text, trimmed, type XmlNode } from '../xml-node.js';

/** A custom error: messages for the whole record or for one field. */
export function parseCustomError(node: XmlNode, context: ParseContext): CustomErrorElement {
  const base = parseElementBase(node, context, 'custom error');
  const messages = list(node, 'customErrorMessages').map((message) => {
    const errorMessage = text(message, 'errorMessage');
    if (errorMessage === undefined) context.missing(base.name, `A message of custom error "${base.name}"`, 'errorMessage');
    return {
      fieldSelection: trimmed(message, 'fieldSelection'),
      isFieldError: bool(message, 'isFieldError', false),
      message: parseTemplate(errorMessage ?? ''),
    };
  });
  return { kind: 'customError', ...base, messages, connector: parseConnector(node, 'connector') };
}
