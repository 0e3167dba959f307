/**
 * A bounded, seeded fuzz of every route the server has — the REST API, OAuth, the web session,
 * the static files and the single-page app's pages: hostile path parameters, query strings,
 * headers and bodies. No request may answer 5xx, every error must be Salesforce-shaped JSON, and
 * no request may change anything stored (every table is compared before and after).
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ensureWebUiBuilt } from '../../src/server/web/build-web-ui.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, PASSWORD, type TestServer } from './support/test-server.js';
import { deployTestFlows } from './support/test-flows.js';
import { malformedRequest, routesOf, Seeded } from './support/fuzz-requests.js';

/** The generator's seed: change it to explore, keep it to replay. */
const SEED = 0x5eed_0010;
/** Requests per route (each route also gets its wildcard and parameter variants from the generator). */
const REQUESTS_PER_ROUTE = 8;

/** A digest of every row of every table: equal digests, nothing stored changed. */
async function digestOf(db: EddyDatabase): Promise<Record<string, string>> {
  const tables =
    db.dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db.db)
      : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db.db);
  const digest: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db.db);
    const lines = rows.rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))).sort();
    digest[name] = `${lines.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return digest;
}

beforeAll(async () => {
  await ensureWebUiBuilt();
}, 300_000);

forEachDatabase(
  'fuzzing every route',
  (ctx) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await createTestServer(ctx.db(), ctx.clock());
      await deployTestFlows(server.db, server.systemId);
    });
    afterAll(async () => {
      await server.app.close();
    });

    it('answers every malformed request without a 5xx, in Salesforce error shape, and stores nothing', { timeout: 120_000 }, async () => {
      const s = server;
      const token = await s.tokenFor(s.admin);
      // Something to find: an interview at a screen, a paused one, an Account. Then a failed web
      // sign-in, which registers the web UI's connected app once (a legitimate first write).
      const running = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
      const paused = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
      const { Id: pausedId, version } = paused.json().interview as { Id: string; version: number };
      await s.call(token, 'POST', `/eddy/interviews/${pausedId}/navigate`, { action: 'PAUSE', version });
      expect(running.statusCode).toBe(201);
      expect((await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme' })).statusCode).toBe(201);
      await s.app.inject({ method: 'POST', url: '/web/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: s.admin.Username, password: `${PASSWORD}!` }) });

      const routes = routesOf(s.app);
      const paths = routes.map((route) => route.path);
      // The route tree is read whole: the API, OAuth, the web session, static files and pages.
      for (const expected of ['/services/data/:version/sobjects/:type/:id', '/services/oauth2/token', '/web/session', '/assets/*', '/slds/*', '/embed/paused-flows.js', '/setup/*']) {
        expect(paths).toContain(expected);
      }

      const before = await digestOf(ctx.db());
      const random = new Seeded(SEED);
      const failures: string[] = [];
      let sent = 0;
      for (const route of routes) {
        for (let i = 0; i < REQUESTS_PER_ROUTE; i++) {
          const request = malformedRequest(route, random, { token });
          const response = await s.app.inject(request);
          sent += 1;
          const label = `${request.method ?? 'GET'} ${String(request.url).slice(0, 160)} → ${response.statusCode}`;
          if (response.statusCode >= 500) failures.push(`${label}: ${response.body.slice(0, 200)}`);
          const type = String(response.headers['content-type'] ?? '');
          if (response.statusCode >= 400 && request.method !== 'HEAD' && type.startsWith('application/json') && !route.path.startsWith('/services/oauth2')) {
            const body = response.json() as unknown;
            const shaped = Array.isArray(body) && body.every((e: { errorCode?: unknown; message?: unknown }) => typeof e.errorCode === 'string' && typeof e.message === 'string');
            if (!shaped) failures.push(`${label}: not [{ message, errorCode }]: ${response.body.slice(0, 200)}`);
          }
        }
      }
      expect(failures).toEqual([]);
      expect(sent).toBeGreaterThan(300);
      expect(await digestOf(ctx.db())).toEqual(before);
    });
  },
  { isolation: 'suite' },
);
