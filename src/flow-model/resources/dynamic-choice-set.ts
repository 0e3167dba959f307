/** Parses `<dynamicChoiceSets>`: record, picklist and collection choice sets. */
import type { DynamicChoiceSetResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import {
  parseDataType,
  parseElementBase,
  parseOutputAssignments,
  parseRecordFilters,
  parseReferenceTag,
  parseSortOrder,
} from '../values.js';
import { list, num, trimmed, type XmlNode } from '../xml-node.js';

/** A dynamic choice set; which kind it is follows from `picklistField` / `collectionReference` / `object`. */
export function parseDynamicChoiceSet(node: XmlNode, context: ParseContext): DynamicChoiceSetResource {
  const { name } = parseElementBase(node, context, 'choice set');
  const collectionReference = parseReferenceTag(node, 'collectionReference');
  return {
    kind: 'dynamicChoiceSet',
    name,
    dataType: parseDataType(node, context, name, `Choice set "${name}"`),
    object: trimmed(node, 'object'),
    picklistObject: trimmed(node, 'picklistObject'),
    picklistField: trimmed(node, 'picklistField'),
    displayField: trimmed(node, 'displayField'),
    valueField: trimmed(node, 'valueField'),
    ...parseRecordFilters(node, context, name),
    sortField: trimmed(node, 'sortField'),
    sortOrder: parseSortOrder(node, 'sortOrder'),
    limit: num(node, 'limit'),
    outputAssignments: parseOutputAssignments(list(node, 'outputAssignments'), context, name),
    ...(collectionReference === undefined ? {} : { collectionReference }),
  };
}
