/** Parses `<recordUpdates>` (Update Records). */
import type { RecordUpdateElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseFieldAssignments, parseRecordFilters, parseReferenceTag } from '../values.js';
import { list, trimmed, type XmlNode } from '../xml-node.js';

/** A record update, either of a record (collection) variable or of `object` rows matching filters. */
export function parseRecordUpdate(node: XmlNode, context: ParseContext): RecordUpdateElement {
  const base = parseElementBase(node, context, 'record update');
  const inputReference = parseReferenceTag(node, 'inputReference');
  const object = trimmed(node, 'object');
  if (inputReference === undefined && object === undefined) {
    context.report('FLOW_INVALID', 'error', base.name, `Record update "${base.name}" has neither <inputReference> nor <object>.`);
  }
  return {
    kind: 'recordUpdate',
    ...base,
    inputReference,
    object,
    ...parseRecordFilters(node, context, base.name),
    inputAssignments: parseFieldAssignments(list(node, 'inputAssignments'), context, base.name),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
  };
}
