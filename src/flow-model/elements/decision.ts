/** Parses `<decisions>`. */
import type { DecisionElement, DecisionOutcome } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConditionSet, parseConnector, parseElementBase } from '../values.js';
import { bool, list, text, trimmed, type XmlNode } from '../xml-node.js';

/** A decision: outcomes (`<rules>`) in order, then the default connector. */
export function parseDecision(node: XmlNode, context: ParseContext): DecisionElement {
  const base = parseElementBase(node, context, 'decision');
  const outcomes = list(node, 'rules').map((rule): DecisionOutcome => {
    const name = trimmed(rule, 'name') ?? '';
    if (name === '') context.missing(base.name, `An outcome of "${base.name}"`, 'name');
    return {
      name,
      label: text(rule, 'label')?.trim() ?? name,
      conditions: parseConditionSet(list(rule, 'conditions'), text(rule, 'conditionLogic'), context, base.name),
      connector: parseConnector(rule, 'connector'),
      requireChange: bool(rule, 'doesRequireRecordChangedToMeetCriteria', false),
    };
  });
  return {
    kind: 'decision',
    ...base,
    outcomes,
    defaultConnector: parseConnector(node, 'defaultConnector'),
    defaultLabel: text(node, 'defaultConnectorLabel')?.trim(),
  };
}
