/**
 * The job queue in storage: jobs are added in their caller's transaction, once per kind and
 * idempotency key; claims lease due jobs to one worker (disjoint between concurrent claimers,
 * handles and processes), a lease that runs out is taken over, and a stale worker's writes are
 * refused; jobs are rescheduled, failed, cancelled, listed in pages and requeued.
 */
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Job, NewJob } from '../../src/runtime/ports/index.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/timeouts.js';

const run = promisify(execFile);
const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'workers', 'claim-jobs.ts');
const T0 = '2026-01-05T09:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const job = (payload: NewJob['payload'], runAt: string, extra: Partial<NewJob> = {}): NewJob => ({ kind: 'k', payload, runAt, maxAttempts: 5, ...extra });
const claimAt = (db: EddyDatabase, now: string, owner = 'w1', limit = 10) => db.jobs.claim({ now, limit, leaseMs: 60_000, owner });

forEachDatabase('job queue', (ctx) => {
  it('adds a job once per kind and idempotency key, even after it is done', async () => {
    const db = ctx.db();
    const first = await db.jobs.add(job({ interviewId: 'x' }, at(5), { kind: 'wait.resume', idempotencyKey: 'wait:x:1' }));
    const again = await db.jobs.add(job({ interviewId: 'other' }, at(9), { kind: 'wait.resume', idempotencyKey: 'wait:x:1' }));
    expect(first.created).toBe(true);
    expect(first.job).toMatchObject({ kind: 'wait.resume', status: 'queued', runAt: at(5), attempts: 0, maxAttempts: 5, idempotencyKey: 'wait:x:1', leaseOwner: null, createdDate: T0 });
    expect(again).toEqual({ job: first.job, created: false });
    // The same key in another kind is another job.
    expect((await db.jobs.add(job({}, at(5), { kind: 'email.send', idempotencyKey: 'wait:x:1' }))).created).toBe(true);
    const [claimed] = await claimAt(db, at(5));
    await db.jobs.complete(claimed as Job, at(5));
    expect((await db.jobs.add(job({}, at(20), { kind: 'wait.resume', idempotencyKey: 'wait:x:1' }))).created).toBe(false);
    expect((await db.jobs.add(job({}, at(20), { kind: 'wait.resume' }))).created).toBe(true);
    expect((await db.jobs.add(job({}, at(20), { kind: 'wait.resume' }))).created).toBe(true);
    // Runs now by default (the storage's clock).
    expect((await db.jobs.add({ kind: 'k', payload: null, maxAttempts: 1 })).job.runAt).toBe(ctx.clock().iso());
  });

  it('leaves no job behind when the transaction that added it rolls back', async () => {
    const db = ctx.db();
    await expect(
      db.transaction(async (tx) => {
        await tx.jobs.add(job('lost', at(0), { idempotencyKey: 'once' }));
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect(await db.jobs.list()).toEqual([]);
    expect((await db.jobs.add(job('kept', at(0), { idempotencyKey: 'once' }))).created).toBe(true);
  });

  it('claims only due jobs, earliest first, leased to their worker; a lease that runs out is taken over with one more attempt', async () => {
    const db = ctx.db();
    await db.jobs.add(job(2, at(2)));
    await db.jobs.add(job(1, at(1)));
    await db.jobs.add(job(9, at(9)));
    expect(await claimAt(db, at(0))).toEqual([]);
    const claimed = await claimAt(db, at(3), 'dead worker');
    expect(claimed.map((j) => j.payload)).toEqual([1, 2]);
    expect(claimed.every((j) => j.status === 'running' && j.attempts === 1 && j.leaseOwner === 'dead worker' && j.leaseUntil === at(4))).toBe(true);
    expect(await claimAt(db, at(3), 'other')).toEqual([]);
    // The worker died: after the lease, another worker takes the jobs over, one more attempt each.
    const reclaimed = await claimAt(db, at(4), 'other');
    expect(reclaimed.map((j) => [j.payload, j.attempts, j.leaseOwner])).toEqual([[1, 2, 'other'], [2, 2, 'other']]);
    await expect(db.jobs.complete(claimed[0] as Job, at(4))).rejects.toMatchObject({ code: 'LEASE_LOST' });
    await expect(db.jobs.fail(claimed[1] as Job, 'late', at(4))).rejects.toMatchObject({ code: 'LEASE_LOST' });
    await db.jobs.complete(reclaimed[0] as Job, at(4));
    expect(await db.jobs.get(reclaimed[0]?.id as string)).toMatchObject({ status: 'done', leaseOwner: null, leaseUntil: null, updatedDate: at(4) });
    // A worker that re-claims its own expired job: only the newer attempt counts.
    const [again] = await claimAt(db, at(6), 'other');
    expect(again).toMatchObject({ payload: 2, attempts: 3 });
    await expect(db.jobs.complete(reclaimed[1] as Job, at(6))).rejects.toMatchObject({ code: 'LEASE_LOST' });
  });

  it('extends only the leases its worker still holds, never shortening one', async () => {
    const db = ctx.db();
    await db.jobs.add(job('a', at(0)));
    await db.jobs.add(job('b', at(0)));
    const [a, b] = await claimAt(db, at(0), 'w1');
    expect(await db.jobs.extendLeases('w1', [a!.id, b!.id], at(5))).toEqual(expect.arrayContaining([a!.id, b!.id]));
    expect(await db.jobs.get(a!.id)).toMatchObject({ leaseUntil: at(5) });
    expect(await db.jobs.extendLeases('w1', [a!.id], at(2))).toEqual([a!.id]);
    expect(await db.jobs.get(a!.id)).toMatchObject({ leaseUntil: at(5) });
    expect(await db.jobs.extendLeases('w2', [a!.id], at(9))).toEqual([]);
    await db.jobs.complete({ ...a!, leaseUntil: at(5) }, at(1));
    expect(await db.jobs.extendLeases('w1', [a!.id, b!.id], at(8))).toEqual([b!.id]);
  });

  it('reschedules with the caller\'s backoff, fails for good keeping the error, and cancels a queued job by its key', async () => {
    const db = ctx.db();
    await db.jobs.add(job('a', at(0)));
    await db.jobs.add(job('b', at(1), { kind: 'wait.resume', idempotencyKey: 'b' }));
    const [a] = await claimAt(db, at(0), 'w1', 1);
    await db.jobs.reschedule(a as Job, at(10), 'SMTP down', at(0));
    expect(await db.jobs.get(a?.id as string)).toMatchObject({ status: 'queued', runAt: at(10), lastError: 'SMTP down', leaseOwner: null, leaseUntil: null, attempts: 1 });
    expect(await db.jobs.cancelByKey('k', 'b')).toBe(false);
    expect(await db.jobs.cancelByKey('wait.resume', 'b')).toBe(true);
    expect(await db.jobs.cancelByKey('wait.resume', 'b')).toBe(false);
    expect(await claimAt(db, at(5))).toEqual([]);
    const [again] = await claimAt(db, at(10));
    expect(again?.attempts).toBe(2);
    await db.jobs.fail(again as Job, 'gave up', at(10));
    expect(await db.jobs.list({ statuses: ['failed'] })).toMatchObject([{ payload: 'a', lastError: 'gave up', updatedDate: at(10), attempts: 2 }]);
    expect(await claimAt(db, at(100))).toEqual([]);
  });

  it('never hands the same job to two concurrent claimers on two handles (SKIP LOCKED on PostgreSQL)', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    for (let i = 0; i < 60; i++) await db.jobs.add(job(i, at(i % 5)));
    const claimAll = async (handle: EddyDatabase, owner: string) => {
      const ids: string[] = [];
      for (;;) {
        const jobs = await handle.jobs.claim({ now: at(10), limit: 4, leaseMs: 60_000, owner });
        expect(jobs.length).toBeLessThanOrEqual(4);
        if (jobs.length === 0) return ids;
        ids.push(...jobs.map((j) => j.id));
      }
    };
    const results = await Promise.all([claimAll(db, 'a'), claimAll(other, 'b'), claimAll(db, 'c'), claimAll(other, 'd')]);
    const all = results.flat();
    expect(all).toHaveLength(60);
    expect(new Set(all).size).toBe(60);
  });

  it('never hands the same job to two worker processes', async () => {
    const db = ctx.db();
    for (let i = 0; i < 40; i++) await db.jobs.add(job(i, at(0)));
    const location = db.dialect === 'sqlite' ? [await sqliteFile(db)] : [process.env.EDDY_TEST_PG_URL as string, await currentSchema(db)];
    const workers = await Promise.all([0, 1, 2].map(() => run(process.execPath, ['--import', 'tsx', WORKER, ...location, at(1)], { cwd: process.cwd() })));
    const claimed = workers.map((w) => JSON.parse(w.stdout) as string[]);
    const all = claimed.flat();
    expect(all).toHaveLength(40);
    expect(new Set(all).size).toBe(40);
    expect(await db.jobs.list({ statuses: ['done'], limit: 1000 })).toHaveLength(40);
  }, PROCESS_TEST_TIMEOUT_MS);

  it('lists jobs newest first or oldest first, by status and kind, page by page', async () => {
    const db = ctx.db();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await db.jobs.add(job(i, at(0), { kind: i % 2 === 0 ? 'even' : 'odd' }))).job.id);
    const [first] = await claimAt(db, at(0), 'w', 1);
    await db.jobs.fail(first as Job, 'x', at(0));
    expect((await db.jobs.list()).map((j) => j.payload)).toEqual([4, 3, 2, 1, 0]);
    expect((await db.jobs.list({ order: 'oldest', limit: 2 })).map((j) => j.payload)).toEqual([0, 1]);
    expect((await db.jobs.list({ order: 'oldest', limit: 2, after: ids[1] })).map((j) => j.payload)).toEqual([2, 3]);
    expect((await db.jobs.list({ limit: 2, after: ids[3] })).map((j) => j.payload)).toEqual([2, 1]);
    expect((await db.jobs.list({ kinds: ['even'] })).map((j) => j.payload)).toEqual([4, 2, 0]);
    expect((await db.jobs.list({ statuses: ['queued'], kinds: ['even'] })).map((j) => j.payload)).toEqual([4, 2]);
    expect((await db.jobs.list({ statuses: ['failed', 'cancelled'] })).map((j) => j.payload)).toEqual([0]);
    expect(await db.jobs.list({ statuses: [] })).toEqual([]);
  });

  it('requeues a failed or cancelled job with its attempts reset, and cancels only a queued one', async () => {
    const db = ctx.db();
    const { job: queued } = await db.jobs.add(job('q', at(5)));
    const { job: failing } = await db.jobs.add(job('f', at(0)));
    const [claimed] = await claimAt(db, at(0));
    expect(claimed?.id).toBe(failing.id);
    expect(await db.jobs.requeue(failing.id, at(1))).toBeUndefined();
    expect(await db.jobs.cancel(failing.id, at(1))).toBeUndefined();
    await db.jobs.fail(claimed as Job, 'boom', at(1));
    expect(await db.jobs.requeue(failing.id, at(2))).toMatchObject({ status: 'queued', attempts: 0, runAt: at(2), lastError: 'boom', updatedDate: at(2) });
    expect(await db.jobs.cancel(queued.id, at(3))).toMatchObject({ status: 'cancelled', updatedDate: at(3) });
    expect(await db.jobs.cancel(queued.id, at(3))).toBeUndefined();
    expect(await db.jobs.requeue(queued.id, at(4))).toMatchObject({ status: 'queued', runAt: at(4) });
    expect(await db.jobs.requeue('00000000-0000-7000-8000-000000000000', at(4))).toBeUndefined();
  });
});

async function sqliteFile(db: EddyDatabase): Promise<string> {
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db.db);
  return rows[0]?.file as string;
}

async function currentSchema(db: EddyDatabase): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.db);
  return rows[0]?.schema as string;
}
