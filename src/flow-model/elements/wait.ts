/** Parses `<waits>`. */
import type { WaitElement, WaitEvent } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import {
  parseConditionSet,
  parseConnector,
  parseElementBase,
  parseInputParameters,
  parseOutputParameters,
  requireText,
} from '../values.js';
import { list, text, trimmed, type XmlNode } from '../xml-node.js';

/** A wait: events (alarms, platform events) in order, then the default connector. */
export function parseWait(node: XmlNode, context: ParseContext): WaitElement {
  const base = parseElementBase(node, context, 'wait');
  const events = list(node, 'waitEvents').map((event): WaitEvent => {
    const name = trimmed(event, 'name') ?? '';
    if (name === '') context.missing(base.name, `An event of wait "${base.name}"`, 'name');
    const conditions = list(event, 'conditions');
    return {
      name,
      label: text(event, 'label')?.trim() ?? name,
      eventType: requireText(event, 'eventType', context, base.name, `Event "${name}" of wait "${base.name}"`),
      conditions: conditions.length === 0 ? undefined : parseConditionSet(conditions, text(event, 'conditionLogic'), context, base.name),
      inputParameters: parseInputParameters(list(event, 'inputParameters'), context, base.name),
      outputParameters: parseOutputParameters(list(event, 'outputParameters'), context, base.name),
      connector: parseConnector(event, 'connector'),
    };
  });
  return {
    kind: 'wait',
    ...base,
    events,
    defaultConnector: parseConnector(node, 'defaultConnector'),
    defaultLabel: text(node, 'defaultConnectorLabel')?.trim(),
    faultConnector: parseConnector(node, 'faultConnector'),
  };
}
