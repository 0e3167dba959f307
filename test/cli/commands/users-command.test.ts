import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GroupMemberSummary, UserSummary } from '../../../src/runtime/directory/user-service.js';
import type { PermissionSetRecord, UserRoleRecord } from '../../../src/runtime/ports/index.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { TempOrg } from './support.js';

describe('eddy users', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => org.dispose());

  it('starts an empty org with the administrator and the standard permission sets', async () => {
    const users = await org.json<UserSummary[]>(['users']);
    expect(users.map((u) => [u.user.Username.replace(/^autoproc@.*/, 'autoproc@…'), u.user.UserType, u.permissionSets.map((s) => s.Name)])).toEqual([
      ['admin@eddy.local', 'Standard', ['Eddy_Administrator']],
      ['autoproc@…', 'AutomatedProcess', []],
    ]);
    const sets = await org.json<PermissionSetRecord[]>(['users', 'permission-sets']);
    expect(sets.map((s) => [s.Name, s.PermissionsRunFlow, s.PermissionsManageInteraction, s.PermissionsCustomizeApplication, s.PermissionsViewAllData])).toEqual([
      ['Eddy_Administrator', true, true, true, true],
      ['Flow_Manager', true, true, false, false],
      ['Flow_User', true, false, false, false],
      ['View_All_Data', false, false, false, true],
    ]);
  });

  it('creates roles, users with a role, a manager and permission sets, and changes their assignments', async () => {
    expect((await org.eddy(['users', 'roles', 'add', 'CEO'])).code).toBe(0);
    expect((await org.eddy(['users', 'roles', 'add', 'Support Agent', '--parent', 'CEO'])).stdout).toMatch(/^Created role Support Agent \(Support_Agent, 00E\w{15}\)\.\n$/);
    const boss = await org.eddy(['users', 'add', 'boss@example.com', '--first-name', 'Grace', '--last-name', 'Hopper', '--role', 'CEO', '--permission-set', 'Flow_Manager']);
    expect(boss.stdout).toMatch(/^Created user boss@example\.com \(005\w{15}\) with Flow_Manager\.\n$/);
    const ada = await org.eddy(['users', 'add', 'ada@example.com', '--role', 'Support_Agent', '--manager', 'boss@example.com']);
    expect(ada.stdout).toMatch(/with Flow_User\.\n$/);

    const roles = await org.json<UserRoleRecord[]>(['users', 'roles']);
    const ceo = roles.find((r) => r.Name === 'CEO');
    expect(roles.find((r) => r.Name === 'Support Agent')?.ParentRoleId).toBe(ceo?.Id);

    const assigned = await org.eddy(['users', 'assign', 'ada@example.com', 'View_All_Data', 'Flow Manager']);
    expect(assigned.stdout).toContain('  permission sets: Flow_Manager, Flow_User, View_All_Data');
    await org.eddy(['users', 'unassign', 'ada@example.com', 'Flow_User']);
    const shown = await org.json<UserSummary>(['users', 'show', 'ada@example.com']);
    expect(shown).toMatchObject({ user: { Username: 'ada@example.com', LastName: 'ada', Email: 'ada@example.com', IsActive: true }, role: { Name: 'Support Agent' }, manager: { Username: 'boss@example.com' } });
    expect(shown.permissionSets.map((s) => s.Name).sort()).toEqual(['Flow_Manager', 'View_All_Data']);

    const updated = await org.eddy(['users', 'update', 'ada@example.com', '--last-name', 'Lovelace', '--no-role', '--inactive']);
    expect(updated.stdout).toMatch(/^ada@example\.com \(Lovelace, 005\w{15}\)\n/);
    expect(updated.stdout).toContain('  role: -\n');
    expect(updated.stdout).toContain('  active: no\n');
    const table = await org.eddy(['users']);
    expect(table.stdout).toMatch(/\nboss@example\.com +Grace Hopper +005\w{15} +yes +CEO +- +Flow_Manager\n/);
  });

  it('creates groups and queues with members, and permission sets that enable a restricted flow', async () => {
    await org.eddy(['users', 'add', 'ada@example.com']);
    expect((await org.eddy(['users', 'groups', 'add', 'Agents'])).stdout).toMatch(/^Created group Agents \(Agents, 00G\w{15}\)\.\n$/);
    expect((await org.eddy(['users', 'groups', 'add', 'Tier 2', '--queue'])).stdout).toMatch(/^Created queue Tier 2 \(Tier_2, 00G\w{15}\)\.\n$/);
    const added = await org.eddy(['users', 'groups', 'add-member', 'Tier_2', 'ada@example.com', 'Agents']);
    expect(added.stdout).toMatch(/ada@example\.com +user/);
    const members = await org.json<GroupMemberSummary[]>(['users', 'groups', 'members', 'Tier 2']);
    expect(members.map((m) => (m.kind === 'user' ? m.user.Username : m.group.Name)).sort()).toEqual(['Agents', 'ada@example.com']);
    await org.eddy(['users', 'groups', 'remove-member', 'Tier_2', 'Agents']);
    expect((await org.json<GroupMemberSummary[]>(['users', 'groups', 'members', 'Tier_2'])).map((m) => m.kind)).toEqual(['user']);

    const created = await org.eddy(['users', 'permission-sets', 'add', 'Survey_Takers', '--label', 'Survey takers', '--run-flows']);
    expect(created.stdout).toMatch(/^Created permission set Survey_Takers \(0PS\w{15}\): Run Flows\.\n$/);
    const noFlow = await org.eddy(['users', 'permission-sets', 'enable-flow', 'Survey_Takers', 'Feedback_Survey']);
    expect(noFlow).toMatchObject({ code: 1, stderr: 'eddy: NOT_FOUND: No flow named Feedback_Survey.\n' });
  });

  it('refuses changes by users without Manage Users and reports taken usernames', async () => {
    await org.eddy(['users', 'add', 'ada@example.com']);
    const duplicate = await org.eddy(['users', 'add', 'ADA@example.com']);
    expect(duplicate).toMatchObject({ code: 1, stderr: 'eddy: DUPLICATE_USERNAME: Duplicate Username. The username already exists: ADA@example.com\n' });
    const refused = await org.eddy(['users', 'add', 'eve@example.com', '--as', 'ada@example.com']);
    expect(refused).toMatchObject({ code: 1, stderr: 'eddy: INSUFFICIENT_ACCESS: Creating users needs the Manage Users permission; ada@example.com does not have it.\n' });
    const unknownSet = await org.eddy(['users', 'assign', 'ada@example.com', 'Nope']);
    expect(unknownSet.code).toBe(1);
    expect(unknownSet.stderr).toMatch(/^eddy: NOT_FOUND: No permission set named Nope \(there are: Eddy_Administrator, Flow_Manager, Flow_User, View_All_Data\)\.\n$/);
  });
});
