// Over 400 lines: one adapter for the four directory ports (users, roles, groups, permission sets), which share row mappers and the access subject query.
/**
 * Users, roles, groups, queues and permission sets. Besides the Salesforce-shaped tables it keeps
 * `group_membership`, every (group, user) pair where the user is in the group directly, through
 * nested groups, through their role (`Role` and `RoleAndSubordinates` groups) or as an internal
 * user (the `Organization` group). It is rebuilt after every change that can move a user in or
 * out of a group, so sharing checks are one indexed lookup.
 */
import type { Kysely, Selectable } from 'kysely';
import { DeleteFailedError, DuplicateUsernameError, DuplicateValueError, FieldIntegrityError, InvalidCrossReferenceKeyError, InvalidFieldForInsertUpdateError, InvalidOperationError, KEY_PREFIXES, newId, NotFoundError, parseId, validateRecordWrite } from '../runtime/index.js';
import type { AccessSubject, Directory, GroupChanges, GroupMemberRecord, GroupRecord, GroupType, NewPermissionSet, NewUser, PermissionSetAssignmentRecord, PermissionSetRecord, UserChanges, UserPermissions, UserRecord, UserRoleRecord } from '../runtime/index.js';
import type { Database, GroupMembersTable, GroupsTable, PermissionSetAssignmentsTable, PermissionSetsTable, UserRolesTable, UsersTable } from './database-schema.js';
import { BASE_SCHEMA } from './kysely-schema-store.js';
import { chunks, developerNameFrom, fromBool, isValidDeveloperName, toBool } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

function audit(row: { CreatedDate: string; CreatedById: string; LastModifiedDate: string; LastModifiedById: string }) {
  return { CreatedDate: row.CreatedDate, CreatedById: row.CreatedById, LastModifiedDate: row.LastModifiedDate, LastModifiedById: row.LastModifiedById };
}

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    Id: row.Id, Username: row.Username, Email: row.Email, FirstName: row.FirstName, LastName: row.LastName, Name: row.Name, Alias: row.Alias,
    CommunityNickname: row.CommunityNickname, IsActive: fromBool(row.IsActive), UserRoleId: row.UserRoleId, ManagerId: row.ManagerId,
    Title: row.Title, Department: row.Department, CompanyName: row.CompanyName, Phone: row.Phone, MobilePhone: row.MobilePhone,
    TimeZoneSidKey: row.TimeZoneSidKey, LocaleSidKey: row.LocaleSidKey, LanguageLocaleKey: row.LanguageLocaleKey,
    EmailEncodingKey: row.EmailEncodingKey, UserType: row.UserType as UserRecord['UserType'], FederationIdentifier: row.FederationIdentifier,
    ...audit(row),
  };
}

function toRole(row: Selectable<UserRolesTable>): UserRoleRecord {
  return { Id: row.Id, Name: row.Name, DeveloperName: row.DeveloperName, ParentRoleId: row.ParentRoleId, RollupDescription: row.RollupDescription, ...audit(row) };
}

function toGroup(row: Selectable<GroupsTable>): GroupRecord {
  return {
    Id: row.Id, Name: row.Name, DeveloperName: row.DeveloperName, Type: row.Type as GroupType, RelatedId: row.RelatedId, Email: row.Email,
    DoesIncludeBosses: fromBool(row.DoesIncludeBosses), DoesSendEmailToMembers: fromBool(row.DoesSendEmailToMembers), ...audit(row),
  };
}

function toMember(row: Selectable<GroupMembersTable>): GroupMemberRecord {
  return { Id: row.Id, GroupId: row.GroupId, UserOrGroupId: row.UserOrGroupId, SystemModstamp: row.SystemModstamp };
}

function toAssignment(row: Selectable<PermissionSetAssignmentsTable>): PermissionSetAssignmentRecord {
  return { Id: row.Id, AssigneeId: row.AssigneeId, PermissionSetId: row.PermissionSetId, SystemModstamp: row.SystemModstamp };
}

