/** Parses `<transforms>` (Transform elements: mapping source data to a target shape). */
import type { TransformElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseOptionalDataType, parseReferenceTag, parseValueTag } from '../values.js';
import { bool, list, trimmed, type XmlNode } from '../xml-node.js';

/** A transform; `objectType` holds the SObject type, or the Apex class for Apex outputs. */
export function parseTransform(node: XmlNode, context: ParseContext): TransformElement {
  const base = parseElementBase(node, context, 'transform');
  const values = list(node, 'transformValues').flatMap((group) =>
    list(group, 'transformValueActions').map((action) => ({
      outputFieldApiName: trimmed(action, 'outputFieldApiName'),
      value: parseValueTag(action, 'value', context, base.name),
      transformType: trimmed(action, 'transformType'),
    })),
  );
  return {
    kind: 'transform',
    ...base,
    dataType: parseOptionalDataType(node, context, base.name, `Transform "${base.name}"`),
    isCollection: bool(node, 'isCollection', false),
    objectType: trimmed(node, 'objectType') ?? trimmed(node, 'apexClass'),
    storeOutputAutomatically: bool(node, 'storeOutputAutomatically', false),
    assignToReference: parseReferenceTag(node, 'assignToReference'),
    values,
    connector: parseConnector(node, 'connector'),
  };
}
