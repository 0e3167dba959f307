/** Parses `<collectionProcessors>` (Sort, Filter, Recommendation Map). */
import type { CollectionProcessorElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import {
  parseConditionSet,
  parseConnector,
  parseElementBase,
  parseReferenceTag,
  parseSortOrder,
  requireReference,
  requireText,
} from '../values.js';
import { bool, list, num, text, trimmed, type XmlNode } from '../xml-node.js';

/** A collection processor; filter conditions are `undefined` when it has none. */
export function parseCollectionProcessor(node: XmlNode, context: ParseContext): CollectionProcessorElement {
  const base = parseElementBase(node, context, 'collection processor');
  const what = `Collection processor "${base.name}"`;
  const conditions = list(node, 'conditions');
  return {
    kind: 'collectionProcessor',
    ...base,
    processorType: trimmed(node, 'collectionProcessorType') ?? requireText(node, 'elementSubtype', context, base.name, what),
    collection: requireReference(node, 'collectionReference', context, base.name, what),
    sortOptions: list(node, 'sortOptions').map((option) => ({
      field: trimmed(option, 'sortField'),
      order: parseSortOrder(option, 'sortOrder') ?? 'Asc',
      doesPutEmptyStringAndNullFirst: bool(option, 'doesPutEmptyStringAndNullFirst', false),
    })),
    limit: num(node, 'limit'),
    conditions: conditions.length === 0 ? undefined : parseConditionSet(conditions, text(node, 'conditionLogic'), context, base.name),
    formula: text(node, 'formula'),
    assignNextValueToReference: parseReferenceTag(node, 'assignNextValueToReference'),
    connector: parseConnector(node, 'connector'),
  };
}
