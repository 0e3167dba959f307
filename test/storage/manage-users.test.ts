/**
 * Manage Users in storage: migration 0005 gives it to the permission sets that customize the
 * application (so existing administrators keep administering users), the directory reads and
 * writes it, and deleting a public group or queue keeps memberships and shares consistent.
 */
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrationProvider } from '../../src/storage/migrations/index.js';
import { forEachDatabase } from '../support/databases.js';
import { createInterview, createUser, deployFlow, systemActor } from './seed.js';

forEachDatabase('manage users', (ctx) => {
  it('migration 0005 grants Manage Users to permission sets with Customize Application and to no others', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const admin = await db.directory.createPermissionSet({ Name: 'Old_Admin', PermissionsCustomizeApplication: true }, actor);
    const runner = await db.directory.createPermissionSet({ Name: 'Old_Runner', PermissionsRunFlow: true }, actor);
    const migrator = new Migrator({ db: db.db, provider: migrationProvider });
    const down = await migrator.migrateTo('0004-access-revision');
    expect(down.error).toBeUndefined();
    const up = await migrator.migrateTo('0005-manage-users');
    expect(up.error).toBeUndefined();
    expect(up.results?.map((r) => r.migrationName)).toEqual(['0005-manage-users']);
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    const sets = await db.directory.listPermissionSets();
    expect(sets.find((s) => s.Id === admin.Id)?.PermissionsManageUsers).toBe(true);
    expect(sets.find((s) => s.Id === runner.Id)?.PermissionsManageUsers).toBe(false);
  });

  it('reads and writes the permission through permission sets', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const user = await createUser(db, 'keeper');
    expect((await db.directory.permissionsOf(user.Id)).manageUsers).toBe(false);
    const set = await db.directory.createPermissionSet({ Name: 'User_Admin', PermissionsManageUsers: true }, actor);
    const assignment = await db.directory.assignPermissionSet(user.Id, set.Id);
    expect(assignment).toMatchObject({ AssigneeId: user.Id, PermissionSetId: set.Id });
    expect(assignment.Id).toMatch(/^0Pa/);
    expect(await db.directory.assignPermissionSet(user.Id, set.Id)).toEqual(assignment);
    expect(await db.directory.getPermissionSetAssignment(assignment.Id)).toEqual(assignment);
    expect((await db.directory.accessSubject(user.Id)).permissions).toMatchObject({ manageUsers: true, customizeApplication: false });
  });

  it('deletes a queue with its memberships in and of it and the shares to it, and refuses what is still in use', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const agent = await createUser(db, 'agent', { runFlows: true });
    const queue = await db.directory.createGroup({ Name: 'Escalations', Type: 'Queue' }, actor);
    const outer = await db.directory.createGroup({ Name: 'Everyone Support', Type: 'Regular' }, actor);
    const member = await db.directory.addGroupMember(queue.Id, agent.Id);
    await db.directory.addGroupMember(outer.Id, queue.Id);
    expect(await db.directory.getGroupMember(member.Id)).toEqual(member);
    expect((await db.directory.accessSubject(agent.Id)).groupIds).toEqual(expect.arrayContaining([queue.Id, outer.Id]));
    const { version } = await deployFlow(db, 'Survey');
    const interview = await createInterview(db, version.Id, agent.Id);
    await db.interviews.share(interview.Id, queue.Id, 'Read', actor);

    await db.directory.deleteGroup(queue.Id);
    expect(await db.directory.getGroup(queue.Id)).toBeUndefined();
    expect(await db.directory.getGroupMember(member.Id)).toBeUndefined();
    expect(await db.directory.listGroupMembers(outer.Id)).toEqual([]);
    expect((await db.directory.accessSubject(agent.Id)).groupIds).not.toContain(queue.Id);
    expect((await db.directory.accessSubject(agent.Id)).groupIds).not.toContain(outer.Id);
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from flow_interview_shares where "UserOrGroupId" = ${queue.Id}`.execute(db.db);
    expect(Number(rows[0]?.n)).toBe(0);

    const owner = await db.directory.createGroup({ Name: 'Owner Queue', Type: 'Queue' }, actor);
    await createInterview(db, version.Id, owner.Id);
    await expect(db.directory.deleteGroup(owner.Id)).rejects.toMatchObject({ code: 'DELETE_FAILED' });
    expect(await db.directory.getGroup(owner.Id)).toBeDefined();
    await expect(db.directory.deleteGroup((await db.directory.organizationGroup()).Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });

  it('refuses a queue that owns records, and a membership that would make a group contain itself', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const queue = await db.directory.createGroup({ Name: 'Cases Queue', Type: 'Queue' }, actor);
    await db.records.create([{ attributes: { type: 'Case' }, Subject: 'Queued', OwnerId: queue.Id }], actor);
    await expect(db.directory.deleteGroup(queue.Id)).rejects.toMatchObject({ code: 'DELETE_FAILED' });
    expect(await db.directory.getGroup(queue.Id)).toBeDefined();

    const first = await createUser(db, 'first', { runFlows: true });
    const second = await createUser(db, 'second', { runFlows: true });
    const a = await db.directory.createGroup({ Name: 'Group A', Type: 'Regular' }, actor);
    const b = await db.directory.createGroup({ Name: 'Group B', Type: 'Regular' }, actor);
    const c = await db.directory.createGroup({ Name: 'Group C', Type: 'Regular' }, actor);
    await db.directory.addGroupMember(a.Id, first.Id);
    await db.directory.addGroupMember(b.Id, second.Id);
    await db.directory.addGroupMember(a.Id, b.Id);
    await db.directory.addGroupMember(b.Id, c.Id);
    await expect(db.directory.addGroupMember(b.Id, a.Id)).rejects.toMatchObject({ code: 'FIELD_INTEGRITY_EXCEPTION' });
    await expect(db.directory.addGroupMember(c.Id, a.Id)).rejects.toMatchObject({ code: 'FIELD_INTEGRITY_EXCEPTION' });
    expect(await db.directory.listGroupMembers(c.Id)).toEqual([]);
    // The nesting that is allowed still gives A's members B's.
    expect((await db.directory.accessSubject(second.Id)).groupIds).toEqual(expect.arrayContaining([a.Id, b.Id]));
    expect((await db.directory.accessSubject(first.Id)).groupIds).not.toContain(b.Id);
  });
});
