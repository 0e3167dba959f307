/** Parses elements Eddy recognises but cannot run (`apexPluginCalls`, legacy `steps`, `recordRollbacks` ...). */
import type { Connector, UnsupportedElement } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase } from '../values.js';
import { list, tags, trimmed, type XmlNode } from '../xml-node.js';

/** Every connector of an element, whatever its tag (`connector`, `faultConnector`, `connectors` ...). */
function connectorsOf(node: XmlNode): readonly Connector[] {
  const connectors: Connector[] = [];
  for (const tag of tags(node)) {
    if (tag === 'connectors') {
      for (const item of list(node, tag)) {
        const target = trimmed(item, 'targetReference');
        if (target !== undefined) connectors.push({ target, isGoTo: trimmed(item, 'isGoTo') === 'true' });
      }
    } else if (tag === 'connector' || tag.endsWith('Connector')) {
      const connector = parseConnector(node, tag);
      if (connector !== undefined) connectors.push(connector);
    }
  }
  return connectors;
}

/** An element kept by name and connectors so references and reachability still work. */
export function parseUnsupported(xmlTag: string, node: XmlNode, context: ParseContext): UnsupportedElement {
  return { kind: 'unsupported', ...parseElementBase(node, context, xmlTag), xmlTag, connectors: connectorsOf(node) };
}
