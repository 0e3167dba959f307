/**
 * `<customErrors>`. After a screen (a screen flow), the user goes back to the last screen with
 * the messages shown at their fields or on the screen, as Salesforce does; elsewhere the
 * element faults with `CUSTOM_ERROR` and the messages (a record-triggered flow's save fails).
 */
import type { CustomErrorElement } from '../../flow-model/index.js';
import type { ElementContext, Outcome } from '../element-outcome.js';
import { FlowFault } from '../fault.js';

/** Shows the messages on the last screen, or faults. */
export function executeCustomError(element: CustomErrorElement, ctx: ElementContext): Outcome {
  const messages = element.messages.map((message) => ({ ...message, text: ctx.scope.render(message.message, false) }));
  const last = ctx.frame.history.pop();
  if (last === undefined) {
    const errors = messages.map((message) => (message.isFieldError && message.fieldSelection !== undefined ? { message: message.text, field: message.fieldSelection } : { message: message.text }));
    throw new FlowFault('CUSTOM_ERROR', messages.map((message) => message.text).join('\n') || `Custom error "${element.name}".`, undefined, errors);
  }
  const fields: Record<string, string> = {};
  const page: string[] = [];
  for (const message of messages) {
    if (message.isFieldError && message.fieldSelection !== undefined) fields[message.fieldSelection] = message.text;
    else page.push(message.text);
  }
  ctx.frame.current = last.screen;
  ctx.frame.draft = { ...last.values };
  return { kind: 'screen', errors: { fields, page } };
}
