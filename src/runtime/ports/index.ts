/**
 * The storage ports the runtime needs: the smallest interfaces over interviews, flows, records,
 * the directory of users and permissions, the outbox, the job queue, wait subscriptions, org
 * settings and the org schema. `src/storage/` implements them with Kysely (`Kysely<Port>`).
 *
 * Conventions: Salesforce fields keep Salesforce's names (`OwnerId`, `InterviewStatus`); Eddy's
 * own fields are camelCase (`state`, `version`). Date-times are ISO-8601 UTC strings
 * `YYYY-MM-DDTHH:mm:ss.sssZ`. `actorId` is the user on whose behalf a write happens (stamped in
 * `CreatedById` / `LastModifiedById`). Bad requests throw the typed errors of `errors.ts`.
 *
 * Every port is reachable from a {@link StorageSession}. `Storage.transaction(async (tx) => ...)`
 * gives a session whose writes commit together or not at all: a new interview state, the records
 * it wrote, its outbox messages and its jobs. Inside a transaction, use only `tx` — touching the
 * outer `storage` there throws (on SQLite it would wait for the transaction forever).
 */
import type { FlowRecord, FlowValue, InterviewState, JsonValue, ResolvedFilter } from '../../engine/protocol.js';
import type { Diagnostic, LogicNode } from '../../flow-model/model.js';
import type { ObjectMetadataBundle } from '../org/object-metadata.js';
import type { CustomFieldDefinition, OrgSchema, StoredCustomObject } from '../org/org-schema.js';
import type { AccessSubject, InterviewAccess, InterviewSharingSettings, ShareAccessLevel, SharingModel, UserPermissions } from '../access/sharing.js';

/** An ISO-8601 UTC date-time, `YYYY-MM-DDTHH:mm:ss.sssZ` (sorts and compares as text). */
export type IsoDateTime = string;

/** `CreatedDate`, `CreatedById`, `LastModifiedDate`, `LastModifiedById`. */
export interface AuditFields {
  readonly CreatedDate: IsoDateTime;
  readonly CreatedById: string;
  readonly LastModifiedDate: IsoDateTime;
  readonly LastModifiedById: string;
}

// ---------------------------------------------------------------------------------------------
// Interviews

/** `FlowInterview.InterviewStatus`. A waiting interview is `Paused` with `WasPausedFromScreen = false`. */
export type InterviewStatus = 'Running' | 'Paused' | 'Completed' | 'Error';

/** A FlowInterview row without its engine state (what lists return). */
export interface FlowInterviewSummary extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly Guid: string;
  readonly InterviewLabel: string | null;
  readonly PauseLabel: string | null;
  readonly CurrentElement: string | null;
  readonly InterviewStatus: InterviewStatus;
  readonly OwnerId: string;
  readonly WasPausedFromScreen: boolean;
  /** The flow version (`Flow`, prefix 301) the interview runs on. */
  readonly FlowVersionViewId: string;
  readonly Error: string | null;
  /** The flow definition (prefix 300) of that version. */
  readonly flowDefinitionId: string;
  /** Optimistic-concurrency version: pass it back to `save`. */
  readonly version: number;
}

/** A FlowInterview with its engine state. */
export interface StoredInterview extends FlowInterviewSummary {
  readonly state: InterviewState;
}

/** What `create` needs; `Id`, `Name` and audit fields are assigned by storage. */
export interface NewInterview {
  readonly Guid: string;
  readonly FlowVersionViewId: string;
  readonly OwnerId: string;
  readonly InterviewStatus: InterviewStatus;
  readonly InterviewLabel?: string | null;
  readonly CurrentElement?: string | null;
  readonly PauseLabel?: string | null;
  readonly WasPausedFromScreen?: boolean;
  readonly Error?: string | null;
  readonly state: InterviewState;
}

/** Fields `save` may change. */
export type InterviewChanges = Partial<
  Pick<NewInterview, 'InterviewStatus' | 'InterviewLabel' | 'CurrentElement' | 'PauseLabel' | 'WasPausedFromScreen' | 'Error' | 'OwnerId' | 'state'>
>;

