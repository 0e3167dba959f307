/** The web UI's cookie session: sign-in, the cookie as API credentials, CSRF, sign-out. */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildServer, parseTrustProxy, type TrustProxy } from '../../src/server/app.js';
import { CSRF_COOKIE, csrfTokenFor, parseCookies, serializeCookie, SESSION_COOKIE } from '../../src/server/web/web-session.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, PASSWORD, TEST_HASHER, V, type TestServer } from '../server/support/test-server.js';

function setCookies(response: LightMyRequestResponse): Map<string, string> {
  const header = response.headers['set-cookie'];
  const lines = Array.isArray(header) ? header : header === undefined ? [] : [header];
  return new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
}

function cookieValue(line: string | undefined): string {
  if (line === undefined) throw new Error('no such cookie');
  return decodeURIComponent(line.slice(line.indexOf('=') + 1, line.indexOf(';')));
}

it('reads the trust-proxy setting: off, everyone, a hop count, or proxy addresses', () => {
  expect([undefined, '', 'false', 'off', '0'].map(parseTrustProxy)).toEqual([false, false, false, false, false]);
  expect(['true', 'on', '2', '127.0.0.1, 10.0.0.0/8', '::1'].map(parseTrustProxy)).toEqual([true, true, 2, '127.0.0.1, 10.0.0.0/8', '::1']);
  expect(() => parseTrustProxy('proxy.example.com')).toThrow(/Invalid trust-proxy value/);
});

