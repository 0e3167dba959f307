/**
 * Kysely's view of the database: one interface per table. Naming rule: a PascalCase column is a
 * Salesforce field of the same name; a snake_case column is Eddy's own. Booleans are integers
 * 0/1 and date-times ISO-8601 UTC text in both SQLite and PostgreSQL, so values, ordering and
 * comparisons behave the same on both. `records.data` is JSON (text in SQLite, jsonb in PostgreSQL).
 */

/** 0 or 1. */
export type Bool = number;

interface Audit {
  CreatedDate: string;
  CreatedById: string;
  LastModifiedDate: string;
  LastModifiedById: string;
  SystemModstamp: string;
  IsDeleted: Bool;
}

/** The org (one row) and its process automation settings. */
export interface OrganizationTable extends Audit {
  Id: string;
  Name: string;
  TimeZoneSidKey: string;
  DefaultLocaleSidKey: string;
  LanguageLocaleKey: string;
  OrganizationType: string;
  IsSandbox: Bool;
  InstanceName: string;
  allow_pause: Bool;
  resume_shared_interviews: Bool;
  automated_process_user_email: string | null;
  flow_interview_sharing_model: string;
  automated_process_user_id: string;
  /** Changes with every object-metadata deploy; lets processes notice a stale cached describe. */
  schema_revision: string;
}

/** User. */
export interface UsersTable extends Audit {
  Id: string;
  Username: string;
  /** Lower-cased username, unique. */
  username_key: string;
  Email: string;
  FirstName: string | null;
  LastName: string;
  Name: string;
  Alias: string | null;
  CommunityNickname: string | null;
  IsActive: Bool;
  UserRoleId: string | null;
  ManagerId: string | null;
  Title: string | null;
  Department: string | null;
  CompanyName: string | null;
  Phone: string | null;
  MobilePhone: string | null;
  TimeZoneSidKey: string;
  LocaleSidKey: string;
  LanguageLocaleKey: string;
  EmailEncodingKey: string;
  UserType: string;
  FederationIdentifier: string | null;
  password_hash: string | null;
}

/** UserRole. */
export interface UserRolesTable extends Audit {
  Id: string;
  Name: string;
  DeveloperName: string;
  ParentRoleId: string | null;
  RollupDescription: string | null;
}

/** Group (public groups, queues, role groups, the org group). */
export interface GroupsTable extends Audit {
  Id: string;
  Name: string;
  DeveloperName: string;
  Type: string;
  RelatedId: string | null;
  Email: string | null;
  DoesIncludeBosses: Bool;
  DoesSendEmailToMembers: Bool;
}

/** GroupMember. */
export interface GroupMembersTable {
  Id: string;
  GroupId: string;
  UserOrGroupId: string;
  SystemModstamp: string;
}

/** Derived: every (group, user) pair where the user is in the group directly or indirectly. Rebuilt by the directory. */
export interface GroupMembershipTable {
  group_id: string;
  user_id: string;
}

/** PermissionSet. */
export interface PermissionSetsTable extends Audit {
  Id: string;
  Name: string;
  Label: string;
  Description: string | null;
  IsCustom: Bool;
  PermissionsRunFlow: Bool;
  PermissionsManageInteraction: Bool;
  PermissionsCustomizeApplication: Bool;
  PermissionsViewAllData: Bool;
  PermissionsManageUsers: Bool;
}

/** PermissionSetAssignment. */
export interface PermissionSetAssignmentsTable {
  Id: string;
  AssigneeId: string;
  PermissionSetId: string;
  SystemModstamp: string;
}

/** SetupEntityAccess: a permission set enables a restricted flow. */
export interface SetupEntityAccessTable {
  Id: string;
  ParentId: string;
  SetupEntityId: string;
  SetupEntityType: string;
  SystemModstamp: string;
}

/** OrgWideEmailAddress. */
export interface OrgWideEmailAddressesTable extends Audit {
  Id: string;
  Address: string;
  DisplayName: string;
  IsAllowAllProfiles: Bool;
}

/** `$Label` values. */
export interface CustomLabelsTable {
  name: string;
  value: string;
  language: string;
  last_modified_date: string;
}

/** FlowDefinition. */
export interface FlowDefinitionsTable extends Audit {
  Id: string;
  DeveloperName: string;
  /** Lower-cased DeveloperName, unique. */
  developer_name_key: string;
  MasterLabel: string;
  Description: string | null;
  ActiveVersionId: string | null;
  LatestVersionId: string | null;
  NamespacePrefix: string | null;
  ProcessType: string;
  IsAdditionalPermissionRequiredToRun: Bool;
}