/** Filters of `InterviewStore.list`; all given filters apply (AND). */
export interface InterviewListQuery {
  /** "Mine": interviews owned by this user. */
  readonly ownerId?: string;
  /** Interviews related to this record through FlowRecordRelation. */
  readonly relatedRecordId?: string;
  readonly flowDefinitionId?: string;
  readonly flowVersionId?: string;
  readonly statuses?: readonly InterviewStatus[];
  /** `true`: only waiting interviews (Paused, not from a screen); `false`: only those paused from a screen. */
  readonly waiting?: boolean;
  /** Default 200, at most 2000. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Whose sharing a list applies: a user's, or none (`'system'`: background jobs, admin tooling). */
export type Viewer = AccessSubject | 'system';

/** A FlowRecordRelation row. */
export interface FlowRecordRelationRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly ParentId: string;
  readonly RelatedRecordId: string;
}

/** A stage to record as FlowStageRelation when pausing (see reference §1.4 for `StageOrder`). */
export interface NewStageRelation {
  readonly StageLabel: string;
  readonly StageOrder: number;
  readonly StageType: 'Current' | 'Active';
}

/** A FlowStageRelation row. */
export interface FlowStageRelationRecord extends AuditFields, NewStageRelation {
  readonly Id: string;
  readonly Name: string;
  readonly ParentId: string;
}

/** A FlowInterviewShare row. */
export interface FlowInterviewShareRecord {
  readonly Id: string;
  readonly ParentId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: ShareAccessLevel;
  readonly RowCause: 'Manual' | 'Owner' | 'Rule' | 'GuestRule';
  readonly LastModifiedDate: IsoDateTime;
  readonly LastModifiedById: string;
}

/** A FlowInterviewOwnerSharingRule: interviews owned by members of `GroupId` are shared with `UserOrGroupId`. */
export interface SharingRuleRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly DeveloperName: string;
  readonly Description: string | null;
  /** Share interviews owned by members of this group (a public group, a role group, the org group). */
  readonly GroupId: string;
  /** ... with the members of this group. */
  readonly UserOrGroupId: string;
  readonly AccessLevel: 'Read' | 'Edit';
}

/** What `addSharingRule` needs. */
export interface NewSharingRule {
  readonly Name: string;
  readonly DeveloperName?: string;
  readonly Description?: string | null;
  readonly GroupId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: 'Read' | 'Edit';
}

/** An interview with what the asking user may do with it. */
export interface AccessibleInterview {
  readonly interview: StoredInterview;
  readonly access: InterviewAccess;
}

/**
 * The org-level facts an access check needs beside the interview's own row and shares. Storage
 * reads them when none are given; the runtime passes its cached copies (`runtime/access-cache.ts`).
 */
export interface SharingLookups {
  settings(): Promise<InterviewSharingSettings>;
  /** The user's role (`null` for none or an unknown user). */
  roleOf(userId: string): Promise<string | null>;
  /** Every group the user is in (flattened, as `AccessSubject.groupIds`). */
  groupsOf(userId: string): Promise<readonly string[]>;
  sharingRules(): Promise<readonly SharingRuleRecord[]>;
  /** The flow restricts access to enabled permission sets. */
  flowRestricted(definitionId: string): Promise<boolean>;
}

/** How relations are written. */
export interface RelationWriteOptions {
  /** The caller wrote the interview in this transaction: skip checking that it exists. */
  readonly parentChecked?: boolean;
}

/** How `getForUser` reads. */
export interface GetForUserOptions {
  /** Cached org-level facts (default: read them). */
  readonly lookups?: SharingLookups;
  /** Lock the row for the rest of the transaction (a writer about to change it). */
  readonly forUpdate?: boolean;
}

