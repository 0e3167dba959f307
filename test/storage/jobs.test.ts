import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { ClaimedJob } from '../../src/runtime/ports.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/timeouts.js';

const run = promisify(execFile);
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'workers', 'claim-jobs.ts');
const T0 = '2026-01-05T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

forEachDatabase('job queue', (ctx) => {
  it('schedules a job once per unique key, even after it is done', async () => {
    const db = ctx.db();
    const first = await db.jobs.schedule({ kind: 'resume', payload: { interviewId: 'x' }, dueAt: at(5), uniqueKey: 'wait:x:1' });
    const again = await db.jobs.schedule({ kind: 'resume', payload: { interviewId: 'other' }, dueAt: at(9), uniqueKey: 'wait:x:1' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ job: first.job, created: false });
    const [claimed] = await db.jobs.claimDue(at(5), 10, 60_000);
    await db.jobs.complete(claimed as ClaimedJob, at(5));
    expect((await db.jobs.schedule({ kind: 'resume', payload: {}, dueAt: at(20), uniqueKey: 'wait:x:1' })).created).toBe(false);
    expect((await db.jobs.schedule({ kind: 'resume', payload: {}, dueAt: at(20) })).created).toBe(true);
    expect((await db.jobs.schedule({ kind: 'resume', payload: {}, dueAt: at(20) })).created).toBe(true);
  });

  it('claims only due jobs, earliest first, and leases them until the lease ends', async () => {
    const db = ctx.db();
    await db.jobs.schedule({ kind: 'k', payload: 2, dueAt: at(2) });
    await db.jobs.schedule({ kind: 'k', payload: 1, dueAt: at(1) });
    await db.jobs.schedule({ kind: 'k', payload: 9, dueAt: at(9) });
    expect(await db.jobs.claimDue(at(0), 10, 60_000)).toEqual([]);
    const claimed = await db.jobs.claimDue(at(3), 10, 60_000);
    expect(claimed.map((j) => j.payload)).toEqual([1, 2]);
    expect(claimed.every((j) => j.attempts === 1 && j.lockedUntil === at(4))).toBe(true);
    expect(await db.jobs.claimDue(at(3), 10, 60_000)).toEqual([]);
    expect(await db.jobs.nextDueAt()).toBe(at(4));
    // The worker died: after the lease, the jobs come back with one more attempt.
    const reclaimed = await db.jobs.claimDue(at(4), 10, 60_000);
    expect(reclaimed.map((j) => [j.payload, j.attempts])).toEqual([[1, 2], [2, 2]]);
    await expect(db.jobs.complete(claimed[0] as ClaimedJob, at(4))).rejects.toMatchObject({ code: 'CONFLICT' });
    await db.jobs.complete(reclaimed[0] as ClaimedJob, at(4));
    expect((await db.jobs.get(reclaimed[0]?.id as string))?.status).toBe('done');
  });

  it('retries with the caller\'s backoff, fails for good, and cancels by unique key', async () => {
    const db = ctx.db();
    await db.jobs.schedule({ kind: 'k', payload: 'a', dueAt: at(0) });
    await db.jobs.schedule({ kind: 'k', payload: 'b', dueAt: at(1), uniqueKey: 'b' });
    const [a] = await db.jobs.claimDue(at(0), 1, 60_000);
    await db.jobs.retry(a as ClaimedJob, at(10), 'SMTP down');
    expect(await db.jobs.get(a?.id as string)).toMatchObject({ status: 'pending', dueAt: at(10), lastError: 'SMTP down', lockedUntil: null, attempts: 1 });
    expect(await db.jobs.cancel('b')).toBe(true);
    expect(await db.jobs.cancel('b')).toBe(false);
    expect(await db.jobs.claimDue(at(5), 10, 60_000)).toEqual([]);
    const [again] = await db.jobs.claimDue(at(10), 10, 60_000);
    expect(again?.attempts).toBe(2);
    await db.jobs.fail(again as ClaimedJob, 'gave up', at(10));
    expect(await db.jobs.list({ status: 'failed' })).toMatchObject([{ payload: 'a', lastError: 'gave up', completedDate: at(10) }]);
    expect(await db.jobs.nextDueAt()).toBeUndefined();
  });

  it('never hands the same job to two concurrent claimers', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    for (let i = 0; i < 60; i++) await db.jobs.schedule({ kind: 'k', payload: i, dueAt: at(i % 5) });
    const claimAll = async (handle: EddyDatabase) => {
      const ids: string[] = [];
      for (;;) {
        const jobs = await handle.jobs.claimDue(at(10), 4, 60_000);
        if (jobs.length === 0) return ids;
        ids.push(...jobs.map((j) => j.id));
      }
    };
    const results = await Promise.all([claimAll(db), claimAll(other), claimAll(db), claimAll(other)]);
    const all = results.flat();
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
  });

  it('never hands the same job to two worker processes', async () => {
    const db = ctx.db();
    for (let i = 0; i < 40; i++) await db.jobs.schedule({ kind: 'k', payload: i, dueAt: at(0) });
    const location = db.dialect === 'sqlite' ? [await sqliteFile(db)] : [process.env.EDDY_TEST_PG_URL as string, await currentSchema(db)];
    const workers = await Promise.all([0, 1, 2].map(() => run(process.execPath, ['--import', 'tsx', WORKER, ...location, at(1)], { cwd: process.cwd() })));
    const claimed = workers.map((w) => JSON.parse(w.stdout) as string[]);
    const all = claimed.flat();
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(await db.jobs.list({ status: 'done' })).toHaveLength(40);
  }, PROCESS_TEST_TIMEOUT_MS);
});

async function sqliteFile(db: EddyDatabase): Promise<string> {
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db.db);
  return rows[0]?.file as string;
}

async function currentSchema(db: EddyDatabase): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.db);
  return rows[0]?.schema as string;
}
