/**
 * Salesforce's length limits on flow metadata text, checked as the file is parsed so a deploy
 * refuses what Salesforce would: API names (`<name>`) at most 80 characters, labels at most 255,
 * descriptions at most 4,000 (the `Description` of Flow and FlowDefinition — the same limit
 * `PATCH /sobjects/Flow` applies). Every element, resource, screen field and outcome is checked,
 * not only the flow's own tags.
 */
import type { ParseContext } from './parse-context.js';
import type { XmlNode, XmlValue } from './xml-node.js';

/** The longest text each tag may hold. */
export const METADATA_TEXT_LIMITS: Readonly<Record<string, number>> = {
  name: 80,
  label: 255,
  description: 4000,
};

const PLURAL: Readonly<Record<string, string>> = { name: 'API name', label: 'label', description: 'description' };

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reports `VALUE_TOO_LONG` for every limited tag over its limit, under `root` (the `<Flow>`). */
export function checkMetadataLimits(root: XmlNode, context: ParseContext): void {
  const visit = (node: XmlNode, element: string | undefined): void => {
    const own = typeof node.name === 'string' && node.name.trim() !== '' ? node.name.trim() : undefined;
    const where = node === root ? undefined : (own ?? element);
    for (const [tag, value] of Object.entries(node)) {
      const items: readonly (string | XmlNode)[] = Array.isArray(value) ? (value as readonly (string | XmlNode)[]) : [value as Exclude<XmlValue, readonly unknown[]>];
      for (const item of items) {
        if (isNode(item)) {
          visit(item, where);
          continue;
        }
        const limit = METADATA_TEXT_LIMITS[tag];
        if (limit === undefined || typeof item !== 'string' || item.length <= limit) continue;
        const whose = where === undefined ? 'The flow' : `"${where.length > 80 ? `${where.slice(0, 77)}...` : where}"`;
        context.report('VALUE_TOO_LONG', 'error', where === undefined ? undefined : where.slice(0, 80), `${whose}: the ${PLURAL[tag] ?? tag} is ${item.length.toLocaleString('en-US')} characters long; Salesforce allows at most ${limit.toLocaleString('en-US')} (<${tag}>).`);
      }
    }
  };
  visit(root, undefined);
}
