/**
 * The job runner on the test's database and simulated clock: handlers by kind, retries with
 * exponential backoff up to the job's last attempt, permanent failures, unknown kinds failing
 * once, leases taken over when a worker dies and kept alive by the heartbeat while a handler
 * runs, idempotent and transactional enqueues, and a handler's work committing with its job.
 */
import { expect, it } from 'vitest';
import { PermanentJobError, RetryableJobError } from '../../../src/runtime/jobs/job-errors.js';
import { JobRunner, type JobHandler, type JobRunnerOptions } from '../../../src/runtime/jobs/job-runner.js';
import { systemClock } from '../../../src/runtime/ports/clock.js';
import type { Job, Storage } from '../../../src/runtime/ports/index.js';
import { forEachDatabase, type DatabaseContext } from '../../support/databases.js';
import { systemActor } from '../interviews/support/runtime-harness.js';

const SECOND_MS = 1000;

function later(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

function runner(ctx: DatabaseContext, options: Partial<JobRunnerOptions> = {}): JobRunner {
  return new JobRunner({ storage: ctx.db(), clock: ctx.clock(), onError: (error) => { throw error; }, ...options });
}

/** Waits until `check` holds (polling every 20 ms, at most 5 s). */
async function until(check: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; !(await check()); waited += 20) {
    if (waited > 5000) throw new Error('Timed out waiting.');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function accounts(storage: Storage): Promise<string[]> {
  return (await storage.records.query({ object: 'Account', filters: [], fields: ['Name'] })).map((record) => String(record['Name']));
}

forEachDatabase('job runner', (ctx) => {
  it('runs a job through its kind\'s handler with its payload, attempt and time, and completes it', async () => {
    const db = ctx.db();
    const jobs = runner(ctx);
    const seen: unknown[] = [];
    jobs.register('greet', async (payload, context) => {
      seen.push([payload, context.attempt, context.job.kind, context.now.toISOString()]);
    });
    const { job } = await jobs.enqueue(db, { kind: 'greet', payload: { name: 'Ada' } });
    expect(await jobs.runDue()).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(seen).toEqual([[{ name: 'Ada' }, 1, 'greet', ctx.clock().iso()]]);
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'done', attempts: 1, leaseOwner: null, updatedDate: ctx.clock().iso() });
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 0, failed: 0 });
  });

  it('retries a failing job with exponential backoff on the clock, then fails it for good keeping the error', async () => {
    const db = ctx.db();
    const jobs = runner(ctx);
    const failures: string[] = [];
    jobs.register('flaky', () => Promise.reject(new RetryableJobError('connection refused')), {
      maxAttempts: 3,
      backoff: { baseDelayMs: 10 * SECOND_MS, maxDelayMs: 15 * SECOND_MS },
      onFailed: async (job, error) => {
        failures.push(`${job.id}: ${error}`);
      },
    });
    const t0 = ctx.clock().now();
    const { job } = await jobs.enqueue(db, { kind: 'flaky', payload: null });
    expect(job.maxAttempts).toBe(3);
    expect(await jobs.runDue(t0)).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'queued', attempts: 1, runAt: later(t0, 10 * SECOND_MS).toISOString(), lastError: 'connection refused' });
    expect(await jobs.runDue(later(t0, 9 * SECOND_MS))).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await jobs.runDue(later(t0, 10 * SECOND_MS))).toEqual({ done: 0, retried: 1, failed: 0 });
    // Doubled, but at most the ceiling: 20 s → 15 s.
    expect(await db.jobs.get(job.id)).toMatchObject({ attempts: 2, runAt: later(t0, 25 * SECOND_MS).toISOString() });
    expect(await jobs.runDue(later(t0, 25 * SECOND_MS))).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'failed', attempts: 3, lastError: 'connection refused', leaseOwner: null });
    expect(failures).toEqual([`${job.id}: connection refused`]);
    expect(await jobs.runDue(later(t0, 3600 * SECOND_MS))).toEqual({ done: 0, retried: 0, failed: 0 });
  });

  it('fails a job at once on a permanent error, and treats any other error as retryable', async () => {
    const db = ctx.db();
    const jobs = runner(ctx);
    jobs.register('bad', () => Promise.reject(new PermanentJobError('550 mailbox unavailable')));
    jobs.register('bug', () => Promise.reject(new TypeError('x is undefined')));
    const { job: bad } = await jobs.enqueue(db, { kind: 'bad', payload: 1 });
    const { job: bug } = await jobs.enqueue(db, { kind: 'bug', payload: 2 });
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 1, failed: 1 });
    expect(await db.jobs.get(bad.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 mailbox unavailable' });
    expect(await db.jobs.get(bug.id)).toMatchObject({ status: 'queued', attempts: 1, lastError: 'x is undefined' });
  });

  it('fails a job of a kind nobody handles once, visibly, and never claims it again', async () => {
    const db = ctx.db();
    const jobs = runner(ctx);
    const { job } = await jobs.enqueue(db, { kind: 'report.nightly', payload: {} });
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: "No handler is registered for job kind 'report.nightly'." });
    expect(await jobs.runDue(later(ctx.clock().now(), 24 * 3600 * SECOND_MS))).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await db.jobs.get(job.id)).toMatchObject({ attempts: 1 });
  });

  it('enqueues once per idempotency key, and not at all when the caller\'s transaction rolls back', async () => {
    const db = ctx.db();
    const jobs = runner(ctx);
    jobs.register('once', async () => undefined, { maxAttempts: 2 });
    const first = await jobs.enqueue(db, { kind: 'once', payload: 'a', idempotencyKey: 'key-1' });
    const second = await jobs.enqueue(db, { kind: 'once', payload: 'b', idempotencyKey: 'key-1' });
    expect(first).toMatchObject({ created: true, job: { maxAttempts: 2, payload: 'a' } });
    expect(second).toEqual({ created: false, job: first.job });
    await expect(
      db.transaction(async (tx) => {
        await jobs.enqueue(tx, { kind: 'once', payload: 'c', idempotencyKey: 'key-2' });
        throw new Error('the caller failed');
      }),
    ).rejects.toThrow('the caller failed');
    expect((await db.jobs.list()).map((job) => job.payload)).toEqual(['a']);
    expect(await jobs.runDue()).toEqual({ done: 1, retried: 0, failed: 0 });
  });

  it('commits a handler\'s work and the job\'s completion together, and neither when the handler fails', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const jobs = runner(ctx);
    let crash = true;
    jobs.register('account', (payload, context) =>
      context.transaction(async (tx) => {
        await tx.records.create([{ attributes: { type: 'Account' }, Name: String(payload) }], actor);
        if (crash) throw new Error('crash before commit');
      }),
    );
    const { job } = await jobs.enqueue(db, { kind: 'account', payload: 'Acme' });
    expect(await jobs.runDue()).toEqual({ done: 0, retried: 1, failed: 0 });
    expect(await accounts(db)).toEqual([]);
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'queued', lastError: 'crash before commit' });
    crash = false;
    expect(await jobs.runDue(later(ctx.clock().now(), 60 * SECOND_MS))).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(await accounts(db)).toEqual(['Acme']);
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('lets another worker take over the jobs of a worker that died once their lease runs out', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const t0 = ctx.clock().now();
    const ran: number[] = [];
    const survivor = runner(ctx, { storage: await ctx.openAnother(), leaseMs: 30 * SECOND_MS, owner: 'survivor' });
    survivor.register('account', (payload, context) => {
      ran.push(context.attempt);
      return context.transaction((tx) => tx.records.create([{ attributes: { type: 'Account' }, Name: String(payload) }], actor));
    });
    await survivor.enqueue(db, { kind: 'account', payload: 'Acme' });
    // The first worker claims the job and dies before finishing it.
    const [dead] = await db.jobs.claim({ now: t0.toISOString(), limit: 10, leaseMs: 30 * SECOND_MS, owner: 'dead' });
    expect(dead).toMatchObject({ status: 'running', leaseOwner: 'dead', attempts: 1 });
    expect(await survivor.runDue(later(t0, 29 * SECOND_MS))).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await survivor.runDue(later(t0, 30 * SECOND_MS))).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(ran).toEqual([2]);
    expect(await accounts(db)).toEqual(['Acme']);
    // The dead worker's late completion is refused.
    await expect(db.jobs.complete(dead as Job, later(t0, 31 * SECOND_MS).toISOString())).rejects.toMatchObject({ code: 'LEASE_LOST' });
  });

  it('gives up on a job whose workers kept dying past its last attempt', async () => {
    const db = ctx.db();
    const jobs = runner(ctx, { leaseMs: SECOND_MS });
    jobs.register('heavy', async () => undefined, { maxAttempts: 1 });
    const { job } = await jobs.enqueue(db, { kind: 'heavy', payload: null });
    await db.jobs.claim({ now: ctx.clock().iso(), limit: 1, leaseMs: SECOND_MS, owner: 'dead' });
    expect(await jobs.runDue(later(ctx.clock().now(), 2 * SECOND_MS))).toEqual({ done: 0, retried: 0, failed: 1 });
    expect((await db.jobs.get(job.id))?.lastError).toMatch(/^Gave up after 1 attempts: the worker running the last one stopped before it finished/);
  });

  it('keeps a running handler\'s lease alive with the heartbeat, and aborts its signal when the lease is lost', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    const jobs = runner(ctx, { clock: systemClock, leaseMs: 400, heartbeatMs: 50 });
    const thief = runner(ctx, { storage: other, clock: systemClock, leaseMs: 400, owner: 'thief' });
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let aborted = false;
    const slow: JobHandler = async (_payload, context) => {
      context.signal.addEventListener('abort', () => {
        aborted = true;
      });
      await released;
    };
    jobs.register('slow', slow);
    thief.register('slow', async () => undefined);
    const { job } = await jobs.enqueue(db, { kind: 'slow', payload: null, runAt: new Date().toISOString() });
    const running = jobs.runDue(new Date());
    await until(async () => (await other.jobs.get(job.id))?.status === 'running');
    const firstLease = (await other.jobs.get(job.id))?.leaseUntil ?? '';
    // Well past the first lease, the heartbeat has kept it: nobody else may take the job.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(Date.parse((await other.jobs.get(job.id))?.leaseUntil ?? '')).toBeGreaterThan(Date.parse(firstLease));
    expect(await thief.runDue(new Date())).toEqual({ done: 0, retried: 0, failed: 0 });
    // A worker that stalls past its lease loses the job: its signal is aborted, its completion refused.
    expect(await thief.runDue(new Date(Date.now() + 60_000))).toEqual({ done: 1, retried: 0, failed: 0 });
    await until(async () => aborted);
    release();
    // The job counts for the worker that finished it.
    expect(await running).toEqual({ done: 0, retried: 0, failed: 0 });
    expect(await db.jobs.get(job.id)).toMatchObject({ status: 'done', attempts: 2, leaseOwner: null });
  });

  it('shares due jobs between two runners on two database handles without running any twice', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    const ran: string[] = [];
    const handler: JobHandler = async (_payload, context) => {
      ran.push(context.job.id);
    };
    const first = runner(ctx, { batchSize: 3, owner: 'first' });
    const second = runner(ctx, { storage: other, batchSize: 3, owner: 'second' });
    first.register('work', handler);
    second.register('work', handler);
    for (let i = 0; i < 30; i++) await first.enqueue(db, { kind: 'work', payload: i });
    const [a, b] = await Promise.all([first.runDue(), second.runDue()]);
    expect((a?.done ?? 0) + (b?.done ?? 0)).toBe(30);
    expect(ran).toHaveLength(30);
    expect(new Set(ran).size).toBe(30);
    expect(await db.jobs.list({ statuses: ['done'], limit: 100 })).toHaveLength(30);
  });

  it('runs its polling loop between start() and stop()', async () => {
    const db = ctx.db();
    const jobs = runner(ctx, { clock: systemClock, pollIntervalMs: 20 });
    jobs.register('tick', async () => undefined);
    await jobs.enqueue(db, { kind: 'tick', payload: null, runAt: new Date().toISOString() });
    jobs.start();
    expect(jobs.running).toBe(true);
    try {
      await until(async () => jobs.totals.done === 1);
    } finally {
      await jobs.stop();
    }
    expect(jobs.running).toBe(false);
    expect(() => jobs.register('tick', async () => undefined)).toThrow("A handler is already registered for job kind 'tick'.");
  });
});
