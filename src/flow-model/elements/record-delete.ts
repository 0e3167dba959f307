/** Parses `<recordDeletes>` (Delete Records). */
import type { RecordDeleteElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseRecordFilters, parseReferenceTag } from '../values.js';
import { trimmed, type XmlNode } from '../xml-node.js';

/** A record delete, either of a record (collection) variable or of `object` rows matching filters. */
export function parseRecordDelete(node: XmlNode, context: ParseContext): RecordDeleteElement {
  const base = parseElementBase(node, context, 'record delete');
  const inputReference = parseReferenceTag(node, 'inputReference');
  const object = trimmed(node, 'object');
  if (inputReference === undefined && object === undefined) {
    context.report('FLOW_INVALID', 'error', base.name, `Record delete "${base.name}" has neither <inputReference> nor <object>.`);
  }
  return {
    kind: 'recordDelete',
    ...base,
    inputReference,
    object,
    ...parseRecordFilters(node, context, base.name),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
  };
}
