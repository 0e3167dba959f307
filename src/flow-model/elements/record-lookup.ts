/** Parses `<recordLookups>` (Get Records). */
import type { RecordLookupElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import {
  parseConnector,
  parseElementBase,
  parseOutputAssignments,
  parseRecordFilters,
  parseReferenceTag,
  parseSortOrder,
  requireText,
} from '../values.js';
import { bool, has, list, num, texts, trimmed, type XmlNode } from '../xml-node.js';

/** A record lookup: object, filters, sort, and where the records go. */
export function parseRecordLookup(node: XmlNode, context: ParseContext): RecordLookupElement {
  const base = parseElementBase(node, context, 'record lookup');
  return {
    kind: 'recordLookup',
    ...base,
    object: requireText(node, 'object', context, base.name, `Record lookup "${base.name}"`),
    ...parseRecordFilters(node, context, base.name),
    getFirstRecordOnly: bool(node, 'getFirstRecordOnly', false),
    getFirstRecordOnlyInFile: has(node, 'getFirstRecordOnly') ? bool(node, 'getFirstRecordOnly', false) : undefined,
    storeOutputAutomatically: bool(node, 'storeOutputAutomatically', false),
    assignNullValuesIfNoRecordsFound: bool(node, 'assignNullValuesIfNoRecordsFound', false),
    outputReference: parseReferenceTag(node, 'outputReference'),
    outputAssignments: parseOutputAssignments(list(node, 'outputAssignments'), context, base.name),
    queriedFields: texts(node, 'queriedFields'),
    sortField: trimmed(node, 'sortField'),
    sortOrder: parseSortOrder(node, 'sortOrder'),
    limit: num(node, 'limit'),
    connector: parseConnector(node, 'connector'),
    faultConnector: parseConnector(node, 'faultConnector'),
  };
}
