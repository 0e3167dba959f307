import { describe, expect, it } from 'vitest';
import { to18 } from '../../../src/runtime/org/ids.js';
import type { EddyDatabase } from '../../../src/storage/open-database.js';
import { MemoryQueryCursorStore, parseLocator, SoqlEngine } from '../../../src/storage/soql/index.js';
import type { QueryResult } from '../../../src/runtime/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFlow, systemActor } from '../seed.js';

/** Inserts `count` Accounts named `Account 0000`… with `Rank` cycling 0..9 in NumberOfEmployees; returns their Ids. */
async function insertAccounts(db: EddyDatabase, count: number, now: string, from = 0): Promise<string[]> {
  const actor = await systemActor(db);
  const rows = Array.from({ length: count }, (_, n) => n + from).map((i) => ({
    Id: to18(`0010Y${String(i).padStart(10, '0')}`),
    object_type: 'Account',
    OwnerId: actor,
    data: JSON.stringify({ Name: `Account ${String(i).padStart(4, '0')}`, NumberOfEmployees: i % 10 }),
    CreatedDate: now, CreatedById: actor, LastModifiedDate: now, LastModifiedById: actor, SystemModstamp: now, IsDeleted: 0,
  }));
  for (let i = 0; i < rows.length; i += 500) await db.db.insertInto('records').values(rows.slice(i, i + 500)).execute();
  return rows.map((r) => r.Id);
}

/** Every page of a query, following `nextRecordsUrl` (under another API version each time, as jsforce may). */
async function allPages(engine: SoqlEngine, first: QueryResult, viewer: Parameters<SoqlEngine['query']>[1]): Promise<QueryResult[]> {
  const pages = [first];
  let page = first;
  let version = 50;
  while (!page.done) {
    expect(page.nextRecordsUrl).toMatch(/^\/services\/data\/v\d+\.0\/query\/01g\w{15}-\d+$/);
    page = await engine.queryMore(String(page.nextRecordsUrl).split('/').pop() ?? '', viewer, { apiVersion: `${version++}.0` });
    pages.push(page);
  }
  return pages;
}

