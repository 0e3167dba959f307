import { expect, it } from 'vitest';
import { FlowService } from '../../../src/runtime/flows/flow-service.js';
import { bootstrapOrg, DEFAULT_ADMIN_USERNAME, findAdmin, STANDARD_PERMISSION_SETS } from '../../../src/runtime/org/org-bootstrap.js';
import { UserService } from '../../../src/runtime/directory/user-service.js';
import { forEachDatabase } from '../../support/databases.js';
import { filesMatching, readFolder, setUpOrg } from './support.js';

forEachDatabase('org bootstrap', (ctx) => {
  it('gives an empty org the standard permission sets and an administrator, once', async () => {
    const db = ctx.db();
    const first = await bootstrapOrg(db);
    expect(first.createdPermissionSets).toEqual(STANDARD_PERMISSION_SETS.map((s) => s.Name));
    expect(first.createdAdmin).toMatchObject({ Username: DEFAULT_ADMIN_USERNAME, Email: DEFAULT_ADMIN_USERNAME, UserType: 'Standard', IsActive: true });
    expect(await db.directory.permissionsOf(first.createdAdmin!.Id)).toEqual({ runFlows: true, manageFlow: true, customizeApplication: true, viewAllData: true, manageUsers: true });
    const second = await bootstrapOrg(db);
    expect(second).toEqual({ createdPermissionSets: [], createdAdmin: undefined });
    expect((await db.directory.listUsers()).filter((u) => u.UserType === 'Standard')).toHaveLength(1);
  });

  // Two SQLite handles in one thread would wait on each other's lock: SQLite serialises
  // bootstraps of separate processes with BEGIN IMMEDIATE; PostgreSQL runs them concurrently.
  it.skipIf(ctx.backend === 'sqlite')('bootstraps safely from two handles at once', async () => {
    const other = await ctx.openAnother();
    const results = await Promise.all([bootstrapOrg(ctx.db()), bootstrapOrg(other)]);
    expect(results.filter((r) => r.createdAdmin !== undefined)).toHaveLength(1);
    expect((await ctx.db().directory.listPermissionSets()).map((s) => s.Name).sort()).toEqual(STANDARD_PERMISSION_SETS.map((s) => s.Name).sort());
  });

  it('falls back to another active administrator when admin@eddy.local is deactivated', async () => {
    const db = ctx.db();
    const { createdAdmin } = await bootstrapOrg(db);
    const users = new UserService(db);
    const adminSet = await users.findPermissionSet(createdAdmin!.Id, 'Eddy_Administrator');
    const grace = await users.createUser(createdAdmin!.Id, { Username: 'grace@example.com', Email: 'grace@example.com', LastName: 'Hopper', permissionSetIds: [adminSet.Id] });
    await users.updateUser(grace.user.Id, createdAdmin!.Id, { IsActive: false }); // grace deactivates admin@eddy.local
    expect((await findAdmin(db))?.Username).toBe('grace@example.com');
    // Nobody may deactivate themselves through the service, whatever spelling of false they use.
    await expect(users.updateUser(grace.user.Id, grace.user.Id, { IsActive: false })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    expect((await db.directory.getUser(grace.user.Id))?.IsActive).toBe(true);
    await db.directory.updateUser(grace.user.Id, { IsActive: false }, grace.user.Id);
    expect(await findAdmin(db)).toBeUndefined();
  });
});

forEachDatabase('user service', (ctx) => {
  it('creates a user with a role, a manager and permission sets in one step, all or nothing', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const users = new UserService(db);
    const ceo = await users.createRole(admin.Id, { Name: 'CEO' });
    const agent = await users.createRole(admin.Id, { Name: 'Support Agent', ParentRoleId: ceo.Id });
    const flowUser = await users.findPermissionSet(admin.Id, 'flow user');
    const created = await users.createUser(admin.Id, {
      Username: 'ada@example.com', Email: 'ada@example.com', FirstName: 'Ada', LastName: 'Lovelace', UserRoleId: agent.Id, ManagerId: admin.Id, permissionSetIds: [flowUser.Id],
    });
    expect(created).toMatchObject({ user: { Name: 'Ada Lovelace', CreatedById: admin.Id }, role: { Name: 'Support Agent' }, manager: { Id: admin.Id } });
    expect(created.permissionSets.map((s) => s.Name)).toEqual(['Flow_User']);
    expect(await users.findRole(admin.Id, 'support_agent')).toMatchObject({ Id: agent.Id });

    await expect(
      users.createUser(admin.Id, { Username: 'eve@example.com', Email: 'eve@example.com', LastName: 'Eve', permissionSetIds: ['0PS000000000000AAA'] }),
    ).rejects.toMatchObject({ code: 'INVALID_CROSS_REFERENCE_KEY' });
    expect(await db.directory.getUserByUsername('eve@example.com')).toBeUndefined();
    await expect(users.createUser(admin.Id, { Username: 'ADA@example.com', Email: 'x@example.com', LastName: 'Dup' })).rejects.toMatchObject({ code: 'DUPLICATE_USERNAME' });
  });

  it('lets any active user read the directory but only Manage Users change it', async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const users = new UserService(db);
    expect((await users.listUsers(org.nobody.Id)).map((u) => u.user.Username)).toContain('manager@example.com');
    await expect(users.createUser(org.flowManager.Id, { Username: 'x@example.com', Email: 'x@example.com', LastName: 'X' })).rejects.toMatchObject({
      code: 'INSUFFICIENT_ACCESS',
      message: 'Creating users needs the Manage Users permission; manager@example.com does not have it.',
    });
    await expect(users.createRole(org.flowUser.Id, { Name: 'Boss' })).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(users.createGroup(org.flowUser.Id, { Name: 'Agents', Type: 'Regular' })).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(users.assignPermissionSet(org.flowManager.Id, org.flowManager.Id, (await users.findPermissionSet(org.admin.Id, 'Eddy_Administrator')).Id)).rejects.toMatchObject({
      code: 'INSUFFICIENT_ACCESS',
    });
    expect(await db.directory.permissionsOf(org.flowManager.Id)).toMatchObject({ customizeApplication: false });

    await users.updateUser(org.admin.Id, org.nobody.Id, { IsActive: false });
    await expect(users.listUsers(org.nobody.Id)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    const autoproc = (await db.settings.getOrganization()).automatedProcessUserId;
    await expect(users.updateUser(org.admin.Id, autoproc, { LastName: 'Robot' })).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
  });

  it('manages groups, queues and their members', async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const users = new UserService(db);
    const agents = await users.createGroup(org.admin.Id, { Name: 'Agents', Type: 'Regular' });
    const queue = await users.createGroup(org.admin.Id, { Name: 'Tier 2', Type: 'Queue' });
    await users.addGroupMember(org.admin.Id, queue.Id, org.flowUser.Id);
    await users.addGroupMember(org.admin.Id, queue.Id, agents.Id);
    expect((await users.groupMembers(org.flowUser.Id, queue.Id)).map((m) => (m.kind === 'user' ? m.user.Username : m.group.Name)).sort()).toEqual(['Agents', 'runner@example.com']);
    expect((await users.listGroups(org.flowUser.Id)).map((g) => `${g.Name}:${g.Type}`)).toEqual(['Agents:Regular', 'Tier 2:Queue']);
    expect(await users.findGroup(org.admin.Id, 'tier_2')).toMatchObject({ Id: queue.Id });
    await users.removeGroupMember(org.admin.Id, queue.Id, agents.Id);
    expect((await users.groupMembers(org.admin.Id, queue.Id)).map((m) => m.kind)).toEqual(['user']);
    await expect(users.findGroup(org.admin.Id, 'Nobody')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('enables a restricted flow for a permission set, which makes it visible to its holders', async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const users = new UserService(db);
    const flows = new FlowService(db);
    const [file] = filesMatching(readFolder(), 'Feedback_Survey');
    await flows.deploy(org.admin.Id, [{ path: file!.path, content: file!.content.replace('<processType>', '<isAdditionalPermissionRequiredToRun>true</isAdditionalPermissionRequiredToRun><processType>') }]);
    const set = await users.createPermissionSet(org.admin.Id, { Name: 'Survey_Takers', PermissionsRunFlow: true });
    await users.assignPermissionSet(org.admin.Id, org.flowUser.Id, set.Id);
    expect(await flows.list(org.flowUser.Id)).toEqual([]);
    const flow = await users.enableFlowAccess(org.admin.Id, set.Id, 'feedback_survey');
    expect(flow.DeveloperName).toBe('Feedback_Survey');
    expect((await flows.list(org.flowUser.Id)).map((f) => f.definition.DeveloperName)).toEqual(['Feedback_Survey']);
    await users.disableFlowAccess(org.admin.Id, set.Id, 'Feedback_Survey');
    expect(await flows.list(org.flowUser.Id)).toEqual([]);
    await expect(users.enableFlowAccess(org.admin.Id, set.Id, 'No_Such_Flow')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
