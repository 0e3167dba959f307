/** Parses `<subflows>`. */
import type { SubflowElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseInputParameters, parseOutputParameters, requireText } from '../values.js';
import { bool, list, type XmlNode } from '../xml-node.js';

/** A subflow call: the flow's API name, inputs and outputs. */
export function parseSubflow(node: XmlNode, context: ParseContext): SubflowElement {
  const base = parseElementBase(node, context, 'subflow');
  return {
    kind: 'subflow',
    ...base,
    flowName: requireText(node, 'flowName', context, base.name, `Subflow "${base.name}"`),
    inputAssignments: parseInputParameters(list(node, 'inputAssignments'), context, base.name),
    outputAssignments: parseOutputParameters(list(node, 'outputAssignments'), context, base.name),
    storeOutputAutomatically: bool(node, 'storeOutputAutomatically', false),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
  };
}
