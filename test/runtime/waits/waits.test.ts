/**
 * Waiting interviews on a simulated clock: alarms become jobs, platform events become
 * subscriptions, the first event resumes the interview once (the others are cancelled), failed
 * resumes are retried with backoff and then recorded as errors.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../support/databases.js';
import { sharedAvailable } from '../../support/shared-folder.js';
import { corpusXml, createAccount, createUser, deployFixture, deployXml, systemActor, testRuntime } from '../interviews/support/runtime-harness.js';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** The real flow of the shared corpus the first test runs (skipped where `../shared` is absent; failing under CI). */
const REAL_FLOW_PATH = 'UnofficialSF__LightningFlowComponents/Wait_for_User_to_Responsd.flow-meta.xml';
const REAL_FLOW = sharedAvailable('the waits test on the real flow Wait_for_User_to_Responsd', [`flows/${REAL_FLOW_PATH}`]);

function later(iso: string, ms: number): Date {
  return new Date(Date.parse(iso) + ms);
}

forEachDatabase('waits', (ctx) => {
  it.skipIf(!REAL_FLOW)('waits three days in a real flow (Wait_for_User_to_Responsd) and resumes when the simulated clock gets there', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployXml(db, 'Wait_for_User_to_Responsd', corpusXml(REAL_FLOW_PATH));
    const alice = await createUser(db, 'alice');
    const startedAt = ctx.clock().iso();
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_for_User_to_Responsd');
    expect(waiting.awaiting).toBe('waiting');
    expect(waiting.interview).toMatchObject({ InterviewStatus: 'Paused', WasPausedFromScreen: false, CurrentElement: 'Wait_3_Days', PauseLabel: null });
    expect(waiting.wait?.events).toEqual([{ kind: 'alarm', event: 'configWait_3_Days', resumeAt: later(startedAt, 3 * DAY_MS).toISOString() }]);
    const [job] = await db.jobs.list({ statuses: ['queued', 'running'] });
    expect(job).toMatchObject({ kind: 'wait.resume', runAt: later(startedAt, 3 * DAY_MS).toISOString(), idempotencyKey: `wait:${waiting.interview.Id}:${waiting.interview.version}:configwait_3_days` });
    expect((await runtime.interviews.list(alice.Id, { scope: 'mine', statuses: ['Paused'] })).map((i) => i.Id)).toEqual([waiting.interview.Id]);

    expect((await runtime.jobs.runDue(later(startedAt, 2 * DAY_MS))).done).toBe(0);
    expect((await db.interviews.get(waiting.interview.Id))?.InterviewStatus).toBe('Paused');

    ctx.clock().set(later(startedAt, 3 * DAY_MS));
    expect((await runtime.jobs.runDue()).done).toBe(1);
    const done = await runtime.interviews.get(alice.Id, waiting.interview.Id);
    expect(done).toMatchObject({ awaiting: 'finished', outputs: { booleanWaitingPeriodElapsed: true }, interview: { InterviewStatus: 'Completed' } });
    expect(await db.jobs.get(job!.id)).toMatchObject({ status: 'done' });
    expect((await runtime.jobs.runDue(later(startedAt, 10 * DAY_MS))).done).toBe(0);
  });

  it('relates a waiting interview to $Flow.CurrentRecord, resumes it as the user who started it, and runs its action once', async () => {
    const db = ctx.db();
    const { runtime, log } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const account = await createAccount(db, 'Acme');
    const resumeAt = later(ctx.clock().iso(), HOUR_MS).toISOString();
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'Call back', resumeAt, recordId: account } });
    expect(waiting.interview.InterviewLabel).toBe('Wait then create Call back');
    expect((await db.interviews.recordRelations(waiting.interview.Id)).map((r) => r.RelatedRecordId)).toEqual([account]);
    const byRecord = await runtime.interviews.list(alice.Id, { scope: 'record', recordId: account });
    expect(byRecord.map((i) => [i.InterviewStatus, i.WasPausedFromScreen, i.CurrentElement])).toEqual([['Paused', false, 'Wait_Until']]);
    // A waiting interview is not resumed by hand.
    await expect(runtime.interviews.resume(alice.Id, waiting.interview.Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });

    ctx.clock().set(resumeAt);
    expect((await runtime.jobs.runDue()).done).toBe(1);
    expect((await runtime.jobs.runDue()).done).toBe(0);
    expect(log.calls).toEqual([{ subject: 'Call back', userId: alice.Id }]);
    const tasks = await db.records.query({ object: 'Task', filters: [], fields: ['Subject', 'CreatedById'] });
    expect(tasks).toEqual([expect.objectContaining({ Subject: 'Call back', CreatedById: alice.Id })]);
    expect(await db.interviews.recordRelations(waiting.interview.Id)).toEqual([]);
    expect((await runtime.interviews.get(alice.Id, waiting.interview.Id)).outputs).toEqual({ taskId: tasks[0]?.Id });
  });

  it('resumes the interviews a platform event matches, cancels their alarms, and lets the others time out', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_For_Shipment');
    const alice = await createUser(db, 'alice');
    const startedAt = ctx.clock().iso();
    const first = await runtime.interviews.start(alice.Id, 'Wait_For_Shipment', { inputs: { orderNumber: 'A-1' } });
    ctx.clock().advance(1000);
    const second = await runtime.interviews.start(alice.Id, 'Wait_For_Shipment', { inputs: { orderNumber: 'B-2' } });
    expect(first.wait?.events.map((e) => e.kind)).toEqual(['platformEvent', 'alarm']);
    expect((await db.waits.listByEventType('order_shipped__E')).map((s) => [s.interviewId, s.filters])).toEqual([
      [first.interview.Id, { Order_Number__c: 'A-1' }],
      [second.interview.Id, { Order_Number__c: 'B-2' }],
    ]);
    expect(await db.jobs.list({ statuses: ['queued', 'running'] })).toHaveLength(2);

    expect(await runtime.interviews.publishEvent(alice.Id, 'Order_Shipped__e', { Order_Number__c: 'Z-9', Carrier__c: 'UPS' })).toEqual({ resumed: 0 });
    expect(await runtime.interviews.publishEvent(alice.Id, 'Order_Shipped__e', { order_number__c: 'A-1', Carrier__c: 'UPS' })).toEqual({ resumed: 1 });
    expect(await runtime.interviews.get(alice.Id, first.interview.Id)).toMatchObject({ awaiting: 'finished', outputs: { status: 'Shipped', carrier: 'UPS' } });
    expect(await db.waits.listForInterview(first.interview.Id)).toEqual([]);
    expect((await db.jobs.list({ statuses: ['cancelled'] })).map((j) => j.idempotencyKey)).toEqual([`wait:${first.interview.Id}:${first.interview.version}:timeout`]);
    // The same event again resumes nothing: the interview no longer waits.
    expect(await runtime.interviews.publishEvent(alice.Id, 'Order_Shipped__e', { Order_Number__c: 'A-1', Carrier__c: 'DHL' })).toEqual({ resumed: 0 });

    expect((await runtime.jobs.runDue(later(startedAt, 25 * HOUR_MS))).done).toBe(1);
    expect(await runtime.interviews.get(alice.Id, second.interview.Id)).toMatchObject({ awaiting: 'finished', outputs: { status: 'Timed out', carrier: null } });
    expect(await db.waits.listByEventType('Order_Shipped__e')).toEqual([]);
    await expect(runtime.interviews.publishEvent(alice.Id, 'not an event!', {})).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
  });

  it('computes a record-relative alarm from the record\'s date field (DateRefAlarmEvent)', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Follow_Up_After_Close');
    const alice = await createUser(db, 'alice');
    const [opportunityId] = await db.records.create([{ attributes: { type: 'Opportunity' }, Name: 'Big deal', StageName: 'Prospecting', CloseDate: '2026-03-10' }], await systemActor(db));
    const waiting = await runtime.interviews.start(alice.Id, 'Follow_Up_After_Close', { inputs: { opportunityId: opportunityId ?? null } });
    expect(waiting.awaiting).toBe('waiting');
    expect((await db.jobs.list({ statuses: ['queued', 'running'] })).map((j) => j.runAt)).toEqual(['2026-03-11T00:00:00.000Z']);
    expect((await runtime.jobs.runDue(new Date('2026-03-10T23:59:59.000Z'))).done).toBe(0);
    expect((await runtime.jobs.runDue(new Date('2026-03-11T00:00:00.000Z'))).done).toBe(1);
    expect((await runtime.interviews.get(alice.Id, waiting.interview.Id)).outputs).toEqual({ done: true });
  });

  it('retries a resume that fails outside the flow with growing delays, then records the interview as Error', async () => {
    const db = ctx.db();
    let failures = 0;
    const { runtime, log } = await testRuntime(ctx, {
      waitRetry: { maxAttempts: 3, baseDelayMs: 1000 },
      hooks: {
        beforeCommit: (operation) => {
          if (operation === 'resumeWait') {
            failures++;
            throw new Error('connection reset');
          }
        },
      },
    });
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const at = ctx.clock().iso();
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'x', resumeAt: at } });

    expect(await runtime.jobs.runDue(new Date(at))).toEqual({ done: 0, retried: 1, failed: 0 });
    let [job] = await db.jobs.list({ statuses: ['queued', 'running'] });
    expect(job).toMatchObject({ attempts: 1, runAt: later(at, 1000).toISOString(), lastError: 'connection reset' });
    expect((await db.interviews.get(waiting.interview.Id))?.InterviewStatus).toBe('Paused');
    // Not yet due again.
    expect((await runtime.jobs.runDue(later(at, 999))).done).toBe(0);
    expect(failures).toBe(1);

    expect(await runtime.jobs.runDue(later(at, 1000))).toEqual({ done: 0, retried: 1, failed: 0 });
    [job] = await db.jobs.list({ statuses: ['queued', 'running'] });
    expect(job).toMatchObject({ attempts: 2, runAt: later(at, 3000).toISOString() });

    expect(await runtime.jobs.runDue(later(at, 3000))).toEqual({ done: 0, retried: 0, failed: 1 });
    expect(failures).toBe(3);
    expect(await db.jobs.list({ statuses: ['queued', 'running'] })).toEqual([]);
    expect(await db.jobs.list({ statuses: ['failed'] })).toEqual([expect.objectContaining({ attempts: 3, lastError: 'connection reset' })]);
    const failed = await runtime.interviews.get(alice.Id, waiting.interview.Id);
    expect(failed).toMatchObject({ awaiting: 'failed', interview: { InterviewStatus: 'Error', CurrentElement: 'Wait_Until' }, fault: { code: 'RESUME_FAILED' } });
    expect(failed.interview.Error).toContain('3 attempts');
    // Every attempt rolled back: no Task; the action ran inside the rolled-back attempts only.
    expect(await db.records.query({ object: 'Task', filters: [] })).toEqual([]);
    expect(log.calls).toHaveLength(3);
  });

  it('fails the resume of an interview whose starter has been deactivated', async () => {
    const db = ctx.db();
    const { runtime, log } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const admin = await createUser(db, 'admin', { manageFlow: true, viewAllData: true });
    const waiting = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'x', resumeAt: ctx.clock().iso() } });
    await db.directory.updateUser(alice.Id, { IsActive: false }, await systemActor(db));
    expect((await runtime.jobs.runDue()).done).toBe(1);
    expect(await runtime.interviews.get(admin.Id, waiting.interview.Id)).toMatchObject({ awaiting: 'failed', fault: { code: 'INACTIVE_USER' }, interview: { InterviewStatus: 'Error' } });
    expect(log.calls).toEqual([]);
    expect(await db.jobs.list({ statuses: ['queued', 'running'] })).toEqual([]);
  });

  it('keeps its timers across a restart: a new runtime on a new connection resumes what the old one scheduled', async () => {
    const db = ctx.db();
    const first = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const resumeAt = later(ctx.clock().iso(), DAY_MS).toISOString();
    const waiting = await first.runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'after restart', resumeAt } });
    await first.runtime.stop();

    const reopened = await ctx.openAnother();
    const second = await testRuntime(ctx, { storage: reopened });
    expect((await second.runtime.jobs.runDue(new Date(resumeAt))).done).toBe(1);
    expect((await reopened.interviews.get(waiting.interview.Id))?.InterviewStatus).toBe('Completed');
    expect(second.log.calls).toEqual([{ subject: 'after restart', userId: alice.Id }]);
  });
});
