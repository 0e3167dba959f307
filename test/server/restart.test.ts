/**
 * Restarting `eddy serve --demo` on the same database with the same environment ends no session:
 * every user's access and refresh tokens, the client_credentials token and the web UI's session
 * cookie still work on the new server. A changed password still revokes that user's tokens.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { startServer } from '../../src/server/main.js';
import { buildServer } from '../../src/server/app.js';
import { DEMO_CLIENT_ID, DEMO_USERS, seedDemoOrg } from '../../src/server/demo/demo-org.js';
import { SESSION_COOKIE } from '../../src/server/web/web-session.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { form, TEST_HASHER } from './support/test-server.js';

const ENV = { EDDY_ADMIN_PASSWORD: 'restart-test-password-1', EDDY_DEMO_CLIENT_SECRET: 'restart-test-secret-1' };
const ADMIN = 'admin@eddy.local';

/** One start of the server: the app over `db`, with the demo seeded (or found) as `serve --demo` does. */
async function startDemo(db: EddyDatabase, clock: { now(): Date }, env: Record<string, string>): Promise<FastifyInstance> {
  const app = buildServer({ storage: db, clock, passwordHasher: TEST_HASHER });
  await app.ready();
  await seedDemoOrg(db, app.oauth, env);
  return app;
}

function token(app: FastifyInstance, fields: Record<string, string>) {
  return app.inject({ method: 'POST', url: '/services/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(fields) });
}

interface Credentials {
  readonly accessTokens: Record<string, string>;
  readonly refreshTokens: Record<string, string>;
  readonly sessionCookie: string;
}

/** Every kind of credential: a password-grant token (and refresh token) per demo user, a client_credentials token, a web session. */
async function signInEveryone(app: FastifyInstance): Promise<Credentials> {
  const accessTokens: Record<string, string> = {};
  const refreshTokens: Record<string, string> = {};
  for (const username of [ADMIN, DEMO_USERS.manager, DEMO_USERS.agent]) {
    const response = await token(app, { grant_type: 'password', client_id: DEMO_CLIENT_ID, client_secret: ENV.EDDY_DEMO_CLIENT_SECRET, username, password: ENV.EDDY_ADMIN_PASSWORD });
    expect(response.statusCode, response.body).toBe(200);
    accessTokens[username] = response.json().access_token as string;
    refreshTokens[username] = response.json().refresh_token as string;
    expect(refreshTokens[username]).toEqual(expect.any(String));
  }
  const machine = await token(app, { grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: ENV.EDDY_DEMO_CLIENT_SECRET });
  expect(machine.statusCode, machine.body).toBe(200);
  accessTokens.client_credentials = machine.json().access_token as string;
  const web = await app.inject({ method: 'POST', url: '/web/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: DEMO_USERS.agent, password: ENV.EDDY_ADMIN_PASSWORD }) });
  expect(web.statusCode, web.body).toBe(200);
  const setCookie = ([] as string[]).concat(web.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${SESSION_COOKIE}=`)) ?? '';
  return { accessTokens, refreshTokens, sessionCookie: setCookie.slice(0, setCookie.indexOf(';')) };
}

/** Which credentials `app` still accepts. */
async function stillWorking(app: FastifyInstance, credentials: Credentials): Promise<Record<string, boolean>> {
  const working: Record<string, boolean> = {};
  for (const [who, access] of Object.entries(credentials.accessTokens)) {
    const response = await app.inject({ method: 'GET', url: '/services/data/v60.0/sobjects/Account/describe', headers: { authorization: `Bearer ${access}` } });
    working[`access token of ${who}`] = response.statusCode === 200;
  }
  for (const [who, refresh] of Object.entries(credentials.refreshTokens)) {
    const response = await token(app, { grant_type: 'refresh_token', client_id: DEMO_CLIENT_ID, client_secret: ENV.EDDY_DEMO_CLIENT_SECRET, refresh_token: refresh });
    working[`refresh token of ${who}`] = response.statusCode === 200;
  }
  const session = await app.inject({ method: 'GET', url: '/web/session', headers: { cookie: credentials.sessionCookie } });
  working['web session'] = session.statusCode === 200;
  return working;
}

forEachDatabase('restarting the demo server', (ctx) => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
  });

  it('keeps every token and session working when the server restarts with the same environment', async () => {
    const first = await startDemo(ctx.db(), ctx.clock(), ENV);
    apps.push(first);
    const credentials = await signInEveryone(first);
    const everything = Object.fromEntries(Object.keys(await stillWorking(first, credentials)).map((key) => [key, true]));
    expect(await stillWorking(first, credentials)).toEqual(everything);
    await first.close();
    apps.length = 0;

    // A new process on the same database, started the same way.
    const second = await startDemo(await ctx.openAnother(), ctx.clock(), ENV);
    apps.push(second);
    expect(await stillWorking(second, credentials)).toEqual(everything);
    // And again: restarts do not add up to a logout either.
    const third = await startDemo(await ctx.openAnother(), ctx.clock(), ENV);
    apps.push(third);
    expect(await stillWorking(third, credentials)).toEqual(everything);
  });

  it("revokes the admin's tokens (only theirs) when the restart sets a different password", async () => {
    const first = await startDemo(ctx.db(), ctx.clock(), ENV);
    apps.push(first);
    const credentials = await signInEveryone(first);
    const second = await startDemo(await ctx.openAnother(), ctx.clock(), { ...ENV, EDDY_ADMIN_PASSWORD: 'a-new-password-2' });
    apps.push(second);
    const working = await stillWorking(second, credentials);
    expect(working).toMatchObject({ [`access token of ${ADMIN}`]: false, [`refresh token of ${ADMIN}`]: false, [`access token of ${DEMO_USERS.manager}`]: true, 'web session': true });
  });
});

it('restarts `serve --demo` (the composition root) without logging anyone out, behind a trusted proxy', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-restart-'));
  const env = { ...ENV, EDDY_TRUST_PROXY: 'true' };
  const start = () => startServer({ port: 0, database: join(dir, 'eddy.db'), demo: true, env, print: () => undefined });
  try {
    const first = await start();
    const grant = await fetch(`${first.url}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ grant_type: 'password', client_id: DEMO_CLIENT_ID, client_secret: ENV.EDDY_DEMO_CLIENT_SECRET, username: ADMIN, password: ENV.EDDY_ADMIN_PASSWORD }),
    });
    const { access_token: accessToken } = (await grant.json()) as { access_token: string };
    await first.close();
    const second = await start();
    try {
      const describe = await fetch(`${second.url}/services/data/v60.0/sobjects/Account/describe`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(describe.status).toBe(200);
      // EDDY_TRUST_PROXY reaches the server: the proxy's https makes the session cookie Secure.
      const web = await fetch(`${second.url}/web/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ username: ADMIN, password: ENV.EDDY_ADMIN_PASSWORD }),
      });
      expect(web.status).toBe(200);
      expect(web.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`))).toMatch(/; Secure$/);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
