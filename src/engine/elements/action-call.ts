/**
 * `<actionCalls>`. Built-ins run inside the engine: `emailSimple` and `emailAlert` become
 * `email` effects, `customNotificationAction` a `notification` effect, `chatterPost` a
 * `recordCreate` request of a FeedItem (after a query of the User when the feed is named by Username), and `flow` runs the named flow as a subflow. Every
 * other action type is an `action` request the runtime answers from its registry.
 */
import type { ActionCallElement } from '../../flow-model/index.js';
import { type ElementContext, next, type Outcome } from '../element-outcome.js';
import type { Effect, FlowValue, RequestResult } from '../protocol.js';
import { FlowFault } from '../fault.js';
import { getField } from '../value-path.js';
import { isBlank, valueToText } from '../values.js';
import { enterSubflow, storeOutputs } from './subflow.js';

type BuiltIn = 'emailSimple' | 'emailAlert' | 'customNotificationAction' | 'chatterPost' | 'flow';

const BUILT_INS: ReadonlyMap<string, BuiltIn> = new Map(
  (['emailSimple', 'emailAlert', 'customNotificationAction', 'chatterPost', 'flow'] as const).map((name) => [name.toLowerCase(), name]),
);

function builtIn(element: ActionCallElement): BuiltIn | undefined {
  return BUILT_INS.get(element.actionType.toLowerCase());
}

/** The action's input values by parameter name. */
export function actionInputs(element: ActionCallElement, ctx: ElementContext): Record<string, FlowValue> {
  const inputs: Record<string, FlowValue> = {};
  for (const parameter of element.inputParameters) inputs[parameter.name] = ctx.scope.evaluate(parameter.value).value;
  return inputs;
}

function text(value: FlowValue): string {
  return isBlank(value) ? '' : valueToText(value);
}

function optionalText(value: FlowValue): string | undefined {
  return isBlank(value) ? undefined : valueToText(value);
}

/** A list of addresses or Ids from a comma-separated text or a collection. */
function list(value: FlowValue): string[] {
  if (value === null) return [];
  const items = Array.isArray(value) ? value.map((item) => text(item)) : text(value).split(',');
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

function emailSimple(element: ActionCallElement, inputs: Record<string, FlowValue>): Effect {
  return {
    kind: 'email',
    element: element.name,
    to: [...list(getField(inputs, 'emailAddresses')), ...list(getField(inputs, 'emailAddressesArray'))],
    recipientIds: list(getField(inputs, 'recipientId')),
    cc: list(getField(inputs, 'ccRecipientAddressList')),
    bcc: list(getField(inputs, 'bccRecipientAddressList')),
    subject: text(getField(inputs, 'emailSubject')),
    body: text(getField(inputs, 'emailBody')),
    isHtml: getField(inputs, 'sendRichBody') === true,
    senderAddress: optionalText(getField(inputs, 'senderAddress')),
    alert: undefined,
  };
}

function emailAlert(element: ActionCallElement, inputs: Record<string, FlowValue>): Effect {
  return {
    kind: 'email',
    element: element.name,
    to: [],
    recipientIds: [],
    cc: [],
    bcc: [],
    subject: '',
    body: '',
    isHtml: false,
    senderAddress: undefined,
    alert: { name: element.actionName, recordId: optionalText(getField(inputs, 'SObjectRowId')) },
  };
}

function notification(element: ActionCallElement, inputs: Record<string, FlowValue>): Effect {
  return {
    kind: 'notification',
    element: element.name,
    typeId: optionalText(getField(inputs, 'customNotifTypeId')),
    recipients: list(getField(inputs, 'recipientIds')),
    title: text(getField(inputs, 'title')),
    body: text(getField(inputs, 'body')),
    targetId: optionalText(getField(inputs, 'targetId')),
  };
}

/** A 15- or 18-character record Id. */
const RECORD_ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The FeedItem a Post to Chatter creates on `parentId`'s feed. */
function chatterPostRequest(parentId: FlowValue, inputs: Record<string, FlowValue>): Outcome {
  return {
    kind: 'request',
    request: { kind: 'recordCreate', records: [{ attributes: { type: 'FeedItem' }, ParentId: parentId, Body: getField(inputs, 'text'), Type: 'TextPost' }] },
  };
}

/** Runs a built-in action, or asks the runtime to run the action. */
export function executeActionCall(element: ActionCallElement, ctx: ElementContext): Outcome {
  const kind = builtIn(element);
  if (kind === 'flow') return { kind: 'request', request: { kind: 'subflow', flowName: element.actionName } };
  const inputs = actionInputs(element, ctx);
  switch (kind) {
    case 'emailSimple':
      ctx.emit(emailSimple(element, inputs));
      return complete(element, ctx, {});
    case 'emailAlert':
      ctx.emit(emailAlert(element, inputs));
      return complete(element, ctx, {});
    case 'customNotificationAction':
      ctx.emit(notification(element, inputs));
      return complete(element, ctx, {});
    case 'chatterPost': {
      const subject = getField(inputs, 'subjectNameOrId');
      if (typeof subject === 'string' && !RECORD_ID.test(subject.trim())) {
        // A user's feed may be named by Username: find the user first (resumeActionCall posts).
        const filters = [{ field: 'Username', operator: 'EqualTo' as const, value: subject.trim() }];
        return { kind: 'request', request: { kind: 'recordQuery', object: 'User', filters, logic: { op: 'condition', index: 0 }, fields: ['Id'], sort: undefined, limit: 1 } };
      }
      return chatterPostRequest(subject, inputs);
    }
    case undefined:
      return { kind: 'request', request: { kind: 'action', actionType: element.actionType, actionName: element.actionName, inputs } };
  }
}

/** Takes the runtime's answer: outputs of an action, the FeedItem's Id, or a subflow ready to run. */
export function resumeActionCall(element: ActionCallElement, ctx: ElementContext, result: RequestResult): Outcome {
  const kind = builtIn(element);
  if (kind === 'flow') return enterSubflow(element.actionName, element.inputParameters, element.name, ctx);
  if (kind === 'chatterPost') {
    if (result.kind === 'records') {
      // The answer to the Username lookup: post to that user's feed.
      const subject = getField(actionInputs(element, ctx), 'subjectNameOrId');
      const user = result.records[0];
      if (user?.Id === undefined) throw new FlowFault('INVALID_INPUT', `Post to Chatter "${element.name}": no user has the Username "${valueToText(subject)}" (subjectNameOrId takes a record Id or a Username).`);
      return chatterPostRequest(user.Id, actionInputs(element, ctx));
    }
    return complete(element, ctx, { feedItemId: result.kind === 'ids' ? (result.ids[0] ?? null) : null });
  }
  return complete(element, ctx, result.kind === 'actionOutputs' ? result.outputs : {});
}

/** Stores the action's outputs and follows the connector (also used when a `flow` action's subflow ends). */
export function complete(element: ActionCallElement, ctx: ElementContext, outputs: Record<string, FlowValue>): Outcome {
  storeOutputs(element.outputParameters, element.storeOutputAutomatically, element.name, ctx.scope, outputs);
  return next(element.connector);
}
