/** Parses `<recordCreates>` (Create Records). */
import type { RecordCreateElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseFieldAssignments, parseReferenceTag } from '../values.js';
import { bool, list, trimmed, type XmlNode } from '../xml-node.js';

/** A record create, either from a record (collection) variable or from `object` + field values. */
export function parseRecordCreate(node: XmlNode, context: ParseContext): RecordCreateElement {
  const base = parseElementBase(node, context, 'record create');
  const inputReference = parseReferenceTag(node, 'inputReference');
  const object = trimmed(node, 'object');
  if (inputReference === undefined && object === undefined) {
    context.report('FLOW_INVALID', 'error', base.name, `Record create "${base.name}" has neither <inputReference> nor <object>.`);
  }
  return {
    kind: 'recordCreate',
    ...base,
    inputReference,
    object,
    inputAssignments: parseFieldAssignments(list(node, 'inputAssignments'), context, base.name),
    assignRecordIdToReference: parseReferenceTag(node, 'assignRecordIdToReference'),
    storeOutputAutomatically: bool(node, 'storeOutputAutomatically', false),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
  };
}
