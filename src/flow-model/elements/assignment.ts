/** Parses `<assignments>`. */
import type { AssignmentElement, AssignmentOperator } from '../model.js';
import type { ParseContext } from '../parse-context.js';
import { parseConnector, parseElementBase, parseValueTag, requireReference } from '../values.js';
import { list, trimmed, type XmlNode } from '../xml-node.js';

const OPERATORS: ReadonlySet<string> = new Set<AssignmentOperator>([
  'Assign', 'Add', 'Subtract', 'AddItem', 'AddAtStart', 'RemoveFirst', 'RemoveAll', 'RemoveAfterFirst',
  'RemoveBeforeFirst', 'RemovePosition', 'RemoveUncommon', 'AssignCount',
]);

function isAssignmentOperator(value: string): value is AssignmentOperator {
  return OPERATORS.has(value);
}

/** An assignment element: its items in order. */
export function parseAssignment(node: XmlNode, context: ParseContext): AssignmentElement {
  const base = parseElementBase(node, context, 'assignment');
  const items = list(node, 'assignmentItems').map((item) => {
    const what = `An assignment item of "${base.name}"`;
    const target = requireReference(item, 'assignToReference', context, base.name, what);
    const written = trimmed(item, 'operator');
    let operator: AssignmentOperator = 'Assign';
    if (written === undefined) context.missing(base.name, what, 'operator');
    else if (isAssignmentOperator(written)) operator = written;
    else context.report('FLOW_INVALID', 'error', base.name, `${what} has an unknown operator "${written}".`);
    // `RemoveAll` and friends may omit the value; an absent value reads as null.
    return { target, operator, value: parseValueTag(item, 'value', context, base.name) ?? { kind: 'null' as const } };
  });
  return { kind: 'assignment', ...base, items, connector: parseConnector(node, 'connector') };
}
