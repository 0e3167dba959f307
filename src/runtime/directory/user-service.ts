/**
 * Users, roles, groups and queues, permission sets and per-flow access, for `eddy users` and the
 * API: thin wrappers over the {@link Directory} that check the acting user's permissions. Any
 * active user may read the directory; changing it needs Customize Application. Users, roles,
 * groups and permission sets can be named by Id or by name (`find...`).
 */
import { InvalidApiInputError, InvalidOperationError, NotFoundError } from '../errors.js';
import type {
  FlowDefinitionRecord,
  GroupMemberRecord,
  GroupRecord,
  GroupType,
  NewPermissionSet,
  NewUser,
  PermissionSetRecord,
  Storage,
  StorageSession,
  UserChanges,
  UserRecord,
  UserRoleRecord,
} from '../ports/index.js';
import { loadActor, requirePermission, type PermissionName } from '../access/require-permission.js';

/** A user with their role, manager and permission sets. */
export interface UserSummary {
  readonly user: UserRecord;
  readonly role: UserRoleRecord | null;
  readonly manager: UserRecord | null;
  readonly permissionSets: readonly PermissionSetRecord[];
}

/** What `createUser` needs: a user, and permission sets to assign with it. */
export interface NewUserWithAccess extends NewUser {
  readonly permissionSetIds?: readonly string[];
}

/** A group member: a user or a group, resolved. */
export type GroupMemberSummary =
  | { readonly kind: 'user'; readonly member: GroupMemberRecord; readonly user: UserRecord }
  | { readonly kind: 'group'; readonly member: GroupMemberRecord; readonly group: GroupRecord };

/** Input of `createRole`. */
export interface NewRole {
  readonly Name: string;
  readonly DeveloperName?: string;
  readonly ParentRoleId?: string | null;
  readonly RollupDescription?: string | null;
}

/** Input of `createGroup`: a public group (`Regular`) or a queue. */
export interface NewGroup {
  readonly Name: string;
  readonly DeveloperName?: string;
  readonly Type: 'Regular' | 'Queue';
  readonly Email?: string | null;
  readonly DoesIncludeBosses?: boolean;
}

/** Users, their roles, passwords, groups and permission set assignments: Salesforce's Manage Users. */
const MANAGE_USERS: readonly PermissionName[] = ['manageUsers'];
/** Permission sets themselves and which flows they enable: Customize Application. */
const ADMIN: readonly PermissionName[] = ['customizeApplication'];
const ID = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/;

function sameName(a: string | null | undefined, b: string): boolean {
  return typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
}

/** Manages the org's users and what they may do. */
export class UserService {
  readonly #storage: Storage;

  constructor(storage: Storage) {
    this.#storage = storage;
  }

  /** Every user (including the Automated Process user), by username. */
  async listUsers(actorId: string): Promise<UserSummary[]> {
    await loadActor(this.#storage.directory, actorId);
    const [users, roles] = await Promise.all([this.#storage.directory.listUsers(), this.#storage.directory.listRoles()]);
    users.sort((a, b) => a.Username.localeCompare(b.Username));
    return Promise.all(users.map((user) => this.#summary(this.#storage, user, roles, users)));
  }

  /** One user, by Id or username (`NOT_FOUND`). */
  async getUser(actorId: string, userRef: string): Promise<UserSummary> {
    await loadActor(this.#storage.directory, actorId);
    return this.#summaryOf(this.#storage, await this.#findUser(this.#storage, userRef));
  }

  /** Creates a user and assigns `permissionSetIds` with it, all or nothing (`DUPLICATE_VALUE` for a taken username). */
  async createUser(actorId: string, input: NewUserWithAccess): Promise<UserSummary> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Creating users');
    const { permissionSetIds = [], ...user } = input;
    return this.#storage.transaction(async (tx) => {
      const created = await tx.directory.createUser(user, actor.user.Id);
      for (const id of permissionSetIds) await tx.directory.assignPermissionSet(created.Id, id);
      return this.#summaryOf(tx, created);
    });
  }

  /** Changes a user's fields (deactivate with `IsActive: false`). */
  async updateUser(actorId: string, userId: string, changes: UserChanges): Promise<UserSummary> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Changing users');
    const user = await this.#findUser(this.#storage, userId);
    if (user.UserType !== 'Standard') throw new InvalidApiInputError(`${user.Username} is the org's ${user.Name} user and cannot be changed.`);
    const updated = await this.#storage.transaction(async (tx) => {
      const saved = await tx.directory.updateUser(user.Id, changes, actor.user.Id);
      // Judged on the stored value, whatever spelling of false the input used.
      if (saved.Id === actor.user.Id && !saved.IsActive) throw new InvalidOperationError('You cannot deactivate your own user.', ['IsActive']);
      return saved;
    });
    return this.#summaryOf(this.#storage, updated);
  }

