/**
 * Optimistic concurrency: of many clients changing one interview at once, exactly one wins and
 * the others get CONFLICT; nothing is half-written and nothing runs twice.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFixture, testRuntime } from './support/runtime-harness.js';

function outcomes(results: readonly PromiseSettledResult<unknown>[]): { fulfilled: number; codes: string[] } {
  const codes = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => String((r.reason as { code?: unknown }).code ?? (r.reason as Error).message));
  return { fulfilled: results.filter((r) => r.status === 'fulfilled').length, codes };
}

forEachDatabase('interview concurrency', (ctx) => {
  it('lets exactly one of ten concurrent submissions of the same screen version win', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');

    const names = Array.from({ length: 10 }, (_, i) => `Name ${i}`);
    const results = await Promise.allSettled(
      names.map((name) => runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: name }, version: started.interview.version })),
    );
    const { fulfilled, codes } = outcomes(results);
    expect(fulfilled).toBe(1);
    expect(codes).toEqual(Array(9).fill('CONFLICT'));

    const winner = results.find((r) => r.status === 'fulfilled');
    if (winner?.status !== 'fulfilled') throw new Error('no winner');
    const stored = await db.interviews.get(started.interview.Id);
    expect(stored?.version).toBe(winner.value.interview.version);
    expect(stored?.CurrentElement).toBe('Rating');
    // The state is the winner's: one submitted screen, with the winner's value.
    expect(stored?.state.frames[0]?.history.map((visit) => visit.screen)).toEqual(['About_You']);
    const submitted = stored?.state.frames[0]?.vars['First_Name'];
    expect(names).toContain(submitted);
    expect(winner.value.screen?.name).toBe('Rating');

    // The losers' stale version stays stale; the winner's works.
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'BACK', version: started.interview.version })).rejects.toMatchObject({ code: 'CONFLICT' });
    const back = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'BACK', version: winner.value.interview.version });
    expect(back.screen?.name).toBe('About_You');
  });

  it('lets exactly one of ten concurrent resumes of a paused interview win', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    const paused = await runtime.interviews.pause(alice.Id, started.interview.Id, { reason: 'later', values: { First_Name: 'Ada' } });

    const results = await Promise.allSettled(Array.from({ length: 10 }, () => runtime.interviews.resume(alice.Id, started.interview.Id)));
    const { fulfilled, codes } = outcomes(results);
    expect(fulfilled).toBe(1);
    expect(codes).toEqual(Array(9).fill('CONFLICT'));
    // One winning write: the row moved on by exactly one version.
    expect(await db.interviews.get(started.interview.Id)).toMatchObject({ InterviewStatus: 'Running', PauseLabel: null, version: paused.interview.version + 1 });
  });

  it('lets exactly one of a pause and a submission racing on the same version win', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    const version = started.interview.version;
    const results = await Promise.allSettled([
      runtime.interviews.pause(alice.Id, started.interview.Id, { reason: 'later', version }),
      runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' }, version }),
      runtime.interviews.pause(alice.Id, started.interview.Id, { reason: 'also later', version }),
      runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Bea' }, version }),
    ]);
    const { fulfilled, codes } = outcomes(results);
    expect(fulfilled).toBe(1);
    expect(codes).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const stored = await db.interviews.get(started.interview.Id);
    const relations = await db.interviews.stageRelations(started.interview.Id);
    if (stored?.InterviewStatus === 'Paused') {
      expect(stored.CurrentElement).toBe('About_You');
      expect(relations.length).toBeGreaterThan(0);
    } else {
      expect(stored).toMatchObject({ InterviewStatus: 'Running', CurrentElement: 'Rating', PauseLabel: null });
      expect(relations).toEqual([]);
    }
  });

  it('resumes a due wait once however many job runners run at the same time', async () => {
    const db = ctx.db();
    const { runtime, log } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'once', resumeAt: ctx.clock().iso() } });
    const other = await testRuntime(ctx);
    const resumed = async (candidate: typeof runtime) => (await candidate.jobs.runDue()).done;
    const counts = await Promise.all([...Array.from({ length: 5 }, () => resumed(runtime)), ...Array.from({ length: 5 }, () => resumed(other.runtime))]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(log.calls.length + other.log.calls.length).toBe(1);
    expect(await db.records.query({ object: 'Task', filters: [] })).toHaveLength(1);
    expect((await db.interviews.get(waiting.interview.Id))?.InterviewStatus).toBe('Completed');
  });

  it('does not delete an interview while another transaction is changing it', async () => {
    const db = ctx.db();
    let release: () => void = () => undefined;
    let reached: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const { runtime } = await testRuntime(ctx, {
      hooks: {
        beforeCommit: async (operation) => {
          if (operation !== 'navigate') return;
          reached();
          await gate;
        },
      },
    });
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');

    const navigation = runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } });
    await inside;
    const deletion = runtime.interviews.delete(alice.Id, started.interview.Id).then(
      () => 'deleted',
      (error: { code?: string }) => error.code,
    );
    release();
    const navigated = await navigation;
    expect(navigated.screen?.name).toBe('Rating');
    // The navigation was never cut short: the delete came after its commit (deleting the committed
    // interview), or read the interview before that commit and conflicted instead of deleting.
    const outcome = await deletion;
    expect(['deleted', 'CONFLICT']).toContain(outcome);
    if (outcome === 'deleted') expect(await db.interviews.get(started.interview.Id)).toBeUndefined();
    else expect(await db.interviews.get(started.interview.Id)).toMatchObject({ CurrentElement: 'Rating', version: navigated.interview.version });
  });

  it('refuses a second change without a version while another one holds the interview, rather than applying it to the new screen', async () => {
    const db = ctx.db();
    let release: () => void = () => undefined;
    let reached: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const inside = new Promise<void>((resolve) => {
      reached = resolve;
    });
    let held = false;
    const { runtime } = await testRuntime(ctx, {
      hooks: {
        beforeCommit: async (operation) => {
          if (operation !== 'navigate' || held) return;
          held = true;
          reached();
          await gate;
        },
      },
    });
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');

    const first = runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } });
    await inside;
    const second = runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Bob' } }).then(
      (view) => view.screen?.name ?? view.awaiting,
      (error: { code?: string }) => error.code,
    );
    // PostgreSQL answers the second request while the first still holds the row; SQLite queues
    // it behind the first transaction (one writer), so it runs after the first commits.
    const early = ctx.backend === 'postgres' ? await second : undefined;
    release();
    expect((await first).screen?.name).toBe('Rating');
    if (ctx.backend === 'postgres') expect(early).toBe('CONFLICT');
    else expect(await second).toBe('Rating');
    expect(await db.interviews.get(started.interview.Id)).toMatchObject({ CurrentElement: 'Rating' });
  });
});
