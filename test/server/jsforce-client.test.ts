/**
 * A real client against the real server: `startServer` listens on a free port over a temporary
 * SQLite database with the demo org, and jsforce 3 drives it — OAuth password login, identity,
 * query paging across API versions, retrieve, create, describe, the runtime API, Flow status
 * changes, invocable flows, token refresh, and each error mapping as jsforce reports it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../src/engine/protocol.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { DEMO_CLIENT_ID, DEMO_FLOWS } from '../../src/server/demo/demo-org.js';

const ADMIN_PASSWORD = 'jsforce-admin-password-1';
const CLIENT_SECRET = 'jsforce-client-secret-1';

interface JsforceError {
  readonly name: string;
  readonly errorCode?: string;
  readonly message: string;
  readonly data?: { readonly fields?: readonly string[] };
}

/** The error a promise rejects with (fails the test when it resolves). */
async function failure(promise: PromiseLike<unknown>): Promise<JsforceError> {
  try {
    await promise;
  } catch (error) {
    return error as JsforceError;
  }
  throw new Error('Expected the call to fail, and it succeeded.');
}

describe('jsforce against a running Eddy', () => {
  let server: RunningServer;
  let dir: string;
  let conn: jsforce.Connection;
  const oauth2 = (): { clientId: string; clientSecret: string; loginUrl: string } => ({ clientId: DEMO_CLIENT_ID, clientSecret: CLIENT_SECRET, loginUrl: server.url });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eddy-jsforce-'));
    server = await startServer({
      port: 0,
      host: '127.0.0.1',
      database: join(dir, 'eddy.db'),
      demo: true,
      env: { EDDY_ADMIN_PASSWORD: ADMIN_PASSWORD, EDDY_DEMO_CLIENT_SECRET: CLIENT_SECRET },
      print: () => undefined,
    });
    conn = new jsforce.Connection({ oauth2: oauth2(), version: '59.0' });
    await conn.login('admin@eddy.local', ADMIN_PASSWORD);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('logs in with the OAuth password grant and learns the org, the user and the instance', async () => {
    const admin = await server.storage.directory.getUserByUsername('admin@eddy.local');
    const org = await server.storage.settings.getOrganization();
    expect(conn.accessToken).toMatch(/^00D\w{15}![.\w]+$/);
    expect(conn.instanceUrl).toBe(server.url);
    expect(conn.userInfo).toMatchObject({ id: admin?.Id, organizationId: org.Id });
    const identity = await conn.identity();
    expect(identity).toMatchObject({ user_id: admin?.Id, organization_id: org.Id, username: 'admin@eddy.local' });
  });

  it('pages a query and fetches the next page under another API version', async () => {
    const admin = await server.storage.directory.getUserByUsername('admin@eddy.local');
    const accounts = Array.from({ length: 230 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Paged ${String(i).padStart(3, '0')}` })) as FlowRecord[];
    await server.storage.records.create(accounts, admin?.Id as string);
    const soql = "SELECT Id, Name FROM Account WHERE Name LIKE 'Paged%' ORDER BY Name";
    const first = await conn.query<{ Name: string }>(soql, { headers: { 'Sforce-Query-Options': 'batchSize=200' } });
    expect(first).toMatchObject({ totalSize: 230, done: false });
    expect(first.records).toHaveLength(200);
    expect(first.nextRecordsUrl).toMatch(/\/query\/01g[\w]+-200$/);
    const older = new jsforce.Connection({ instanceUrl: conn.instanceUrl, accessToken: conn.accessToken as string, version: '52.0' });
    const second = await older.queryMore<{ Name: string }>(first.nextRecordsUrl as string);
    expect(second.done).toBe(true);
    expect(second.records.map((r) => r.Name)).toEqual(accounts.slice(200).map((a) => a.Name));
    const all = await conn.query(soql).run({ autoFetch: true, maxFetch: 1000 });
    expect(all.records).toHaveLength(230);
    const none = await conn.query("SELECT Id FROM Account WHERE Name = 'Nobody'");
    expect(none).toMatchObject({ totalSize: 0, done: true, records: [] });
    expect(await conn.sobject('Account').count({ Name: { $like: 'Paged%' } })).toBe(230);
  });

  it('retrieves, creates, updates and deletes records, and describes objects', async () => {
    const created = await conn.sobject('Contact').create({ FirstName: 'Ada', LastName: 'Lovelace' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = (created as { id: string }).id;
    const read = (await conn.sobject('Contact').retrieve(id)) as unknown as Record<string, unknown>;
    expect(read).toMatchObject({ Id: id, Name: 'Ada Lovelace', attributes: { type: 'Contact' } });
    expect(await conn.sobject('Contact').update({ Id: id, Title: 'Countess' })).toMatchObject({ id, success: true });
    expect(await conn.sobject('Contact').destroy(id)).toMatchObject({ id, success: true });
    const global = await conn.describeGlobal();
    expect(global.sobjects.map((o) => o.name)).toEqual(expect.arrayContaining(['Account', 'Flow', 'FlowInterview']));
    const describe = await conn.sobject('FlowInterview').describe();
    expect(describe.fields.find((f) => f.name === 'OwnerId')).toMatchObject({ relationshipName: 'Owner', referenceTo: expect.arrayContaining(['User', 'Group']) });
    const users = await conn.sobject('User').find({ Username: 'admin@eddy.local' });
    expect(users).toHaveLength(1);
  });

  it('runs a screen flow: create the interview, read its screen through the runtime API, pause it, delete it', async () => {
    const created = (await conn.sobject('FlowInterview').create({ FlowDefinitionView: { ApiName: DEMO_FLOWS.screen } } as never)) as unknown as { id: string; success: boolean };
    expect(created.success).toBe(true);
    const screen = await conn.requestGet<{ awaiting: string; screen: { name: string; fields: { name: string }[] } }>(`/eddy/interviews/${created.id}/screen`);
    expect(screen.awaiting).toBe('screen');
    expect(screen.screen.name).toBe('Describe_Problem');
    const paused = await conn.requestPost<{ awaiting: string; interview: { PauseLabel: string } }>(`/eddy/interviews/${created.id}/navigate`, { action: 'PAUSE', values: { Subject: 'Later' }, pauseReason: 'Coffee', screen: 'Describe_Problem' });
    expect(paused).toMatchObject({ awaiting: 'paused', interview: { PauseLabel: 'Coffee' } });
    const record = (await conn.sobject('FlowInterview').retrieve(created.id)) as unknown as Record<string, unknown>;
    expect(record).toMatchObject({ InterviewStatus: 'Paused', HasFinished: false, CurrentElement: 'Describe_Problem' });
    const listed = await conn.query<{ Id: string }>(`SELECT Id, PauseLabel, Owner.Name FROM FlowInterview WHERE Id = '${created.id}'`);
    expect(listed.records).toEqual([expect.objectContaining({ Id: created.id, PauseLabel: 'Coffee', Owner: expect.objectContaining({ Name: 'Eddy Admin' }) })]);
    expect(await conn.sobject('FlowInterview').destroy(created.id)).toMatchObject({ id: created.id, success: true });
    expect((await failure(conn.sobject('FlowInterview').retrieve(created.id))).name).toBe('NOT_FOUND');
  });

  it('patches a Flow version’s status and lists flows with ?q=', async () => {
    const flows = await conn.requestGet<{ records: { Id: string; ApiName: string; Status: string }[] }>('/sobjects/Flow?q=Discount');
    const version = flows.records.find((r) => r.ApiName === DEMO_FLOWS.autolaunched);
    expect(version?.Status).toBe('Active');
    expect(await conn.sobject('Flow').update({ Id: version?.Id as string, Status: 'Obsolete' })).toMatchObject({ success: true });
    expect(((await conn.sobject('Flow').retrieve(version?.Id as string)) as unknown as { Status: string }).Status).toBe('Obsolete');
    expect(await conn.sobject('Flow').update({ Id: version?.Id as string, Status: 'Active' })).toMatchObject({ success: true });
    const tooling = await conn.tooling.query<{ Status: string }>(`SELECT Id, Status FROM Flow WHERE Id = '${version?.Id}'`);
    expect(tooling.records[0]?.Status).toBe('Active');
  });

  it('invokes an autolaunched flow with two inputs', async () => {
    const actions = await conn.requestGet<{ actions: { name: string }[] }>('/actions/custom/flow');
    expect(actions.actions.map((a) => a.name)).toContain(DEMO_FLOWS.autolaunched);
    const results = await conn.requestPost<{ isSuccess: boolean; outputValues: Record<string, unknown> }[]>(`/actions/custom/flow/${DEMO_FLOWS.autolaunched}`, {
      inputs: [
        { amount: 100, customerTier: 'Gold' },
        { amount: 100, customerTier: 'Silver' },
      ],
    });
    expect(results.map((r) => [r.isSuccess, r.outputValues.finalAmount, r.outputValues.Flow__InterviewStatus])).toEqual([
      [true, 80, 'Finished'],
      [true, 90, 'Finished'],
    ]);
  });

  it('refreshes a revoked access token with the refresh token and retries the call', async () => {
    const tokens = await new jsforce.OAuth2(oauth2()).authenticate('admin@eddy.local', ADMIN_PASSWORD);
    expect(tokens.refresh_token).toMatch(/^5Aep861/);
    const refreshing = new jsforce.Connection({ oauth2: oauth2(), instanceUrl: tokens.instance_url, accessToken: tokens.access_token, refreshToken: tokens.refresh_token, version: '60.0' });
    let refreshed = 0;
    refreshing.on('refresh', () => {
      refreshed += 1;
    });
    const revoke = await fetch(`${server.url}/services/oauth2/revoke`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `token=${encodeURIComponent(tokens.access_token)}` });
    expect(revoke.status).toBe(200);
    const result = await refreshing.query('SELECT Id FROM Account LIMIT 1');
    expect(result.records).toHaveLength(1);
    expect(refreshed).toBe(1);
    expect(refreshing.accessToken).not.toBe(tokens.access_token);
  });

  it('maps every error to the name jsforce callers check', async () => {
    const missing = await failure(conn.sobject('Account').retrieve('001000000000000AAA'));
    expect(missing).toMatchObject({ name: 'NOT_FOUND', errorCode: 'NOT_FOUND' });
    expect((await failure(conn.query('SELEKT Id FROM Account'))).name).toBe('MALFORMED_QUERY');
    const field = await failure(conn.sobject('Account').create({ Name: 'X', Bogus__c: 1 }));
    expect(field).toMatchObject({ name: 'INVALID_FIELD' });
    expect(field.data?.fields).toEqual(['Bogus__c']);
    expect((await failure(conn.query('SELECT Id FROM Nothing__c'))).name).toBe('INVALID_TYPE');
    expect((await failure(conn.sobject('Account').retrieve('not-an-id'))).name).toBe('MALFORMED_ID');
    expect((await failure(conn.requestGet('/sobjects/Nope__c/describe'))).name).toBe('NOT_FOUND');
    expect((await failure(conn.requestPut('/sobjects', {}))).name).toBe('METHOD_NOT_ALLOWED');
    const parse = await failure(conn.request({ method: 'POST', url: '/sobjects/Account', body: '{"Name":', headers: { 'content-type': 'application/json' } }));
    expect(parse.name).toBe('JSON_PARSER_ERROR');
    const version = new jsforce.Connection({ instanceUrl: conn.instanceUrl, accessToken: conn.accessToken as string, version: '49.0' });
    expect((await failure(version.query('SELECT Id FROM Account'))).name).toBe('NOT_FOUND');

    const bad = new jsforce.Connection({ instanceUrl: conn.instanceUrl, accessToken: '00D000000000000AAA!AQ.not.a.token', version: '59.0' });
    expect((await failure(bad.query('SELECT Id FROM Account'))).name).toBe('INVALID_SESSION_ID');

    const wrongPassword = new jsforce.Connection({ oauth2: oauth2() });
    const login = await failure(wrongPassword.login('admin@eddy.local', 'wrong password'));
    expect(login).toMatchObject({ name: 'invalid_grant', message: 'authentication failure' });

    const systemId = (await server.storage.settings.getOrganization()).automatedProcessUserId;
    const plain = await server.storage.directory.createUser({ Username: 'plain@eddy.local', Email: 'plain@eddy.local', LastName: 'Plain' }, systemId);
    await server.app.oauth.setPassword(plain.Id, 'plain password 1');
    const plainConn = new jsforce.Connection({ oauth2: oauth2(), version: '59.0' });
    await plainConn.login('plain@eddy.local', 'plain password 1');
    const denied = await failure(plainConn.requestPost(`/actions/custom/flow/${DEMO_FLOWS.autolaunched}`, { inputs: [{}] }));
    expect(denied.name).toBe('INSUFFICIENT_ACCESS');
    // A permission failure is a 403, so jsforce does not refresh and retry (a 401 would loop).
    expect(plainConn.accessToken).toMatch(/^00D/);
  });

  it('answers JSON with a JSON content type and 4xx (never 5xx) for permanent failures on GET', async () => {
    const headers = { authorization: `Bearer ${conn.accessToken}` };
    const ok = await fetch(`${server.url}/services/data/v59.0/sobjects`, { headers });
    expect(ok.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    for (const path of ['/services/data/v59.0/sobjects/Account/001000000000000AAA', '/services/data/v59.0/query?q=SELEKT', '/services/data/v59.0/query/01gNOPE-2000', '/services/data/v59.0/sobjects/Flow/301000000000000AAA']) {
      const response = await fetch(`${server.url}${path}`, { headers });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(response.headers.get('content-type')).toBe('application/json;charset=UTF-8');
    }
    const slashes = await fetch(`${server.url}//services/data/v59.0//sobjects`, { headers: { ...headers, 'content-type': 'application/json' } });
    expect(slashes.status).toBe(200);
  });
});