  /**
   * The user whose password `actorId` may set: their own, or anyone's with Customize Application
   * (`INSUFFICIENT_ACCESS` otherwise); `NOT_FOUND` for an unknown user, `INVALID_API_INPUT` for the
   * org's Automated Process user, who never logs in. The caller hashes and stores the password.
   */
  async userForPasswordChange(actorId: string, userRef: string): Promise<UserRecord> {
    const actor = await loadActor(this.#storage.directory, actorId);
    const user = await this.#findUser(this.#storage, userRef);
    if (user.Id !== actor.user.Id) await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, "Setting another user's password");
    if (user.UserType !== 'Standard') throw new InvalidApiInputError(`${user.Username} is the org's ${user.Name} user and has no password.`);
    return user;
  }

  /** Every role, by name. */
  async listRoles(actorId: string): Promise<UserRoleRecord[]> {
    await loadActor(this.#storage.directory, actorId);
    return (await this.#storage.directory.listRoles()).sort((a, b) => a.Name.localeCompare(b.Name));
  }

  /** Creates a role (with its role groups), below `ParentRoleId` when given. */
  async createRole(actorId: string, input: NewRole): Promise<UserRoleRecord> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Creating roles');
    return this.#storage.directory.createRole(input, actor.user.Id);
  }

  /** Public groups and queues (or groups of `type`), by name. */
  async listGroups(actorId: string, type?: GroupType): Promise<GroupRecord[]> {
    await loadActor(this.#storage.directory, actorId);
    const groups = type === undefined ? (await this.#storage.directory.listGroups()).filter((g) => g.Type === 'Regular' || g.Type === 'Queue') : await this.#storage.directory.listGroups(type);
    return groups.sort((a, b) => a.Name.localeCompare(b.Name));
  }

  /** Creates a public group or a queue. */
  async createGroup(actorId: string, input: NewGroup): Promise<GroupRecord> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Creating groups');
    return this.#storage.directory.createGroup(input, actor.user.Id);
  }

  /** The direct members of a group, resolved to users and groups. */
  async groupMembers(actorId: string, groupId: string): Promise<GroupMemberSummary[]> {
    await loadActor(this.#storage.directory, actorId);
    const group = await this.#groupOrThrow(groupId);
    const members = await this.#storage.directory.listGroupMembers(group.Id);
    const out: GroupMemberSummary[] = [];
    for (const member of members) {
      const user = member.UserOrGroupId.startsWith('005') ? await this.#storage.directory.getUser(member.UserOrGroupId) : undefined;
      if (user !== undefined) {
        out.push({ kind: 'user', member, user });
        continue;
      }
      const nested = await this.#storage.directory.getGroup(member.UserOrGroupId);
      if (nested !== undefined) out.push({ kind: 'group', member, group: nested });
    }
    return out;
  }

  /** Adds a user or a group to a public group or queue (idempotent). */
  async addGroupMember(actorId: string, groupId: string, userOrGroupId: string): Promise<GroupMemberRecord> {
    await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Changing group members');
    return this.#storage.directory.addGroupMember(groupId, userOrGroupId);
  }

  /** Removes a user or a group from a group (no error when it was not a member). */
  async removeGroupMember(actorId: string, groupId: string, userOrGroupId: string): Promise<void> {
    await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Changing group members');
    await this.#storage.directory.removeGroupMember(groupId, userOrGroupId);
  }

  /** Every permission set, by name. */
  async listPermissionSets(actorId: string): Promise<PermissionSetRecord[]> {
    await loadActor(this.#storage.directory, actorId);
    return (await this.#storage.directory.listPermissionSets()).sort((a, b) => a.Name.localeCompare(b.Name));
  }

  /** Creates a permission set with the given permission flags (false when not given). */
  async createPermissionSet(actorId: string, input: NewPermissionSet): Promise<PermissionSetRecord> {
    const actor = await requirePermission(this.#storage.directory, actorId, ADMIN, 'Creating permission sets');
    return this.#storage.directory.createPermissionSet(input, actor.user.Id);
  }

  /** Assigns a permission set to a user (idempotent). */
  async assignPermissionSet(actorId: string, userId: string, permissionSetId: string): Promise<void> {
    await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Assigning permission sets');
    await this.#storage.directory.assignPermissionSet(userId, permissionSetId);
  }

  /** Removes a permission set from a user (no error when it was not assigned). */
  async unassignPermissionSet(actorId: string, userId: string, permissionSetId: string): Promise<void> {
    await requirePermission(this.#storage.directory, actorId, MANAGE_USERS, 'Assigning permission sets');
    await this.#storage.directory.unassignPermissionSet(userId, permissionSetId);
  }

  /**
   * Lets holders of a permission set run a flow that restricts access to enabled permission sets
   * (`isAdditionalPermissionRequiredToRun`), and see its interviews.
   */
  async enableFlowAccess(actorId: string, permissionSetId: string, flowApiName: string): Promise<FlowDefinitionRecord> {
    await requirePermission(this.#storage.directory, actorId, ADMIN, 'Enabling flow access');
    const flow = await this.#flowOrThrow(flowApiName);
    await this.#storage.directory.enableFlowAccess(permissionSetId, flow.Id);
    return flow;
  }

  /** Takes back what {@link enableFlowAccess} gave (idempotent). */
  async disableFlowAccess(actorId: string, permissionSetId: string, flowApiName: string): Promise<FlowDefinitionRecord> {
    await requirePermission(this.#storage.directory, actorId, ADMIN, 'Disabling flow access');
    const flow = await this.#flowOrThrow(flowApiName);
    await this.#storage.directory.disableFlowAccess(permissionSetId, flow.Id);
    return flow;
  }

  /** A user by Id or username (`NOT_FOUND`). */
  async findUser(actorId: string, ref: string): Promise<UserRecord> {
    await loadActor(this.#storage.directory, actorId);
    return this.#findUser(this.#storage, ref);
  }

  /** A role by Id, developer name or name (`NOT_FOUND`). */
  async findRole(actorId: string, ref: string): Promise<UserRoleRecord> {
    const roles = await this.listRoles(actorId);
    const role = roles.find((r) => r.Id === ref || sameName(r.DeveloperName, ref)) ?? roles.find((r) => sameName(r.Name, ref));
    if (role === undefined) throw new NotFoundError(`No role named ${ref}.`);
    return role;
  }

  /** A public group or queue by Id, developer name or name (`NOT_FOUND`). */
  async findGroup(actorId: string, ref: string): Promise<GroupRecord> {
    const groups = await this.listGroups(actorId);
    const group = groups.find((g) => g.Id === ref || sameName(g.DeveloperName, ref)) ?? groups.find((g) => sameName(g.Name, ref));
    if (group === undefined) throw new NotFoundError(`No group or queue named ${ref}.`);
    return group;
  }

  /** A permission set by Id, name or label (`NOT_FOUND`). */
  async findPermissionSet(actorId: string, ref: string): Promise<PermissionSetRecord> {
    const sets = await this.listPermissionSets(actorId);
    const set = sets.find((s) => s.Id === ref || sameName(s.Name, ref)) ?? sets.find((s) => sameName(s.Label, ref));
    if (set === undefined) throw new NotFoundError(`No permission set named ${ref} (there are: ${sets.map((s) => s.Name).join(', ')}).`);
    return set;
  }

  async #findUser(session: StorageSession, ref: string): Promise<UserRecord> {
    const user = ID.test(ref) && ref.startsWith('005') ? await session.directory.getUser(ref) : await session.directory.getUserByUsername(ref);
    if (user === undefined) throw new NotFoundError(`No user ${ref}.`);
    return user;
  }

  async #groupOrThrow(groupId: string): Promise<GroupRecord> {
    const group = ID.test(groupId) ? await this.#storage.directory.getGroup(groupId) : undefined;
    if (group === undefined) throw new NotFoundError(`No group with Id ${groupId}.`);
    return group;
  }

  async #flowOrThrow(apiName: string): Promise<FlowDefinitionRecord> {
    const flow = await this.#storage.flows.getDefinitionByName(apiName);
    if (flow === undefined) throw new NotFoundError(`No flow named ${apiName}.`);
    return flow;
  }

  async #summaryOf(session: StorageSession, user: UserRecord): Promise<UserSummary> {
    const [roles, manager] = await Promise.all([session.directory.listRoles(), user.ManagerId === null ? undefined : session.directory.getUser(user.ManagerId)]);
    return this.#summary(session, user, roles, manager === undefined ? [] : [manager]);
  }

  async #summary(session: StorageSession, user: UserRecord, roles: readonly UserRoleRecord[], users: readonly UserRecord[]): Promise<UserSummary> {
    return {
      user,
      role: roles.find((r) => r.Id === user.UserRoleId) ?? null,
      manager: users.find((u) => u.Id === user.ManagerId) ?? null,
      permissionSets: await session.directory.permissionSetsOf(user.Id),
    };
  }
}
