/**
 * The embedded default: the job runner's own timer (every 250 ms) resumes a wait due a second
 * from now, on the real clock, without anyone calling it.
 */
import { expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/runtime/ports/clock.js';
import { DEFAULT_JOB_POLL_INTERVAL_MS } from '../../../src/runtime/jobs/job-runner.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFixture, testRuntime } from '../interviews/support/runtime-harness.js';

/**
 * How long the test waits for the wait to complete: a deadline, not a measure. The resume is due
 * after one second; on a busy machine the job runner's round and the resume's transaction may take
 * several more.
 */
const COMPLETION_DEADLINE_MS = 20_000;

forEachDatabase('job runner timer', (ctx) => {
  it('resumes a wait due in one second by itself, once, and stops cleanly', { timeout: COMPLETION_DEADLINE_MS * 3 }, async () => {
    const db = ctx.db();
    const { runtime, log } = await testRuntime(ctx, { clock: systemClock });
    expect(runtime.jobs.pollIntervalMs).toBe(DEFAULT_JOB_POLL_INTERVAL_MS);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const resumeAt = new Date(systemClock.now().getTime() + 1000).toISOString();
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'timer', resumeAt } });
    expect(waiting.awaiting).toBe('waiting');

    runtime.startBackground();
    expect(runtime.jobs.running).toBe(true);
    try {
      await vi.waitFor(
        async () => {
          expect((await db.interviews.get(waiting.interview.Id))?.InterviewStatus).toBe('Completed');
        },
        { timeout: COMPLETION_DEADLINE_MS, interval: 100 },
      );
    } finally {
      await runtime.stop();
    }
    expect(runtime.jobs.running).toBe(false);
    expect(runtime.jobs.totals).toEqual({ done: 1, retried: 0, failed: 0 });
    expect(log.calls).toEqual([{ subject: 'timer', userId: alice.Id }]);
    // Not before its time: the job completed at or after its due time.
    const [job] = await db.jobs.list({ statuses: ['done'] });
    expect(Date.parse(job?.updatedDate ?? '')).toBeGreaterThanOrEqual(Date.parse(resumeAt));
  });
});
