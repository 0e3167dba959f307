/**
 * Subflows run inside the same interview: their definitions are loaded from the database in the
 * operation's transaction, and a pause inside a subflow's screen resumes there.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployFixture, deployXml, fixtureXml, testRuntime } from './support/runtime-harness.js';

forEachDatabase('subflows', (ctx) => {
  it('runs a screen subflow, pauses and resumes inside it, and returns its output to the parent', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Parent_With_Subflow');
    await deployFixture(db, 'Child_Question');
    const alice = await createUser(db, 'alice');

    const started = await runtime.interviews.start(alice.Id, 'Parent_With_Subflow');
    expect(started.screen?.name).toBe('Ask');
    expect(started.screen?.fields[0]?.label).toBe('Favourite colour?');
    expect(started.interview.flowApiName).toBe('Parent_With_Subflow');
    await runtime.interviews.pause(alice.Id, started.interview.Id, { values: { Reply: 'teal' } });

    // A fresh runtime (empty flow cache) loads the subflow of the paused frame.
    const fresh = await testRuntime(ctx);
    const resumed = await fresh.runtime.interviews.resume(alice.Id, started.interview.Id);
    expect(resumed.screen?.name).toBe('Ask');
    expect(resumed.screen?.fields.find((f) => f.name === 'Reply')?.value).toBe('teal');
    const summary = await fresh.runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { Reply: 'teal' } });
    expect(summary.screen?.name).toBe('Summary');
    expect(summary.screen?.fields[0]?.text).toContain('You said teal');
    const done = await fresh.runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'FINISH' });
    expect(done).toMatchObject({ awaiting: 'finished', outputs: { answer: 'teal' } });
  });

  it('resumes a pause inside a subflow on the subflow version it started on, after another is activated', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Parent_With_Subflow');
    const first = await deployFixture(db, 'Child_Question');
    const alice = await createUser(db, 'alice');
    const started = await runtime.interviews.start(alice.Id, 'Parent_With_Subflow');
    await runtime.interviews.pause(alice.Id, started.interview.Id, { values: { Reply: 'teal' } });
    expect((await db.interviews.get(started.interview.Id))?.state.frames[1]).toMatchObject({ flow: 'Child_Question', version: first.version.Id });

    // Version 2 renames the screen and its field; it becomes the active version.
    const second = fixtureXml('Child_Question').replaceAll('>Ask<', '>Ask_Again<').replaceAll('Reply', 'Answer_Text');
    const deployed = await deployXml(db, 'Child_Question', second);
    expect(deployed.version.Id).not.toBe(first.version.Id);
    expect((await db.flows.getDefinitionByName('Child_Question'))?.ActiveVersionId).toBe(deployed.version.Id);
    // The version the paused frame runs cannot be deleted while the interview needs it.
    await expect(db.flows.deleteVersion(first.version.Id)).rejects.toMatchObject({ code: 'DELETE_FAILED' });

    const fresh = await testRuntime(ctx);
    const resumed = await fresh.runtime.interviews.resume(alice.Id, started.interview.Id);
    expect(resumed.screen?.name).toBe('Ask');
    expect(resumed.screen?.fields.find((f) => f.name === 'Reply')?.value).toBe('teal');
    await fresh.runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { Reply: 'teal' } });
    const done = await fresh.runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'FINISH' });
    expect(done).toMatchObject({ awaiting: 'finished', outputs: { answer: 'teal' } });
    await db.flows.deleteVersion(first.version.Id);

    // A new interview calls the active version.
    const next = await fresh.runtime.interviews.start(alice.Id, 'Parent_With_Subflow');
    expect(next.fault).toBeUndefined();
    expect(next.screen?.name).toBe('Ask_Again');
  });

  it('fails the interview with UNKNOWN_FLOW when the subflow is not deployed', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Parent_With_Subflow');
    const alice = await createUser(db, 'alice');
    const view = await runtime.interviews.start(alice.Id, 'Parent_With_Subflow');
    expect(view).toMatchObject({ awaiting: 'failed', fault: { code: 'UNKNOWN_FLOW', element: 'Ask_Child' }, interview: { InterviewStatus: 'Error' } });
    expect(view.fault?.message).toContain('Child_Question');
  });
});