/** FlowInterview rows, their relations, shares and sharing rules. */
export interface InterviewStore {
  /** Stores a new interview (`Id` 0Fo..., autonumber `Name`, `version` 1). */
  create(input: NewInterview, actorId: string): Promise<StoredInterview>;
  /** The interview, without any access check. */
  get(id: string): Promise<StoredInterview | undefined>;
  getByGuid(guid: string): Promise<StoredInterview | undefined>;
  /**
   * The interview and what `subject` may do with it; `undefined` when it does not exist or the
   * subject may not read it (callers answer NOT_FOUND either way, revealing nothing).
   */
  getForUser(id: string, subject: AccessSubject, options?: GetForUserOptions): Promise<AccessibleInterview | undefined>;
  /**
   * Optimistic update: applies `changes` when the stored version is `expectedVersion` and returns
   * the new row (version + 1). Throws `ConflictError` when someone saved first, `NotFoundError`
   * when the interview is gone.
   */
  save(id: string, expectedVersion: number, changes: InterviewChanges, actorId: string): Promise<StoredInterview>;
  /** Deletes the interview with its record and stage relations, shares and wait subscriptions (`NotFoundError` if missing). */
  delete(id: string): Promise<void>;
  /**
   * Interviews matching `query` that `viewer` may read, most recently modified first. `settings`
   * are the org's sharing settings when the caller has them (read otherwise).
   */
  list(query: InterviewListQuery, viewer: Viewer, settings?: InterviewSharingSettings): Promise<FlowInterviewSummary[]>;
  /** Replaces the interview's FlowRecordRelations (empty: removes them). IDs must be well-formed (`MALFORMED_ID`). */
  setRecordRelations(interviewId: string, relatedRecordIds: readonly string[], actorId: string, options?: RelationWriteOptions): Promise<FlowRecordRelationRecord[]>;
  recordRelations(interviewId: string): Promise<FlowRecordRelationRecord[]>;
  /** Replaces the interview's FlowStageRelations. */
  setStageRelations(interviewId: string, stages: readonly NewStageRelation[], actorId: string, options?: RelationWriteOptions): Promise<FlowStageRelationRecord[]>;
  stageRelations(interviewId: string): Promise<FlowStageRelationRecord[]>;
  /** Shares the interview manually (RowCause `Manual`); sharing again with the same user or group changes the level. */
  share(interviewId: string, userOrGroupId: string, accessLevel: 'Read' | 'Edit', actorId: string): Promise<FlowInterviewShareRecord>;
  /** Removes a manual share (no error when there is none). */
  unshare(interviewId: string, userOrGroupId: string): Promise<void>;
  shares(interviewId: string): Promise<FlowInterviewShareRecord[]>;
  addSharingRule(rule: NewSharingRule, actorId: string): Promise<SharingRuleRecord>;
  sharingRules(): Promise<SharingRuleRecord[]>;
  deleteSharingRule(id: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Flows

/** Tooling `Flow.Status`. `InvalidDraft`: stored with validation errors, cannot be activated. */
export type FlowVersionStatus = 'Active' | 'Draft' | 'Obsolete' | 'InvalidDraft';

/** A FlowDefinition (prefix 300): one per flow API name. */
export interface FlowDefinitionRecord extends AuditFields {
  readonly Id: string;
  readonly DeveloperName: string;
  readonly MasterLabel: string;
  readonly Description: string | null;
  readonly ActiveVersionId: string | null;
  readonly LatestVersionId: string | null;
  readonly NamespacePrefix: string | null;
  /** The latest version's process type. */
  readonly ProcessType: string;
  /** The per-flow restriction of the active version, else of the latest version. */
  readonly IsAdditionalPermissionRequiredToRun: boolean;
}

/** A flow version (Tooling `Flow`, prefix 301) without its source. */
export interface FlowVersionRecord extends AuditFields {
  readonly Id: string;
  readonly DefinitionId: string;
  readonly VersionNumber: number;
  readonly Status: FlowVersionStatus;
  readonly MasterLabel: string;
  readonly ProcessType: string;
  readonly Description: string | null;
  readonly ApiVersion: number | null;
  readonly RunInMode: string | null;
  readonly IsAdditionalPermissionRequiredToRun: boolean;
  /** `DeveloperName-VersionNumber`. */
  readonly FullName: string;
}

/** A flow version with its metadata source and the diagnostics it had when deployed. */
export interface StoredFlowVersion extends FlowVersionRecord {
  /** The `*.flow-meta.xml` text. */
  readonly source: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** What deploying a flow version needs. */
export interface NewFlowVersion {
  readonly DeveloperName: string;
  readonly MasterLabel: string;
  readonly ProcessType: string;
  /** `Active` also activates it (the previous active version becomes `Obsolete`). */
  readonly Status: 'Active' | 'Draft' | 'InvalidDraft';
  readonly Description?: string | null;
  readonly ApiVersion?: number | null;
  readonly RunInMode?: string | null;
  readonly IsAdditionalPermissionRequiredToRun?: boolean;
  readonly source: string;
  readonly diagnostics?: readonly Diagnostic[];
}

/** Flow definitions and their versions. */
export interface FlowStore {
  /**
   * Stores a new version (number = latest + 1; the definition is created with the first one).
   * `InvalidDraft` cannot be `Active` (`INVALID_OPERATION`); at most 50 versions (`LIMIT_EXCEEDED`).
   */
  deployVersion(input: NewFlowVersion, actorId: string): Promise<{ definition: FlowDefinitionRecord; version: StoredFlowVersion }>;
  getDefinition(id: string): Promise<FlowDefinitionRecord | undefined>;
  /** By API name, case-insensitively. */
  getDefinitionByName(developerName: string): Promise<FlowDefinitionRecord | undefined>;
  listDefinitions(): Promise<FlowDefinitionRecord[]>;
  getVersion(id: string): Promise<StoredFlowVersion | undefined>;
  /** Versions of a definition, newest first. */
  listVersions(definitionId: string): Promise<FlowVersionRecord[]>;
  /** Makes the version the active one; the previously active version becomes `Obsolete`. */
  activate(versionId: string, actorId: string): Promise<FlowDefinitionRecord>;
  /** Deactivates the flow's active version (it becomes `Obsolete`); paused interviews stay resumable. */
  deactivate(definitionId: string, actorId: string): Promise<FlowDefinitionRecord>;
  /**
   * Sets a version's `Description` (null clears it); the definition's follows when this is its
   * latest version, as on deploy. `NOT_FOUND` for an unknown version.
   */
  setVersionDescription(versionId: string, description: string | null, actorId: string): Promise<FlowVersionRecord>;
  /**
   * Deletes a version that is not active and has no paused, waiting or running interviews
   * (`DELETE_FAILED` otherwise); deleting the last version deletes the definition.
   */
  deleteVersion(versionId: string): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Records

/** A record query: the engine's `recordQuery` request without its `kind`. */
export interface RecordQuery {
  readonly object: string;
  readonly filters: readonly ResolvedFilter[];
  /** Logic over `filters` indexes; absent means AND of all. */
  readonly logic?: LogicNode | undefined;
  /** Fields to return besides `Id`; empty or absent means all. */
  readonly fields?: readonly string[];
  readonly sort?: { readonly field: string; readonly order: 'Asc' | 'Desc' } | undefined;
  /** At most 50,000 rows are returned. */
  readonly limit?: number | undefined;
}

/** The filter part of a query, for `updateWhere` / `deleteWhere`. */
export interface RecordFilterQuery {
  readonly object: string;
  readonly filters: readonly ResolvedFilter[];
  readonly logic?: LogicNode | undefined;
}

/** How record writes treat values of read-only fields (`CreatedDate`, formulas, auto-numbers, `Name` of a Contact). */
export interface RecordWriteOptions {
  /**
   * `ignore` (default): drop them, as Apex DML and flows do when a record read with all its
   * fields is written back. `reject`: `INVALID_FIELD_FOR_INSERT_UPDATE`, as the REST API does.
   */
  readonly readOnlyFields?: 'ignore' | 'reject';
}

/**
 * Records of business objects (standard and custom) for flows' record elements. Writes are
 * type-checked against the describe (`record-validation.ts`) and all-or-nothing: one bad record
 * fails the call with nothing written. System objects (User, FlowInterview, ...) can be queried
 * and read here but are written through their own ports. Record sharing is not enforced:
 * flows run in system context.
 */
export interface RecordStore {
  /** The org's describe (standard, system and deployed custom objects). */
  schema(): Promise<OrgSchema>;
  query(query: RecordQuery): Promise<FlowRecord[]>;
  /** The record with that Id (any object, 15 or 18 characters), or undefined (also for deleted ones). */
  getById(id: string, fields?: readonly string[]): Promise<FlowRecord | undefined>;
  /** Whether `id` names an existing, undeleted record of any object (false for malformed IDs). */
  exists(id: string): Promise<boolean>;
  /** Creates records (object from `attributes.type`); returns their new Ids in order. */
  create(records: readonly FlowRecord[], actorId: string, options?: RecordWriteOptions): Promise<string[]>;
  /** Updates records by `Id` with the fields given. */
  update(records: readonly FlowRecord[], actorId: string, options?: RecordWriteOptions): Promise<void>;
  /** Sets `values` on every record matching the filters; returns how many. */
  updateWhere(query: RecordFilterQuery, values: Readonly<Record<string, FlowValue>>, actorId: string): Promise<number>;
  /** Deletes records by Id (`ENTITY_IS_DELETED` for deleted ones, `NOT_FOUND` for unknown ones). */
  delete(ids: readonly string[]): Promise<void>;
  /** Deletes every record matching the filters; returns how many. */
  deleteWhere(query: RecordFilterQuery): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Directory: users, roles, groups, permission sets

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

/** Users, roles, groups, queues and permission sets: who someone is and what they may do. */
export interface Directory {
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
  /** Creates a role (with its `Role` and `RoleAndSubordinates` groups). */
  createRole(input: { readonly Name: string; readonly DeveloperName?: string; readonly ParentRoleId?: string | null; readonly RollupDescription?: string | null }, actorId: string): Promise<UserRoleRecord>;
  listRoles(): Promise<UserRoleRecord[]>;
  /** Creates a public group or a queue. */
  createGroup(input: { readonly Name: string; readonly DeveloperName?: string; readonly Type: 'Regular' | 'Queue'; readonly Email?: string | null; readonly DoesIncludeBosses?: boolean }, actorId: string): Promise<GroupRecord>;
  getGroup(id: string): Promise<GroupRecord | undefined>;
  listGroups(type?: GroupType): Promise<GroupRecord[]>;
  /**
   * Deletes a public group or queue with its memberships, in it and of it, and the manual shares
   * to it (`NOT_FOUND` for no such group, `INVALID_OPERATION` for a role or organization group,
   * `DELETE_FAILED` while a sharing rule names it or it owns interviews).
   */
  deleteGroup(id: string): Promise<void>;
  /** The `Role` or `RoleAndSubordinates` group of a role (for sharing rules and shares to roles). */
  roleGroup(roleId: string, type: 'Role' | 'RoleAndSubordinates'): Promise<GroupRecord>;
  /** The org's "All Internal Users" group (`Type` `Organization`). */
  organizationGroup(): Promise<GroupRecord>;
  /** Adds a user or group to a group (idempotent). */
  addGroupMember(groupId: string, userOrGroupId: string): Promise<GroupMemberRecord>;
  removeGroupMember(groupId: string, userOrGroupId: string): Promise<void>;
  listGroupMembers(groupId: string): Promise<GroupMemberRecord[]>;
  getGroupMember(id: string): Promise<GroupMemberRecord | undefined>;
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
  /** Everything the access rules need to know about a user (`NotFoundError` if there is no such user). */
  accessSubject(userId: string): Promise<AccessSubject>;
}

// ---------------------------------------------------------------------------------------------
// Settings, labels, schema

/** The org and its process automation settings. */
export interface OrgSettings {
  /** Organization Id (prefix 00D). */
  readonly Id: string;
  readonly Name: string;
  readonly TimeZoneSidKey: string;
  /** "Let users pause flows" (Eddy's default: on). */
  readonly allowPause: boolean;
  /** "Let users resume shared flow interviews" (default on). */
  readonly resumeSharedInterviews: boolean;
  /** Sender of emails sent by automated processes, when set. */
  readonly automatedProcessUserEmail: string | null;
  /** FlowInterview org-wide default (default `Private`). */
  readonly flowInterviewSharingModel: SharingModel;
  /** The "Automated Process" user created with the org: the actor of system work. */
  readonly automatedProcessUserId: string;
}

/** Settings `updateOrganization` may change. */
export type OrgSettingsChanges = Partial<
  Pick<OrgSettings, 'Name' | 'TimeZoneSidKey' | 'allowPause' | 'resumeSharedInterviews' | 'automatedProcessUserEmail' | 'flowInterviewSharingModel'>
>;

/** An OrgWideEmailAddress row (prefix 0D2). */
export interface OrgWideEmailAddressRecord extends AuditFields {
  readonly Id: string;
  readonly Address: string;
  readonly DisplayName: string;
  readonly IsAllowAllProfiles: boolean;
}

/** The org row, its settings, org-wide email addresses and `$Label` values. */
export interface SettingsStore {
  /**
   * The access revision: moves forward (in the same transaction) with every change to users,
   * roles, groups, permission sets, labels, flow definitions, sharing rules, org settings or a
   * token's revocation. Caches of those are valid while it stays the same.
   */
  accessRevision(): Promise<string>;
  getOrganization(): Promise<OrgSettings>;
  updateOrganization(changes: OrgSettingsChanges, actorId: string): Promise<OrgSettings>;
  listOrgWideEmailAddresses(): Promise<OrgWideEmailAddressRecord[]>;
  addOrgWideEmailAddress(input: { readonly Address: string; readonly DisplayName: string; readonly IsAllowAllProfiles?: boolean }, actorId: string): Promise<OrgWideEmailAddressRecord>;
  removeOrgWideEmailAddress(id: string): Promise<void>;
  /** `$Label` values by API name. */
  getLabels(): Promise<Record<string, string>>;
  /** Creates or replaces labels. */
  setLabels(labels: Readonly<Record<string, string>>): Promise<void>;
  deleteLabel(name: string): Promise<void>;
}

/** What deploying object metadata changed. */
export interface DeployObjectsResult {
  readonly createdObjects: readonly string[];
  readonly updatedObjects: readonly string[];
  /** `Object.Field` names. */
  readonly createdFields: readonly string[];
  readonly updatedFields: readonly string[];
}

/** Custom objects and fields deployed from metadata, and the org describe built from them. */
export interface SchemaStore {
  /** The current describe (cached until the next deploy, also across processes). */
  load(): Promise<OrgSchema>;
  /**
   * Stores the parsed objects and fields (new custom objects get the next key prefix, `a00`...).
   * A field on an object that is neither known nor in the bundle fails the deploy (`INVALID_TYPE`).
   */
  deployObjects(bundle: ObjectMetadataBundle): Promise<DeployObjectsResult>;
  customObjects(): Promise<StoredCustomObject[]>;
  customFields(): Promise<CustomFieldDefinition[]>;
}

// ---------------------------------------------------------------------------------------------
// Outbox, jobs, wait subscriptions

/** Delivery state of an outbox message. */
export type OutboxStatus = 'pending' | 'sent' | 'failed';

/** An email or notification to deliver after commit. */
export interface OutboxMessage {
  readonly id: string;
  readonly kind: string;
  /** The effect as the engine produced it (plus whatever the runtime resolved, e.g. addresses). */
  readonly payload: JsonValue;
  readonly interviewId: string | null;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly nextAttemptAt: IsoDateTime;
  readonly lastError: string | null;
  readonly createdDate: IsoDateTime;
  readonly sentDate: IsoDateTime | null;
}

/** A message a sender claimed; its `leaseToken` proves the claim to `markSent` / `markFailed`. */
export interface ClaimedMessage extends OutboxMessage {
  readonly leaseToken: string;
}

/** Emails and notifications stored with the state change that caused them, delivered after commit. */
export interface Outbox {
  add(message: { readonly kind: string; readonly payload: JsonValue; readonly interviewId?: string | null }): Promise<OutboxMessage>;
  /**
   * Claims up to `limit` pending messages due at `now` for `leaseMs` (attempts + 1). A claimed
   * message is not handed out again until its lease ends, so a crashed sender's messages come back.
   */
  claimPending(now: IsoDateTime, limit: number, leaseMs: number): Promise<ClaimedMessage[]>;
  /** Marks a claimed message sent (`ConflictError` if the lease was lost). */
  markSent(message: ClaimedMessage, now: IsoDateTime): Promise<void>;
  /** Records a failure: pending again at `retryAt` when given, else `failed` for good. */
  markFailed(message: ClaimedMessage, error: string, retryAt?: IsoDateTime): Promise<void>;
  list(filter?: { readonly status?: OutboxStatus; readonly interviewId?: string; readonly limit?: number }): Promise<OutboxMessage[]>;
}

/** Job states: `pending` (possibly leased), `done`, `failed` (gave up), `cancelled`. */
export type JobStatus = 'pending' | 'done' | 'failed' | 'cancelled';

/** A durable job: resume a waiting interview, retry a resume, ... */
export interface Job {
  readonly id: string;
  readonly kind: string;
  readonly payload: JsonValue;
  readonly dueAt: IsoDateTime;
  /** At most one job ever exists per unique key (also after it is done), so a wait is never scheduled twice. */
  readonly uniqueKey: string | null;
  readonly status: JobStatus;
  readonly attempts: number;
  readonly lockedUntil: IsoDateTime | null;
  readonly lastError: string | null;
  readonly createdDate: IsoDateTime;
  readonly completedDate: IsoDateTime | null;
}

/** A job a worker claimed; its `leaseToken` proves the claim. */
export interface ClaimedJob extends Job {
  readonly leaseToken: string;
}

/** What `schedule` needs. */
export interface NewJob {
  readonly kind: string;
  readonly payload: JsonValue;
  readonly dueAt: IsoDateTime;
  readonly uniqueKey?: string | null;
}

/** The durable scheduler's queue; safe with several workers and processes. */
export interface JobQueue {
  /** Schedules a job; with a `uniqueKey` already used, returns the existing job and `created: false`. */
  schedule(job: NewJob): Promise<{ readonly job: Job; readonly created: boolean }>;
  /**
   * Claims up to `limit` pending jobs due at `now` (earliest first) for `leaseMs`: no other
   * claimer gets them until the lease ends. Attempts + 1.
   */
  claimDue(now: IsoDateTime, limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  /** Marks a claimed job done (`ConflictError` if its lease was lost to another worker). */
  complete(job: ClaimedJob, now: IsoDateTime): Promise<void>;
  /** Puts a claimed job back, due at `dueAt` (the caller's backoff), recording the error. */
  retry(job: ClaimedJob, dueAt: IsoDateTime, error: string): Promise<void>;
  /** Gives up on a claimed job (`failed`). */
  fail(job: ClaimedJob, error: string, now: IsoDateTime): Promise<void>;
  /** Cancels the pending job with this unique key; returns whether there was one. */
  cancel(uniqueKey: string): Promise<boolean>;
  get(id: string): Promise<Job | undefined>;
  list(filter?: { readonly status?: JobStatus; readonly kind?: string; readonly limit?: number }): Promise<Job[]>;
  /** When the next pending job is due (a scheduler sleeps until then), or undefined. */
  nextDueAt(): Promise<IsoDateTime | undefined>;
}

/** A waiting interview's interest in a platform event. */
export interface WaitSubscription {
  readonly id: string;
  readonly interviewId: string;
  /** The Wait element. */
  readonly element: string;
  /** The wait event (outcome) name. */
  readonly event: string;
  /** The platform event API name (`Order_Shipped__e`), matched case-insensitively. */
  readonly eventType: string;
  /** Field values a published event must have. */
  readonly filters: Record<string, FlowValue>;
  readonly createdDate: IsoDateTime;
}

/** Subscriptions of waiting interviews to platform events. */
export interface WaitSubscriptionStore {
  add(subscription: Omit<WaitSubscription, 'id' | 'createdDate'>): Promise<WaitSubscription>;
  /** Subscriptions to an event type, oldest first. */
  listByEventType(eventType: string): Promise<WaitSubscription[]>;
  listForInterview(interviewId: string): Promise<WaitSubscription[]>;
  /** Removes the interview's subscriptions; returns how many. */
  removeForInterview(interviewId: string): Promise<number>;
}

// ---------------------------------------------------------------------------------------------
// Sessions

/** All ports, bound to one connection or transaction. */
export interface StorageSession {
  readonly interviews: InterviewStore;
  readonly flows: FlowStore;
  readonly records: RecordStore;
  readonly directory: Directory;
  readonly settings: SettingsStore;
  readonly schema: SchemaStore;
  readonly outbox: Outbox;
  readonly jobs: JobQueue;
  readonly waits: WaitSubscriptionStore;
}

/**
 * The storage: ports usable directly (each call commits on its own; multi-row operations are
 * still atomic), and transactions for work that must commit together.
 */
export interface Storage extends StorageSession {
  /**
   * Runs `work` in one transaction: commits when it resolves, rolls back when it throws (and
   * rethrows). Writers are serialised (SQLite `BEGIN IMMEDIATE`; row locks on PostgreSQL).
   * Transactions do not nest.
   */
  transaction<T>(work: (tx: StorageSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
