/**
 * Bad input to the flow endpoints: malformed JSON, wrong types, huge bodies, unknown versions,
 * objects and fields, malformed IDs. Each gets a clear Salesforce-shaped error and stores
 * nothing: no interview, no record, no flow change.
 */
import { afterEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';
import { deployTestFlows, type TestFlows } from './support/test-flows.js';

type Case = readonly [method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, status: number, errorCode: string];

forEachDatabase('bad input', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (options = {}): Promise<{ s: TestServer; token: string; flows: TestFlows }> => {
    server = await createTestServer(ctx.db(), ctx.clock(), options);
    const flows = await deployTestFlows(server.db, server.systemId);
    return { s: server, token: await server.tokenFor(server.admin), flows };
  };
  /** Everything a bad request could have written. */
  const snapshot = async (s: TestServer) => ({
    interviews: (await s.db.interviews.list({ limit: 2000 }, 'system')).map((i) => [i.Id, i.version, i.InterviewStatus]),
    cases: (await s.db.records.query({ object: 'Case', filters: [] })).length,
    flows: (await s.db.flows.listDefinitions()).map((d) => [d.DeveloperName, d.ActiveVersionId, d.LatestVersionId]),
  });
  const expectCases = async (s: TestServer, token: string, cases: readonly Case[]): Promise<void> => {
    for (const [method, path, body, status, errorCode] of cases) {
      const raw = typeof body === 'string';
      const response = await s.call(token, method, path, body, raw ? { 'content-type': 'application/json' } : {});
      const label = `${method} ${path} ${raw ? body : JSON.stringify(body)}`;
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      expect(response.headers['content-type'], label).toBe('application/json;charset=UTF-8');
      const errors = response.json() as { message: string; errorCode: string; fields: string[] }[];
      expect(errors, label).toEqual([{ message: expect.any(String), errorCode, fields: expect.any(Array) }]);
      expect(errors[0]?.message.length, label).toBeGreaterThan(10);
    }
  };

  it('answers malformed JSON with JSON_PARSER_ERROR on every flow endpoint', async () => {
    const { s, token, flows } = await start();
    const running = (await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' })).json().interview.Id as string;
    const before = await snapshot(s);
    const bad = '{"action": "NEXT", ';
    await expectCases(s, token, [
      ['POST', '/sobjects/FlowInterview', bad, 400, 'JSON_PARSER_ERROR'],
      ['PATCH', `/sobjects/Flow/${flows.autolaunched.ActiveVersionId}`, bad, 400, 'JSON_PARSER_ERROR'],
      ['POST', '/actions/custom/flow/Demo_Discount_Calculator', bad, 400, 'JSON_PARSER_ERROR'],
      ['POST', `/eddy/interviews/${running}/navigate`, bad, 400, 'JSON_PARSER_ERROR'],
      ['POST', '/eddy/interviews', '[1, 2]', 400, 'JSON_PARSER_ERROR'],
      ['POST', '/sobjects/FlowInterview', '', 400, 'JSON_PARSER_ERROR'],
      ['POST', '/sobjects/Order_Shipped__e', 'null', 400, 'JSON_PARSER_ERROR'],
    ]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('answers wrong types and unknown fields with the field named, storing nothing', async () => {
    const { s, token } = await start();
    const running = (await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' })).json().interview.Id as string;
    const before = await snapshot(s);
    const manyInputs = Array.from({ length: 201 }, () => ({ amount: 1 }));
    await expectCases(s, token, [
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: 'Demo_Support_Request' }, 400, 'INVALID_API_INPUT'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request', Label: 'x' } }, 400, 'INVALID_FIELD'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request' }, Colour: 'red' }, 400, 'INVALID_FIELD'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: {} }, 400, 'REQUIRED_FIELD_MISSING'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Discount_Calculator' }, inputs: 42 }, 400, 'INVALID_API_INPUT'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Discount_Calculator' }, inputs: [{ value: 1 }] }, 400, 'INVALID_API_INPUT'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Discount_Calculator' }, inputs: [{ name: 'amount', value: 'lots' }] }, 400, 'INVALID_API_INPUT'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Discount_Calculator' }, inputs: [{ name: 'amount', value: 1 }, { name: 'AMOUNT', value: 2 }] }, 400, 'INVALID_API_INPUT'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Discount_Calculator' }, inputs: [{ name: 'discountRate', value: 1 }] }, 400, 'INVALID_API_INPUT'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: "x' OR 1=1 --" } }, 400, 'INVALID_CROSS_REFERENCE_KEY'],
      ['POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request' }, recordId: 'not-an-id' }, 400, 'MALFORMED_ID'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'JUMP' }, 400, 'INVALID_API_INPUT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', values: ['Subject'] }, 400, 'INVALID_API_INPUT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', version: 'latest' }, 400, 'INVALID_API_INPUT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'PAUSE', pauseReason: 'x'.repeat(256), screen: 'Describe_Problem' }, 400, 'STRING_TOO_LONG'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'PAUSE', pauseReason: 7, screen: 'Describe_Problem' }, 400, 'INVALID_API_INPUT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', values: { Subject: 'x' } }, 400, 'MISSING_ARGUMENT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'PAUSE', values: { Subject: 'x' } }, 400, 'MISSING_ARGUMENT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', screen: 42 }, 400, 'INVALID_API_INPUT'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', screen: ' ' }, 400, 'INVALID_API_INPUT'],
      ['POST', `/eddy/interviews/${running}/resume`, {}, 409, 'CONFLICT'],
      ['POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request', extra: true }, 400, 'INVALID_API_INPUT'],
      ['POST', '/eddy/interviews', { inputs: {} }, 400, 'MISSING_ARGUMENT'],
      ['POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: {} }, 400, 'MISSING_ARGUMENT'],
      ['POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: [] }, 400, 'MISSING_ARGUMENT'],
      ['POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: [1] }, 400, 'INVALID_API_INPUT'],
      ['POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: manyInputs }, 400, 'LIMIT_EXCEEDED'],
      ['POST', '/eddy/deploy', { files: [{ path: 'flows/X.flow-meta.xml' }] }, 400, 'INVALID_API_INPUT'],
      ['GET', '/sobjects/FlowInterview/' + running + '?fields=Nope', undefined, 400, 'INVALID_FIELD'],
      ['GET', '/eddy/interviews?scope=everyone', undefined, 400, 'INVALID_API_INPUT'],
      ['GET', '/eddy/interviews?scope=mine&limit=-1', undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
    ]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('bounds every numeric parameter: too large is NUMBER_OUTSIDE_VALID_RANGE, never a database error', async () => {
    const { s, token } = await start();
    const running = (await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' })).json().interview.Id as string;
    const before = await snapshot(s);
    const huge = '99999999999999999999';
    const soql = (q: string): string => `/query?q=${encodeURIComponent(q)}`;
    await expectCases(s, token, [
      ['GET', `/eddy/interviews?scope=mine&offset=${huge}`, undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['GET', '/eddy/interviews?scope=mine&offset=2001', undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['GET', `/eddy/interviews?scope=all&limit=${huge}`, undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['GET', '/eddy/interviews?scope=mine&limit=1e3', undefined, 400, 'INVALID_API_INPUT'],
      ['GET', `/eddy/outbox?limit=${huge}`, undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['GET', soql(`SELECT COUNT() FROM Account LIMIT ${huge}`), undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['GET', soql(`SELECT Id FROM FlowInterview LIMIT ${huge}`), undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['GET', soql(`SELECT Id FROM Account OFFSET ${huge}`), undefined, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['POST', '/sobjects/Account', { Name: 'Big', NumberOfEmployees: 1e300 }, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['POST', '/sobjects/Account', { Name: 'Big', AnnualRevenue: -1e308 }, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', values: { Subject: 'x' }, version: 1e20 }, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
      ['POST', `/eddy/interviews/${running}/navigate`, { action: 'NEXT', values: { Subject: 'x' }, version: -1 }, 400, 'NUMBER_OUTSIDE_VALID_RANGE'],
    ]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('refuses JSON bodies that are not UTF-8 or hold text no database can store', async () => {
    const { s, token } = await start();
    const before = await snapshot(s);
    const latin1 = Buffer.from('{"Name":"Caf\xe9"}', 'latin1');
    for (const payload of [latin1, Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]), '{"Name":"a\\u0000b"}', '{"Name":"\\ud800"}', '{"\\udfff":1}']) {
      const response = await s.call(token, 'POST', '/sobjects/Account', payload, { 'content-type': 'application/json' });
      expect(response.statusCode, String(payload)).toBe(400);
      expect(response.json()[0], String(payload)).toMatchObject({ errorCode: 'JSON_PARSER_ERROR', message: expect.stringMatching(/UTF-8|U\+0000|lone surrogate/) });
    }
    expect((await s.call(token, 'POST', '/sobjects/Account', Buffer.from('{"Name":"Café ✓ 𝄞"}', 'utf8'), { 'content-type': 'application/json' })).statusCode).toBe(201);
    expect((await snapshot(s)).cases).toBe(before.cases);
  });

  it('answers malformed IDs with MALFORMED_ID and IDs of other objects with NOT_FOUND', async () => {
    const { s, token, flows } = await start();
    const account = (await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme' })).json().id as string;
    const before = await snapshot(s);
    await expectCases(s, token, [
      ['GET', '/sobjects/FlowInterview/0Fo-bad', undefined, 400, 'MALFORMED_ID'],
      ['DELETE', '/sobjects/FlowInterview/xyz', undefined, 400, 'MALFORMED_ID'],
      ['GET', '/sobjects/Flow/301', undefined, 400, 'MALFORMED_ID'],
      ['PATCH', '/sobjects/Flow/301XXXXXXXXXXXXXXX', { Status: 'Active' }, 400, 'MALFORMED_ID'],
      ['GET', '/eddy/interviews/nope/screen', undefined, 400, 'MALFORMED_ID'],
      ['POST', '/eddy/interviews/nope/navigate', { action: 'NEXT', version: 1 }, 400, 'MALFORMED_ID'],
      ['GET', `/sobjects/FlowInterview/${account}`, undefined, 404, 'NOT_FOUND'],
      ['GET', `/sobjects/Flow/${flows.screen.Id}`, undefined, 404, 'NOT_FOUND'],
      ['GET', `/eddy/interviews/${account}/screen`, undefined, 404, 'NOT_FOUND'],
      ['GET', '/eddy/interviews/0Fo000000000000AAA/screen', undefined, 404, 'NOT_FOUND'],
      ['GET', '/actions/custom/flow/No_Such_Flow', undefined, 404, 'NOT_FOUND'],
      ['POST', '/actions/custom/flow/No_Such_Flow', { inputs: [{}] }, 404, 'NOT_FOUND'],
    ]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('answers unknown versions and objects with NOT_FOUND', async () => {
    const { s, token } = await start();
    const before = await snapshot(s);
    await expectCases(s, token, [
      ['POST', '/services/data/v49.0/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request' } }, 404, 'NOT_FOUND'],
      ['GET', '/services/data/v99.0/sobjects/Flow', undefined, 404, 'NOT_FOUND'],
      ['GET', '/services/data/vlatest/eddy/interviews', undefined, 404, 'NOT_FOUND'],
      ['GET', '/sobjects/FlowInterviewz/describe', undefined, 404, 'NOT_FOUND'],
      ['POST', '/sobjects/Nope__c', { Name: 'x' }, 404, 'NOT_FOUND'],
      ['POST', '/sobjects/Flow', { Status: 'Active' }, 405, 'METHOD_NOT_ALLOWED'],
      ['PATCH', '/sobjects/FlowInterview/0Fo000000000000AAA', { Name: 'x' }, 405, 'METHOD_NOT_ALLOWED'],
    ]);
    expect(await snapshot(s)).toEqual(before);
  });

  it('refuses a huge body with 413 before starting anything', async () => {
    const { s, token } = await start({ bodyLimitBytes: 64 * 1024 });
    const before = await snapshot(s);
    const huge = { FlowDefinitionView: { ApiName: 'Demo_Support_Request' }, inputs: [{ name: 'recordId', value: 'x'.repeat(100_000) }] };
    await expectCases(s, token, [
      ['POST', '/sobjects/FlowInterview', huge, 413, 'REQUEST_ENTITY_TOO_LARGE'],
      ['POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: Array.from({ length: 5000 }, () => ({ amount: 1, customerTier: 'Gold' })) }, 413, 'REQUEST_ENTITY_TOO_LARGE'],
    ]);
    expect(await snapshot(s)).toEqual(before);
  });
});
