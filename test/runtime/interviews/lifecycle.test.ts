/**
 * The core scenario, on every database: deploy a flow, start it from a record, pause it there,
 * find it by the record, activate a newer version, resume on the original version, finish.
 */
import { expect, it } from 'vitest';
import type { ScreenModel } from '../../../src/engine/protocol.js';
import { forEachDatabase } from '../../support/databases.js';
import { corpusXml, createAccount, createUser, deployFixture, deployXml, fixtureXml, outboxOf, testRuntime } from './support/runtime-harness.js';
import { describeWithShared } from '../../support/shared-folder.js';

function fieldValue(screen: ScreenModel | undefined, name: string): unknown {
  return screen?.fields.find((field) => field.name === name)?.value;
}

forEachDatabase('interview lifecycle', (ctx) => {
  it('starts a screen flow from a record, pauses it, finds it by the record and resumes it on its original version after a newer one is activated', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    const v1 = await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const account = await createAccount(db, 'Acme');

    const started = await runtime.interviews.start(alice.Id, 'Account_Survey', { recordId: account });
    expect(started.awaiting).toBe('screen');
    expect(started.screen?.name).toBe('About_You');
    expect(started.screen?.actions).toContain('PAUSE');
    expect(started.interview).toMatchObject({
      InterviewStatus: 'Running',
      OwnerId: alice.Id,
      CreatedById: alice.Id,
      FlowVersionViewId: v1.version.Id,
      CurrentElement: 'About_You',
      InterviewLabel: `Account Survey ${account}`,
      flowApiName: 'Account_Survey',
      WasPausedFromScreen: false,
    });
    expect(started.interview.Id).toMatch(/^0Fo/);

    ctx.clock().advance(60_000);
    const paused = await runtime.interviews.pause(alice.Id, started.interview.Id, {
      reason: 'Waiting for the customer',
      values: { First_Name: 'Ada', Nickname: 'Countess' },
      version: started.interview.version,
    });
    expect(paused.awaiting).toBe('paused');
    expect(paused.interview).toMatchObject({ InterviewStatus: 'Paused', WasPausedFromScreen: true, PauseLabel: 'Waiting for the customer', CurrentElement: 'About_You' });
    expect(paused.screen?.pausedText).toBe('Come back soon.');
    const relations = await db.interviews.recordRelations(started.interview.Id);
    expect(relations.map((r) => r.RelatedRecordId)).toEqual([account]);
    const stages = await db.interviews.stageRelations(started.interview.Id);
    expect(stages.map((s) => [s.StageLabel, s.StageType, s.StageOrder])).toEqual([
      ['Questions', 'Current', 0],
      ['Questions', 'Active', 0],
    ]);

    const byRecord = await runtime.interviews.list(alice.Id, { scope: 'record', recordId: account });
    expect(byRecord.map((i) => [i.Id, i.InterviewStatus, i.PauseLabel])).toEqual([[started.interview.Id, 'Paused', 'Waiting for the customer']]);

    const v2Xml = fixtureXml('Account_Survey').replace('<label>About You</label>', '<label>About You (v2)</label>').replace('Thanks {!First_Name}', 'V2 thanks {!First_Name}');
    const v2 = await deployXml(db, 'Account_Survey', v2Xml);
    expect((await db.flows.getDefinitionByName('Account_Survey'))?.ActiveVersionId).toBe(v2.version.Id);

    const resumed = await runtime.interviews.resume(alice.Id, started.interview.Id);
    expect(resumed.awaiting).toBe('screen');
    expect(resumed.interview).toMatchObject({ InterviewStatus: 'Running', FlowVersionViewId: v1.version.Id, PauseLabel: null });
    expect(resumed.screen?.label).toBe('About You');
    expect(fieldValue(resumed.screen, 'First_Name')).toBe('Ada');
    expect(fieldValue(resumed.screen, 'Nickname')).toBe('Countess');

    const rating = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' }, version: resumed.interview.version });
    expect(rating.screen?.name).toBe('Rating');
    expect(rating.screen?.actions).not.toContain('PAUSE');
    const finished = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { Score: 5 } });
    expect(finished.awaiting).toBe('finished');
    expect(finished.outputs).toMatchObject({ greeting: 'Thanks Ada' });
    expect(finished.interview).toMatchObject({ InterviewStatus: 'Completed', CurrentElement: null, FlowVersionViewId: v1.version.Id });

    const tasks = await db.records.query({ object: 'Task', filters: [], fields: ['Subject', 'WhatId', 'CreatedById'] });
    expect(tasks).toEqual([expect.objectContaining({ Subject: 'Survey by Ada: 5', WhatId: account, CreatedById: alice.Id })]);
    expect(finished.outputs?.['taskId']).toBe(tasks[0]?.Id);
    // A completed interview is kept (REST GET answers HasFinished and outputs) but is no longer related to the record.
    expect(await db.interviews.recordRelations(started.interview.Id)).toEqual([]);
    expect(await db.interviews.stageRelations(started.interview.Id)).toEqual([]);
    const again = await runtime.interviews.get(alice.Id, started.interview.Id);
    expect(again).toMatchObject({ awaiting: 'finished', outputs: { greeting: 'Thanks Ada' } });

    // New interviews run the active version.
    const fresh = await runtime.interviews.start(alice.Id, 'Account_Survey', { recordId: account });
    expect(fresh.interview.FlowVersionViewId).toBe(v2.version.Id);
    expect(fresh.screen?.label).toBe('About You (v2)');
  });

  it('keeps a paused screen through a JSON round trip: get shows the paused screen with the saved values', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');
    await runtime.interviews.pause(alice.Id, started.interview.Id, { values: { First_Name: 'Grace' } });

    const view = await runtime.interviews.get(alice.Id, started.interview.Id);
    expect(view.awaiting).toBe('paused');
    expect(fieldValue(view.screen, 'First_Name')).toBe('Grace');
    expect(view.interview.PauseLabel).toBeNull();
    // No $Flow.CurrentRecord (no recordId): no relation.
    expect(await db.interviews.recordRelations(started.interview.Id)).toEqual([]);
  });

  it('goes back, keeps field errors on the same screen, and finishes with FINISH', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey');

    const rejected = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: {} });
    expect(rejected.screen?.name).toBe('About_You');
    expect(rejected.screen?.errors['First_Name']).toBeDefined();
    expect(rejected.interview.version).toBeGreaterThan(started.interview.version);

    await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Lin' } });
    const back = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'BACK', values: { Score: 3 } });
    expect(back.screen?.name).toBe('About_You');
    expect(fieldValue(back.screen, 'First_Name')).toBe('Lin');
    await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Lin' } });
    const done = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'FINISH', values: { Score: 3 } });
    expect(done).toMatchObject({ awaiting: 'finished', outputs: { greeting: 'Thanks Lin' } });
  });

  it('runs an autolaunched flow to its end in the start call', async () => {
    const db = ctx.db();
    const { runtime, mailer } = await testRuntime(ctx);
    await deployFixture(db, 'Send_Welcome_Email');
    const alice = await createUser(db, 'alice');
    const view = await runtime.interviews.start(alice.Id, 'Send_Welcome_Email', { inputs: { email: 'new@example.com', name: 'Ada' } });
    expect(view.awaiting).toBe('finished');
    expect(view.interview.InterviewStatus).toBe('Completed');
    // The email is in the outbox, not sent during the transaction.
    expect(mailer.sent).toEqual([]);
    expect((await outboxOf(db, { interviewId: view.interview.Id })).map((m) => m.kind)).toEqual(['email']);
  });

  describeWithShared('a real flow (forcedotcom example: Example_CreateLead)', () => {
    it('creates its Lead in the database, pauses on the result screen and finishes after a resume', async () => {
      const db = ctx.db();
      const { runtime } = await testRuntime(ctx);
      await deployXml(db, 'Example_CreateLead', corpusXml('forcedotcom__code-analyzer-core/example.flow-meta.xml'));
      const bob = await createUser(db, 'bob');
      const started = await runtime.interviews.start(bob.Id, 'Example_CreateLead');
      expect(started.screen?.name).toBe('intro');
      const form = await runtime.interviews.navigate(bob.Id, started.interview.Id, { action: 'NEXT' });
      expect(form.screen?.name).toBe('Form_Entry');
      const result = await runtime.interviews.navigate(bob.Id, started.interview.Id, {
        action: 'NEXT',
        values: { First_Name: 'Ada', Last_Name: 'Lovelace', Company: 'Analytical Engines', Phone: '555-0100' },
      });
      expect(result.screen?.name).toBe('id_return');
      const leads = await db.records.query({ object: 'Lead', filters: [], fields: ['LastName', 'Company', 'Title'] });
      expect(leads).toEqual([expect.objectContaining({ LastName: 'Lovelace', Company: 'Analytical Engines', Title: 'No Title Provided' })]);

      await runtime.interviews.pause(bob.Id, started.interview.Id, { reason: 'lunch' });
      const resumed = await runtime.interviews.resume(bob.Id, started.interview.Id);
      expect(resumed.screen?.name).toBe('id_return');
      await runtime.interviews.navigate(bob.Id, started.interview.Id, { action: 'NEXT' });
      const done = await runtime.interviews.navigate(bob.Id, started.interview.Id, { action: 'FINISH' });
      expect(done.awaiting).toBe('finished');
      expect(await db.records.query({ object: 'Lead', filters: [] })).toHaveLength(1);
    });
  });
});