function toPermissionSet(row: Selectable<PermissionSetsTable>): PermissionSetRecord {
  return {
    Id: row.Id, Name: row.Name, Label: row.Label, Description: row.Description, PermissionsRunFlow: fromBool(row.PermissionsRunFlow),
    PermissionsManageInteraction: fromBool(row.PermissionsManageInteraction), PermissionsCustomizeApplication: fromBool(row.PermissionsCustomizeApplication),
    PermissionsViewAllData: fromBool(row.PermissionsViewAllData), PermissionsManageUsers: fromBool(row.PermissionsManageUsers), ...audit(row),
  };
}

function fullName(firstName: unknown, lastName: unknown): string {
  return [firstName, lastName].filter((p) => typeof p === 'string' && p !== '').join(' ');
}

/** Every role below `roleId` (children, grandchildren, ...). */
export function descendantRoles(roles: readonly { Id: string; ParentRoleId: string | null }[], roleId: string): string[] {
  const children = new Map<string, string[]>();
  for (const role of roles) {
    if (role.ParentRoleId) children.set(role.ParentRoleId, [...(children.get(role.ParentRoleId) ?? []), role.Id]);
  }
  const out: string[] = [];
  const seen = new Set([roleId]);
  const stack = [...(children.get(roleId) ?? [])];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Whether `outer` contains the group `inner`, directly or through nested groups. */
async function containsGroup(db: Kysely<Database>, outer: string, inner: string): Promise<boolean> {
  const members = await db.selectFrom('group_members').select(['GroupId', 'UserOrGroupId']).execute();
  const children = new Map<string, string[]>();
  for (const member of members) children.set(member.GroupId, [...(children.get(member.GroupId) ?? []), member.UserOrGroupId]);
  const seen = new Set<string>([outer]);
  const queue = [outer];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const child of children.get(next) ?? []) {
      if (child === inner) return true;
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
    }
  }
  return false;
}

/** Recomputes `group_membership` from users, roles, groups and group members. */
export async function rebuildGroupMembership(db: Kysely<Database>): Promise<void> {
  const [users, roles, groups, members] = await Promise.all([
    db.selectFrom('users').select(['Id', 'UserRoleId', 'UserType']).execute(),
    db.selectFrom('user_roles').select(['Id', 'ParentRoleId']).execute(),
    db.selectFrom('groups').select(['Id', 'Type', 'RelatedId']).execute(),
    db.selectFrom('group_members').select(['GroupId', 'UserOrGroupId']).execute(),
  ]);
  const usersByRole = new Map<string, string[]>();
  for (const user of users) if (user.UserRoleId) usersByRole.set(user.UserRoleId, [...(usersByRole.get(user.UserRoleId) ?? []), user.Id]);
  const userIds = new Set(users.map((u) => u.Id));
  const direct = new Map<string, string[]>();
  for (const member of members) direct.set(member.GroupId, [...(direct.get(member.GroupId) ?? []), member.UserOrGroupId]);
  const groupById = new Map(groups.map((g) => [g.Id, g]));
  const memo = new Map<string, Set<string>>();
  const usersOf = (groupId: string, visiting: Set<string>): Set<string> => {
    const cached = memo.get(groupId);
    if (cached) return cached;
    const result = new Set<string>();
    if (visiting.has(groupId)) return result;
    visiting.add(groupId);
    const group = groupById.get(groupId);
    if (group?.Type === 'Organization') for (const user of users) if (user.UserType !== 'AutomatedProcess') result.add(user.Id);
    if (group?.Type === 'Role' && group.RelatedId) for (const id of usersByRole.get(group.RelatedId) ?? []) result.add(id);
    if (group?.Type === 'RoleAndSubordinates' && group.RelatedId) {
      for (const roleId of [group.RelatedId, ...descendantRoles(roles, group.RelatedId)]) for (const id of usersByRole.get(roleId) ?? []) result.add(id);
    }
    for (const member of direct.get(groupId) ?? []) {
      if (userIds.has(member)) result.add(member);
      else if (groupById.has(member)) for (const id of usersOf(member, visiting)) result.add(id);
    }
    visiting.delete(groupId);
    memo.set(groupId, result);
    return result;
  };
  const pairs: { group_id: string; user_id: string }[] = [];
  for (const group of groups) for (const userId of usersOf(group.Id, new Set())) pairs.push({ group_id: group.Id, user_id: userId });
  await db.deleteFrom('group_membership').execute();
  for (const chunk of chunks(pairs, 400)) await db.insertInto('group_membership').values(chunk).execute();
}

