/** The demo org of `eddy serve --demo`: what it seeds, once, and how a restart treats it. */
import { afterEach, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { DEMO_CLIENT_ID, DEMO_FLOWS, DEMO_USERS, seedDemoOrg } from '../../src/server/demo/demo-org.js';
import { forEachDatabase } from '../support/databases.js';
import { form, TEST_HASHER } from './support/test-server.js';

forEachDatabase('demo org', (ctx) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  const app = async () => {
    const server = buildServer({ storage: ctx.db(), clock: ctx.clock(), passwordHasher: TEST_HASHER });
    await server.ready();
    close = () => server.close();
    return server;
  };
  const login = (server: Awaited<ReturnType<typeof app>>, username: string, password: string, secret: string) =>
    server.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({ grant_type: 'password', client_id: DEMO_CLIENT_ID, client_secret: secret, username, password }),
    });

  it('seeds users in two roles, a group, a queue, records and two active flows, with the given credentials', async () => {
    const server = await app();
    const db = ctx.db();
    const result = await seedDemoOrg(db, server.oauth, { EDDY_ADMIN_PASSWORD: 'admin pw', EDDY_DEMO_CLIENT_SECRET: 'demo secret' });
    expect(result).toMatchObject({ seeded: true, adminUsername: 'admin@eddy.local', adminPassword: 'admin pw', adminPasswordGenerated: false, clientSecret: 'demo secret' });
    const ada = await db.directory.getUserByUsername(DEMO_USERS.manager);
    const grace = await db.directory.getUserByUsername(DEMO_USERS.agent);
    expect(ada?.UserRoleId).toBeTruthy();
    expect(grace?.UserRoleId).toBeTruthy();
    expect(ada?.UserRoleId).not.toBe(grace?.UserRoleId);
    expect((await db.directory.permissionsOf(grace?.Id as string)).runFlows).toBe(true);
    expect((await db.directory.listGroups('Regular')).map((g) => g.Name)).toContain('Support Team');
    expect((await db.directory.listGroups('Queue')).map((g) => g.Name)).toContain('Support Queue');
    for (const object of ['Account', 'Contact', 'Case']) expect((await db.records.query({ object, filters: [] })).length, object).toBeGreaterThan(1);
    for (const name of Object.values(DEMO_FLOWS)) expect((await db.flows.getDefinitionByName(name))?.ActiveVersionId, name).toBeTruthy();
    expect((await login(server, 'admin@eddy.local', 'admin pw', 'demo secret')).statusCode).toBe(200);
    expect((await login(server, DEMO_USERS.agent, 'admin pw', 'demo secret')).statusCode).toBe(200);
    const client = await server.inject({ method: 'POST', url: '/services/oauth2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form({ grant_type: 'client_credentials', client_id: DEMO_CLIENT_ID, client_secret: 'demo secret' }) });
    expect(client.json().id).toMatch(/\/005\w+$/);
  });

  it('generates credentials when none are given, and seeds only once', async () => {
    const server = await app();
    const db = ctx.db();
    const first = await seedDemoOrg(db, server.oauth, {});
    expect(first.adminPasswordGenerated).toBe(true);
    expect(first.clientSecretGenerated).toBe(true);
    expect(first.adminPassword).toMatch(/^[\w-]{20,}$/);
    const accounts = (await db.records.query({ object: 'Account', filters: [] })).length;
    const again = await seedDemoOrg(db, server.oauth, {});
    expect(again).toMatchObject({ seeded: false, adminPassword: undefined, clientSecret: undefined });
    expect((await db.records.query({ object: 'Account', filters: [] })).length).toBe(accounts);
    expect((await login(server, 'admin@eddy.local', first.adminPassword as string, first.clientSecret as string)).statusCode).toBe(200);
    await seedDemoOrg(db, server.oauth, { EDDY_ADMIN_PASSWORD: 'changed pw', EDDY_DEMO_CLIENT_SECRET: 'changed secret' });
    expect((await login(server, 'admin@eddy.local', 'changed pw', 'changed secret')).statusCode).toBe(200);
    expect((await login(server, 'admin@eddy.local', first.adminPassword as string, 'changed secret')).statusCode).toBe(400);
  });
});
