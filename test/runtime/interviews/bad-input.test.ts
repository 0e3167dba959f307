/**
 * Bad requests get a typed error with a stable code, and nothing is stored: wrong input types,
 * unknown inputs, oversized pause reasons, unknown and malformed IDs, pausing where it is not
 * allowed, an invalid current record, another user's interview, stale versions.
 */
import { expect, it } from 'vitest';
import { listOutbox } from '../../../src/runtime/email/outbox.js';
import type { StorageSession } from '../../../src/runtime/ports/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { createAccount, createUser, deployFixture, deployXml, fixtureXml, systemActor, testRuntime } from './support/runtime-harness.js';

/** Everything a failed request could have written. */
async function snapshot(db: StorageSession) {
  return {
    interviews: await db.interviews.list({}, 'system'),
    tasks: await db.records.query({ object: 'Task', filters: [] }),
    outbox: await listOutbox(db),
    jobs: await db.jobs.list(),
  };
}

forEachDatabase('interview bad input', (ctx) => {
  it('refuses inputs of the wrong type or that the flow does not declare, storing nothing', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const before = await snapshot(db);

    await expect(runtime.interviews.start(alice.Id, 'Account_Survey', { inputs: { visits: 'many' } })).rejects.toMatchObject({ code: 'INVALID_API_INPUT', fields: ['visits'] });
    await expect(runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { resumeAt: 'next tuesday' } })).rejects.toMatchObject({ code: 'INVALID_API_INPUT', fields: ['resumeAt'] });
    await expect(runtime.interviews.start(alice.Id, 'Account_Survey', { inputs: { greeting: 'hi' } })).rejects.toMatchObject({
      code: 'INVALID_API_INPUT',
      message: expect.stringContaining('no input variable named "greeting"') as string,
    });
    await expect(runtime.interviews.start(alice.Id, 'Account_Survey', { inputs: { nope: 1 } })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
    await expect(runtime.interviews.start(alice.Id, 'Account_Survey', { inputs: [] as never })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
    expect(await snapshot(db)).toEqual(before);

    // Coercible values are accepted and coerced.
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey', { inputs: { visits: '3' } });
    expect(started.awaiting).toBe('screen');
  });

  it('refuses unknown flows, malformed and unknown record IDs on start', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const before = await snapshot(db);
    await expect(runtime.interviews.start(alice.Id, 'No_Such_Flow')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.start(alice.Id, 'Account_Survey', { recordId: 'not-an-id' })).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    await expect(runtime.interviews.start(alice.Id, 'Account_Survey', { recordId: '001000000000000AAA' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.start('garbage', 'Account_Survey')).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    await expect(runtime.interviews.start('005000000000000AAA', 'Account_Survey')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await snapshot(db)).toEqual(before);
  });

  it('refuses unknown and malformed interview IDs on every operation', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    const alice = await createUser(db, 'alice');
    const unknown = '0Fo000000000000AAA';
    for (const id of ['0Fo-bad', '', 'x'.repeat(17)]) {
      await expect(runtime.interviews.get(alice.Id, id)).rejects.toMatchObject({ code: 'MALFORMED_ID' });
      await expect(runtime.interviews.resume(alice.Id, id)).rejects.toMatchObject({ code: 'MALFORMED_ID' });
      await expect(runtime.interviews.delete(alice.Id, id)).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    }
    await expect(runtime.interviews.get(alice.Id, unknown)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.navigate(alice.Id, unknown, { action: 'NEXT' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.pause(alice.Id, unknown)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.resume(alice.Id, unknown)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.delete(alice.Id, unknown)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.list(alice.Id, { scope: 'record', recordId: 'nope' })).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    await expect(runtime.interviews.list(alice.Id, { scope: 'record' })).rejects.toMatchObject({ code: 'MISSING_ARGUMENT' });
    await expect(runtime.interviews.list(alice.Id, { scope: 'everything' as never })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
    await expect(runtime.interviews.list(alice.Id, { scope: 'mine', statuses: ['Sleeping'] })).rejects.toMatchObject({ code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    await expect(runtime.interviews.list(alice.Id, { scope: 'mine', limit: -1 })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
  });

  it('refuses a pause reason over 255 characters and keeps the interview as it was', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    const before = await db.interviews.get(started.interview.Id);
    await expect(runtime.interviews.pause(alice.Id, started.interview.Id, { reason: 'x'.repeat(256), values: { First_Name: 'Ada' } })).rejects.toMatchObject({
      code: 'STRING_TOO_LONG',
      fields: ['reason'],
    });
    expect(await db.interviews.get(started.interview.Id)).toEqual(before);
    expect(before).toMatchObject({ InterviewStatus: 'Running', PauseLabel: null });
    const paused = await runtime.interviews.pause(alice.Id, started.interview.Id, { reason: 'y'.repeat(255) });
    expect(paused.interview.PauseLabel).toHaveLength(255);
  });

  it('pauses only where the org setting and the screen allow it', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');

    await db.settings.updateOrganization({ allowPause: false }, await systemActor(db));
    await expect(runtime.interviews.pause(alice.Id, started.interview.Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    await db.settings.updateOrganization({ allowPause: true }, await systemActor(db));

    const rating = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } });
    expect(rating.screen?.name).toBe('Rating');
    await expect(runtime.interviews.pause(alice.Id, started.interview.Id, { values: { Score: 2 } })).rejects.toMatchObject({
      code: 'INVALID_OPERATION',
      message: expect.stringContaining('Rating') as string,
    });
    expect(await db.interviews.get(started.interview.Id)).toMatchObject({ InterviewStatus: 'Running', version: rating.interview.version });
  });

  it('fails a pause whose $Flow.CurrentRecord is not an existing record, changing nothing', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const account = await createAccount(db, 'Acme');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey', { recordId: account });
    await db.records.delete([account]);

    await expect(runtime.interviews.pause(alice.Id, started.interview.Id, { reason: 'later' })).rejects.toMatchObject({ code: 'INVALID_CROSS_REFERENCE_KEY' });
    expect(await db.interviews.get(started.interview.Id)).toMatchObject({ InterviewStatus: 'Running', PauseLabel: null, version: started.interview.version });
    expect(await db.interviews.recordRelations(started.interview.Id)).toEqual([]);

    const malformed = fixtureXml('Account_Survey').replace('<elementReference>recordId</elementReference>', '<stringValue>not a record</stringValue>');
    await deployXml(db, 'Bad_Context', malformed);
    const bad = await runtime.interviews.start(alice.Id, 'Bad_Context');
    await expect(runtime.interviews.pause(alice.Id, bad.interview.Id)).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    expect((await db.interviews.get(bad.interview.Id))?.InterviewStatus).toBe('Running');
  });

  it('refuses operations that do not fit the interview: navigating a paused one, resuming a running one, a bad action, a stale version', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    await expect(runtime.interviews.resume(alice.Id, started.interview.Id)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'PAUSE' as never })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: 'x' as never })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' }, version: started.interview.version + 7 })).rejects.toMatchObject({ code: 'CONFLICT' });
    const paused = await runtime.interviews.pause(alice.Id, started.interview.Id);
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    await expect(runtime.interviews.pause(alice.Id, started.interview.Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    expect((await db.interviews.get(started.interview.Id))?.version).toBe(paused.interview.version);
  });

  it('answers another user\'s interview as not found and leaves it untouched', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const mallory = await createUser(db, 'mallory');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    await expect(runtime.interviews.navigate(mallory.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Eve' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(runtime.interviews.pause(mallory.Id, started.interview.Id, { reason: 'mine now' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.interviews.get(started.interview.Id)).toMatchObject({ InterviewStatus: 'Running', version: started.interview.version, LastModifiedById: alice.Id });
  });
});