it('parses and writes cookies', () => {
  expect(parseCookies('a=1; eddy_session=x%21y; a=2; broken; b="q"')).toEqual(new Map([['a', '1'], ['eddy_session', 'x!y'], ['b', 'q']]));
  expect(serializeCookie('eddy_session', 'x!y', { httpOnly: true, secure: true, maxAgeSeconds: 60 })).toBe('eddy_session=x!y; Path=/; SameSite=Lax; Max-Age=60; HttpOnly; Secure');
  expect(serializeCookie('eddy_csrf', '', { httpOnly: false, secure: false, maxAgeSeconds: 0 })).toBe('eddy_csrf=; Path=/; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
});

forEachDatabase('web session', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  const signIn = (s: TestServer, username: string, password = PASSWORD, headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'POST', url: '/web/session', headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ username, password }) });

  const session = async (s: TestServer, username: string): Promise<{ cookie: string; csrf: string; token: string }> => {
    const response = await signIn(s, username);
    expect(response.statusCode).toBe(200);
    const token = cookieValue(setCookies(response).get(SESSION_COOKIE));
    return { cookie: `${SESSION_COOKIE}=${encodeURIComponent(token)}`, csrf: (response.json() as { csrfToken: string }).csrfToken, token };
  };

  it('signs in with a password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    const response = await signIn(server, user.Username);
    expect(response.statusCode).toBe(200);
    const cookies = setCookies(response);
    expect(cookies.get(SESSION_COOKIE)).toMatch(/; Path=\/; SameSite=Lax; Max-Age=7200; HttpOnly$/);
    expect(cookies.get(CSRF_COOKIE)).not.toMatch(/HttpOnly/);
    const body = response.json() as { user: { id: string; username: string; permissions: Record<string, boolean> }; csrfToken: string };
    expect(body.user).toMatchObject({ id: user.Id, username: user.Username, permissions: { runFlows: true, manageFlow: false } });
    expect(body.csrfToken).toBe(csrfTokenFor(cookieValue(cookies.get(SESSION_COOKIE))));
    expect(cookieValue(cookies.get(CSRF_COOKIE))).toBe(body.csrfToken);
  });

  it('marks the cookies Secure over https', async () => {
    server = await createTestServer(ctx.db(), ctx.clock(), { trustProxy: true });
    const user = await server.createUser('ada', { runFlows: true });
    const response = await signIn(server, user.Username, PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(setCookies(response).get(SESSION_COOKIE)).toMatch(/; HttpOnly; Secure$/);
  });

  it('marks the cookies Secure when the public URL is https, whatever the proxy says', async () => {
    server = await createTestServer(ctx.db(), ctx.clock(), { publicUrl: 'https://flows.example.com' });
    const user = await server.createUser('ada', { runFlows: true });
    for (const headers of [{}, { 'x-forwarded-proto': 'https' }, { 'x-forwarded-proto': 'http' }] as Record<string, string>[]) {
      const response = await signIn(server, user.Username, PASSWORD, headers);
      expect(setCookies(response).get(SESSION_COOKIE), JSON.stringify(headers)).toMatch(/; HttpOnly; Secure$/);
      expect(setCookies(response).get(CSRF_COOKIE), JSON.stringify(headers)).toMatch(/; Secure$/);
    }
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    const cases: readonly [trustProxy: TrustProxy, secure: boolean][] = [[false, false], [true, true], [1, true], ['127.0.0.1', true], ['10.0.0.0/8', false]];
    for (const [trustProxy, secure] of cases) {
      const app = buildServer({ storage: ctx.db(), clock: ctx.clock(), passwordHasher: TEST_HASHER, trustProxy });
      try {
        // app.inject() comes from 127.0.0.1.
        const response = await app.inject({ method: 'POST', url: '/web/session', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, payload: JSON.stringify({ username: user.Username, password: PASSWORD }) });
        expect(response.statusCode).toBe(200);
        expect(setCookies(response).get(SESSION_COOKIE)?.endsWith('; Secure'), `trustProxy ${String(trustProxy)}`).toBe(secure);
      } finally {
        await app.close();
      }
    }
  });

  it('refuses a wrong password without saying which part was wrong, and sets no cookie', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    for (const [username, password] of [[user.Username, 'wrong'], ['nobody@example.com', PASSWORD]] as const) {
      const response = await signIn(server, username, password);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual([{ message: 'The username or password is not correct.', errorCode: 'INVALID_LOGIN', fields: [] }]);
      expect(response.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a sign-in posted as a form or from another origin (login CSRF)', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    const asText = await server.app.inject({ method: 'POST', url: '/web/session', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ username: user.Username, password: PASSWORD }) });
    expect(asText.statusCode).toBeGreaterThanOrEqual(400);
    expect(asText.headers['set-cookie']).toBeUndefined();
    const crossOrigin = await signIn(server, user.Username, PASSWORD, { origin: 'https://evil.example' });
    expect(crossOrigin.statusCode).toBe(403);
    expect(crossOrigin.json()).toMatchObject([{ errorCode: 'INSUFFICIENT_ACCESS' }]);
  });

  it('authenticates API reads with the cookie and reports the session', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    const { cookie, csrf } = await session(server, user.Username);
    const resources = await server.app.inject({ method: 'GET', url: `/services/data/${V}`, headers: { cookie } });
    expect(resources.statusCode).toBe(200);
    const current = await server.app.inject({ method: 'GET', url: '/web/session', headers: { cookie } });
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ user: { id: user.Id }, csrfToken: csrf });
    const anonymous = await server.app.inject({ method: 'GET', url: '/web/session' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('requires the CSRF token on state-changing requests the cookie authenticates', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true, manageFlow: true });
    const { cookie, csrf } = await session(server, user.Username);
    const url = `/services/data/${V}/sobjects/Account`;
    const payload = JSON.stringify({ Name: 'Acme' });
    const without = await server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject([{ errorCode: 'INSUFFICIENT_ACCESS' }]);
    const forged = await server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfTokenFor('another session') }, payload });
    expect(forged.statusCode).toBe(403);
    const crossOrigin = await server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf, origin: 'https://evil.example' }, payload });
    expect(crossOrigin.statusCode).toBe(403);
    const count = await server.db.records.query({ object: 'Account', filters: [] });
    expect(count).toHaveLength(0);
    const withToken = await server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf, origin: 'http://localhost:80' }, payload });
    expect(withToken.statusCode).not.toBe(403);
    expect(withToken.statusCode).not.toBe(401);
  });

  it('signs out: the token is revoked and the cookies cleared', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    const { cookie, csrf } = await session(server, user.Username);
    const withoutCsrf = await server.app.inject({ method: 'DELETE', url: '/web/session', headers: { cookie } });
    expect(withoutCsrf.statusCode).toBe(403);
    const out = await server.app.inject({ method: 'DELETE', url: '/web/session', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.statusCode).toBe(204);
    expect(setCookies(out).get(SESSION_COOKIE)).toMatch(/^eddy_session=; .*Max-Age=0/);
    const after = await server.app.inject({ method: 'GET', url: `/services/data/${V}`, headers: { cookie } });
    expect(after.statusCode).toBe(401);
  });

  it('ends the session when its token expires', async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const user = await server.createUser('ada', { runFlows: true });
    const { cookie } = await session(server, user.Username);
    server.clock.advance(2 * 60 * 60 * 1000 + 1000);
    const after = await server.app.inject({ method: 'GET', url: '/web/session', headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(setCookies(after).get(SESSION_COOKIE)).toMatch(/Max-Age=0/);
  });
});
