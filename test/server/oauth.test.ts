/** OAuth 2.0 at /services/oauth2, identity endpoints and bearer authentication. */
import { createHmac } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { TokenResponse } from '../../src/runtime/identity/oauth-service.js';
import { hashToken } from '../../src/runtime/identity/token-service.js';
import { forEachDatabase } from '../support/databases.js';
import { CLIENT_ID, CLIENT_SECRET, createTestServer, form, PASSWORD, type TestServer } from './support/test-server.js';

const HOUR_MS = 60 * 60 * 1000;

forEachDatabase('OAuth and identity', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (options = {}): Promise<TestServer> => {
    server = await createTestServer(ctx.db(), ctx.clock(), options);
    return server;
  };
  const tokenRequest = (s: TestServer, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'POST', url: '/services/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, payload: form(fields) });

  it('issues a Salesforce-shaped token for the password grant', async () => {
    const s = await start();
    const response = await s.login(s.admin.Username);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json;charset=UTF-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as TokenResponse;
    expect(body.access_token).toMatch(/^00D\w{15}![.\w]+$/);
    expect(body.access_token).toMatch(/(00D\w{12,15})![.\w]*/);
    expect(body.access_token.startsWith(`${s.orgId}!`)).toBe(true);
    expect(body.refresh_token).toMatch(/^5Aep861[.\w]+$/);
    expect(body.token_type).toBe('Bearer');
    expect(body.instance_url).toBe('http://localhost:80');
    expect(body.id).toBe(`${body.instance_url}/id/${s.orgId}/${s.admin.Id}`);
    expect(body.issued_at).toBe(String(s.clock.now().getTime()));
    expect(body.scope).toBe('api refresh_token');
    const expected = createHmac('sha256', CLIENT_SECRET).update(body.id + body.issued_at).digest('base64');
    expect(body.signature).toBe(expected);
  });

  it('stores tokens only as SHA-256 hashes and passwords as argon2id', async () => {
    const s = await start();
    const body = (await s.login(s.admin.Username)).json() as TokenResponse;
    const { rows } = await sql<{ token_hash: string; kind: string }>`select token_hash, kind from oauth_tokens`.execute(s.db.db);
    expect(rows.map((r) => r.token_hash).sort()).toEqual([hashToken(body.access_token), hashToken(body.refresh_token as string)].sort());
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(body.access_token);
    const hash = await s.db.directory.getPasswordHash(s.admin.Id);
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(hash).not.toContain(PASSWORD);
  });

  it('refuses a wrong password, an unknown user and an inactive user alike with invalid_grant', async () => {
    const s = await start();
    const inactive = await s.createUser('gone', { runFlows: true, active: false });
    for (const [username, password] of [[s.admin.Username, 'wrong'], ['nobody@example.com', PASSWORD], [inactive.Username, PASSWORD], [s.admin.Username, '']]) {
      const response = await s.login(username as string, password as string);
      expect(response.statusCode, `${username}`).toBe(400);
      expect(response.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure' });
    }
  });

  it('refuses an unknown client id and a wrong client secret', async () => {
    const s = await start();
    const unknown = await s.login(s.admin.Username, PASSWORD, { client_id: 'nope' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toEqual({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
    const badSecret = await s.login(s.admin.Username, PASSWORD, { client_secret: 'wrong' });
    expect(badSecret.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const noSecret = await tokenRequest(s, { grant_type: 'password', username: s.admin.Username, password: PASSWORD, client_id: CLIENT_ID });
    expect(noSecret.json().error).toBe('invalid_client');
  });

  it('accepts client credentials as HTTP Basic authentication', async () => {
    const s = await start();
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const response = await tokenRequest(s, { grant_type: 'password', username: s.admin.Username, password: PASSWORD }, { authorization: `Basic ${basic}` });
    expect(response.statusCode).toBe(200);
  });

  it('refuses an unknown or missing grant type', async () => {
    const s = await start();
    for (const grant of ['authorization_code_x', '']) {
      const response = await tokenRequest(s, { grant_type: grant, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('unsupported_grant_type');
    }
  });

  it('accepts the password followed by the user’s security token', async () => {
    const s = await start();
    const token = await s.app.oauth.resetSecurityToken(s.admin.Id);
    expect(token).toHaveLength(24);
    expect((await s.login(s.admin.Username, PASSWORD + token)).statusCode).toBe(200);
    expect((await s.login(s.admin.Username, PASSWORD)).statusCode).toBe(200);
    const wrong = `${token[0] === 'x' ? 'y' : 'x'}${token.slice(1)}`;
    expect((await s.login(s.admin.Username, `${PASSWORD}${wrong}`)).statusCode).toBe(400);
  });

  it('authenticates REST calls with the access token until it expires after two hours', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    expect((await s.call(token, 'GET', '/sobjects')).statusCode).toBe(200);
    s.clock.advance(2 * HOUR_MS - 1000);
    expect((await s.call(token, 'GET', '/sobjects')).statusCode).toBe(200);
    s.clock.advance(1000);
    const expired = await s.call(token, 'GET', '/sobjects');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()[0].errorCode).toBe('INVALID_SESSION_ID');
  });

  it('honours a configured access token lifetime', async () => {
    const s = await start({ tokens: { accessTokenTtlMs: 60_000 } });
    const token = await s.tokenFor(s.admin);
    s.clock.advance(60_000);
    expect((await s.call(token, 'GET', '/sobjects')).statusCode).toBe(401);
  });

  it('refreshes an access token with the refresh_token grant', async () => {
    const s = await start();
    const first = (await s.login(s.admin.Username)).json() as TokenResponse;
    s.clock.advance(3 * HOUR_MS);
    const response = await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: first.refresh_token as string, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(response.statusCode).toBe(200);
    const refreshed = response.json() as TokenResponse;
    expect(refreshed.refresh_token).toBeUndefined();
    expect(refreshed.id).toBe(first.id);
    expect(refreshed.access_token).not.toBe(first.access_token);
    expect((await s.call(refreshed.access_token, 'GET', '/sobjects')).statusCode).toBe(200);
    const bad = await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: '5Aep861nope', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(bad.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
  });

  it('refuses a refresh token presented by another connected app', async () => {
    const s = await start();
    const first = (await s.login(s.admin.Username)).json() as TokenResponse;
    await s.app.oauth.registerConnectedApp({ name: 'Other', clientId: 'other', clientSecret: 'other-secret' }, s.systemId);
    const response = await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: first.refresh_token as string, client_id: 'other', client_secret: 'other-secret' });
    expect(response.json().error).toBe('invalid_grant');
  });

  it('runs the client_credentials grant as the connected app’s user, without a refresh token', async () => {
    const s = await start();
    const response = await tokenRequest(s, { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(response.statusCode).toBe(200);
    const body = response.json() as TokenResponse;
    expect(body.refresh_token).toBeUndefined();
    // No refresh token, so the scope does not claim one.
    expect(body.scope).toBe('api');
    expect(body.id.endsWith(`/${s.admin.Id}`)).toBe(true);
    const identity = await s.call(body.access_token, 'GET', '/services/oauth2/userinfo');
    expect(identity.statusCode).toBe(200);
    const wrong = await tokenRequest(s, { grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'nope' });
    expect(wrong.json().error).toBe('invalid_client');
  });

  it('refuses client_credentials for an app without a run-as user or without a secret', async () => {
    const s = await start();
    await s.app.oauth.registerConnectedApp({ name: 'No user', clientId: 'nouser', clientSecret: 's3cret' }, s.systemId);
    await s.app.oauth.registerConnectedApp({ name: 'Public', clientId: 'public', runAsUserId: s.admin.Id }, s.systemId);
    expect((await tokenRequest(s, { grant_type: 'client_credentials', client_id: 'nouser', client_secret: 's3cret' })).json().error).toBe('invalid_grant');
    expect((await tokenRequest(s, { grant_type: 'client_credentials', client_id: 'public' })).json().error).toBe('invalid_client');
  });

  it('revokes an access token, and a refresh token together with the access tokens it issued', async () => {
    const s = await start();
    const first = (await s.login(s.admin.Username)).json() as TokenResponse;
    const second = (await s.login(s.admin.Username)).json() as TokenResponse;
    const revoke = await s.app.inject({ method: 'POST', url: '/services/oauth2/revoke', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ token: first.access_token }) });
    expect(revoke.statusCode).toBe(200);
    expect((await s.call(first.access_token, 'GET', '/sobjects')).statusCode).toBe(401);
    expect((await s.call(second.access_token, 'GET', '/sobjects')).statusCode).toBe(200);
    await s.app.inject({ method: 'GET', url: `/services/oauth2/revoke?token=${encodeURIComponent(second.refresh_token as string)}` });
    expect((await s.call(second.access_token, 'GET', '/sobjects')).statusCode).toBe(401);
    const refresh = await tokenRequest(s, { grant_type: 'refresh_token', refresh_token: second.refresh_token as string, client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(refresh.json().error).toBe('invalid_grant');
    const unknown = await s.app.inject({ method: 'POST', url: '/services/oauth2/revoke', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ token: 'whatever' }) });
    expect(unknown.statusCode).toBe(200);
  });

  it('revokes a user’s tokens when their password changes, and refuses tokens of deactivated users', async () => {
    const s = await start();
    const user = await s.createUser('changer', { runFlows: true });
    const token = await s.tokenFor(user);
    await s.app.oauth.setPassword(user.Id, 'a new password');
    expect((await s.call(token, 'GET', '/sobjects')).statusCode).toBe(401);
    const again = (await s.login(user.Username, 'a new password')).json() as TokenResponse;
    await s.db.directory.updateUser(user.Id, { IsActive: false }, s.systemId);
    expect((await s.call(again.access_token, 'GET', '/sobjects')).statusCode).toBe(401);
  });

  it('locks a username out after ten failures in fifteen minutes, even with the right password', async () => {
    const s = await start();
    for (let i = 0; i < 10; i++) expect((await s.login(s.admin.Username, 'wrong', {})).statusCode).toBe(400);
    const locked = await s.login(s.admin.Username);
    expect(locked.statusCode).toBe(400);
    expect(locked.json()).toEqual({ error: 'invalid_grant', error_description: 'authentication failure: too many failed login attempts; try again later' });
    const other = await s.createUser('other', { runFlows: true });
    expect((await s.login(other.Username)).statusCode).toBe(200);
    s.clock.advance(15 * 60 * 1000);
    expect((await s.login(s.admin.Username)).statusCode).toBe(200);
  });

  it('locks a client IP out after its limit of failures across usernames', async () => {
    const s = await start({ loginLimits: { maxFailuresPerIp: 5 } });
    for (let i = 0; i < 5; i++) await s.login(`nobody${i}@example.com`, 'wrong');
    const response = await s.login(s.admin.Username);
    expect(response.json().error_description).toContain('too many failed login attempts');
  });

  it('deletes expired and revoked tokens from storage, keeping active ones', async () => {
    const s = await start();
    const kept = (await s.login(s.admin.Username)).json() as TokenResponse;
    const revoked = (await s.login(s.admin.Username)).json() as TokenResponse;
    await s.app.oauth.revoke(revoked.refresh_token as string);
    s.clock.advance(3 * HOUR_MS);
    const fresh = (await s.login(s.admin.Username)).json() as TokenResponse;
    const deleted = await s.db.oauth.deleteStaleTokens(s.clock.iso());
    // The revoked refresh token with its access token, and the first login's expired access token.
    expect(deleted).toBe(3);
    expect(await s.db.oauth.getTokenByHash(hashToken(kept.refresh_token as string))).toBeDefined();
    expect(await s.db.oauth.getTokenByHash(hashToken(kept.access_token))).toBeUndefined();
    expect(await s.db.oauth.getTokenByHash(hashToken(revoked.refresh_token as string))).toBeUndefined();
    expect((await s.call(fresh.access_token, 'GET', '/sobjects')).statusCode).toBe(200);
  });

  it('answers userinfo and the identity URL for the token’s user only', async () => {
    const s = await start();
    const body = (await s.login(s.admin.Username)).json() as TokenResponse;
    const userinfo = await s.call(body.access_token, 'GET', '/services/oauth2/userinfo');
    expect(userinfo.statusCode).toBe(200);
    expect(userinfo.json()).toMatchObject({ user_id: s.admin.Id, organization_id: s.orgId, preferred_username: s.admin.Username, sub: body.id });
    const path = new URL(body.id).pathname;
    const identity = await s.app.inject({ method: 'GET', url: `${path}?format=json&oauth_token=${encodeURIComponent(body.access_token)}` });
    expect(identity.statusCode).toBe(200);
    expect(identity.json()).toMatchObject({ id: body.id, user_id: s.admin.Id, organization_id: s.orgId, username: s.admin.Username, active: true });
    const other = await s.createUser('someone', { runFlows: true });
    const foreign = await s.call(body.access_token, 'GET', `/id/${s.orgId}/${other.Id}`);
    expect(foreign.statusCode).toBe(404);
    expect((await s.call(undefined, 'GET', '/services/oauth2/userinfo')).statusCode).toBe(401);
  });
});
