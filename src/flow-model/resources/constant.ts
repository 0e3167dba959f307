/** Parses `<constants>`. */
import type { ConstantResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseDataType, parseElementBase, parseValueTag } from '../values.js';
import type { XmlNode } from '../xml-node.js';

/** A constant and its value. */
export function parseConstant(node: XmlNode, context: ParseContext): ConstantResource {
  const { name } = parseElementBase(node, context, 'constant');
  return {
    kind: 'constant',
    name,
    dataType: parseDataType(node, context, name, `Constant "${name}"`),
    value: parseValueTag(node, 'value', context, name),
  };
}
