import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { assignment, connector, flowFromXml, ref, str, variable } from '../support/flow-xml.js';
import { runScript } from '../support/harness.js';

function action(name: string, actionType: string, actionName: string, params: Record<string, string>, extra = ''): string {
  return `<actionCalls><name>${name}</name><label>${name}</label><actionName>${actionName}</actionName><actionType>${actionType}</actionType>
    ${Object.entries(params).map(([key, value]) => `<inputParameters><name>${key}</name><value>${value}</value></inputParameters>`).join('')}
    ${extra}</actionCalls>`;
}

describe('action call element', () => {
  it('turns emailSimple into an email effect', async () => {
    const flow = flowFromXml(
      variable('who', 'String', { input: true }) +
        action('Send', 'emailSimple', 'emailSimple', {
          emailAddresses: str('a@example.com, b@example.com'),
          emailAddressesArray: ref('list'),
          recipientId: str('005000000000001AAA'),
          emailSubject: str('Hello {!who}'),
          emailBody: str('&lt;p&gt;Hi&lt;/p&gt;'),
          sendRichBody: '<booleanValue>true</booleanValue>',
          senderAddress: str('noreply@example.com'),
        }) +
        variable('list', 'String', { collection: true, defaultValue: '' }),
      { start: 'Send' },
    );
    const run = await runScript(flow, { inputs: { who: 'Ada' } });
    expect(run.effects).toEqual([
      {
        kind: 'email',
        element: 'Send',
        to: ['a@example.com', 'b@example.com'],
        recipientIds: ['005000000000001AAA'],
        cc: [],
        bcc: [],
        subject: 'Hello Ada',
        body: '<p>Hi</p>',
        isHtml: true,
        senderAddress: 'noreply@example.com',
        alert: undefined,
      },
    ]);
  });

  it('turns emailAlert into an email effect naming the alert and record', () => {
    const flow = flowFromXml(action('Alert', 'emailAlert', 'Case.Escalated', { SObjectRowId: str('500000000000001AAA') }), { start: 'Alert' });
    const result = start(flow, {}, startContext());
    expect(result.effects).toMatchObject([{ kind: 'email', element: 'Alert', alert: { name: 'Case.Escalated', recordId: '500000000000001AAA' } }]);
    expect(result.awaiting.kind).toBe('finished');
  });

  it('turns customNotificationAction into a notification effect', () => {
    const flow = flowFromXml(
      variable('users', 'String', { collection: true, input: true }) +
        action('Notify', 'customNotificationAction', 'customNotificationAction', {
          customNotifTypeId: str('0ML000000000001'),
          recipientIds: ref('users'),
          title: str('Heads up'),
          body: str('Something happened'),
          targetId: str('001000000000001AAA'),
        }),
      { start: 'Notify' },
    );
    const result = start(flow, { users: ['005A', '005B'] }, startContext());
    expect(result.effects).toEqual([
      { kind: 'notification', element: 'Notify', typeId: '0ML000000000001', recipients: ['005A', '005B'], title: 'Heads up', body: 'Something happened', targetId: '001000000000001AAA' },
    ]);
  });

  it('creates a FeedItem for chatterPost and outputs feedItemId', async () => {
    const flow = flowFromXml(
      variable('postId', 'String', { output: true }) +
        action('Post', 'chatterPost', 'chatterPost', { subjectNameOrId: str('001000000000001AAA'), text: str('Done!') }, `<outputParameters><assignToReference>postId</assignToReference><name>feedItemId</name></outputParameters>`),
      { start: 'Post' },
    );
    const run = await runScript(flow);
    const [post] = run.records.all('FeedItem');
    expect(post).toMatchObject({ ParentId: '001000000000001AAA', Body: 'Done!' });
    expect(run.outputs).toEqual({ postId: post?.Id });
  });

  it("posts to a user's feed named by Username, as Salesforce's subjectNameOrId allows", async () => {
    const flow = flowFromXml(
      variable('postId', 'String', { output: true }) +
        action('Post', 'chatterPost', 'chatterPost', { subjectNameOrId: ref('$User.Username'), text: str('Hello') }, `<outputParameters><assignToReference>postId</assignToReference><name>feedItemId</name></outputParameters>`),
      { start: 'Post' },
    );
    const user = { Id: '005000000000007AAA', Username: 'ada@example.com' };
    const run = await runScript(flow, { records: { User: [user] }, context: { user: { Id: user.Id, Username: user.Username } } });
    expect(run.status).toBe('finished');
    const [post] = run.records.all('FeedItem');
    expect(post).toMatchObject({ ParentId: user.Id, Body: 'Hello', Type: 'TextPost' });
    expect(run.outputs).toEqual({ postId: post?.Id });
  });

  it('fails a Post to Chatter whose Username matches no user, naming it', async () => {
    const flow = flowFromXml(action('Post', 'chatterPost', 'chatterPost', { subjectNameOrId: str('nobody@example.com'), text: str('Hello') }), { start: 'Post' });
    const run = await runScript(flow, { records: { User: [] } });
    expect(run.status).toBe('error');
    expect(run.fault).toEqual({ code: 'INVALID_INPUT', element: 'Post', message: 'Post to Chatter "Post": no user has the Username "nobody@example.com" (subjectNameOrId takes a record Id or a Username).' });
    expect(run.records.all('FeedItem')).toEqual([]);
  });

  it('asks the runtime to run other actions and stores their outputs', async () => {
    const flow = flowFromXml(
      variable('total', 'Number', { output: true, scale: 2 }) +
        variable('echo', 'String', { output: true }) +
        action('Calc', 'apex', 'Calculator', { a: '<numberValue>2</numberValue>', b: '<numberValue>3</numberValue>' }, `<outputParameters><assignToReference>total</assignToReference><name>sum</name></outputParameters>${connector('Auto')}`) +
        action('Auto', 'apex', 'Echo', { text: str('hi') }, `<storeOutputAutomatically>true</storeOutputAutomatically>${connector('Copy')}`) +
        assignment('Copy', [['echo', 'Assign', ref('Auto.text')]]),
      { start: 'Calc' },
    );
    const first = start(flow, {}, startContext());
    expect(first.awaiting).toEqual({ kind: 'request', element: 'Calc', request: { kind: 'action', actionType: 'apex', actionName: 'Calculator', inputs: { a: 2, b: 3 } } });
    const run = await runScript(flow, {
      actions: {
        'apex:Calculator': (inputs) => ({ sum: Number(inputs.a) + Number(inputs.b) }),
        'apex:Echo': (inputs) => ({ text: inputs.text ?? null }),
      },
    });
    expect(run.outputs).toEqual({ total: 5, echo: 'hi' });
  });

  it('fails with UNKNOWN_ACTION naming an unregistered Apex action, through the driver', async () => {
    const flow = flowFromXml(action('Calc', 'apex', 'NotThere', {}), { start: 'Calc' });
    const run = await runScript(flow);
    expect(run.status).toBe('error');
    expect(run.fault).toMatchObject({ code: 'UNKNOWN_ACTION', element: 'Calc' });
    expect(run.fault?.message).toContain('NotThere');
  });

  it('follows the fault connector of a failing action with $Flow.FaultMessage set', async () => {
    const flow = flowFromXml(
      variable('message', 'String', { output: true }) +
        action('Calc', 'apex', 'Broken', {}, connector('Handle', 'faultConnector')) +
        assignment('Handle', [['message', 'Assign', ref('$Flow.FaultMessage')]]),
      { start: 'Calc' },
    );
    const run = await runScript(flow, {
      actions: {
        'apex:Broken': () => {
          throw Object.assign(new Error('Division by zero'), { code: 'ACTION_FAILED' });
        },
      },
    });
    expect(run.outputs).toEqual({ message: 'Division by zero' });
  });
});
