/** The directory: users, roles, groups and queues, permission sets and per-flow access. */
import type { AccessSubject, UserPermissions } from '../access/sharing.js';
import type { AuditFields, IsoDateTime } from './common.js';

/** A User row (prefix 005). */
export interface UserRecord extends AuditFields {
  readonly Id: string;
  readonly Username: string;
  readonly Email: string;
  readonly FirstName: string | null;
  readonly LastName: string;
  /** `FirstName LastName`. */
  readonly Name: string;
  readonly Alias: string | null;
  readonly CommunityNickname: string | null;
  readonly IsActive: boolean;
  readonly UserRoleId: string | null;
  readonly ManagerId: string | null;
  readonly Title: string | null;
  readonly Department: string | null;
  readonly CompanyName: string | null;
  readonly Phone: string | null;
  readonly MobilePhone: string | null;
  readonly TimeZoneSidKey: string;
  readonly LocaleSidKey: string;
  readonly LanguageLocaleKey: string;
  readonly EmailEncodingKey: string;
  readonly UserType: 'Standard' | 'AutomatedProcess';
  readonly FederationIdentifier: string | null;
}

/** What `createUser` needs. */
export interface NewUser {
  readonly Username: string;
  readonly Email: string;
  readonly LastName: string;
  readonly FirstName?: string | null;
  readonly Alias?: string | null;
  readonly CommunityNickname?: string | null;
  readonly IsActive?: boolean;
  readonly UserRoleId?: string | null;
  readonly ManagerId?: string | null;
  readonly Title?: string | null;
  readonly Department?: string | null;
  readonly CompanyName?: string | null;
  readonly Phone?: string | null;
  readonly MobilePhone?: string | null;
  readonly TimeZoneSidKey?: string;
  readonly LocaleSidKey?: string;
  readonly LanguageLocaleKey?: string;
  readonly EmailEncodingKey?: string;
  readonly FederationIdentifier?: string | null;
}

/** Fields `updateUser` may change. */
export type UserChanges = Partial<NewUser>;

/** A UserRole row (prefix 00E). */
export interface UserRoleRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly DeveloperName: string;
  readonly ParentRoleId: string | null;
  readonly RollupDescription: string | null;
}

/** `Group.Type` values Eddy maintains. `Role` / `RoleAndSubordinates` groups are created with each role. */
export type GroupType = 'Regular' | 'Queue' | 'Role' | 'RoleAndSubordinates' | 'Organization';

/** A Group row (prefix 00G): public groups, queues, role groups, the org group. */
export interface GroupRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly DeveloperName: string;
  readonly Type: GroupType;
  /** The role of a `Role` / `RoleAndSubordinates` group. */
  readonly RelatedId: string | null;
  readonly Email: string | null;
  readonly DoesIncludeBosses: boolean;
  readonly DoesSendEmailToMembers: boolean;
}

/** Fields `updateGroup` may change (its `Type` is set once, on create). */
export interface GroupChanges {
  readonly Name?: string;
  readonly DeveloperName?: string;
  readonly Email?: string | null;
  readonly DoesIncludeBosses?: boolean;
  readonly DoesSendEmailToMembers?: boolean;
}

/** A GroupMember row (prefix 011). */
export interface GroupMemberRecord {
  readonly Id: string;
  readonly GroupId: string;
  readonly UserOrGroupId: string;
  readonly SystemModstamp: IsoDateTime;
}

/** A PermissionSet row (prefix 0PS) with the flags flows care about. */
export interface PermissionSetRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly Label: string;
  readonly Description: string | null;
  /** Run Flows. */
  readonly PermissionsRunFlow: boolean;
  /** Manage Flow. */
  readonly PermissionsManageInteraction: boolean;
  readonly PermissionsCustomizeApplication: boolean;
  readonly PermissionsViewAllData: boolean;
  readonly PermissionsManageUsers: boolean;
}

/** A PermissionSetAssignment row (prefix 0Pa). */
export interface PermissionSetAssignmentRecord {
  readonly Id: string;
  readonly AssigneeId: string;
  readonly PermissionSetId: string;
  readonly SystemModstamp: IsoDateTime;
}

/** What `createPermissionSet` needs (flags default to false). */
export interface NewPermissionSet {
  readonly Name: string;
  readonly Label?: string;
  readonly Description?: string | null;
  readonly PermissionsRunFlow?: boolean;
  readonly PermissionsManageInteraction?: boolean;
  readonly PermissionsCustomizeApplication?: boolean;
  readonly PermissionsViewAllData?: boolean;
  readonly PermissionsManageUsers?: boolean;
}

