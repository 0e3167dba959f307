/**
 * A flow that reads and deletes FlowInterview records (a maintenance flow) goes through the one
 * interview access rule (docs/interview-access.md): Get Records finds only the interviews the
 * running user may see; Delete Records deletes those they may delete (their own, or any they see
 * with Manage Flow), and faults with INSUFFICIENT_ACCESS on the others.
 */
import { expect, it } from 'vitest';
import { forEachDatabase } from '../../support/databases.js';
import { createInterview } from '../../storage/seed.js';
import { createUser, deployFixture, testRuntime } from './support/runtime-harness.js';

forEachDatabase('flows on FlowInterview records', (ctx) => {
  async function setUp() {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    const survey = await deployFixture(db, 'Account_Survey');
    await deployFixture(db, 'Clean_Paused_Interviews');
    const alice = await createUser(db, 'alice');
    const bob = await createUser(db, 'bob');
    const aliceInterview = await createInterview(db, survey.version.Id, alice.Id);
    const bobInterview = await createInterview(db, survey.version.Id, bob.Id);
    const remaining = async (): Promise<string[]> =>
      (await db.interviews.list({ statuses: ['Paused'], limit: 100 }, 'system')).map((i) => i.Id).sort();
    return { db, runtime, alice, bob, aliceInterview, bobInterview, remaining };
  }

  it('lets a Manage Flow user find and delete every paused interview', async () => {
    const { db, runtime, aliceInterview, bobInterview, remaining } = await setUp();
    const admin = await createUser(db, 'admin', { manageFlow: true });
    const run = await runtime.interviews.start(admin.Id, 'Clean_Paused_Interviews');
    expect(run.awaiting).toBe('finished');
    expect((run.outputs?.found as { Id: string }[]).map((r) => r.Id).sort()).toEqual([aliceInterview.Id, bobInterview.Id].sort());
    expect(run.outputs?.faultMessage ?? null).toBeNull();
    expect(await remaining()).toEqual([]);
  });

  it('lets an owner find and delete only their own interviews', async () => {
    const { runtime, alice, aliceInterview, bobInterview, remaining } = await setUp();
    const run = await runtime.interviews.start(alice.Id, 'Clean_Paused_Interviews');
    expect(run.awaiting).toBe('finished');
    expect((run.outputs?.found as { Id: string; OwnerId: string }[]).map((r) => [r.Id, r.OwnerId])).toEqual([[aliceInterview.Id, alice.Id]]);
    expect(await remaining()).toEqual([bobInterview.Id]);
  });

  it('faults with INSUFFICIENT_ACCESS for a user who may see interviews but not delete them, deleting none', async () => {
    const { db, runtime, aliceInterview, bobInterview, remaining } = await setUp();
    const auditor = await createUser(db, 'auditor', { viewAllData: true });
    const run = await runtime.interviews.start(auditor.Id, 'Clean_Paused_Interviews');
    expect(run.awaiting).toBe('finished');
    expect((run.outputs?.found as unknown[]).length).toBe(2);
    expect(run.outputs?.faultMessage).toMatch(/may read interview .* but not delete it/);
    expect(await remaining()).toEqual([aliceInterview.Id, bobInterview.Id].sort());
  });
});
