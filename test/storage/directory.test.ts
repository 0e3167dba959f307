import { expect, it } from 'vitest';
import { to18 } from '../../src/runtime/org/ids.js';
import { forEachDatabase } from '../support/databases.js';
import { createUser, deployFlow, systemActor } from './seed.js';

forEachDatabase('directory', (ctx) => {
  it('creates users with Salesforce defaults and a unique, case-insensitive username', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const ada = await db.directory.createUser({ Username: 'Ada@Example.com', Email: 'ada@example.com', FirstName: 'Ada', LastName: 'Lovelace' }, actor);
    expect(ada).toMatchObject({ Name: 'Ada Lovelace', IsActive: true, TimeZoneSidKey: 'GMT', LocaleSidKey: 'en_US', UserType: 'Standard', CreatedById: actor });
    expect(ada.Id).toMatch(/^005/);
    expect((await db.directory.getUserByUsername('ada@example.COM'))?.Id).toBe(ada.Id);
    await expect(db.directory.createUser({ Username: 'ADA@example.com', Email: 'x@example.com', LastName: 'X' }, actor)).rejects.toMatchObject({ code: 'DUPLICATE_USERNAME' });
    await expect(db.directory.createUser({ Username: 'b@example.com', Email: 'not-an-email', LastName: 'B' }, actor)).rejects.toMatchObject({ code: 'INVALID_EMAIL_ADDRESS' });
    await expect(db.directory.createUser({ Username: 'c@example.com', Email: 'c@example.com' } as never, actor)).rejects.toMatchObject({ code: 'REQUIRED_FIELD_MISSING' });
    await expect(db.directory.createUser({ Username: 'd@example.com', Email: 'd@example.com', LastName: 'D', UserRoleId: to18('00E000000000000') }, actor)).rejects.toMatchObject({ code: 'INVALID_CROSS_REFERENCE_KEY' });
    const renamed = await db.directory.updateUser(ada.Id, { LastName: 'King', IsActive: false }, actor);
    expect(renamed).toMatchObject({ Name: 'Ada King', IsActive: false, Username: 'Ada@Example.com' });
    await db.directory.setPasswordHash(ada.Id, '$argon2id$hash');
    expect(await db.directory.getPasswordHash(ada.Id)).toBe('$argon2id$hash');
    expect((await db.directory.listUsers()).map((u) => u.Username)).toContain('Ada@Example.com');
  });

  it('keeps group membership through nested groups, role groups and the org group', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const top = await db.directory.createRole({ Name: 'CEO' }, actor);
    const mid = await db.directory.createRole({ Name: 'Sales Manager', ParentRoleId: top.Id }, actor);
    const leaf = await db.directory.createRole({ Name: 'Sales Rep', ParentRoleId: mid.Id }, actor);
    expect(mid.DeveloperName).toBe('Sales_Manager');
    const rep = await createUser(db, 'rep', { roleId: leaf.Id });
    const boss = await createUser(db, 'boss', { roleId: top.Id });
    const outer = await db.directory.createGroup({ Name: 'Outer', Type: 'Regular' }, actor);
    const inner = await db.directory.createGroup({ Name: 'Inner', Type: 'Regular' }, actor);
    await db.directory.addGroupMember(outer.Id, inner.Id);
    await db.directory.addGroupMember(inner.Id, rep.Id);
    await db.directory.addGroupMember(inner.Id, rep.Id);
    expect(await db.directory.listGroupMembers(inner.Id)).toHaveLength(1);
    const subject = await db.directory.accessSubject(rep.Id);
    const expected = [
      outer.Id,
      inner.Id,
      (await db.directory.roleGroup(leaf.Id, 'Role')).Id,
      (await db.directory.roleGroup(leaf.Id, 'RoleAndSubordinates')).Id,
      (await db.directory.roleGroup(mid.Id, 'RoleAndSubordinates')).Id,
      (await db.directory.roleGroup(top.Id, 'RoleAndSubordinates')).Id,
      (await db.directory.organizationGroup()).Id,
    ];
    expect([...subject.groupIds].sort()).toEqual(expected.sort());
    expect(subject).toMatchObject({ roleId: leaf.Id, isTopRole: false, subordinateRoleIds: [] });
    const bossSubject = await db.directory.accessSubject(boss.Id);
    expect(bossSubject.isTopRole).toBe(true);
    expect([...bossSubject.subordinateRoleIds].sort()).toEqual([mid.Id, leaf.Id].sort());
    await db.directory.removeGroupMember(inner.Id, rep.Id);
    expect((await db.directory.accessSubject(rep.Id)).groupIds).not.toContain(outer.Id);
    await db.directory.updateUser(rep.Id, { UserRoleId: null }, actor);
    expect((await db.directory.accessSubject(rep.Id)).groupIds).toEqual([(await db.directory.organizationGroup()).Id]);
    await expect(db.directory.addGroupMember((await db.directory.roleGroup(leaf.Id, 'Role')).Id, rep.Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    await expect(db.directory.createRole({ Name: 'CEO' }, actor)).rejects.toMatchObject({ code: 'DUPLICATE_VALUE' });
  });

  it('unions the flags of assigned permission sets and enables restricted flows per permission set', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const user = await createUser(db, 'pat', { runFlows: false });
    expect(await db.directory.permissionsOf(user.Id)).toEqual({ runFlows: false, manageFlow: false, customizeApplication: false, viewAllData: false, manageUsers: false });
    const admin = await db.directory.createPermissionSet({ Name: 'Flow_Admin', Label: 'Flow Admin', PermissionsManageInteraction: true, PermissionsCustomizeApplication: true }, actor);
    const runner = await db.directory.createPermissionSet({ Name: 'Flow_Runner', PermissionsRunFlow: true }, actor);
    expect(admin.Id).toMatch(/^0PS/);
    await db.directory.assignPermissionSet(user.Id, admin.Id);
    await db.directory.assignPermissionSet(user.Id, runner.Id);
    await db.directory.assignPermissionSet(user.Id, runner.Id);
    expect(await db.directory.permissionsOf(user.Id)).toEqual({ runFlows: true, manageFlow: true, customizeApplication: true, viewAllData: false, manageUsers: false });
    const { definition } = await deployFlow(db, 'Locked', { IsAdditionalPermissionRequiredToRun: true });
    await db.directory.enableFlowAccess(runner.Id, definition.Id);
    await db.directory.enableFlowAccess(runner.Id, definition.Id);
    expect((await db.directory.accessSubject(user.Id)).enabledFlowIds).toEqual([definition.Id]);
    await db.directory.unassignPermissionSet(user.Id, runner.Id);
    expect((await db.directory.accessSubject(user.Id)).enabledFlowIds).toEqual([]);
    expect((await db.directory.permissionsOf(user.Id)).runFlows).toBe(false);
    await expect(db.directory.createPermissionSet({ Name: 'Flow_Admin' }, actor)).rejects.toMatchObject({ code: 'DUPLICATE_VALUE' });
    await expect(db.directory.accessSubject('005000000000000AAA')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

forEachDatabase('settings, labels and wait subscriptions', (ctx) => {
  it('stores process automation settings, org-wide addresses and labels', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const org = await db.settings.getOrganization();
    expect(org).toMatchObject({ Name: 'Eddy', allowPause: true, resumeSharedInterviews: true, flowInterviewSharingModel: 'Private', automatedProcessUserEmail: null });
    expect((await db.directory.getUser(org.automatedProcessUserId))?.UserType).toBe('AutomatedProcess');
    const updated = await db.settings.updateOrganization({ allowPause: false, automatedProcessUserEmail: 'flows@example.com', flowInterviewSharingModel: 'ReadWrite' }, actor);
    expect(updated).toMatchObject({ allowPause: false, automatedProcessUserEmail: 'flows@example.com', flowInterviewSharingModel: 'ReadWrite', resumeSharedInterviews: true });
    await expect(db.settings.updateOrganization({ flowInterviewSharingModel: 'Everyone' as never }, actor)).rejects.toMatchObject({ code: 'INVALID_TYPE_ON_FIELD_IN_RECORD' });
    await expect(db.settings.updateOrganization({ automatedProcessUserEmail: 'nope' }, actor)).rejects.toMatchObject({ code: 'INVALID_EMAIL_ADDRESS' });
    const address = await db.settings.addOrgWideEmailAddress({ Address: 'support@example.com', DisplayName: 'Support' }, actor);
    expect(address.Id).toMatch(/^0D2/);
    await expect(db.settings.addOrgWideEmailAddress({ Address: 'SUPPORT@example.com', DisplayName: 'Again' }, actor)).rejects.toMatchObject({ code: 'DUPLICATE_VALUE' });
    expect(await db.settings.listOrgWideEmailAddresses()).toMatchObject([{ Address: 'support@example.com', IsAllowAllProfiles: true }]);
    await db.settings.removeOrgWideEmailAddress(address.Id);
    expect(await db.settings.listOrgWideEmailAddresses()).toEqual([]);
    await db.settings.setLabels({ Greeting: 'Hello', Farewell: 'Bye' });
    await db.settings.setLabels({ Greeting: 'Hi' });
    await db.settings.deleteLabel('Farewell');
    expect(await db.settings.getLabels()).toEqual({ Greeting: 'Hi' });
  });

  it('finds waiting interviews by platform event type, case-insensitively', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const { version } = await deployFlow(db, 'Shipper', { ProcessType: 'AutoLaunchedFlow' });
    const interview = await db.interviews.create({ Guid: 'g-1', FlowVersionViewId: version.Id, OwnerId: actor, InterviewStatus: 'Paused', state: { schemaVersion: 1 } as never }, actor);
    const subscription = await db.waits.add({ interviewId: interview.Id, element: 'Wait_Ship', event: 'Shipped', eventType: 'Order_Shipped__e', filters: { Order__c: 'A-1', Count__c: 2 } });
    expect(await db.waits.listByEventType('order_shipped__E')).toEqual([subscription]);
    expect(await db.waits.listByEventType('Other__e')).toEqual([]);
    expect(await db.waits.removeForInterview(interview.Id)).toBe(1);
    expect(await db.waits.listForInterview(interview.Id)).toEqual([]);
  });
});