/** Users: who someone is, their password hash, and everything the access rules need to know about them. */
export interface UserDirectory {
  /** Creates a user (`DUPLICATE_VALUE` for a taken username, type-checked like any record). */
  createUser(input: NewUser, actorId: string): Promise<UserRecord>;
  updateUser(id: string, changes: UserChanges, actorId: string): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** By username, case-insensitively. */
  getUserByUsername(username: string): Promise<UserRecord | undefined>;
  listUsers(): Promise<UserRecord[]>;
  /** Stores (or clears) the password hash for later OAuth logins. */
  setPasswordHash(userId: string, hash: string | null): Promise<void>;
  getPasswordHash(userId: string): Promise<string | null>;
  /** Everything the access rules need to know about a user (`NotFoundError` if there is no such user). */
  accessSubject(userId: string): Promise<AccessSubject>;
}

/** Roles, and the groups each role has for sharing. */
export interface RoleDirectory {
  /** Creates a role (with its `Role` and `RoleAndSubordinates` groups). */
  createRole(input: { readonly Name: string; readonly DeveloperName?: string; readonly ParentRoleId?: string | null; readonly RollupDescription?: string | null }, actorId: string): Promise<UserRoleRecord>;
  listRoles(): Promise<UserRoleRecord[]>;
  /** The `Role` or `RoleAndSubordinates` group of a role (for sharing rules and shares to roles). */
  roleGroup(roleId: string, type: 'Role' | 'RoleAndSubordinates'): Promise<GroupRecord>;
}

/** Public groups, queues and their members. */
export interface GroupDirectory {
  /** Creates a public group or a queue. */
  createGroup(input: { readonly Name: string; readonly DeveloperName?: string; readonly Type: 'Regular' | 'Queue'; readonly Email?: string | null; readonly DoesIncludeBosses?: boolean }, actorId: string): Promise<GroupRecord>;
  getGroup(id: string): Promise<GroupRecord | undefined>;
  /**
   * Changes a public group or queue (`NOT_FOUND` for no such group, `INVALID_OPERATION` for a
   * role or organization group, `DUPLICATE_VALUE` for a DeveloperName another group has).
   */
  updateGroup(id: string, changes: GroupChanges, actorId: string): Promise<GroupRecord>;
  listGroups(type?: GroupType): Promise<GroupRecord[]>;
  /**
   * Deletes a public group or queue with its memberships, in it and of it, and the manual shares
   * to it (`NOT_FOUND` for no such group, `INVALID_OPERATION` for a role or organization group,
   * `DELETE_FAILED` while a sharing rule names it or it owns interviews).
   */
  deleteGroup(id: string): Promise<void>;
  /** The org's "All Internal Users" group (`Type` `Organization`). */
  organizationGroup(): Promise<GroupRecord>;
  /** Adds a user or group to a group (idempotent). */
  addGroupMember(groupId: string, userOrGroupId: string): Promise<GroupMemberRecord>;
  removeGroupMember(groupId: string, userOrGroupId: string): Promise<void>;
  listGroupMembers(groupId: string): Promise<GroupMemberRecord[]>;
  getGroupMember(id: string): Promise<GroupMemberRecord | undefined>;
}

/** Permission sets, their assignments and per-flow access. */
export interface PermissionSetDirectory {
  createPermissionSet(input: NewPermissionSet, actorId: string): Promise<PermissionSetRecord>;
  listPermissionSets(): Promise<PermissionSetRecord[]>;
  /** Assigns a permission set (idempotent: an existing assignment is answered as it is). */
  assignPermissionSet(userId: string, permissionSetId: string): Promise<PermissionSetAssignmentRecord>;
  getPermissionSetAssignment(id: string): Promise<PermissionSetAssignmentRecord | undefined>;
  unassignPermissionSet(userId: string, permissionSetId: string): Promise<void>;
  permissionSetsOf(userId: string): Promise<PermissionSetRecord[]>;
  /** The union of the user's permission sets' flags. */
  permissionsOf(userId: string): Promise<UserPermissions>;
  /** Enables a flow with the per-flow restriction for a permission set (idempotent). */
  enableFlowAccess(permissionSetId: string, flowDefinitionId: string): Promise<void>;
  disableFlowAccess(permissionSetId: string, flowDefinitionId: string): Promise<void>;
}

/** Users, roles, groups, queues and permission sets: who someone is and what they may do. */
export interface Directory extends UserDirectory, RoleDirectory, GroupDirectory, PermissionSetDirectory {}
