/** Parses `<actionCalls>`. */
import type { ActionCallElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import {
  parseConnector,
  parseDataTypeMappings,
  parseElementBase,
  parseInputParameters,
  parseOutputParameters,
  requireText,
} from '../values.js';
import { bool, list, trimmed, type XmlNode } from '../xml-node.js';

/** An action call: `actionType` + `actionName`, inputs and outputs. */
export function parseActionCall(node: XmlNode, context: ParseContext): ActionCallElement {
  const base = parseElementBase(node, context, 'action call');
  const what = `Action "${base.name}"`;
  const dataTypeMappings = parseDataTypeMappings(node);
  const transactionModel = trimmed(node, 'flowTransactionModel');
  return {
    kind: 'actionCall',
    ...base,
    actionType: requireText(node, 'actionType', context, base.name, what),
    actionName: requireText(node, 'actionName', context, base.name, what),
    inputParameters: parseInputParameters(list(node, 'inputParameters'), context, base.name),
    outputParameters: parseOutputParameters(list(node, 'outputParameters'), context, base.name),
    storeOutputAutomatically: bool(node, 'storeOutputAutomatically', false),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
    ...(dataTypeMappings.length === 0 ? {} : { dataTypeMappings }),
    ...(transactionModel === undefined ? {} : { transactionModel }),
  };
}
