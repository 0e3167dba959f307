/**
 * Access over HTTP: a table of users × operations × expected status. FlowInterview sharing is
 * Private by default; the interviews operated on belong to `runner`. Permission failures are
 * 403, records the caller may not see are 404 (nothing revealed), never 401.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { UserRecord } from '../../src/runtime/ports/index.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';
import { deployTestFlows, type TestFlows } from './support/test-flows.js';

const USERS = ['noPerms', 'runner', 'runner2', 'manager', 'viewAll', 'enabled', 'admin'] as const;
type UserName = (typeof USERS)[number];

/** What an operation needs: the caller's token, the flows, and fresh interviews of `runner`. */
interface Cell {
  readonly s: TestServer;
  readonly token: string;
  readonly flows: TestFlows;
  /** A new running screen interview owned by runner. */
  running(): Promise<string>;
  /** A new paused screen interview owned by runner. */
  paused(): Promise<string>;
}

type Operation = (cell: Cell) => Promise<LightMyRequestResponse>;

const OPERATIONS: Record<string, Operation> = {
  'list flows': ({ s, token }) => s.call(token, 'GET', '/sobjects/Flow'),
  'get a restricted flow': ({ s, token, flows }) => s.call(token, 'GET', `/sobjects/Flow/${flows.restricted.ActiveVersionId}`),
  'activate a flow': ({ s, token, flows }) => s.call(token, 'PATCH', `/sobjects/Flow/${flows.autolaunched.ActiveVersionId}`, { Status: 'Active' }),
  'start a screen flow': ({ s, token }) => s.call(token, 'POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request' } }),
  'start a restricted flow': ({ s, token }) => s.call(token, 'POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Restricted_Discount' }, inputs: [{ name: 'amount', value: 1 }] }),
  "read runner's interview": async ({ s, token, running }) => s.call(token, 'GET', `/sobjects/FlowInterview/${await running()}`),
  "delete runner's interview": async ({ s, token, running }) => s.call(token, 'DELETE', `/sobjects/FlowInterview/${await running()}`),
  "read runner's screen": async ({ s, token, running }) => s.call(token, 'GET', `/eddy/interviews/${await running()}/screen`),
  "navigate runner's interview": async ({ s, token, running }) => s.call(token, 'POST', `/eddy/interviews/${await running()}/navigate`, { action: 'NEXT', values: {}, screen: 'Describe_Problem' }),
  "resume runner's paused interview": async ({ s, token, paused }) => s.call(token, 'POST', `/eddy/interviews/${await paused()}/resume`),
  'list invocable flows': ({ s, token }) => s.call(token, 'GET', '/actions/custom/flow'),
  'invoke a flow': ({ s, token }) => s.call(token, 'POST', '/actions/custom/flow/Demo_Discount_Calculator', { inputs: [{ amount: 1 }] }),
  'invoke a restricted flow': ({ s, token }) => s.call(token, 'POST', '/actions/custom/flow/Restricted_Discount', { inputs: [{ amount: 1 }] }),
  'publish a platform event': ({ s, token }) => s.call(token, 'POST', '/sobjects/Order_Shipped__e', { Order_Number__c: 'none' }),
  'query interviews': ({ s, token }) => s.call(token, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM FlowInterview')}`),
  'create an Account': ({ s, token }) => s.call(token, 'POST', '/sobjects/Account', { Name: 'Access test' }),
};

// prettier-ignore
const TABLE: readonly (readonly [string, ...number[]])[] = [
  //                                    noPerms runner runner2 manager viewAll enabled admin
  ['list flows',                          403,   200,   200,    200,    200,    200,   200],
  ['get a restricted flow',               403,   404,   404,    200,    404,    200,   200],
  ['activate a flow',                     403,   403,   403,    204,    403,    403,   204],
  ['start a screen flow',                 403,   201,   201,    201,    201,    201,   201],
  ['start a restricted flow',             400,   400,   400,    201,    400,    201,   201],
  // Manage Flow reads every interview; owners and Manage Flow users delete (docs/interview-access.md).
  ["read runner's interview",             404,   200,   404,    200,    200,    404,   200],
  ["delete runner's interview",           404,   204,   404,    204,    403,    404,   204],
  ["read runner's screen",                404,   200,   404,    200,    200,    404,   200],
  // View All Data gives read access only: resuming or submitting another user's screen needs edit
  // access, or Manage Flow.
  ["navigate runner's interview",         404,   200,   404,    200,    403,    404,   200],
  ["resume runner's paused interview",    404,   200,   404,    200,    403,    404,   200],
  ['list invocable flows',                403,   200,   200,    200,    200,    200,   200],
  ['invoke a flow',                       403,   200,   200,    200,    200,    200,   200],
  ['invoke a restricted flow',            403,   404,   404,    200,    404,    200,   200],
  ['publish a platform event',            403,   201,   201,    201,    201,    201,   201],
  ['query interviews',                    200,   200,   200,    200,    200,    200,   200],
  ['create an Account',                   201,   201,   201,    201,    201,    201,   201],
];

