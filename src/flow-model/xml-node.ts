/**
 * Typed access to the plain objects fast-xml-parser produces. Tags listed as repeated in
 * {@link REPEATED_TAGS} are always arrays; every other tag is a string (a leaf) or an object.
 * Element parsers read through these helpers so no raw XML shape leaks into the model.
 */

/** A parsed XML element with children: tag name → child (string leaf, element, or list). */
export interface XmlNode {
  readonly [tag: string]: XmlValue | undefined;
}

/** What a child tag holds. */
export type XmlValue = string | XmlNode | readonly (string | XmlNode)[];

/** Tags that may repeat anywhere in flow metadata; the parser always makes them arrays. */
export const REPEATED_TAGS: ReadonlySet<string> = new Set([
  // top-level elements and resources
  'actionCalls', 'apexPluginCalls', 'assignments', 'choices', 'collectionProcessors', 'constants',
  'customErrors', 'decisions', 'dynamicChoiceSets', 'formulas', 'loops', 'orchestratedStages',
  'recordCreates', 'recordDeletes', 'recordLookups', 'recordRollbacks', 'recordUpdates', 'screens',
  'stages', 'steppedStages', 'steps', 'subflows', 'textTemplates', 'transforms', 'variables', 'waits',
  'environments', 'customProperties', 'processMetadataValues',
  // children
  'assignmentItems', 'assignees', 'choiceReferences', 'conditions', 'connectors', 'customErrorMessages',
  'dataTypeMappings', 'entryActionInputParameters', 'entryConditions', 'entryCriteria',
  'exitActionInputParameters', 'exitConditions', 'exitCriteria', 'fields', 'filters', 'handlers',
  'inputAssignments', 'inputParameters', 'mapItems', 'outputAssignments', 'outputParameters',
  'queriedFields', 'rules', 'scheduledPaths', 'sortOptions', 'stageSteps', 'transformValueActions',
  'transformValues', 'waitEvents', 'actions', 'triggers', 'capabilityTypes',
]);

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a leaf child, or `undefined` when absent or empty (`<x/>`, `xsi:nil`). */
export function text(node: XmlNode, tag: string): string | undefined {
  const value = node[tag];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The text of a leaf child, trimmed, or `undefined` when absent or blank. */
export function trimmed(node: XmlNode, tag: string): string | undefined {
  const value = text(node, tag)?.trim();
  return value === '' ? undefined : value;
}

/** Whether a child tag is present at all (even empty). */
export function has(node: XmlNode, tag: string): boolean {
  return node[tag] !== undefined;
}

/** A boolean leaf (`true`/`false`, case-insensitive), or `fallback` when absent. */
export function bool(node: XmlNode, tag: string, fallback: boolean): boolean {
  const value = trimmed(node, tag)?.toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

/** A numeric leaf, or `undefined` when absent or not a number. */
export function num(node: XmlNode, tag: string): number | undefined {
  const value = trimmed(node, tag);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** A child element, or `undefined`. An empty tag (`<value/>`) is an empty element. */
export function child(node: XmlNode, tag: string): XmlNode | undefined {
  const value = node[tag];
  if (isNode(value)) return value;
  if (value === '') return {};
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return isNode(first) ? first : first === '' ? {} : undefined;
  }
  return undefined;
}

/** The child elements of a repeated tag, in document order (empty tags become empty elements). */
export function list(node: XmlNode, tag: string): readonly XmlNode[] {
  const value = node[tag];
  if (value === undefined) return [];
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  const nodes: XmlNode[] = [];
  for (const item of items) {
    if (isNode(item)) nodes.push(item);
    else if (item === '') nodes.push({});
  }
  return nodes;
}

/** The texts of a repeated leaf tag (`<queriedFields>`, `<choiceReferences>`), blanks dropped. */
export function texts(node: XmlNode, tag: string): readonly string[] {
  const value = node[tag];
  if (value === undefined) return [];
  const items: readonly unknown[] = Array.isArray(value) ? value : [value];
  const result: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item.trim() !== '') result.push(item.trim());
  }
  return result;
}

/** The child tag names of an element, without text nodes. */
export function tags(node: XmlNode): readonly string[] {
  return Object.keys(node).filter((tag) => tag !== '#text');
}
