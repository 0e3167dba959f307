/** Parses `<start>`: the first connector and the trigger, schedule and entry-filter settings. */
import type { FlowStart } from './model.js';
import type { ParseContext } from './parse-context.js';
import { parseConnector, parseRecordFilters } from './values.js';
import { bool, child, list, num, text, trimmed, type XmlNode } from './xml-node.js';

/** The start element of a flow (`<start>`). */
export function parseStart(node: XmlNode, context: ParseContext): FlowStart {
  const schedule = child(node, 'schedule');
  const { filters, filterLogic, filterLogicText } = parseRecordFilters(node, context, 'start');
  return {
    connector: parseConnector(node, 'connector'),
    object: trimmed(node, 'object'),
    triggerType: trimmed(node, 'triggerType'),
    recordTriggerType: trimmed(node, 'recordTriggerType'),
    filters,
    filterLogic,
    filterLogicText,
    filterFormula: text(node, 'filterFormula'),
    requireChange: bool(node, 'doesRequireRecordChangedToMeetCriteria', false),
    schedule:
      schedule === undefined
        ? undefined
        : { frequency: trimmed(schedule, 'frequency'), startDate: trimmed(schedule, 'startDate'), startTime: trimmed(schedule, 'startTime') },
    scheduledPaths: list(node, 'scheduledPaths').map((path) => ({
      // Unnamed paths (`AsyncAfterCommit` "Run Asynchronously") are named after their path type.
      name: trimmed(path, 'name') ?? trimmed(path, 'pathType') ?? 'ScheduledPath',
      connector: parseConnector(path, 'connector'),
      offsetNumber: num(path, 'offsetNumber'),
      offsetUnit: trimmed(path, 'offsetUnit'),
      timeSource: trimmed(path, 'timeSource'),
      recordField: trimmed(path, 'recordField'),
      pathType: trimmed(path, 'pathType'),
    })),
  };
}
