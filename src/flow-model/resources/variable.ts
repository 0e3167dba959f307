/** Parses `<variables>`. */
import type { VariableResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseDataType, parseElementBase, parseValueTag } from '../values.js';
import { bool, num, text, trimmed, type XmlNode } from '../xml-node.js';

/** A variable; its default value is the metadata's `<value>`. */
export function parseVariable(node: XmlNode, context: ParseContext): VariableResource {
  const { name } = parseElementBase(node, context, 'variable');
  return {
    kind: 'variable',
    name,
    dataType: parseDataType(node, context, name, `Variable "${name}"`),
    isCollection: bool(node, 'isCollection', false),
    isInput: bool(node, 'isInput', false),
    isOutput: bool(node, 'isOutput', false),
    objectType: trimmed(node, 'objectType'),
    apexClass: trimmed(node, 'apexClass'),
    scale: num(node, 'scale'),
    defaultValue: parseValueTag(node, 'value', context, name),
    description: text(node, 'description'),
  };
}
