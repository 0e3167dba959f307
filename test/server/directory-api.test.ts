/**
 * Users, public groups, queues, their members and permission set assignments through the
 * sObject resources: Manage Users is required for every write, bad bodies are refused in
 * Salesforce's shape with nothing stored, and a deactivated user is locked out at once.
 */
import { afterEach, expect, it } from 'vitest';
import { to18 } from '../../src/runtime/org/ids.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, PASSWORD, type TestServer } from './support/test-server.js';

type Json = Record<string, unknown>;

forEachDatabase('directory API', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  interface Setup {
    readonly s: TestServer;
    /** Manage Users. */
    readonly admin: string;
    /** Customize Application and Manage Flow, but not Manage Users. */
    readonly flowAdmin: string;
    readonly flowUserSetId: string;
  }

  const setup = async (): Promise<Setup> => {
    const s = await createTestServer(ctx.db(), ctx.clock());
    server = s;
    const admin = await s.tokenFor(await s.createUser('useradmin', { manageUsers: true }));
    const flowAdmin = await s.tokenFor(await s.createUser('flowadmin', { customizeApplication: true, manageFlow: true, runFlows: true }));
    const flowUser = await s.db.directory.createPermissionSet({ Name: 'Flow_Runner', PermissionsRunFlow: true }, s.systemId);
    return { s, admin, flowAdmin, flowUserSetId: flowUser.Id };
  };

  const created = (response: { statusCode: number; json(): unknown; body: string }): string => {
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as Json;
    expect(body).toMatchObject({ success: true, errors: [] });
    return String(body.id);
  };

  const errorOf = (response: { statusCode: number; json(): unknown }): { status: number; errorCode: string; fields: string[] } => {
    const [first] = response.json() as { errorCode: string; fields: string[] }[];
    return { status: response.statusCode, errorCode: first?.errorCode ?? '', fields: first?.fields ?? [] };
  };

  it('creates a user, reads it back, and assigns and removes a permission set', async () => {
    const { s, admin, flowUserSetId } = await setup();
    const id = created(await s.call(admin, 'POST', '/sobjects/User', { Username: 'nora@example.com', LastName: 'Nora', FirstName: 'Ada', Email: 'nora@example.com', Alias: 'nora' }));
    expect(id).toMatch(/^005/);
    const read = await s.call(admin, 'GET', `/sobjects/User/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ attributes: { type: 'User' }, Id: id, Name: 'Ada Nora', Username: 'nora@example.com', IsActive: true });

    const assignmentId = created(await s.call(admin, 'POST', '/sobjects/PermissionSetAssignment', { AssigneeId: id, PermissionSetId: flowUserSetId }));
    expect(assignmentId).toMatch(/^0Pa/);
    const rows = await s.call(admin, 'GET', `/query?q=${encodeURIComponent(`SELECT Id, PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '${id}'`)}`);
    expect((rows.json() as { records: Json[] }).records).toEqual([expect.objectContaining({ Id: assignmentId, PermissionSetId: flowUserSetId })]);
    expect((await s.db.directory.permissionsOf(id)).runFlows).toBe(true);
    expect(errorOf(await s.call(admin, 'POST', '/sobjects/PermissionSetAssignment', { AssigneeId: id, PermissionSetId: flowUserSetId }))).toMatchObject({ status: 400, errorCode: 'DUPLICATE_VALUE' });

    expect((await s.call(admin, 'DELETE', `/sobjects/PermissionSetAssignment/${assignmentId}`)).statusCode).toBe(204);
    expect((await s.db.directory.permissionsOf(id)).runFlows).toBe(false);
    expect((await s.call(admin, 'DELETE', `/sobjects/PermissionSetAssignment/${assignmentId}`)).statusCode).toBe(404);
  });

  it('creates a queue and a public group, adds and removes members, and deletes them', async () => {
    const { s, admin } = await setup();
    const member = await s.createUser('member');
    const queueId = created(await s.call(admin, 'POST', '/sobjects/Group', { Name: 'Escalations', Type: 'Queue' }));
    const groupId = created(await s.call(admin, 'POST', '/sobjects/Group', { Name: 'Support Leads', DeveloperName: 'Leads', Type: 'Regular' }));
    expect(await s.db.directory.getGroup(queueId)).toMatchObject({ Name: 'Escalations', DeveloperName: 'Escalations', Type: 'Queue' });
    expect(await s.db.directory.getGroup(groupId)).toMatchObject({ DeveloperName: 'Leads', Type: 'Regular' });
    expect(errorOf(await s.call(admin, 'POST', '/sobjects/Group', { Name: 'Escalations', Type: 'Regular' }))).toMatchObject({ status: 400, errorCode: 'DUPLICATE_VALUE' });

    const userMembership = created(await s.call(admin, 'POST', '/sobjects/GroupMember', { GroupId: queueId, UserOrGroupId: member.Id }));
    created(await s.call(admin, 'POST', '/sobjects/GroupMember', { GroupId: queueId, UserOrGroupId: groupId }));
    expect(userMembership).toMatch(/^011/);
    expect((await s.call(admin, 'GET', `/sobjects/GroupMember/${userMembership}`)).json()).toMatchObject({ GroupId: queueId, UserOrGroupId: member.Id });
    expect((await s.db.directory.accessSubject(member.Id)).groupIds).toContain(queueId);
    expect(errorOf(await s.call(admin, 'POST', '/sobjects/GroupMember', { GroupId: queueId, UserOrGroupId: member.Id }))).toMatchObject({ status: 400, errorCode: 'DUPLICATE_VALUE' });

    expect((await s.call(admin, 'DELETE', `/sobjects/GroupMember/${userMembership}`)).statusCode).toBe(204);
    expect((await s.db.directory.accessSubject(member.Id)).groupIds).not.toContain(queueId);

    expect((await s.call(admin, 'DELETE', `/sobjects/Group/${groupId}`)).statusCode).toBe(204);
    expect(await s.db.directory.getGroup(groupId)).toBeUndefined();
    expect(await s.db.directory.listGroupMembers(queueId)).toEqual([]);
    expect((await s.call(admin, 'DELETE', `/sobjects/Group/${queueId}`)).statusCode).toBe(204);
    expect((await s.call(admin, 'DELETE', `/sobjects/Group/${queueId}`)).statusCode).toBe(404);
    const organization = await s.db.directory.organizationGroup();
    expect(errorOf(await s.call(admin, 'DELETE', `/sobjects/Group/${organization.Id}`))).toMatchObject({ status: 400, errorCode: 'INVALID_OPERATION' });
    expect(await s.db.directory.getGroup(organization.Id)).toBeDefined();
  });

  it('refuses every write without Manage Users with 403, even to Customize Application, and stores nothing', async () => {
    const { s, flowAdmin, flowUserSetId } = await setup();
    const target = await s.createUser('target');
    const group = await s.db.directory.createGroup({ Name: 'Kept', Type: 'Regular' }, s.systemId);
    const membership = await s.db.directory.addGroupMember(group.Id, target.Id);
    const assignment = await s.db.directory.assignPermissionSet(target.Id, flowUserSetId);
    const refusals = [
      await s.call(flowAdmin, 'POST', '/sobjects/User', { Username: 'x@example.com', LastName: 'X', Email: 'x@example.com' }),
      await s.call(flowAdmin, 'PATCH', `/sobjects/User/${target.Id}`, { IsActive: false }),
      await s.call(flowAdmin, 'POST', '/sobjects/Group', { Name: 'Nope', Type: 'Queue' }),
      await s.call(flowAdmin, 'DELETE', `/sobjects/Group/${group.Id}`),
      await s.call(flowAdmin, 'POST', '/sobjects/GroupMember', { GroupId: group.Id, UserOrGroupId: s.admin.Id }),
      await s.call(flowAdmin, 'DELETE', `/sobjects/GroupMember/${membership.Id}`),
      await s.call(flowAdmin, 'POST', '/sobjects/PermissionSetAssignment', { AssigneeId: s.admin.Id, PermissionSetId: flowUserSetId }),
      await s.call(flowAdmin, 'DELETE', `/sobjects/PermissionSetAssignment/${assignment.Id}`),
    ];
    for (const response of refusals) expect(errorOf(response)).toMatchObject({ status: 403, errorCode: 'INSUFFICIENT_ACCESS' });
    expect(await s.db.directory.getUserByUsername('x@example.com')).toBeUndefined();
    expect((await s.db.directory.getUser(target.Id))?.IsActive).toBe(true);
    expect((await s.db.directory.listGroups('Queue')).map((g) => g.Name)).not.toContain('Nope');
    expect(await s.db.directory.listGroupMembers(group.Id)).toHaveLength(1);
    expect((await s.db.directory.permissionSetsOf(target.Id)).map((set) => set.Id)).toContain(flowUserSetId);
    expect((await s.db.directory.permissionSetsOf(s.admin.Id)).map((set) => set.Id)).not.toContain(flowUserSetId);
  });

  it("answers bad bodies with Salesforce's error codes and leaves the directory as it was", async () => {
    const { s, admin, flowUserSetId } = await setup();
    const usersBefore = (await s.db.directory.listUsers()).length;
    const groupsBefore = (await s.db.directory.listGroups()).length;
    const existing = await s.createUser('existing');
    const group = await s.db.directory.createGroup({ Name: 'Target', Type: 'Queue' }, s.systemId);
    const cases: [string, string, unknown, string, string?][] = [
      ['POST', '/sobjects/User', { LastName: 'NoName', Email: 'n@example.com' }, 'REQUIRED_FIELD_MISSING', 'Username'],
      ['POST', '/sobjects/User', { Username: 'nolast@example.com', Email: 'n@example.com' }, 'REQUIRED_FIELD_MISSING', 'LastName'],
      ['POST', '/sobjects/User', { Username: existing.Username.toUpperCase(), LastName: 'Dup', Email: 'd@example.com' }, 'DUPLICATE_USERNAME', 'Username'],
      ['POST', '/sobjects/User', { Username: 'f@example.com', LastName: 'F', Email: 'f@example.com', Shoe: 42 }, 'INVALID_FIELD', 'Shoe'],
      ['POST', '/sobjects/User', { Username: 'r@example.com', LastName: 'R', Email: 'r@example.com', UserRoleId: 'nonsense' }, 'MALFORMED_ID', 'UserRoleId'],
      ['POST', '/sobjects/User', { Username: 'r@example.com', LastName: 'R', Email: 'r@example.com', UserRoleId: to18('00E0E0000000001') }, 'INVALID_CROSS_REFERENCE_KEY', 'UserRoleId'],
      ['POST', '/sobjects/User', { Username: 't@example.com', LastName: 'T', Email: 't@example.com', UserType: 'AutomatedProcess' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'UserType'],
      ['PATCH', `/sobjects/User/${existing.Id}`, { IsActive: 'no' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'IsActive'],
      ['PATCH', `/sobjects/User/${existing.Id}`, { Username: s.admin.Username }, 'DUPLICATE_USERNAME', 'Username'],
      ['PATCH', `/sobjects/User/${s.systemId}`, { LastName: 'Robot' }, 'INVALID_OPERATION'],
      ['POST', '/sobjects/Group', { Type: 'Queue' }, 'REQUIRED_FIELD_MISSING', 'Name'],
      ['POST', '/sobjects/Group', { Name: 'Role group', Type: 'Role' }, 'INVALID_OPERATION', 'Type'],
      ['POST', '/sobjects/Group', { Name: 'Odd', Type: 'Strange' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'Type'],
      ['POST', '/sobjects/Group', { Name: 'Owned', Type: 'Queue', RelatedId: existing.Id }, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'RelatedId'],
      ['POST', '/sobjects/GroupMember', { GroupId: group.Id }, 'REQUIRED_FIELD_MISSING', 'UserOrGroupId'],
      ['POST', '/sobjects/GroupMember', { GroupId: 'bad', UserOrGroupId: existing.Id }, 'MALFORMED_ID', 'GroupId'],
      ['POST', '/sobjects/GroupMember', { GroupId: group.Id, UserOrGroupId: to18('0050E0000000001') }, 'INVALID_CROSS_REFERENCE_KEY', 'UserOrGroupId'],
      ['POST', '/sobjects/PermissionSetAssignment', { AssigneeId: existing.Id }, 'REQUIRED_FIELD_MISSING', 'PermissionSetId'],
      ['POST', '/sobjects/PermissionSetAssignment', { AssigneeId: to18('0050E0000000001'), PermissionSetId: flowUserSetId }, 'INVALID_CROSS_REFERENCE_KEY', 'AssigneeId'],
      ['POST', '/sobjects/PermissionSetAssignment', { AssigneeId: existing.Id, PermissionSetId: flowUserSetId, Extra: 1 }, 'INVALID_FIELD', 'Extra'],
    ];
    for (const [method, path, body, code, field] of cases) {
      const response = await s.call(admin, method as 'POST', path, body);
      const error = errorOf(response);
      expect({ path, body, ...error }).toMatchObject({ status: 400, errorCode: code });
      if (field !== undefined) expect(error.fields, `${path} ${JSON.stringify(body)}`).toContain(field);
    }
    expect((await s.db.directory.listUsers()).length).toBe(usersBefore + 1);
    expect((await s.db.directory.listGroups()).length).toBe(groupsBefore + 1);
    expect(await s.db.directory.getUser(existing.Id)).toMatchObject({ IsActive: true, Username: existing.Username });
    expect(await s.db.directory.listGroupMembers(group.Id)).toEqual([]);
    expect((await s.db.directory.permissionSetsOf(existing.Id)).map((set) => set.Id)).not.toContain(flowUserSetId);

    expect(errorOf(await s.call(admin, 'DELETE', `/sobjects/User/${existing.Id}`))).toMatchObject({ status: 405, errorCode: 'METHOD_NOT_ALLOWED' });
    expect(errorOf(await s.call(admin, 'PATCH', `/sobjects/User/${to18('0050E0000000001')}`, { LastName: 'Ghost' }))).toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
    expect(errorOf(await s.call(admin, 'DELETE', `/sobjects/GroupMember/${to18('0110E0000000001')}`))).toMatchObject({ status: 404, errorCode: 'NOT_FOUND' });
    expect(errorOf(await s.call(admin, 'DELETE', '/sobjects/Group/not-an-id'))).toMatchObject({ status: 400, errorCode: 'MALFORMED_ID' });
  });

  it("locks a deactivated user out on their very next request, and lets them back in when reactivated", async () => {
    const { s, admin } = await setup();
    const agent = await s.createUser('agent', { runFlows: true });
    const agentToken = await s.tokenFor(agent);
    expect((await s.call(agentToken, 'GET', '/query?q=SELECT+Id+FROM+User')).statusCode).toBe(200);

    expect((await s.call(admin, 'PATCH', `/sobjects/User/${agent.Id}`, { IsActive: false })).statusCode).toBe(204);
    const refused = await s.call(agentToken, 'GET', '/query?q=SELECT+Id+FROM+User');
    expect(errorOf(refused)).toMatchObject({ status: 401, errorCode: 'INVALID_SESSION_ID' });
    expect((await s.login(agent.Username, PASSWORD)).statusCode).toBe(400);

    expect((await s.call(admin, 'PATCH', `/sobjects/User/${agent.Id}`, { IsActive: true })).statusCode).toBe(204);
    expect((await s.login(agent.Username, PASSWORD)).statusCode).toBe(200);
  });

  it('lists the operations in the served OpenAPI document', async () => {
    const { s } = await setup();
    const paths = ((await s.call(undefined, 'GET', '/services/data/openapi.json')).json() as { paths: Record<string, Json> }).paths;
    for (const object of ['User', 'Group', 'GroupMember', 'PermissionSetAssignment']) expect(paths[`/sobjects/${object}`]?.post, object).toBeDefined();
    expect(paths['/sobjects/User/{recordId}']).toHaveProperty('patch');
    expect(paths['/sobjects/User/{recordId}']).not.toHaveProperty('delete');
    expect(paths['/sobjects/Group/{recordId}']).toHaveProperty('delete');
  });

  it('does not let a user deactivate themselves', async () => {
    const { s, admin } = await setup();
    const me = await s.db.directory.getUserByUsername('useradmin@example.com');
    // Every spelling the field accepts as false is refused as such; others are type errors.
    for (const [spelling, errorCode] of [[false, 'INVALID_OPERATION'], ['false', 'INVALID_OPERATION'], [null, 'INVALID_OPERATION'], [0, 'INVALID_TYPE_ON_FIELD_IN_RECORD']] as const) {
      expect(errorOf(await s.call(admin, 'PATCH', `/sobjects/User/${me?.Id ?? ''}`, { IsActive: spelling }))).toMatchObject({ status: 400, errorCode });
      expect((await s.db.directory.getUser(me?.Id ?? ''))?.IsActive).toBe(true);
    }
  });
});
