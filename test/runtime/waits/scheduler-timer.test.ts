/**
 * The embedded default: the scheduler's own timer (every 250 ms) resumes a wait due a second
 * from now, on the real clock, without anyone calling it.
 */
import { expect, it, vi } from 'vitest';
import { systemClock } from '../../../src/runtime/clock.js';
import { DEFAULT_SCHEDULER_INTERVAL_MS } from '../../../src/runtime/scheduler.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFixture, testRuntime } from '../interviews/support/runtime-harness.js';

/**
 * How long the test waits for the wait to complete: a deadline, not a measure. The resume is due
 * after one second; on a busy machine the scheduler's round and the resume's transaction may take
 * several more.
 */
const COMPLETION_DEADLINE_MS = 20_000;

forEachDatabase('scheduler timer', (ctx) => {
  it('resumes a wait due in one second by itself, once, and stops cleanly', { timeout: COMPLETION_DEADLINE_MS * 3 }, async () => {
    const db = ctx.db();
    const { runtime, log } = await testRuntime(ctx, { clock: systemClock });
    expect(runtime.scheduler.intervalMs).toBe(DEFAULT_SCHEDULER_INTERVAL_MS);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const resumeAt = new Date(systemClock.now().getTime() + 1000).toISOString();
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'timer', resumeAt } });
    expect(waiting.awaiting).toBe('waiting');

    runtime.startBackground();
    expect(runtime.scheduler.running).toBe(true);
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
    expect(runtime.scheduler.running).toBe(false);
    expect(runtime.scheduler.resumed).toBe(1);
    expect(log.calls).toEqual([{ subject: 'timer', userId: alice.Id }]);
    // Not before its time: the job completed at or after its due time.
    const [job] = await db.jobs.list({ status: 'done' });
    expect(Date.parse(job?.completedDate ?? '')).toBeGreaterThanOrEqual(Date.parse(resumeAt));
  });
});
