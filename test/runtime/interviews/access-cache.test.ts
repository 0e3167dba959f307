/**
 * The access cache (`runtime/access-cache.ts`) never lets a change to who may do what go
 * unseen: each change below is made through a second handle on the database — as another Eddy
 * process, the CLI or a Setup page in another server would make it — after the runtime has
 * cached the user, their access facts and the org's settings, and the runtime's very next
 * operation obeys it.
 */
import { expect, it } from 'vitest';
import { accessCacheFor } from '../../../src/runtime/access/access-cache.js';
import { forEachDatabase, type DatabaseContext } from '../../support/databases.js';
import { createAccount, createUser, deployFixture, systemActor, testRuntime } from './support/runtime-harness.js';

async function warmScenario(ctx: DatabaseContext) {
  const db = ctx.db();
  const { runtime } = await testRuntime(ctx);
  await deployFixture(db, 'Account_Survey');
  const owner = await createUser(db, 'owner');
  const colleague = await createUser(db, 'colleague');
  const account = await createAccount(db, 'Acme');
  const started = await runtime.interviews.start(owner.Id, 'Account_Survey', { recordId: account });
  const paused = await runtime.interviews.pause(owner.Id, started.interview.Id, { reason: 'later', values: { First_Name: 'Ada' } });
  // Reads that fill the cache for both users.
  await runtime.interviews.get(owner.Id, paused.interview.Id);
  await expect(runtime.interviews.get(colleague.Id, paused.interview.Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  const other = await ctx.openAnother();
  return { db, runtime, owner, colleague, account, id: paused.interview.Id, other, actor: await systemActor(other) };
}

forEachDatabase('access cache', (ctx) => {
  it('moves the access revision in the same transaction as a change, and not on a read or an interview write', async () => {
    const { db, runtime, owner, id, other, actor } = await warmScenario(ctx);
    const before = await db.settings.accessRevision();
    await runtime.interviews.get(owner.Id, id);
    await runtime.interviews.resume(owner.Id, id);
    expect(await db.settings.accessRevision()).toBe(before);
    await expect(
      other.transaction(async (tx) => {
        await tx.settings.updateOrganization({ allowPause: false }, actor);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await db.settings.accessRevision()).toBe(before);
    await other.settings.updateOrganization({ allowPause: false }, actor);
    expect(await db.settings.accessRevision()).not.toBe(before);
  });

  it('refuses a deactivated user at once', async () => {
    const { runtime, owner, id, other, actor } = await warmScenario(ctx);
    await other.directory.updateUser(owner.Id, { IsActive: false }, actor);
    await expect(runtime.interviews.get(owner.Id, id)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(runtime.interviews.resume(owner.Id, id)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
  });

  it('sees a new org-wide default and a removed permission set at once', async () => {
    const { runtime, owner, colleague, id, other, actor } = await warmScenario(ctx);
    await other.settings.updateOrganization({ flowInterviewSharingModel: 'ReadWrite' }, actor);
    expect((await runtime.interviews.get(colleague.Id, id)).interview.Id).toBe(id);
    const [set] = await other.directory.permissionSetsOf(colleague.Id);
    await other.directory.unassignPermissionSet(colleague.Id, set!.Id);
    await expect(runtime.interviews.get(colleague.Id, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await runtime.interviews.get(owner.Id, id)).interview.Id).toBe(id);
  });

  it('sees a new sharing rule and group membership at once', async () => {
    const { runtime, owner, colleague, id, other, actor } = await warmScenario(ctx);
    const owners = await other.directory.createGroup({ Name: 'Owners', Type: 'Regular' }, actor);
    const readers = await other.directory.createGroup({ Name: 'Readers', Type: 'Regular' }, actor);
    await other.directory.addGroupMember(owners.Id, owner.Id);
    await other.interviews.addSharingRule({ Name: 'Owners_to_readers', GroupId: owners.Id, UserOrGroupId: readers.Id, AccessLevel: 'Read' }, actor);
    await expect(runtime.interviews.get(colleague.Id, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await other.directory.addGroupMember(readers.Id, colleague.Id);
    expect((await runtime.interviews.get(colleague.Id, id)).awaiting).toBe('paused');
    await other.directory.removeGroupMember(owners.Id, owner.Id);
    await expect(runtime.interviews.get(colleague.Id, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('applies "Let users pause flows" turned off elsewhere to the next pause', async () => {
    const { runtime, owner, id, other, actor } = await warmScenario(ctx);
    await runtime.interviews.resume(owner.Id, id);
    await other.settings.updateOrganization({ allowPause: false }, actor);
    await expect(runtime.interviews.pause(owner.Id, id, { reason: 'again' })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });

  it('serves repeated operations from memory: one statement for the revision, none for the user or settings', async () => {
    const { db, runtime, owner, id } = await warmScenario(ctx);
    const cache = accessCacheFor(db);
    const view = await cache.open(db);
    const calls: string[] = [];
    const spy = new Proxy(db, {
      get(target, name, receiver) {
        const value = Reflect.get(target, name, receiver) as unknown;
        if (name === 'directory' || name === 'settings') {
          return new Proxy(value as object, {
            get(port, method) {
              const fn = Reflect.get(port, method) as unknown;
              if (typeof fn !== 'function') return fn;
              return (...args: unknown[]) => {
                calls.push(`${String(name)}.${String(method)}`);
                return (fn as (...a: unknown[]) => unknown).apply(port, args);
              };
            },
          });
        }
        return value;
      },
    });
    const again = await cache.open(spy);
    expect(again.revision).toBe(view.revision);
    expect((await again.actor(owner.Id)).user.Id).toBe(owner.Id);
    expect((await again.organization()).allowPause).toBe(true);
    expect(calls).toEqual(['settings.accessRevision']);
    expect((await runtime.interviews.get(owner.Id, id)).awaiting).toBe('paused');
  });
});
