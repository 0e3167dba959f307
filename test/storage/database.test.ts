import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { addToOutbox, listOutbox } from '../../src/runtime/email/outbox.js';
import { migrationProvider } from '../../src/storage/migrations/index.js';
import { migrateToLatest, openDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { createInterview, deployFlow, systemActor } from './seed.js';
import { databaseLocation, readConfig } from '../../src/adapters/index.js';

forEachDatabase('database', (ctx) => {
  it('migrates an empty database to the latest version, and migrating again changes nothing', async () => {
    const db = ctx.db();
    const migrator = new Migrator({ db: db.db, provider: migrationProvider });
    const before = await migrator.getMigrations();
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((m) => m.executedAt !== undefined)).toBe(true);
    const again = await migrator.migrateToLatest();
    expect(again.error).toBeUndefined();
    expect(again.results).toEqual([]);
    await migrateToLatest(db.db);
  });

  it('keeps one organization when the database is opened again', async () => {
    const first = await ctx.db().settings.getOrganization();
    const other = await ctx.openAnother();
    expect((await other.settings.getOrganization()).Id).toBe(first.Id);
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from organization`.execute(other.db);
    expect(Number(rows[0]?.n)).toBe(1);
    expect(first.Id).toMatch(/^00D/);
  });

  it('commits an interview, its outbox message and its job together', async () => {
    const db = ctx.db();
    const { version } = await deployFlow(db, 'Survey');
    const actor = await systemActor(db);
    const id = await db.transaction(async (tx) => {
      const interview = await createInterview(tx, version.Id, actor);
      await addToOutbox(tx, { kind: 'email', payload: { to: ['a@example.com'] }, interviewId: interview.Id });
      await tx.jobs.add({ kind: 'resume', payload: { interviewId: interview.Id }, runAt: '2026-01-06T09:00:00.000Z', idempotencyKey: `wait:${interview.Id}`, maxAttempts: 5 });
      return interview.Id;
    });
    expect(await db.interviews.get(id)).toBeDefined();
    expect((await listOutbox(db)).filter((message) => message.interviewId === id)).toHaveLength(1);
    expect(await db.jobs.list({ kinds: ['resume'] })).toHaveLength(1);
  });

  it('rolls everything back when the transaction throws', async () => {
    const db = ctx.db();
    const { version } = await deployFlow(db, 'Survey');
    const actor = await systemActor(db);
    let createdId = '';
    await expect(
      db.transaction(async (tx) => {
        const interview = await createInterview(tx, version.Id, actor);
        createdId = interview.Id;
        await addToOutbox(tx, { kind: 'email', payload: {}, interviewId: interview.Id });
        await tx.jobs.add({ kind: 'resume', payload: {}, runAt: '2026-01-06T09:00:00.000Z', maxAttempts: 5 });
        await tx.records.create([{ attributes: { type: 'Account' }, Name: 'Acme' }], actor);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(createdId).not.toBe('');
    expect(await db.interviews.get(createdId)).toBeUndefined();
    expect(await listOutbox(db)).toEqual([]);
    expect(await db.jobs.list()).toEqual([]);
    expect(await db.records.query({ object: 'Account', filters: [] })).toEqual([]);
  });

  it('refuses the outer storage and nested transactions inside a transaction', async () => {
    const db = ctx.db();
    await expect(db.transaction(async () => db.settings.getOrganization())).rejects.toThrow(/outside the open transaction/);
    // Also for the statements compiled once and run with fresh parameters (a compiled one too).
    await db.settings.accessRevision();
    await expect(db.transaction(async () => db.settings.accessRevision())).rejects.toThrow(/outside the open transaction/);
    await expect(db.transaction(async () => db.interviews.get('0Fo000000000001AAA'))).rejects.toThrow(/outside the open transaction/);
    await expect(db.transaction(async () => db.transaction(async () => 1))).rejects.toThrow(/do not nest/);
    // The storage still works afterwards.
    expect((await db.settings.getOrganization()).Name).toBe('Eddy');
  });

  it('stamps dates from the injected clock', async () => {
    const db = ctx.db();
    ctx.clock().set('2030-02-03T04:05:06.789Z');
    const [id] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Clocked' }], await systemActor(db));
    const record = await db.records.getById(id as string, ['CreatedDate', 'LastModifiedDate']);
    expect(record?.CreatedDate).toBe('2030-02-03T04:05:06.789Z');
  });
});

describe('the embedded default', () => {
  it('creates .eddy/eddy.db in the working folder on first use, in WAL mode with full sync and foreign keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-default-'));
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      const db = await openDatabase({ cwd: dir });
      expect(db.dialect).toBe('sqlite');
      const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db.db);
      expect(rows[0]?.foreign_keys).toBe(1);
      await db.close();
      const file = join(dir, '.eddy', 'eddy.db');
      expect(existsSync(file)).toBe(true);
      const raw = new Database(file);
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      raw.close();
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets synchronous=FULL on its connection', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'eddy-sync-'));
    try {
      const db = await openDatabase({ file: join(dir, 'x.db') });
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db.db);
      expect(rows[0]?.synchronous).toBe(2);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(process.env.EDDY_TEST_PG_URL)('uses PostgreSQL when DATABASE_URL is a postgres:// URL', async () => {
    // The composition roots read DATABASE_URL once (readConfig) and hand the location to openDatabase.
    const config = readConfig({ DATABASE_URL: process.env.EDDY_TEST_PG_URL });
    const schema = `t_default_${process.pid}`;
    const db = await openDatabase({ ...databaseLocation(config.databaseUrl), schema });
    expect(db.dialect).toBe('postgres');
    await sql`drop schema ${sql.id(schema)} cascade`.execute(db.db);
    await db.close();
  });

  it('rejects database URLs it does not support', async () => {
    await expect(openDatabase({ url: 'mysql://localhost/db' })).rejects.toThrow(/Unsupported database URL/);
  });
});

forEachDatabase(
  'one database for a whole block',
  (ctx) => {
    it('keeps data written by an earlier test of the block', async () => {
      await ctx.db().settings.setLabels({ Shared: 'yes' });
    });

    it('sees it in a later test', async () => {
      expect(await ctx.db().settings.getLabels()).toEqual({ Shared: 'yes' });
    });
  },
  { isolation: 'suite' },
);
