/** Parses `<formulas>`. */
import type { FormulaResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseDataType, parseElementBase } from '../values.js';
import { num, text, type XmlNode } from '../xml-node.js';

/** A formula resource: its expression is kept as written (merge fields included). */
export function parseFormulaResource(node: XmlNode, context: ParseContext): FormulaResource {
  const { name } = parseElementBase(node, context, 'formula');
  const expression = text(node, 'expression');
  if (expression === undefined || expression.trim() === '') context.missing(name, `Formula "${name}"`, 'expression');
  return {
    kind: 'formula',
    name,
    dataType: parseDataType(node, context, name, `Formula "${name}"`),
    scale: num(node, 'scale'),
    expression: expression ?? '',
  };
}
