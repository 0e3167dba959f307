/**
 * Who may list, read, resume and delete an interview — every rule of `sharing.ts`, through the
 * interview service, with users who may and users who may not.
 */
import { expect, it } from 'vitest';
import type { UserRecord } from '../../../src/runtime/ports/index.js';
import type { Runtime } from '../../../src/runtime/runtime.js';
import { forEachDatabase, type DatabaseContext } from '../../support/databases.js';
import { createAccount, createUser, deployFixture, deployXml, fixtureXml, systemActor, testRuntime, type UserSpec } from './support/runtime-harness.js';

interface Scenario {
  readonly runtime: Runtime;
  readonly owner: UserRecord;
  readonly account: string;
  readonly interviewId: string;
}

/** `owner` (in `ownerRoleId`, if any) starts Account_Survey from an Account and pauses it. */
async function pausedInterview(ctx: DatabaseContext, ownerSpec: UserSpec = {}): Promise<Scenario> {
  const db = ctx.db();
  const { runtime } = await testRuntime(ctx);
  await deployFixture(db, 'Account_Survey');
  const owner = await createUser(db, 'owner', ownerSpec);
  const account = await createAccount(db, 'Acme');
  const started = await runtime.interviews.start(owner.Id, 'Account_Survey', { recordId: account });
  await runtime.interviews.pause(owner.Id, started.interview.Id, { reason: 'later', values: { First_Name: 'Ada' } });
  return { runtime, owner, account, interviewId: started.interview.Id };
}

async function listsByRecord(s: Scenario, user: UserRecord): Promise<boolean> {
  return (await s.runtime.interviews.list(user.Id, { scope: 'record', recordId: s.account })).some((i) => i.Id === s.interviewId);
}

async function setResumeShared(ctx: DatabaseContext, on: boolean): Promise<void> {
  const db = ctx.db();
  await db.settings.updateOrganization({ resumeSharedInterviews: on }, await systemActor(db));
}

