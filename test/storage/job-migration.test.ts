/**
 * Migration 0006 (one jobs table) loses nothing on upgrade: a pending wait alarm of the old
 * `jobs` table and the old outbox's messages (pending, failed, sent) become jobs, and run as jobs
 * — the alarm resumes its interview, the pending email reaches the mailer, the failed and sent
 * ones keep their state and error. Migrating down moves them back.
 */
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import type { Job } from '../../src/runtime/ports/index.js';
import { listOutbox } from '../../src/runtime/email/outbox.js';
import { migrationProvider } from '../../src/storage/migrations/index.js';
import type { EddyDatabase } from '../../src/storage/open-database.js';
import { forEachDatabase } from '../support/databases.js';
import { createUser, deployFixture, testRuntime } from '../runtime/interviews/support/runtime-harness.js';

const HOUR_MS = 60 * 60 * 1000;

async function migrateTo(db: EddyDatabase, name: string): Promise<void> {
  const migrator = new Migrator({ db: db.db, provider: migrationProvider });
  const { error } = name === 'latest' ? await migrator.migrateToLatest() : await migrator.migrateTo(name);
  expect(error).toBeUndefined();
}

interface OldRows {
  readonly jobs: Record<string, unknown>[];
  readonly outbox: Record<string, unknown>[];
}

async function oldRows(db: EddyDatabase): Promise<OldRows> {
  const jobs = await sql<Record<string, unknown>>`select * from jobs order by id`.execute(db.db);
  const outbox = await sql<Record<string, unknown>>`select * from outbox order by id`.execute(db.db);
  return { jobs: jobs.rows, outbox: outbox.rows };
}