forEachDatabase('SOQL paging', (ctx) => {
  it('pages 4,500 rows in batches of 2,000 with locators that work under any API version, in one consistent order', async () => {
    const db = ctx.db();
    const inserted = await insertAccounts(db, 4500, ctx.clock().iso());
    const engine = new SoqlEngine(db, { clock: () => ctx.clock().now() });
    const first = await engine.query('SELECT Id, Name FROM Account ORDER BY NumberOfEmployees', 'system', { apiVersion: '60.0' });
    expect(first).toMatchObject({ totalSize: 4500, done: false });
    expect(first.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/query\/01g\w{15}-2000$/);
    const pages = await allPages(engine, first, 'system');
    expect(pages.map((p) => p.records.length)).toEqual([2000, 2000, 500]);
    expect(pages.map((p) => p.totalSize)).toEqual([4500, 4500, 4500]);
    expect(pages[2]?.nextRecordsUrl).toBeUndefined();
    expect(pages[1]?.records[0]?.attributes.url).toMatch(/^\/services\/data\/v50\.0\/sobjects\/Account\//);
    const seen = pages.flatMap((p) => p.records.map((r) => String(r.Id)));
    expect(new Set(seen).size).toBe(4500);
    expect([...seen].sort()).toEqual([...inserted].sort());
    // Ties on NumberOfEmployees are broken by Id, so the order is total and repeatable.
    const rank = new Map(inserted.map((id, i) => [id, i % 10]));
    const expected = [...inserted].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || (a < b ? -1 : a > b ? 1 : 0));
    expect(seen).toEqual(expected);
  });

  it('honours LIMIT and OFFSET across pages, and smaller batch sizes', async () => {
    const db = ctx.db();
    await insertAccounts(db, 2600, ctx.clock().iso());
    const engine = new SoqlEngine(db);
    const limited = await allPages(engine, await engine.query('SELECT Name FROM Account ORDER BY Name LIMIT 2100 OFFSET 10', 'system'), 'system');
    expect(limited.map((p) => p.records.length)).toEqual([2000, 100]);
    expect(limited[0]?.totalSize).toBe(2100);
    expect(limited[0]?.records[0]?.Name).toBe('Account 0010');
    expect(limited[1]?.records[99]?.Name).toBe('Account 2109');
    const small = await allPages(engine, await engine.query("SELECT Name FROM Account WHERE Name LIKE 'Account 00%'", 'system', { batchSize: 50 }), 'system');
    expect(small.map((p) => p.records.length)).toEqual([100]);
    const batched = await allPages(engine, await engine.query("SELECT Name FROM Account WHERE Name LIKE 'Account 0%'", 'system', { batchSize: 300 }), 'system');
    expect(batched.map((p) => p.records.length)).toEqual([300, 300, 300, 100]);
    expect((await engine.query('SELECT COUNT() FROM Account', 'system')).totalSize).toBe(2600);
  });

  it('pages a user\'s interviews with their sharing, and refuses the locator to anyone else', async () => {
    const db = ctx.db();
    const aliceUser = await createUser(db, 'alice');
    const bobUser = await createUser(db, 'bob');
    const { version } = await deployFlow(db, 'Survey');
    const now = ctx.clock().iso();
    const rows = Array.from({ length: 2150 }, (_, i) => {
      const id = to18(`0Fo0Y${String(i).padStart(10, '0')}`);
      const owner = i < 2100 ? aliceUser.Id : bobUser.Id;
      return {
        Id: id, Name: id, Guid: id, InterviewLabel: `Survey ${i}`, PauseLabel: null, CurrentElement: null, InterviewStatus: 'Paused', OwnerId: owner, WasPausedFromScreen: 1,
        FlowVersionViewId: version.Id, Error: null, flow_definition_id: version.DefinitionId, state: '{}', version: 1,
        CreatedDate: now, CreatedById: owner, LastModifiedDate: now, LastModifiedById: owner, SystemModstamp: now, IsDeleted: 0,
      };
    });
    for (let i = 0; i < rows.length; i += 500) await db.db.insertInto('flow_interviews').values(rows.slice(i, i + 500)).execute();
    const alice = await db.directory.accessSubject(aliceUser.Id);
    const bob = await db.directory.accessSubject(bobUser.Id);
    const engine = new SoqlEngine(db);
    const first = await engine.query('SELECT Id, Owner.Name FROM FlowInterview ORDER BY InterviewLabel DESC', alice);
    expect(first).toMatchObject({ totalSize: 2100, done: false });
    const locator = String(first.nextRecordsUrl);
    await expect(engine.queryMore(locator, bob)).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
    await expect(engine.queryMore(locator, 'system')).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
    const second = await engine.queryMore(locator, alice);
    expect(second).toMatchObject({ totalSize: 2100, done: true });
    expect(second.records).toHaveLength(100);
    expect(new Set([...first.records, ...second.records].map((r) => (r.Owner as unknown as { Name: string }).Name))).toEqual(new Set(['alice']));
    expect((await engine.query('SELECT Id FROM FlowInterview', bob)).totalSize).toBe(50);
    expect((await engine.query('SELECT COUNT() FROM FlowInterview', 'system')).totalSize).toBe(2150);
    const { id } = parseLocator(locator);
    await expect(engine.queryMore(`${id}-2100`, alice)).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
    await expect(engine.queryMore(`${id}-0`, alice)).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
    await expect(engine.queryMore('01g000000000000AAA-2000', alice)).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
    await expect(engine.queryMore("01g'; drop table records; --", alice)).rejects.toMatchObject({ code: 'INVALID_QUERY_LOCATOR' });
  });

  it('builds nextRecordsUrl for queryAll and the Tooling API when asked', async () => {
    const db = ctx.db();
    await insertAccounts(db, 2001, ctx.clock().iso());
    const engine = new SoqlEngine(db);
    await insertAccounts(db, 2000, ctx.clock().iso(), 5000);
    const all = await engine.query('SELECT Id FROM Account', 'system', { includeDeleted: true, endpoint: 'queryAll', apiVersion: 'v58.0' });
    expect(all.nextRecordsUrl).toMatch(/^\/services\/data\/v58\.0\/queryAll\/01g\w{15}-2000$/);
    expect((await engine.queryMore(String(all.nextRecordsUrl), 'system', { apiVersion: '61.0' })).nextRecordsUrl).toMatch(/^\/services\/data\/v61\.0\/queryAll\/01g\w{15}-4000$/);
    const tooling = await engine.query('SELECT Id FROM Account', 'system', { endpoint: 'tooling/query' });
    expect(tooling.nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/tooling\/query\/01g\w{15}-2000$/);
    expect((await engine.queryMore(String(tooling.nextRecordsUrl), 'system')).nextRecordsUrl).toMatch(/^\/services\/data\/v60\.0\/tooling\/query\/01g\w{15}-4000$/);
  });
});

describe('query cursors', () => {
  const cursor = (viewerKey: string) => ({ soql: 'SELECT Id FROM Account', viewerKey, includeDeleted: false, now: '2026-01-01T00:00:00.000Z', timeZone: 'UTC', batchSize: 2000, totalSize: 5000, endpoint: 'query' });

  it('expire after 15 idle minutes and keep at most 10 per viewer, dropping the oldest', () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const store = new MemoryQueryCursorStore({ clock: () => new Date(now) });
    const first = store.save(cursor('005A'));
    expect(first).toMatch(/^01g\w{15}$/);
    now += 14 * 60_000;
    expect(store.get(first)).toBeDefined();
    now += 14 * 60_000;
    expect(store.get(first)).toBeDefined();
    now += 16 * 60_000;
    expect(store.get(first)).toBeUndefined();
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) {
      now += 1000;
      ids.push(store.save(cursor('005B')));
    }
    store.save(cursor('005C'));
    expect(store.get(ids[0] as string)).toBeUndefined();
    expect(ids.slice(1).every((id) => store.get(id) !== undefined)).toBe(true);
    expect(store.size).toBe(11);
  });

  it('parses bare locators and whole nextRecordsUrls, and nothing else', () => {
    expect(parseLocator('01gD0000002HU6KIAW-2000')).toEqual({ id: '01gD0000002HU6KIAW', position: 2000 });
    expect(parseLocator('/services/data/v59.0/query/01gD0000002HU6KIAW-4000')).toEqual({ id: '01gD0000002HU6KIAW', position: 4000 });
    for (const bad of ['01gD0000002HU6KIAW', '001D0000002HU6KIAW-2000', '01gD0000002HU6KIAW--1', '']) {
      expect(() => parseLocator(bad)).toThrow(expect.objectContaining({ code: 'INVALID_QUERY_LOCATOR' }));
    }
  });
});
