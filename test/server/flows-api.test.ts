/** The seed's Flow operations, SOQL paging, platform events and Eddy's flow runtime API over HTTP. */
import { afterEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';
import { deployTestFlows, type TestFlows } from './support/test-flows.js';

interface View {
  interview: { Id: string; InterviewStatus: string; CurrentElement: string | null; PauseLabel: string | null; version: number; flowApiName: string };
  awaiting: string;
  flowLabel: string | null;
  screen?: { name: string; actions: string[]; errors: Record<string, string>; fields: { name: string; value: unknown }[] };
  outputs?: Record<string, unknown>;
}

forEachDatabase('flow REST API', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (): Promise<{ s: TestServer; token: string; flows: TestFlows }> => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const flows = await deployTestFlows(server.db, server.systemId);
    return { s: server, token: await server.tokenFor(server.admin), flows };
  };
  const startInterview = async (s: TestServer, token: string, apiName: string, inputs: unknown = []): Promise<string> => {
    const response = await s.call(token, 'POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: apiName }, inputs });
    expect(response.statusCode, response.body).toBe(201);
    return (response.json() as { id: string }).id;
  };

  it('lists flow versions with the seed fields, filtered by ?q= text or SOQL', async () => {
    const { s, token } = await start();
    const all = await s.call(token, 'GET', '/sobjects/Flow');
    expect(all.statusCode).toBe(200);
    const body = all.json() as { totalSize: number; done: boolean; records: Record<string, unknown>[]; recentItems: unknown[]; objectDescribe: { name: string } };
    expect(body.objectDescribe.name).toBe('Flow');
    expect(body.records.map((r) => r.ApiName)).toEqual(['Demo_Discount_Calculator', 'Demo_Support_Request', 'Restricted_Discount', 'Wait_For_Shipment']);
    expect(body.totalSize).toBe(4);
    expect(body.records[0]).toMatchObject({ ApiName: 'Demo_Discount_Calculator', Label: 'Demo Discount Calculator', ProcessType: 'AutoLaunchedFlow', Status: 'Active', VersionNumber: 1 });
    expect(body.recentItems).toHaveLength(4);

    const filtered = (await s.call(token, 'GET', '/sobjects/Flow?q=support')).json() as { records: { ApiName: string }[] };
    expect(filtered.records.map((r) => r.ApiName)).toEqual(['Demo_Support_Request']);

    const soql = await s.call(token, 'GET', `/sobjects/Flow?q=${encodeURIComponent("SELECT Id, MasterLabel FROM Flow WHERE ProcessType = 'Flow'")}`);
    expect(soql.statusCode, soql.body).toBe(200);
    expect((soql.json() as { records: { MasterLabel: string }[] }).records.map((r) => r.MasterLabel)).toEqual(['Demo Support Request']);

    const wrongObject = await s.call(token, 'GET', `/sobjects/Flow?q=${encodeURIComponent('SELECT Id FROM Account')}`);
    expect(wrongObject.statusCode).toBe(400);
    expect(wrongObject.json()[0].errorCode).toBe('INVALID_TYPE');
  });

  it('reads one flow version, also as a Tooling sObject, with ?fields=', async () => {
    const { s, token, flows } = await start();
    const versionId = flows.screen.ActiveVersionId as string;
    const read = await s.call(token, 'GET', `/sobjects/Flow/${versionId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ Id: versionId, ApiName: 'Demo_Support_Request', Status: 'Active', VersionNumber: 1, DefinitionId: flows.screen.Id, CreatedById: s.systemId });
    const tooling = await s.call(token, 'GET', `/tooling/sobjects/Flow/${versionId}?fields=Status,ApiName`);
    expect(tooling.json()).toEqual({ attributes: { type: 'Flow', url: `/services/data/v59.0/sobjects/Flow/${versionId}` }, Status: 'Active', ApiName: 'Demo_Support_Request' });
    expect((await s.call(token, 'GET', `/sobjects/Flow/${flows.screen.Id}`)).statusCode).toBe(404);
  });

  it('deactivates and reactivates a flow through PATCH Status, and refuses other changes', async () => {
    const { s, token, flows } = await start();
    const versionId = flows.autolaunched.ActiveVersionId as string;
    const deactivated = await s.call(token, 'PATCH', `/sobjects/Flow/${versionId}`, { Status: 'Obsolete' });
    expect(deactivated.statusCode).toBe(204);
    expect((await s.db.flows.getDefinition(flows.autolaunched.Id))?.ActiveVersionId).toBeNull();
    expect((await s.call(token, 'GET', '/actions/custom/flow')).json().actions.map((a: { name: string }) => a.name)).not.toContain('Demo_Discount_Calculator');
    expect((await s.call(token, 'PATCH', `/sobjects/Flow/${versionId}`, { Status: 'Active' })).statusCode).toBe(204);
    expect((await s.db.flows.getDefinition(flows.autolaunched.Id))?.ActiveVersionId).toBe(versionId);

    const cases: [unknown, string][] = [
      [{ Status: 'Paused' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
      [{ Status: 'Draft' }, 'INVALID_OPERATION'],
      [{ MasterLabel: 'Renamed' }, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      [{ Colour__c: 'red' }, 'INVALID_FIELD'],
    ];
    for (const [body, code] of cases) {
      const response = await s.call(token, 'PATCH', `/sobjects/Flow/${versionId}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()[0].errorCode).toBe(code);
    }
    expect((await s.db.flows.getVersion(versionId))?.Status).toBe('Active');
  });

  it("changes a flow version's Description through PATCH (the seed's FlowUpdateInput), with Status in the same call", async () => {
    const { s, token, flows } = await start();
    const versionId = flows.autolaunched.ActiveVersionId as string;
    const manager = await s.createUser('manager', { runFlows: true, manageFlow: true });
    const managerToken = await s.tokenFor(manager);
    const changed = await s.call(managerToken, 'PATCH', `/sobjects/Flow/${versionId}`, { Description: 'Discounts by tier, reviewed in 2026.' });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await s.call(token, 'GET', `/sobjects/Flow/${versionId}`)).json()).toMatchObject({ Description: 'Discounts by tier, reviewed in 2026.', LastModifiedById: manager.Id });
    expect((await s.db.flows.getDefinition(flows.autolaunched.Id))?.Description).toBe('Discounts by tier, reviewed in 2026.');
    const soql = await s.call(token, 'GET', `/tooling/query?q=${encodeURIComponent(`SELECT Description FROM Flow WHERE Id = '${versionId}'`)}`);
    expect(soql.json().records[0].Description).toBe('Discounts by tier, reviewed in 2026.');

    const both = await s.call(token, 'PATCH', `/sobjects/Flow/${versionId}`, { Status: 'Obsolete', Description: 'Retired.' });
    expect(both.statusCode, both.body).toBe(204);
    expect(await s.db.flows.getVersion(versionId)).toMatchObject({ Status: 'Obsolete', Description: 'Retired.' });

    const cleared = await s.call(token, 'PATCH', `/sobjects/Flow/${versionId}`, { Description: null });
    expect(cleared.statusCode).toBe(204);
    expect((await s.db.flows.getVersion(versionId))?.Description).toBeNull();
    expect((await s.call(token, 'GET', `/sobjects/Flow/${versionId}`)).json()).not.toHaveProperty('Description');
  });

  it('refuses a Description change to users without Manage Flow, when too long or not text, and then changes nothing', async () => {
    const { s, token, flows } = await start();
    const versionId = flows.autolaunched.ActiveVersionId as string;
    const before = await s.db.flows.getVersion(versionId);
    const runner = await s.createUser('runner', { runFlows: true });
    const refused = await s.call(await s.tokenFor(runner), 'PATCH', `/sobjects/Flow/${versionId}`, { Description: 'by a runner' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()[0].errorCode).toBe('INSUFFICIENT_ACCESS');
    const cases: [unknown, string][] = [
      [{ Description: 'x'.repeat(4001) }, 'STRING_TOO_LONG'],
      [{ Description: 'x'.repeat(4001), Status: 'Obsolete' }, 'STRING_TOO_LONG'],
      [{ Description: 42 }, 'JSON_PARSER_ERROR'],
      [{ Description: { text: 'x' } }, 'JSON_PARSER_ERROR'],
      [{ Description: 'new words', Status: 'Paused' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
      [{ Description: 'new words', Status: 'Draft' }, 'INVALID_OPERATION'],
    ];
    for (const [body, code] of cases) {
      const response = await s.call(token, 'PATCH', `/sobjects/Flow/${versionId}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()[0].errorCode, JSON.stringify(body)).toBe(code);
    }
    expect(await s.db.flows.getVersion(versionId)).toEqual(before);
  });

  it('runs a screen flow through the runtime API: first screen, field errors without advancing, pause, resume, finish', async () => {
    const { s, token } = await start();
    const id = await startInterview(s, token, 'Demo_Support_Request');
    const created = (await s.call(token, 'GET', `/sobjects/FlowInterview/${id}`)).json() as Record<string, unknown>;
    expect(created).toMatchObject({ Id: id, CurrentElement: 'Describe_Problem', InterviewStatus: 'Running', HasFinished: false, outputs: [], GuidedFlowName: 'Demo_Support_Request' });

    const screen = (await s.call(token, 'GET', `/eddy/interviews/${id}/screen`)).json() as View;
    expect(screen.awaiting).toBe('screen');
    expect(screen.flowLabel).toBe('Demo Support Request');
    expect(screen.screen?.name).toBe('Describe_Problem');
    expect(screen.screen?.fields.map((f) => f.name)).toEqual(['Intro', 'Subject', 'Details']);
    expect(screen.screen?.actions).toContain('PAUSE');

    const rejected = (await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'NEXT', values: {}, screen: 'Describe_Problem' })).json() as View;
    expect(rejected.awaiting).toBe('screen');
    expect(rejected.screen?.name).toBe('Describe_Problem');
    expect(Object.keys(rejected.screen?.errors ?? {})).toEqual(['Subject']);

    const paused = (await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'PAUSE', values: { Subject: 'Printer on fire' }, pauseReason: 'Waiting for the fire brigade', version: rejected.interview.version })).json() as View;
    expect(paused.awaiting).toBe('paused');
    expect(paused.interview).toMatchObject({ InterviewStatus: 'Paused', PauseLabel: 'Waiting for the fire brigade' });
    expect((await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'NEXT', values: {}, version: paused.interview.version })).json()[0].errorCode).toBe('INVALID_OPERATION');

    const resumed = (await s.call(token, 'POST', `/eddy/interviews/${id}/resume`, {})).json() as View;
    expect(resumed.awaiting).toBe('screen');
    expect(resumed.screen?.fields.find((f) => f.name === 'Subject')?.value).toBe('Printer on fire');

    const stale = await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'NEXT', values: { Subject: 'Printer on fire' }, version: resumed.interview.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()[0].errorCode).toBe('CONFLICT');

    const confirmation = (await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'NEXT', values: { Subject: 'Printer on fire', Details: 'Smoke' }, version: resumed.interview.version })).json() as View;
    expect(confirmation.screen?.name).toBe('Confirmation');
    const finished = (await s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'FINISH', values: {}, screen: 'Confirmation' })).json() as View;
    expect(finished.awaiting).toBe('finished');
    const cases = await s.db.records.query({ object: 'Case', filters: [], fields: ['Subject', 'Description', 'Origin'] });
    expect(cases).toEqual([expect.objectContaining({ Subject: 'Printer on fire', Description: 'Smoke', Origin: 'Web' })]);
    expect(finished.outputs).toEqual({ caseId: cases[0]?.Id });

    const done = (await s.call(token, 'GET', `/sobjects/FlowInterview/${id}`)).json() as Record<string, unknown>;
    expect(done).toMatchObject({ InterviewStatus: 'Completed', HasFinished: true, outputs: [{ name: 'caseId', value: cases[0]?.Id }] });
    expect(done).not.toHaveProperty('CurrentElement');
  });

  it('starts an interview and returns its first screen in one call, and lists the caller’s interviews', async () => {
    const { s, token } = await start();
    const started = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
    expect(started.statusCode).toBe(201);
    const view = started.json() as View;
    expect(view).toMatchObject({ awaiting: 'screen', screen: { name: 'Describe_Problem' }, interview: { flowApiName: 'Demo_Support_Request' } });
    const list = (await s.call(token, 'GET', '/eddy/interviews?scope=mine&status=Running')).json() as { records: { Id: string }[] };
    expect(list.records.map((r) => r.Id)).toEqual([view.interview.Id]);
  });

  it('starts an autolaunched flow with inputs given either way and reports its outputs', async () => {
    const { s, token } = await start();
    const listed = await startInterview(s, token, 'Demo_Discount_Calculator', [{ name: 'amount', value: 200 }, { name: 'customerTier', value: 'Silver' }]);
    expect((await s.call(token, 'GET', `/sobjects/FlowInterview/${listed}`)).json()).toMatchObject({
      HasFinished: true,
      InterviewStatus: 'Completed',
      outputs: expect.arrayContaining([{ name: 'finalAmount', value: 180 }, { name: 'discountRate', value: 0.1 }]),
    });
    const object = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Discount_Calculator', inputs: { amount: 10, customerTier: 'Gold' } });
    expect((object.json() as View).outputs).toMatchObject({ finalAmount: 8 });
  });

  it('lists, describes and invokes invocable flows with one result per input', async () => {
    const { s, token } = await start();
    const list = (await s.call(token, 'GET', '/actions/custom/flow')).json() as { actions: { name: string; type: string; url: string }[] };
    expect(list.actions.map((a) => a.name)).toEqual(['Demo_Discount_Calculator', 'Restricted_Discount', 'Wait_For_Shipment']);
    expect(list.actions[0]).toMatchObject({ type: 'FLOW', url: '/services/data/v59.0/actions/custom/flow/Demo_Discount_Calculator' });

    const describe = (await s.call(token, 'GET', '/actions/custom/flow/Demo_Discount_Calculator')).json() as { inputs: { name: string; type: string }[]; outputs: { name: string; type: string }[] };
    expect(describe.inputs.map((p) => [p.name, p.type])).toEqual([['amount', 'DOUBLE'], ['customerTier', 'STRING']]);
    expect(describe.outputs.map((p) => p.name).sort()).toEqual(['discountRate', 'finalAmount', 'message']);
    expect((await s.call(token, 'GET', '/actions/custom/flow/Demo_Support_Request')).statusCode).toBe(404);

    const invoked = await s.call(token, 'POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: [{ amount: 100, customerTier: 'Gold' }, { amount: 100, customerTier: 'Bronze' }, { nope: 1 }] });
    expect(invoked.statusCode).toBe(200);
    const results = invoked.json() as { isSuccess: boolean; errors: { statusCode: string }[] | null; outputValues: Record<string, unknown> | null; actionName: string }[];
    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ actionName: 'Demo_Discount_Calculator', isSuccess: true, errors: null, outputValues: { finalAmount: 80, Flow__InterviewStatus: 'Finished' } });
    expect(results[1]?.outputValues).toMatchObject({ finalAmount: 100, discountRate: 0 });
    expect(results[0]?.outputValues?.Flow__InterviewGuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(results[2]).toMatchObject({ isSuccess: false, errors: [{ statusCode: 'INVALID_API_INPUT' }] });

    const waiting = (await s.call(token, 'POST', '/actions/custom/flow/Wait_For_Shipment', { inputs: [{ orderNumber: 'A-1' }] })).json() as { outputValues: Record<string, unknown> }[];
    expect(waiting[0]?.outputValues).toMatchObject({ Flow__InterviewStatus: 'Waiting' });
  });

  it('resumes interviews waiting for a platform event published with POST /sobjects/{Event__e}', async () => {
    const { s, token } = await start();
    const first = await startInterview(s, token, 'Wait_For_Shipment', [{ name: 'orderNumber', value: 'A-1' }]);
    const second = await startInterview(s, token, 'Wait_For_Shipment', [{ name: 'orderNumber', value: 'B-2' }]);
    expect((await s.call(token, 'GET', `/eddy/interviews/${first}/screen`)).json().awaiting).toBe('waiting');
    const published = await s.call(token, 'POST', '/sobjects/Order_Shipped__e', { Order_Number__c: 'A-1', Carrier__c: 'UPS' });
    expect(published.statusCode).toBe(201);
    expect(published.json()).toMatchObject({ success: true, errors: [] });
    expect((await s.call(token, 'GET', `/sobjects/FlowInterview/${first}`)).json()).toMatchObject({ InterviewStatus: 'Completed', HasFinished: true });
    expect((await s.call(token, 'GET', `/sobjects/FlowInterview/${second}`)).json()).toMatchObject({ InterviewStatus: 'Paused', HasFinished: false });
  });

  it('deletes an interview, which is then gone', async () => {
    const { s, token } = await start();
    const id = await startInterview(s, token, 'Demo_Support_Request');
    expect((await s.call(token, 'DELETE', `/sobjects/FlowInterview/${id}`)).statusCode).toBe(204);
    expect((await s.call(token, 'GET', `/sobjects/FlowInterview/${id}`)).statusCode).toBe(404);
    expect(await s.db.interviews.get(id)).toBeUndefined();
  });

  it('pages a query with nextRecordsUrl that works under any API version', async () => {
    const { s, token } = await start();
    const records = Array.from({ length: 250 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Account ${String(i).padStart(3, '0')}` }));
    await s.db.records.create(records, s.admin.Id);
    const soql = encodeURIComponent('SELECT Id, Name FROM Account ORDER BY Name');
    const first = await s.call(token, 'GET', `/services/data/v60.0/query?q=${soql}`, undefined, { 'sforce-query-options': 'batchSize=200' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json() as { totalSize: number; done: boolean; nextRecordsUrl: string; records: { Name: string }[] };
    expect(page1).toMatchObject({ totalSize: 250, done: false });
    expect(page1.records).toHaveLength(200);
    expect(page1.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/query\/01g[\w]+-200$/);
    const locator = page1.nextRecordsUrl.split('/').pop() as string;
    const second = await s.call(token, 'GET', `/services/data/v52.0/query/${locator}`);
    expect(second.statusCode).toBe(200);
    const page2 = second.json() as { done: boolean; records: { Name: string }[]; nextRecordsUrl?: string };
    expect(page2.done).toBe(true);
    expect(page2.nextRecordsUrl).toBeUndefined();
    expect(page2.records.map((r) => r.Name)).toEqual(records.slice(200).map((r) => r.Name));
    const empty = (await s.call(token, 'GET', `/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name = 'none'")}`)).json();
    expect(empty).toEqual({ totalSize: 0, done: true, records: [] });
    expect((await s.call(token, 'GET', `/tooling/query?q=${encodeURIComponent('SELECT Id, Status FROM Flow')}`)).json().totalSize).toBe(4);
  });

  it('answers SOQL errors and a bad locator as Salesforce does', async () => {
    const { s, token } = await start();
    const cases: [string, string][] = [
      ['SELEKT Id FROM Account', 'MALFORMED_QUERY'],
      ['SELECT Id FROM Nothing__c', 'INVALID_TYPE'],
      ['SELECT Bogus FROM Account', 'INVALID_FIELD'],
    ];
    for (const [soql, code] of cases) {
      const response = await s.call(token, 'GET', `/query?q=${encodeURIComponent(soql)}`);
      expect(response.statusCode, soql).toBe(400);
      expect(response.json()[0].errorCode).toBe(code);
    }
    expect((await s.call(token, 'GET', '/query')).json()[0].errorCode).toBe('MALFORMED_QUERY');
    const locator = await s.call(token, 'GET', '/query/01gXXXXXXXXXXXXXXX-2000');
    expect(locator.statusCode).toBe(400);
    expect(locator.json()[0].errorCode).toBe('INVALID_QUERY_LOCATOR');
  });

  it('deploys flow files through the runtime API', async () => {
    const { s, token } = await start();
    const xml = (await s.db.flows.getVersion((await s.db.flows.getDefinitionByName('Demo_Discount_Calculator'))?.ActiveVersionId as string))?.source as string;
    const response = await s.call(token, 'POST', '/eddy/deploy', { files: [{ path: 'flows/Copied_Discount.flow-meta.xml', content: xml }], activate: true });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ flows: [{ apiName: 'Copied_Discount', status: 'created', activated: true }] });
  });
});