forEachDatabase('access table', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  const setUp = async () => {
    const s = await createTestServer(ctx.db(), ctx.clock());
    server = s;
    const flows = await deployTestFlows(s.db, s.systemId);
    const users: Record<UserName, UserRecord> = {
      noPerms: await s.createUser('noperms'),
      runner: await s.createUser('runner', { runFlows: true }),
      runner2: await s.createUser('runner2', { runFlows: true }),
      manager: await s.createUser('manager', { runFlows: true, manageFlow: true }),
      viewAll: await s.createUser('viewall', { runFlows: true, viewAllData: true }),
      enabled: await s.createUser('enabled', { runFlows: true }),
      admin: s.admin,
    };
    const enabling = await s.db.directory.createPermissionSet({ Name: 'Restricted_Discount_Access', PermissionsRunFlow: true }, s.systemId);
    await s.db.directory.assignPermissionSet(users.enabled.Id, enabling.Id);
    await s.db.directory.enableFlowAccess(enabling.Id, flows.restricted.Id);
    const tokens = {} as Record<UserName, string>;
    for (const name of USERS) tokens[name] = await s.tokenFor(users[name]);
    const running = async (): Promise<string> => {
      const response = await s.call(tokens.runner, 'POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request' } });
      return (response.json() as { id: string }).id;
    };
    const paused = async (): Promise<string> => {
      const id = await running();
      const response = await s.call(tokens.runner, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'PAUSE', values: {}, pauseReason: 'later', screen: 'Describe_Problem' });
      expect(response.statusCode).toBe(200);
      return id;
    };
    return { s, flows, users, tokens, running, paused };
  };

  it('gives every user exactly the access the table says, operation by operation', async () => {
    const { s, flows, tokens, running, paused } = await setUp();
    const actual: (readonly [string, ...number[]])[] = [];
    for (const [operation] of TABLE) {
      const run = OPERATIONS[operation];
      if (!run) throw new Error(`No operation "${operation}"`);
      const statuses: number[] = [];
      for (const user of USERS) {
        const response = await run({ s, token: tokens[user], flows, running, paused });
        statuses.push(response.statusCode);
        if (response.statusCode >= 400) expect(response.json()[0], `${operation} as ${user}`).toMatchObject({ errorCode: expect.any(String), message: expect.any(String) });
      }
      actual.push([operation, ...statuses]);
    }
    expect(actual).toEqual(TABLE);
  });

  it('shows each user only the interviews sharing lets them read, in queries and lists', async () => {
    const { s, tokens, running } = await setUp();
    const id = await running();
    const visible = async (user: UserName): Promise<boolean> => {
      const response = await s.call(tokens[user], 'GET', `/query?q=${encodeURIComponent(`SELECT Id FROM FlowInterview WHERE Id = '${id}'`)}`);
      return (response.json() as { totalSize: number }).totalSize === 1;
    };
    const seen: Record<string, boolean> = {};
    for (const user of USERS) seen[user] = await visible(user);
    expect(seen).toEqual({ noPerms: false, runner: true, runner2: false, manager: true, viewAll: true, enabled: false, admin: true });
    const list = (await s.call(tokens.runner2, 'GET', '/eddy/interviews?scope=all')).json();
    expect(list[0].errorCode).toBe('INSUFFICIENT_ACCESS');
  });

  it('lets a user resume an interview shared with Edit only while "Let users resume shared flow interviews" is on', async () => {
    const { s, users, tokens, paused } = await setUp();
    const id = await paused();
    await s.db.interviews.share(id, users.runner2.Id, 'Edit', users.runner.Id);
    await s.db.settings.updateOrganization({ resumeSharedInterviews: false }, s.systemId);
    expect((await s.call(tokens.runner2, 'GET', `/sobjects/FlowInterview/${id}`)).statusCode).toBe(200);
    const refused = await s.call(tokens.runner2, 'POST', `/eddy/interviews/${id}/resume`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()[0].errorCode).toBe('INSUFFICIENT_ACCESS');
    await s.db.settings.updateOrganization({ resumeSharedInterviews: true }, s.systemId);
    const resumed = await s.call(tokens.runner2, 'POST', `/eddy/interviews/${id}/resume`);
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().awaiting).toBe('screen');
  });
});
