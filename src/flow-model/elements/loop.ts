/** Parses `<loops>`. */
import type { LoopElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseReferenceTag, parseSortOrder, requireReference } from '../values.js';
import type { XmlNode } from '../xml-node.js';

/** A loop over a collection, ascending unless `iterationOrder` is `Desc`. */
export function parseLoop(node: XmlNode, context: ParseContext): LoopElement {
  const base = parseElementBase(node, context, 'loop');
  return {
    kind: 'loop',
    ...base,
    collection: requireReference(node, 'collectionReference', context, base.name, `Loop "${base.name}"`),
    assignNextValueTo: parseReferenceTag(node, 'assignNextValueToReference'),
    order: parseSortOrder(node, 'iterationOrder') ?? 'Asc',
    nextValueConnector: parseConnector(node, 'nextValueConnector'),
    noMoreValuesConnector: parseConnector(node, 'noMoreValuesConnector'),
  };
}