forEachDatabase('job migration', (ctx) => {
  it('carries a waiting interview\'s alarm and the undelivered outbox over as jobs that then run', async () => {
    const db = ctx.db();
    const { runtime, mailer, log } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const t0 = ctx.clock().iso();
    const resumeAt = new Date(Date.parse(t0) + HOUR_MS).toISOString();
    // A real waiting interview, whose alarm row is then written the old way.
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'upgraded', resumeAt } });
    const [alarm] = await db.jobs.list();
    await sql`delete from jobs`.execute(db.db);
    await migrateTo(db, '0005-manage-users');

    const email = { element: 'Send', from: 'flows@acme.test', to: ['ada@example.com'], cc: [], bcc: [], subject: 'Still pending', body: 'Hi', isHtml: false, unresolvedRecipientIds: [] };
    const ids = { alarm: '01900000-0000-7000-8000-000000000001', pending: '01900000-0000-7000-8000-000000000002', failed: '01900000-0000-7000-8000-000000000003', sent: '01900000-0000-7000-8000-000000000004', legacy: '01900000-0000-7000-8000-000000000005' };
    await sql`insert into jobs (id, kind, payload, due_at, unique_key, status, attempts, locked_until, lease_token, last_error, created_date, completed_date)
      values (${ids.alarm}, 'resumeWait', ${JSON.stringify(alarm?.payload)}, ${resumeAt}, ${alarm?.idempotencyKey}, 'pending', 0, null, null, null, ${t0}, null),
             (${ids.legacy}, 'nightlyReport', '{}', ${t0}, null, 'pending', 3, null, null, 'No handler for job kind "nightlyReport" in this process.', ${t0}, null)`.execute(db.db);
    await sql`insert into outbox (id, kind, payload, interview_id, status, attempts, next_attempt_at, lease_token, last_error, created_date, sent_date)
      values (${ids.pending}, 'email', ${JSON.stringify(email)}, ${waiting.interview.Id}, 'pending', 1, ${t0}, null, 'connection refused', ${t0}, null),
             (${ids.failed}, 'email', ${JSON.stringify({ ...email, subject: 'Bounced' })}, null, 'failed', 1, ${t0}, null, '550 mailbox unavailable', ${t0}, null),
             (${ids.sent}, 'notification', ${JSON.stringify({ title: 'Heads up' })}, null, 'sent', 1, ${t0}, null, null, ${t0}, ${t0})`.execute(db.db);

    await migrateTo(db, 'latest');
    const carried = new Map((await db.jobs.list()).map((job): [string, Job] => [job.id, job]));
    expect(carried.size).toBe(5);
    expect(carried.get(ids.alarm)).toMatchObject({ kind: 'wait.resume', status: 'queued', runAt: resumeAt, attempts: 0, maxAttempts: 5, idempotencyKey: alarm?.idempotencyKey, payload: alarm?.payload });
    expect(carried.get(ids.pending)).toMatchObject({ kind: 'email.send', status: 'queued', attempts: 1, maxAttempts: 8, lastError: 'connection refused', payload: { ...email, interviewId: waiting.interview.Id } });
    expect(carried.get(ids.failed)).toMatchObject({ kind: 'email.send', status: 'failed', lastError: '550 mailbox unavailable' });
    expect(carried.get(ids.sent)).toMatchObject({ kind: 'notification.send', status: 'done', updatedDate: t0 });
    expect(carried.get(ids.legacy)).toMatchObject({ kind: 'nightlyReport', status: 'queued', attempts: 3 });
    // Setup's Outbox still shows every message with its state and error.
    expect((await listOutbox(db)).map((m) => [m.id, m.kind, m.status, m.lastError, m.interviewId])).toEqual([
      [ids.pending, 'email', 'pending', 'connection refused', waiting.interview.Id],
      [ids.failed, 'email', 'failed', '550 mailbox unavailable', null],
      [ids.sent, 'notification', 'sent', null, null],
    ]);

    expect(await runtime.jobs.runDue(new Date(t0))).toEqual({ done: 1, retried: 0, failed: 1 });
    expect(mailer.sent.map((m) => [m.to, m.subject, m.headers?.['X-Eddy-Interview-Id']])).toEqual([[['ada@example.com'], 'Still pending', waiting.interview.Id]]);
    expect(await db.jobs.get(ids.legacy)).toMatchObject({ status: 'failed', lastError: "No handler is registered for job kind 'nightlyReport'." });
    expect(await runtime.jobs.runDue(new Date(resumeAt))).toEqual({ done: 1, retried: 0, failed: 0 });
    expect((await db.interviews.get(waiting.interview.Id))?.InterviewStatus).toBe('Completed');
    expect(log.calls).toEqual([{ subject: 'upgraded', userId: alice.Id }]);
  });

  it('moves the jobs back into the old jobs and outbox tables when migrated down', async () => {
    const db = ctx.db();
    const due = ctx.clock().iso();
    await db.jobs.add({ kind: 'wait.resume', payload: { interviewId: 'x' }, runAt: due, idempotencyKey: 'wait:x:1:e', maxAttempts: 5 });
    await db.jobs.add({ kind: 'email.send', payload: { subject: 'Hello', interviewId: 'y' }, maxAttempts: 8 });
    const [claimed] = await db.jobs.claim({ now: due, limit: 1, leaseMs: 1000, owner: 'w' });
    await db.jobs.fail(claimed as Job, 'gave up', due);

    await migrateTo(db, '0005-manage-users');
    const rows = await oldRows(db);
    expect(rows.jobs).toEqual([expect.objectContaining({ kind: 'resumeWait', unique_key: 'wait:x:1:e', status: 'failed', last_error: 'gave up', completed_date: due })]);
    expect(rows.outbox).toEqual([expect.objectContaining({ kind: 'email', status: 'pending', interview_id: 'y', payload: JSON.stringify({ subject: 'Hello' }) })]);
    await migrateTo(db, 'latest');
    expect((await db.jobs.list({ order: 'oldest' })).map((job) => [job.kind, job.status])).toEqual([['wait.resume', 'failed'], ['email.send', 'queued']]);
  });
});