/** Flow (one row per version). */
export interface FlowVersionsTable extends Audit {
  Id: string;
  DefinitionId: string;
  VersionNumber: number;
  Status: string;
  MasterLabel: string;
  ProcessType: string;
  Description: string | null;
  ApiVersion: number | null;
  RunInMode: string | null;
  IsAdditionalPermissionRequiredToRun: Bool;
  FullName: string;
  /** The flow metadata XML. */
  source: string;
  /** Diagnostics JSON. */
  diagnostics: string;
}

/** FlowInterview. */
export interface FlowInterviewsTable extends Audit {
  Id: string;
  Name: string;
  Guid: string;
  InterviewLabel: string | null;
  PauseLabel: string | null;
  CurrentElement: string | null;
  InterviewStatus: string;
  OwnerId: string;
  WasPausedFromScreen: Bool;
  FlowVersionViewId: string;
  Error: string | null;
  flow_definition_id: string;
  /** Engine state JSON. */
  state: string;
  /** Optimistic-concurrency version. */
  version: number;
}

/** FlowRecordRelation. */
export interface FlowRecordRelationsTable extends Audit {
  Id: string;
  Name: string;
  ParentId: string;
  RelatedRecordId: string;
}

/** FlowStageRelation. */
export interface FlowStageRelationsTable extends Audit {
  Id: string;
  Name: string;
  ParentId: string;
  StageLabel: string;
  StageOrder: number;
  StageType: string;
}

/** FlowInterviewShare. */
export interface FlowInterviewSharesTable {
  Id: string;
  ParentId: string;
  UserOrGroupId: string;
  AccessLevel: string;
  RowCause: string;
  LastModifiedDate: string;
  LastModifiedById: string;
  IsDeleted: Bool;
}

/** FlowInterviewOwnerSharingRule. */
export interface FlowInterviewSharingRulesTable extends Audit {
  Id: string;
  Name: string;
  DeveloperName: string;
  Description: string | null;
  GroupId: string;
  UserOrGroupId: string;
  AccessLevel: string;
}

/** Platform-event subscriptions of waiting interviews. */
export interface FlowWaitSubscriptionsTable {
  id: string;
  interview_id: string;
  element: string;
  event: string;
  event_type: string;
  /** Lower-cased event type. */
  event_type_key: string;
  filters: string;
  created_date: string;
}

/** Records of business objects (standard and custom). */
export interface RecordsTable {
  Id: string;
  object_type: string;
  OwnerId: string | null;
  /** Field values JSON (text in SQLite, jsonb in PostgreSQL); system fields are columns. */
  data: unknown;
  CreatedDate: string;
  CreatedById: string;
  LastModifiedDate: string;
  LastModifiedById: string;
  SystemModstamp: string;
  IsDeleted: Bool;
}

/** Deployed custom objects. */
export interface CustomObjectsTable {
  name: string;
  name_key: string;
  key_prefix: string;
  /** CustomObjectDefinition JSON. */
  definition: string;
  created_date: string;
  last_modified_date: string;
}

/** Deployed custom fields (on custom or standard objects). */
export interface CustomFieldsTable {
  object_name: string;
  field_name: string;
  /** `object.field`, lower-cased. */
  field_key: string;
  /** FieldDescribe JSON. */
  definition: string;
  created_date: string;
  last_modified_date: string;
}

/** Counters for auto-number fields. */
export interface AutonumbersTable {
  name: string;
  last_value: number;
}

/** Durable jobs of every kind: wait alarms, email delivery, ... (migration 0006). */
export interface JobsTable {
  id: string;
  kind: string;
  /** JSON. */
  payload: string;
  /** `queued`, `running`, `done`, `failed` or `cancelled`. */
  status: string;
  run_at: string;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  /** Unique per kind where set. */
  idempotency_key: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  created_date: string;
  updated_date: string;
}

/** Every table. */
export interface AccessRevisionTable {
  id: number;
  value: number | string | bigint;
}

export interface Database {
  access_revision: AccessRevisionTable;
  organization: OrganizationTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  groups: GroupsTable;
  group_members: GroupMembersTable;
  group_membership: GroupMembershipTable;
  permission_sets: PermissionSetsTable;
  permission_set_assignments: PermissionSetAssignmentsTable;
  setup_entity_access: SetupEntityAccessTable;
  org_wide_email_addresses: OrgWideEmailAddressesTable;
  custom_labels: CustomLabelsTable;
  flow_definitions: FlowDefinitionsTable;
  flow_versions: FlowVersionsTable;
  flow_interviews: FlowInterviewsTable;
  flow_record_relations: FlowRecordRelationsTable;
  flow_stage_relations: FlowStageRelationsTable;
  flow_interview_shares: FlowInterviewSharesTable;
  flow_interview_sharing_rules: FlowInterviewSharingRulesTable;
  flow_wait_subscriptions: FlowWaitSubscriptionsTable;
  records: RecordsTable;
  custom_objects: CustomObjectsTable;
  custom_fields: CustomFieldsTable;
  autonumbers: AutonumbersTable;
  jobs: JobsTable;
}
