import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListedJobs } from '../../../src/cli/commands/jobs.js';
import type { Job } from '../../../src/runtime/ports/index.js';
import { TempOrg } from './support.js';

const CLI_TEST_TIMEOUT_MS = 180_000;

describe('eddy jobs', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => org.dispose());

  /** A queued alarm, a failed email and a done job, written straight to the org's database. */
  async function seed(): Promise<{ queued: string; failed: string; done: string }> {
    expect((await org.eddy(['jobs'])).stdout).toBe('No jobs.\n');
    const db = await org.open();
    try {
      const { job: done } = await db.jobs.add({ kind: 'wait.resume', payload: { interviewId: 'x' }, runAt: '2026-01-01T00:00:00.000Z', maxAttempts: 5 });
      const { job: failed } = await db.jobs.add({ kind: 'email.send', payload: { subject: 'Hello' }, runAt: '2026-01-01T00:00:00.000Z', maxAttempts: 8 });
      const { job: queued } = await db.jobs.add({ kind: 'wait.resume', payload: { interviewId: 'y' }, runAt: '2999-01-01T00:00:00.000Z', maxAttempts: 5 });
      const claimed = await db.jobs.claim({ now: '2026-01-01T00:00:00.000Z', limit: 2, leaseMs: 60_000, owner: 'test' });
      await db.jobs.complete(claimed.find((job) => job.id === done.id) as Job, '2026-01-01T00:00:01.000Z');
      await db.jobs.fail(claimed.find((job) => job.id === failed.id) as Job, '550 mailbox unavailable\nat the far end', '2026-01-01T00:00:01.000Z');
      return { queued: queued.id, failed: failed.id, done: done.id };
    } finally {
      await db.close();
    }
  }

  it('lists jobs newest first as a table or JSON, by status and page, and shows one', async () => {
    const ids = await seed();
    const table = await org.eddy(['jobs']);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +KIND +STATUS +ATTEMPTS +RUN AT +LAST ERROR$/);
    expect(lines.slice(1).map((line) => line.split(/ {2,}/).slice(0, 4))).toEqual([
      [ids.queued, 'wait.resume', 'queued', '0/5'],
      [ids.failed, 'email.send', 'failed', '1/8'],
      [ids.done, 'wait.resume', 'done', '1/5'],
    ]);
    expect(lines[2]).toMatch(/550 mailbox unavailable at the far end$/);

    const failed = await org.json<ListedJobs>(['jobs', '--status', 'failed']);
    expect(failed).toEqual({ records: [expect.objectContaining({ id: ids.failed, lastError: '550 mailbox unavailable\nat the far end' })], nextAfter: null });
    const page = await org.json<ListedJobs>(['jobs', '--limit', '2']);
    expect(page.records.map((job) => job.id)).toEqual([ids.queued, ids.failed]);
    expect(page.nextAfter).toBe(ids.failed);
    expect((await org.json<ListedJobs>(['jobs', '--after', ids.failed])).records.map((job) => job.id)).toEqual([ids.done]);
    expect((await org.eddy(['jobs', '--limit', '2'])).stdout).toContain(`More: eddy jobs --after ${ids.failed}\n`);

    const shown = await org.eddy(['jobs', 'show', ids.failed]);
    expect(shown.stdout).toContain('Payload: {"subject":"Hello"}\nLast error: 550 mailbox unavailable\nat the far end\n');
    expect(await org.json<Job>(['jobs', 'show', ids.queued])).toMatchObject({ id: ids.queued, status: 'queued', payload: { interviewId: 'y' } });
  });

  it('retries a failed job and cancels a queued one, and explains what it refuses', async () => {
    const ids = await seed();
    expect((await org.eddy(['jobs', 'retry', ids.failed])).stdout).toBe(`Queued job ${ids.failed} (email.send) again.\n`);
    expect(await org.json<Job>(['jobs', 'show', ids.failed])).toMatchObject({ status: 'queued', attempts: 0 });
    expect((await org.eddy(['jobs', 'cancel', ids.queued])).stdout).toBe(`Cancelled job ${ids.queued} (wait.resume).\n`);

    const again = await org.eddy(['jobs', 'cancel', ids.queued]);
    expect(again).toMatchObject({ code: 1, stderr: `eddy: INVALID_OPERATION: Job ${ids.queued} is cancelled: only queued jobs can be cancelled.\n` });
    expect((await org.eddy(['jobs', 'retry', 'nope'])).stderr).toMatch(/^eddy: MALFORMED_ID: /);
    expect((await org.eddy(['jobs', 'show', '01900000-0000-7000-8000-00000000abcd'])).stderr).toBe('eddy: NOT_FOUND: No job with ID 01900000-0000-7000-8000-00000000abcd.\n');
    expect(await org.eddy(['jobs', '--status', 'stuck'])).toMatchObject({ code: 2, stderr: 'eddy: --status must be one of queued, running, done, failed, cancelled, not "stuck".\n' });

    await org.eddy(['users', 'add', 'ada@example.com']);
    const refused = await org.eddy(['jobs', '--as', 'ada@example.com']);
    expect(refused).toMatchObject({ code: 1, stderr: 'eddy: INSUFFICIENT_ACCESS: Viewing background jobs needs the Customize Application or Manage Flow permission; ada@example.com does not have it.\n' });
  });
});