/** {@link Directory} on Kysely. */
export class KyselyDirectory implements Directory {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async createUser(input: NewUser, actorId: string): Promise<UserRecord> {
    const write = validateRecordWrite(BASE_SCHEMA, 'User', { ...input }, 'create');
    const values = write.values;
    const username = String(values.Username);
    return this.#ctx.atomic(async (db) => {
      await this.#assertUsernameFree(db, username, undefined);
      await this.#checkUserReferences(db, values);
      const now = this.#ctx.now();
      const row = {
        Id: newId(KEY_PREFIXES.User), Username: username, username_key: username.toLowerCase(), Email: String(values.Email),
        FirstName: (values.FirstName as string | null | undefined) ?? null, LastName: String(values.LastName),
        Name: fullName(values.FirstName, values.LastName), Alias: (values.Alias as string | null | undefined) ?? null,
        CommunityNickname: (values.CommunityNickname as string | null | undefined) ?? null, IsActive: toBool(values.IsActive !== false),
        UserRoleId: (values.UserRoleId as string | null | undefined) ?? null, ManagerId: (values.ManagerId as string | null | undefined) ?? null,
        Title: (values.Title as string | null | undefined) ?? null, Department: (values.Department as string | null | undefined) ?? null,
        CompanyName: (values.CompanyName as string | null | undefined) ?? null, Phone: (values.Phone as string | null | undefined) ?? null,
        MobilePhone: (values.MobilePhone as string | null | undefined) ?? null, TimeZoneSidKey: String(values.TimeZoneSidKey ?? 'GMT'),
        LocaleSidKey: String(values.LocaleSidKey ?? 'en_US'), LanguageLocaleKey: String(values.LanguageLocaleKey ?? 'en_US'),
        EmailEncodingKey: String(values.EmailEncodingKey ?? 'UTF-8'), UserType: 'Standard',
        FederationIdentifier: (values.FederationIdentifier as string | null | undefined) ?? null, password_hash: null,
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('users').values(row).execute();
      await rebuildGroupMembership(db);
      return toUser(row);
    });
  }

  async updateUser(id: string, changes: UserChanges, actorId: string): Promise<UserRecord> {
    const userId = parseId(id, 'Id');
    const write = validateRecordWrite(BASE_SCHEMA, 'User', { ...changes, Id: userId }, 'update');
    const values = write.values;
    return this.#ctx.atomic(async (db) => {
      const current = await db.selectFrom('users').selectAll().where('Id', '=', userId).executeTakeFirst();
      if (!current) throw new NotFoundError(`No user with Id ${userId}.`, ['Id']);
      if (typeof values.Username === 'string') await this.#assertUsernameFree(db, values.Username, userId);
      await this.#checkUserReferences(db, values);
      if (values.ManagerId === userId) throw new FieldIntegrityError('ManagerId: a user cannot be their own manager.', ['ManagerId']);
      const now = this.#ctx.now();
      const set: Record<string, string | number | null> = {};
      for (const [name, value] of Object.entries(values)) {
        set[name] = typeof value === 'boolean' ? toBool(value) : (value as string | number | null);
      }
      if (typeof values.Username === 'string') set.username_key = values.Username.toLowerCase();
      const firstName = 'FirstName' in values ? values.FirstName : current.FirstName;
      const lastName = 'LastName' in values ? values.LastName : current.LastName;
      set.Name = fullName(firstName, lastName);
      await db.updateTable('users').set({ ...set, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now }).where('Id', '=', userId).execute();
      if ('UserRoleId' in values) await rebuildGroupMembership(db);
      return toUser(await db.selectFrom('users').selectAll().where('Id', '=', userId).executeTakeFirstOrThrow());
    });
  }

  async getUser(id: string): Promise<UserRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('users').selectAll().where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async getUserByUsername(username: string): Promise<UserRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('users').selectAll().where('username_key', '=', username.toLowerCase()).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async listUsers(): Promise<UserRecord[]> {
    return (await this.#ctx.db.selectFrom('users').selectAll().orderBy('Username').execute()).map(toUser);
  }

  async setPasswordHash(userId: string, hash: string | null): Promise<void> {
    const result = await this.#ctx.db.updateTable('users').set({ password_hash: hash }).where('Id', '=', parseId(userId, 'Id')).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError(`No user with Id ${userId}.`, ['Id']);
  }

  async getPasswordHash(userId: string): Promise<string | null> {
    const row = await this.#ctx.db.selectFrom('users').select('password_hash').where('Id', '=', parseId(userId, 'Id')).executeTakeFirst();
    if (!row) throw new NotFoundError(`No user with Id ${userId}.`, ['Id']);
    return row.password_hash;
  }

  async createRole(input: { readonly Name: string; readonly DeveloperName?: string; readonly ParentRoleId?: string | null; readonly RollupDescription?: string | null }, actorId: string): Promise<UserRoleRecord> {
    const developerName = this.#developerName(input.Name, input.DeveloperName);
    const parentId = input.ParentRoleId ? parseId(input.ParentRoleId, 'ParentRoleId') : null;
    return this.#ctx.atomic(async (db) => {
      if (await db.selectFrom('user_roles').select('Id').where('DeveloperName', '=', developerName).executeTakeFirst()) {
        throw new DuplicateValueError(`duplicate value found: DeveloperName ${developerName}`, ['DeveloperName']);
      }
      if (parentId && !(await db.selectFrom('user_roles').select('Id').where('Id', '=', parentId).executeTakeFirst())) {
        throw new InvalidCrossReferenceKeyError(`ParentRoleId: invalid cross reference id: ${parentId}`, ['ParentRoleId']);
      }
      const now = this.#ctx.now();
      const audit = { CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0 };
      const row = { Id: newId(KEY_PREFIXES.UserRole), Name: input.Name, DeveloperName: developerName, ParentRoleId: parentId, RollupDescription: input.RollupDescription ?? null, ...audit };
      await db.insertInto('user_roles').values(row).execute();
      for (const type of ['Role', 'RoleAndSubordinates'] as const) {
        await db
          .insertInto('groups')
          .values({ Id: newId(KEY_PREFIXES.Group), Name: input.Name, DeveloperName: developerName, Type: type, RelatedId: row.Id, Email: null, DoesIncludeBosses: 1, DoesSendEmailToMembers: 0, ...audit })
          .execute();
      }
      await rebuildGroupMembership(db);
      return toRole(row);
    });
  }

  async listRoles(): Promise<UserRoleRecord[]> {
    return (await this.#ctx.db.selectFrom('user_roles').selectAll().orderBy('Name').execute()).map(toRole);
  }

  async createGroup(input: { readonly Name: string; readonly DeveloperName?: string; readonly Type: 'Regular' | 'Queue'; readonly Email?: string | null; readonly DoesIncludeBosses?: boolean }, actorId: string): Promise<GroupRecord> {
    if (input.Type !== 'Regular' && input.Type !== 'Queue') throw new InvalidOperationError(`Groups of type ${String(input.Type)} are created by Eddy, not directly.`, ['Type']);
    const developerName = this.#developerName(input.Name, input.DeveloperName);
    return this.#ctx.atomic(async (db) => {
      const taken = await db.selectFrom('groups').select('Id').where('DeveloperName', '=', developerName).where('Type', 'in', ['Regular', 'Queue']).executeTakeFirst();
      if (taken) throw new DuplicateValueError(`duplicate value found: DeveloperName ${developerName}`, ['DeveloperName']);
      const now = this.#ctx.now();
      const row = {
        Id: newId(KEY_PREFIXES.Group), Name: input.Name, DeveloperName: developerName, Type: input.Type, RelatedId: null, Email: input.Email ?? null,
        DoesIncludeBosses: toBool(input.DoesIncludeBosses ?? true), DoesSendEmailToMembers: 0,
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('groups').values(row).execute();
      return toGroup(row);
    });
  }

  async getGroup(id: string): Promise<GroupRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('groups').selectAll().where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    return row ? toGroup(row) : undefined;
  }

  async updateGroup(id: string, changes: GroupChanges, actorId: string): Promise<GroupRecord> {
    const groupId = parseId(id, 'Id');
    const values = validateRecordWrite(BASE_SCHEMA, 'Group', { ...changes, Id: groupId }, 'update').values;
    return this.#ctx.atomic(async (db) => {
      const current = await db.selectFrom('groups').selectAll().where('Id', '=', groupId).executeTakeFirst();
      if (!current) throw new NotFoundError(`No group with Id ${groupId}.`, ['Id']);
      if (current.Type !== 'Regular' && current.Type !== 'Queue') throw new InvalidOperationError(`${current.Type} groups follow the role hierarchy and the org; they cannot be changed.`, ['Id']);
      if ('Type' in values && values.Type !== current.Type) throw new InvalidFieldForInsertUpdateError('Unable to update the field Type of Group: it is set when the group is created', ['Type']);
      const developerName = values.DeveloperName;
      if (typeof developerName === 'string' && developerName !== current.DeveloperName) {
        this.#developerName(current.Name, developerName);
        const taken = await db.selectFrom('groups').select('Id').where('DeveloperName', '=', developerName).where('Type', 'in', ['Regular', 'Queue']).where('Id', '<>', groupId).executeTakeFirst();
        if (taken) throw new DuplicateValueError(`duplicate value found: DeveloperName ${developerName}`, ['DeveloperName']);
      }
      const set: Record<string, string | number | null> = {};
      for (const name of ['Name', 'DeveloperName', 'Email'] as const) if (name in values) set[name] = values[name] as string | null;
      for (const name of ['DoesIncludeBosses', 'DoesSendEmailToMembers'] as const) if (name in values) set[name] = toBool(values[name] === true);
      const now = this.#ctx.now();
      await db.updateTable('groups').set({ ...set, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now }).where('Id', '=', groupId).execute();
      return toGroup(await db.selectFrom('groups').selectAll().where('Id', '=', groupId).executeTakeFirstOrThrow());
    });
  }

  async listGroups(type?: GroupType): Promise<GroupRecord[]> {
    let query = this.#ctx.db.selectFrom('groups').selectAll().orderBy('Type').orderBy('Name');
    if (type) query = query.where('Type', '=', type);
    return (await query.execute()).map(toGroup);
  }

  async deleteGroup(id: string): Promise<void> {
    const groupId = parseId(id, 'Id');
    await this.#ctx.atomic(async (db) => {
      const group = await db.selectFrom('groups').select(['Id', 'Type']).where('Id', '=', groupId).executeTakeFirst();
      if (!group) throw new NotFoundError(`No group with Id ${groupId}.`, ['Id']);
      if (group.Type !== 'Regular' && group.Type !== 'Queue') throw new InvalidOperationError(`${group.Type} groups follow the role hierarchy and the org; they cannot be deleted.`, ['Id']);
      const rule = await db
        .selectFrom('flow_interview_sharing_rules')
        .select('Name')
        .where((eb) => eb.or([eb('GroupId', '=', groupId), eb('UserOrGroupId', '=', groupId)]))
        .executeTakeFirst();
      if (rule) throw new DeleteFailedError(`The sharing rule ${rule.Name} uses this group; delete the rule first.`, ['Id']);
      if (await db.selectFrom('flow_interviews').select('Id').where('OwnerId', '=', groupId).executeTakeFirst()) {
        throw new DeleteFailedError('This queue owns flow interviews; give them another owner first.', ['Id']);
      }
      if (await db.selectFrom('records').select('Id').where('OwnerId', '=', groupId).executeTakeFirst()) {
        throw new DeleteFailedError('This queue owns records; give them another owner first.', ['Id']);
      }
      await db.deleteFrom('flow_interview_shares').where('UserOrGroupId', '=', groupId).execute();
      await db.deleteFrom('group_members').where((eb) => eb.or([eb('GroupId', '=', groupId), eb('UserOrGroupId', '=', groupId)])).execute();
      await db.deleteFrom('groups').where('Id', '=', groupId).execute();
      await rebuildGroupMembership(db);
    });
  }

  async roleGroup(roleId: string, type: 'Role' | 'RoleAndSubordinates'): Promise<GroupRecord> {
    const row = await this.#ctx.db.selectFrom('groups').selectAll().where('RelatedId', '=', parseId(roleId, 'RelatedId')).where('Type', '=', type).executeTakeFirst();
    if (!row) throw new NotFoundError(`No ${type} group for role ${roleId}.`);
    return toGroup(row);
  }

  async organizationGroup(): Promise<GroupRecord> {
    return toGroup(await this.#ctx.db.selectFrom('groups').selectAll().where('Type', '=', 'Organization').executeTakeFirstOrThrow());
  }

  async addGroupMember(groupId: string, userOrGroupId: string): Promise<GroupMemberRecord> {
    const group = parseId(groupId, 'GroupId');
    const member = parseId(userOrGroupId, 'UserOrGroupId');
    return this.#ctx.atomic(async (db) => {
      const target = await db.selectFrom('groups').select(['Id', 'Type']).where('Id', '=', group).executeTakeFirst();
      if (!target) throw new InvalidCrossReferenceKeyError(`GroupId: invalid cross reference id: ${group}`, ['GroupId']);
      if (target.Type !== 'Regular' && target.Type !== 'Queue') throw new InvalidOperationError(`Members of ${target.Type} groups follow the role hierarchy; they cannot be added.`, ['GroupId']);
      const isUser = await db.selectFrom('users').select('Id').where('Id', '=', member).executeTakeFirst();
      const isGroup = !isUser && (await db.selectFrom('groups').select('Id').where('Id', '=', member).executeTakeFirst());
      if (!isUser && !isGroup) throw new InvalidCrossReferenceKeyError(`UserOrGroupId: invalid cross reference id: ${member}`, ['UserOrGroupId']);
      if (member === group) throw new FieldIntegrityError('A group cannot contain itself.', ['UserOrGroupId']);
      if (isGroup && (await containsGroup(db, member, group))) {
        throw new FieldIntegrityError(`Group ${member} already contains group ${group}, directly or through other groups; a group cannot contain itself.`, ['UserOrGroupId']);
      }
      const existing = await db.selectFrom('group_members').selectAll().where('GroupId', '=', group).where('UserOrGroupId', '=', member).executeTakeFirst();
      if (existing) return toMember(existing);
      const row = { Id: newId(KEY_PREFIXES.GroupMember), GroupId: group, UserOrGroupId: member, SystemModstamp: this.#ctx.now() };
      await db.insertInto('group_members').values(row).execute();
      await rebuildGroupMembership(db);
      return toMember(row);
    });
  }

  async removeGroupMember(groupId: string, userOrGroupId: string): Promise<void> {
    const group = parseId(groupId, 'GroupId');
    const member = parseId(userOrGroupId, 'UserOrGroupId');
    await this.#ctx.atomic(async (db) => {
      await db.deleteFrom('group_members').where('GroupId', '=', group).where('UserOrGroupId', '=', member).execute();
      await rebuildGroupMembership(db);
    });
  }

  async listGroupMembers(groupId: string): Promise<GroupMemberRecord[]> {
    return (await this.#ctx.db.selectFrom('group_members').selectAll().where('GroupId', '=', parseId(groupId, 'GroupId')).orderBy('Id').execute()).map(toMember);
  }

  async getGroupMember(id: string): Promise<GroupMemberRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('group_members').selectAll().where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    return row ? toMember(row) : undefined;
  }

  async createPermissionSet(input: NewPermissionSet, actorId: string): Promise<PermissionSetRecord> {
    const name = this.#developerName(input.Label ?? input.Name, input.Name);
    return this.#ctx.atomic(async (db) => {
      if (await db.selectFrom('permission_sets').select('Id').where('Name', '=', name).executeTakeFirst()) {
        throw new DuplicateValueError(`duplicate value found: Name ${name}`, ['Name']);
      }
      const now = this.#ctx.now();
      const row = {
        Id: newId(KEY_PREFIXES.PermissionSet), Name: name, Label: input.Label ?? input.Name, Description: input.Description ?? null, IsCustom: 1,
        PermissionsRunFlow: toBool(input.PermissionsRunFlow), PermissionsManageInteraction: toBool(input.PermissionsManageInteraction),
        PermissionsCustomizeApplication: toBool(input.PermissionsCustomizeApplication), PermissionsViewAllData: toBool(input.PermissionsViewAllData),
        PermissionsManageUsers: toBool(input.PermissionsManageUsers),
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('permission_sets').values(row).execute();
      return toPermissionSet(row);
    });
  }

  async listPermissionSets(): Promise<PermissionSetRecord[]> {
    return (await this.#ctx.db.selectFrom('permission_sets').selectAll().orderBy('Name').execute()).map(toPermissionSet);
  }

  async assignPermissionSet(userId: string, permissionSetId: string): Promise<PermissionSetAssignmentRecord> {
    const user = parseId(userId, 'AssigneeId');
    const set = parseId(permissionSetId, 'PermissionSetId');
    return this.#ctx.atomic(async (db) => {
      if (!(await db.selectFrom('users').select('Id').where('Id', '=', user).executeTakeFirst())) throw new InvalidCrossReferenceKeyError(`AssigneeId: invalid cross reference id: ${user}`, ['AssigneeId']);
      if (!(await db.selectFrom('permission_sets').select('Id').where('Id', '=', set).executeTakeFirst())) throw new InvalidCrossReferenceKeyError(`PermissionSetId: invalid cross reference id: ${set}`, ['PermissionSetId']);
      await db
        .insertInto('permission_set_assignments')
        .values({ Id: newId(KEY_PREFIXES.PermissionSetAssignment), AssigneeId: user, PermissionSetId: set, SystemModstamp: this.#ctx.now() })
        .onConflict((oc) => oc.columns(['AssigneeId', 'PermissionSetId']).doNothing())
        .execute();
      return toAssignment(await db.selectFrom('permission_set_assignments').selectAll().where('AssigneeId', '=', user).where('PermissionSetId', '=', set).executeTakeFirstOrThrow());
    });
  }

  async getPermissionSetAssignment(id: string): Promise<PermissionSetAssignmentRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('permission_set_assignments').selectAll().where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    return row ? toAssignment(row) : undefined;
  }

  async unassignPermissionSet(userId: string, permissionSetId: string): Promise<void> {
    await this.#ctx.db.deleteFrom('permission_set_assignments').where('AssigneeId', '=', parseId(userId, 'AssigneeId')).where('PermissionSetId', '=', parseId(permissionSetId, 'PermissionSetId')).execute();
  }

  async permissionSetsOf(userId: string): Promise<PermissionSetRecord[]> {
    const rows = await this.#ctx.db
      .selectFrom('permission_sets as p')
      .innerJoin('permission_set_assignments as a', 'a.PermissionSetId', 'p.Id')
      .selectAll('p')
      .where('a.AssigneeId', '=', parseId(userId, 'AssigneeId'))
      .orderBy('p.Name')
      .execute();
    return rows.map(toPermissionSet);
  }

  async permissionsOf(userId: string): Promise<UserPermissions> {
    const sets = await this.permissionSetsOf(userId);
    return {
      runFlows: sets.some((s) => s.PermissionsRunFlow),
      manageFlow: sets.some((s) => s.PermissionsManageInteraction),
      customizeApplication: sets.some((s) => s.PermissionsCustomizeApplication),
      viewAllData: sets.some((s) => s.PermissionsViewAllData),
      manageUsers: sets.some((s) => s.PermissionsManageUsers),
    };
  }

  async enableFlowAccess(permissionSetId: string, flowDefinitionId: string): Promise<void> {
    const set = parseId(permissionSetId, 'ParentId');
    const flow = parseId(flowDefinitionId, 'SetupEntityId');
    await this.#ctx.atomic(async (db) => {
      if (!(await db.selectFrom('permission_sets').select('Id').where('Id', '=', set).executeTakeFirst())) throw new InvalidCrossReferenceKeyError(`ParentId: invalid cross reference id: ${set}`, ['ParentId']);
      if (!(await db.selectFrom('flow_definitions').select('Id').where('Id', '=', flow).executeTakeFirst())) throw new InvalidCrossReferenceKeyError(`SetupEntityId: invalid cross reference id: ${flow}`, ['SetupEntityId']);
      await db
        .insertInto('setup_entity_access')
        .values({ Id: newId(KEY_PREFIXES.SetupEntityAccess), ParentId: set, SetupEntityId: flow, SetupEntityType: 'FlowDefinition', SystemModstamp: this.#ctx.now() })
        .onConflict((oc) => oc.columns(['ParentId', 'SetupEntityId']).doNothing())
        .execute();
    });
  }

  async disableFlowAccess(permissionSetId: string, flowDefinitionId: string): Promise<void> {
    await this.#ctx.db.deleteFrom('setup_entity_access').where('ParentId', '=', parseId(permissionSetId, 'ParentId')).where('SetupEntityId', '=', parseId(flowDefinitionId, 'SetupEntityId')).execute();
  }

  async accessSubject(userId: string): Promise<AccessSubject> {
    const id = parseId(userId, 'Id');
    const db = this.#ctx.db;
    const user = await db.selectFrom('users').select(['Id', 'UserRoleId']).where('Id', '=', id).executeTakeFirst();
    if (!user) throw new NotFoundError(`No user with Id ${id}.`, ['Id']);
    const roles = await db.selectFrom('user_roles').select(['Id', 'ParentRoleId']).execute();
    const role = roles.find((r) => r.Id === user.UserRoleId);
    const groups = await db.selectFrom('group_membership').select('group_id').where('user_id', '=', id).orderBy('group_id').execute();
    const flows = await db
      .selectFrom('setup_entity_access as s')
      .innerJoin('permission_set_assignments as a', 'a.PermissionSetId', 's.ParentId')
      .select('s.SetupEntityId')
      .distinct()
      .where('a.AssigneeId', '=', id)
      .execute();
    return {
      userId: id,
      roleId: role?.Id ?? null,
      isTopRole: role !== undefined && role.ParentRoleId === null,
      subordinateRoleIds: role ? descendantRoles(roles, role.Id) : [],
      groupIds: groups.map((g) => g.group_id),
      permissions: await this.permissionsOf(id),
      enabledFlowIds: flows.map((f) => f.SetupEntityId),
    };
  }

  #developerName(label: string, given: string | undefined): string {
    const name = given ?? developerNameFrom(label);
    if (!isValidDeveloperName(name)) throw new FieldIntegrityError(`DeveloperName: "${name}" must begin with a letter and use only letters, digits and single underscores.`, ['DeveloperName']);
    return name;
  }

  async #assertUsernameFree(db: Kysely<Database>, username: string, exceptId: string | undefined): Promise<void> {
    const taken = await db.selectFrom('users').select('Id').where('username_key', '=', username.toLowerCase()).executeTakeFirst();
    if (taken && taken.Id !== exceptId) throw new DuplicateUsernameError(`Duplicate Username. The username already exists: ${username}`, ['Username']);
  }

  async #checkUserReferences(db: Kysely<Database>, values: Readonly<Record<string, unknown>>): Promise<void> {
    if (typeof values.UserRoleId === 'string' && !(await db.selectFrom('user_roles').select('Id').where('Id', '=', values.UserRoleId).executeTakeFirst())) {
      throw new InvalidCrossReferenceKeyError(`UserRoleId: invalid cross reference id: ${values.UserRoleId}`, ['UserRoleId']);
    }
    if (typeof values.ManagerId === 'string' && !(await db.selectFrom('users').select('Id').where('Id', '=', values.ManagerId).executeTakeFirst())) {
      throw new InvalidCrossReferenceKeyError(`ManagerId: invalid cross reference id: ${values.ManagerId}`, ['ManagerId']);
    }
  }
}
