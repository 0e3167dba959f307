/** Parses `<stages>` (flow stages, not orchestration stages). */
import type { StageResource } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseElementBase } from '../values.js';
import { bool, num, type XmlNode } from '../xml-node.js';

/** A flow stage with its order and whether it starts active. */
export function parseStage(node: XmlNode, context: ParseContext): StageResource {
  const base = parseElementBase(node, context, 'stage');
  return { kind: 'stage', name: base.name, label: base.label, stageOrder: num(node, 'stageOrder') ?? 0, isActive: bool(node, 'isActive', false) };
}