forEachDatabase('interview access', (ctx) => {
  it('lets the owner list, read, resume and delete their own interview', async () => {
    const s = await pausedInterview(ctx);
    expect((await s.runtime.interviews.list(s.owner.Id, { scope: 'mine' })).map((i) => i.Id)).toEqual([s.interviewId]);
    expect(await listsByRecord(s, s.owner)).toBe(true);
    expect((await s.runtime.interviews.get(s.owner.Id, s.interviewId)).awaiting).toBe('paused');
    expect((await s.runtime.interviews.resume(s.owner.Id, s.interviewId)).awaiting).toBe('screen');
    await s.runtime.interviews.delete(s.owner.Id, s.interviewId);
    expect(await ctx.db().interviews.get(s.interviewId)).toBeUndefined();
  });

  it('hides another user\'s interview from a user without access (NOT_FOUND, not listed)', async () => {
    const s = await pausedInterview(ctx);
    const stranger = await createUser(ctx.db(), 'stranger');
    expect(await listsByRecord(s, stranger)).toBe(false);
    expect(await s.runtime.interviews.list(stranger.Id, { scope: 'flow', flowApiName: 'Account_Survey' })).toEqual([]);
    await expect(s.runtime.interviews.get(stranger.Id, s.interviewId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.runtime.interviews.resume(stranger.Id, s.interviewId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.runtime.interviews.navigate(stranger.Id, s.interviewId, { action: 'NEXT' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.runtime.interviews.delete(stranger.Id, s.interviewId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await ctx.db().interviews.get(s.interviewId))?.InterviewStatus).toBe('Paused');
  });

  it('gives a manager above the owner in the role hierarchy edit access: resume yes, delete no', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const boss = await db.directory.createRole({ Name: 'Boss' }, actor);
    const staff = await db.directory.createRole({ Name: 'Staff', ParentRoleId: boss.Id }, actor);
    const s = await pausedInterview(ctx, { roleId: staff.Id });
    const manager = await createUser(db, 'manager', { roleId: boss.Id });
    const peer = await createUser(db, 'peer', { roleId: staff.Id });
    expect(await listsByRecord(s, manager)).toBe(true);
    expect(await listsByRecord(s, peer)).toBe(false);
    await expect(s.runtime.interviews.delete(manager.Id, s.interviewId)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect((await s.runtime.interviews.resume(manager.Id, s.interviewId)).awaiting).toBe('screen');
    await expect(s.runtime.interviews.resume(peer.Id, s.interviewId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets a manual Read share list and read but not resume or delete', async () => {
    const s = await pausedInterview(ctx);
    const db = ctx.db();
    const reader = await createUser(db, 'reader');
    await db.interviews.share(s.interviewId, reader.Id, 'Read', s.owner.Id);
    expect(await listsByRecord(s, reader)).toBe(true);
    expect((await s.runtime.interviews.get(reader.Id, s.interviewId)).awaiting).toBe('paused');
    await expect(s.runtime.interviews.resume(reader.Id, s.interviewId)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(s.runtime.interviews.delete(reader.Id, s.interviewId)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect((await db.interviews.get(s.interviewId))?.InterviewStatus).toBe('Paused');
  });

  it('lets a manual Edit share resume while "Let users resume shared flow interviews" is on, and not when it is off', async () => {
    const s = await pausedInterview(ctx);
    const db = ctx.db();
    const editor = await createUser(db, 'editor');
    await db.interviews.share(s.interviewId, editor.Id, 'Edit', s.owner.Id);

    await setResumeShared(ctx, false);
    await expect(s.runtime.interviews.resume(editor.Id, s.interviewId)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect((await db.interviews.get(s.interviewId))?.InterviewStatus).toBe('Paused');
    // The share still gives read access.
    expect(await listsByRecord(s, editor)).toBe(true);

    await setResumeShared(ctx, true);
    const resumed = await s.runtime.interviews.resume(editor.Id, s.interviewId);
    expect(resumed.interview).toMatchObject({ InterviewStatus: 'Running', OwnerId: s.owner.Id, LastModifiedById: editor.Id });
    await expect(s.runtime.interviews.delete(editor.Id, s.interviewId)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
  });

  it('lets the owner resume even when resuming shared interviews is off', async () => {
    const s = await pausedInterview(ctx);
    await setResumeShared(ctx, false);
    expect((await s.runtime.interviews.resume(s.owner.Id, s.interviewId)).awaiting).toBe('screen');
  });

  it('gives Manage Flow read access to every interview, so it lists, resumes and deletes them under either setting', async () => {
    const s = await pausedInterview(ctx);
    const db = ctx.db();
    const flowAdmin = await createUser(db, 'flowadmin', { manageFlow: true });
    // Manage Flow reads every interview (Setup's Paused Flow Interviews page), in every list.
    expect(await listsByRecord(s, flowAdmin)).toBe(true);
    expect((await s.runtime.interviews.get(flowAdmin.Id, s.interviewId)).interview.Id).toBe(s.interviewId);
    expect((await s.runtime.interviews.list(flowAdmin.Id, { scope: 'all', statuses: ['Paused'] })).map((i) => i.Id)).toEqual([s.interviewId]);
    const runner = await createUser(db, 'runner');
    await expect(s.runtime.interviews.list(runner.Id, { scope: 'all' })).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });

    const auditor = await createUser(db, 'auditor', { manageFlow: true, viewAllData: true });
    expect(await listsByRecord(s, auditor)).toBe(true);
    // The restricted setting's rule (Manage Flow plus read access) holds with the setting on too:
    // turning "Let users resume shared flow interviews" off never grants more.
    expect((await s.runtime.interviews.resume(auditor.Id, s.interviewId)).awaiting).toBe('screen');
    await setResumeShared(ctx, false);
    const view = await s.runtime.interviews.get(auditor.Id, s.interviewId);
    expect((await s.runtime.interviews.pause(auditor.Id, s.interviewId, { version: view.interview.version })).awaiting).toBe('paused');
    expect((await s.runtime.interviews.resume(auditor.Id, s.interviewId)).awaiting).toBe('screen');
    await s.runtime.interviews.delete(flowAdmin.Id, s.interviewId);
    expect(await db.interviews.get(s.interviewId)).toBeUndefined();
  });

  it('refuses everything to a user without Run Flows, even with an Edit share', async () => {
    const s = await pausedInterview(ctx);
    const db = ctx.db();
    const noRun = await createUser(db, 'norun', { runFlows: false });
    await db.interviews.share(s.interviewId, noRun.Id, 'Edit', s.owner.Id);
    expect(await listsByRecord(s, noRun)).toBe(false);
    await expect(s.runtime.interviews.resume(noRun.Id, s.interviewId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(s.runtime.interviews.delete(noRun.Id, s.interviewId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = (await db.interviews.list({}, 'system')).length;
    await expect(s.runtime.interviews.start(noRun.Id, 'Account_Survey')).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect((await db.interviews.list({}, 'system')).length).toBe(before);
  });

  it('applies the per-flow restriction: only users whose permission set enables the flow (or Manage Flow) start it or see its interviews', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    const actor = await systemActor(db);
    const { definition } = await deployXml(db, 'Account_Survey', fixtureXml('Account_Survey'), 'Active', { restricted: true });
    const enabledSet = await db.directory.createPermissionSet({ Name: 'Survey_Access', PermissionsRunFlow: true }, actor);
    await db.directory.enableFlowAccess(enabledSet.Id, definition.Id);
    const allowed = await createUser(db, 'allowed');
    await db.directory.assignPermissionSet(allowed.Id, enabledSet.Id);
    const other = await createUser(db, 'other');
    const flowAdmin = await createUser(db, 'flowadmin', { manageFlow: true });

    const started = await runtime.interviews.start(allowed.Id, 'Account_Survey');
    await expect(runtime.interviews.start(other.Id, 'Account_Survey')).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect((await runtime.interviews.start(flowAdmin.Id, 'Account_Survey')).awaiting).toBe('screen');

    await runtime.interviews.pause(allowed.Id, started.interview.Id);
    await db.interviews.share(started.interview.Id, other.Id, 'Edit', allowed.Id);
    await expect(runtime.interviews.get(other.Id, started.interview.Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await runtime.interviews.list(other.Id, { scope: 'flow', flowApiName: 'Account_Survey' })).toEqual([]);
    await expect(runtime.interviews.resume(other.Id, started.interview.Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await runtime.interviews.resume(allowed.Id, started.interview.Id)).awaiting).toBe('screen');
  });

  it('runs the active version for users and the latest one for admins when none is active; a version by Id only for admins', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    const { version: draft } = await deployFixture(db, 'Account_Survey', 'Draft');
    const user = await createUser(db, 'user');
    const admin = await createUser(db, 'admin', { customizeApplication: true });
    await expect(runtime.interviews.start(user.Id, 'Account_Survey')).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    expect((await runtime.interviews.start(admin.Id, 'Account_Survey')).interview.FlowVersionViewId).toBe(draft.Id);

    const { version: active } = await deployFixture(db, 'Account_Survey', 'Active');
    expect((await runtime.interviews.start(user.Id, 'Account_Survey')).interview.FlowVersionViewId).toBe(active.Id);
    expect((await runtime.interviews.start(admin.Id, 'Account_Survey', { versionId: draft.Id })).interview.FlowVersionViewId).toBe(draft.Id);
    await expect(runtime.interviews.start(user.Id, 'Account_Survey', { versionId: draft.Id })).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
  });

  it('lets the owner delete a running interview and cancels the wait of a waiting one', async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const owner = await createUser(db, 'owner');
    const waiting = await runtime.interviews.start(owner.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'later', resumeAt: '2026-02-01T00:00:00.000Z' } });
    expect(waiting.awaiting).toBe('waiting');
    expect((await db.jobs.list({ statuses: ['queued', 'running'] })).length).toBe(1);
    await runtime.interviews.delete(owner.Id, waiting.interview.Id);
    expect(await db.jobs.list({ statuses: ['queued', 'running'] })).toEqual([]);
    expect(await db.interviews.get(waiting.interview.Id)).toBeUndefined();
  });
});
