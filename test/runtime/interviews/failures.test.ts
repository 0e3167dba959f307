/**
 * Failed runs: an unhandled fault rolls back the run's record writes and records the interview
 * as Error with the fault's message; a handled fault keeps them; a failure of the machinery
 * itself (not the flow) changes nothing and is not blamed on the interview.
 */
import { expect, it } from 'vitest';
import { ActionRegistry } from '../../../src/runtime/actions/action-registry.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFixture, deployXml, fixtureXml, testRuntime } from './support/runtime-harness.js';

forEachDatabase('interview failures', (ctx) => {
  it('rolls back the record writes of a run that ends in an unhandled fault and records the interview as Error', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Contact_Then_Bad_Account');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Contact_Then_Bad_Account');

    const failed = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { Last_Name: 'Doe' } });
    expect(failed.awaiting).toBe('failed');
    expect(failed.fault).toMatchObject({ code: 'REQUIRED_FIELD_MISSING', element: 'Create_Bad_Account' });
    expect(failed.interview).toMatchObject({ InterviewStatus: 'Error', CurrentElement: 'Create_Bad_Account' });
    expect(failed.interview.Error).toContain('Name');
    // The Contact created before the failing element is gone with the transaction.
    expect(await db.records.query({ object: 'Contact', filters: [] })).toEqual([]);
    expect(await db.records.query({ object: 'Account', filters: [] })).toEqual([]);

    const view = await runtime.interviews.get(alice.Id, started.interview.Id);
    expect(view).toMatchObject({ awaiting: 'failed', fault: { code: 'REQUIRED_FIELD_MISSING' } });
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT' })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });

  it('keeps the record writes of a run whose fault the flow handles', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Contact_Then_Bad_Account');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Contact_Then_Bad_Account');
    const done = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { Last_Name: 'Doe', Handle_Faults: true } });
    expect(done.awaiting).toBe('finished');
    expect(done.outputs?.['faultText']).toEqual(expect.stringContaining('Name'));
    expect(await db.records.query({ object: 'Contact', filters: [], fields: ['LastName'] })).toEqual([expect.objectContaining({ LastName: 'Doe' })]);
  });

  it('records a wait resume and a start that end in an unhandled fault (an unregistered action) as Error interviews, rolling back their Task', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx, { actions: new ActionRegistry() });
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    // Due at once: resumes, creates its Task, then calls the unregistered Record_Resume action.
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'x', resumeAt: ctx.clock().iso() } });
    expect((await runtime.jobs.runDue()).done).toBe(1);
    const view = await runtime.interviews.get(alice.Id, waiting.interview.Id);
    expect(view).toMatchObject({ awaiting: 'failed', fault: { code: 'UNKNOWN_ACTION', element: 'Record_Resume' } });
    expect(view.interview.InterviewStatus).toBe('Error');
    expect(await db.records.query({ object: 'Task', filters: [] })).toEqual([]);
    expect(await db.jobs.list({ statuses: ['queued', 'running'] })).toEqual([]);

    const broken = fixtureXml('Wait_Then_Create_Task').replace('<targetReference>Set_Context</targetReference>', '<targetReference>Create_Task</targetReference>');
    await deployXml(db, 'Create_Task_Now', broken);
    const before = await db.records.query({ object: 'Task', filters: [] });
    const failed = await runtime.interviews.start(alice.Id, 'Create_Task_Now', { inputs: { subject: 'now' } });
    expect(failed).toMatchObject({ awaiting: 'failed', interview: { InterviewStatus: 'Error', OwnerId: alice.Id } });
    expect(await db.interviews.get(failed.interview.Id)).toBeDefined();
    expect(await db.records.query({ object: 'Task', filters: [] })).toEqual(before);
  });

  it('changes nothing when the machinery fails inside the transaction, and does not mark the interview failed', async () => {
    const db = ctx.db();
    let failNext = false;
    const { runtime } = await testRuntime(ctx, {
      hooks: {
        beforeCommit: () => {
          if (failNext) throw new Error('disk on fire');
        },
      },
    });
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    const before = await db.interviews.get(started.interview.Id);
    failNext = true;
    await expect(runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } })).rejects.toThrow('disk on fire');
    expect(await db.interviews.get(started.interview.Id)).toEqual(before);
    failNext = false;
    const next = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } });
    expect(next.screen?.name).toBe('Rating');
  });
});
