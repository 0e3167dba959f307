/**
 * The initial schema, for SQLite and PostgreSQL alike. Only `records.data` differs: jsonb in
 * PostgreSQL (fields are read with `->>`), text in SQLite (read with `json_extract`).
 */
import { PostgresAdapter } from 'kysely';
import type { CreateTableBuilder, Kysely } from 'kysely';

type Table = CreateTableBuilder<string, string>;

/** `CreatedDate`, `CreatedById`, `LastModifiedDate`, `LastModifiedById`, `SystemModstamp`, `IsDeleted`. */
function audit(table: Table): Table {
  return table
    .addColumn('CreatedDate', 'text', (c) => c.notNull())
    .addColumn('CreatedById', 'text', (c) => c.notNull())
    .addColumn('LastModifiedDate', 'text', (c) => c.notNull())
    .addColumn('LastModifiedById', 'text', (c) => c.notNull())
    .addColumn('SystemModstamp', 'text', (c) => c.notNull())
    .addColumn('IsDeleted', 'integer', (c) => c.notNull().defaultTo(0));
}

function id(table: Table): Table {
  return table.addColumn('Id', 'text', (c) => c.primaryKey());
}

/** Creates every table and index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const schema = db.schema;

  await audit(
    id(schema.createTable('organization'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('TimeZoneSidKey', 'text', (c) => c.notNull())
      .addColumn('DefaultLocaleSidKey', 'text', (c) => c.notNull())
      .addColumn('LanguageLocaleKey', 'text', (c) => c.notNull())
      .addColumn('OrganizationType', 'text', (c) => c.notNull())
      .addColumn('IsSandbox', 'integer', (c) => c.notNull())
      .addColumn('InstanceName', 'text', (c) => c.notNull())
      .addColumn('allow_pause', 'integer', (c) => c.notNull())
      .addColumn('resume_shared_interviews', 'integer', (c) => c.notNull())
      .addColumn('automated_process_user_email', 'text')
      .addColumn('flow_interview_sharing_model', 'text', (c) => c.notNull())
      .addColumn('automated_process_user_id', 'text', (c) => c.notNull())
      .addColumn('schema_revision', 'text', (c) => c.notNull()),
  ).execute();

  await audit(
    id(schema.createTable('user_roles'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('DeveloperName', 'text', (c) => c.notNull().unique())
      .addColumn('ParentRoleId', 'text', (c) => c.references('user_roles.Id'))
      .addColumn('RollupDescription', 'text'),
  ).execute();

  await audit(
    id(schema.createTable('users'))
      .addColumn('Username', 'text', (c) => c.notNull())
      .addColumn('username_key', 'text', (c) => c.notNull().unique())
      .addColumn('Email', 'text', (c) => c.notNull())
      .addColumn('FirstName', 'text')
      .addColumn('LastName', 'text', (c) => c.notNull())
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('Alias', 'text')
      .addColumn('CommunityNickname', 'text')
      .addColumn('IsActive', 'integer', (c) => c.notNull())
      .addColumn('UserRoleId', 'text', (c) => c.references('user_roles.Id'))
      .addColumn('ManagerId', 'text', (c) => c.references('users.Id'))
      .addColumn('Title', 'text')
      .addColumn('Department', 'text')
      .addColumn('CompanyName', 'text')
      .addColumn('Phone', 'text')
      .addColumn('MobilePhone', 'text')
      .addColumn('TimeZoneSidKey', 'text', (c) => c.notNull())
      .addColumn('LocaleSidKey', 'text', (c) => c.notNull())
      .addColumn('LanguageLocaleKey', 'text', (c) => c.notNull())
      .addColumn('EmailEncodingKey', 'text', (c) => c.notNull())
      .addColumn('UserType', 'text', (c) => c.notNull())
      .addColumn('FederationIdentifier', 'text')
      .addColumn('password_hash', 'text'),
  ).execute();
  await schema.createIndex('users_role').on('users').column('UserRoleId').execute();

  await audit(
    id(schema.createTable('groups'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('DeveloperName', 'text', (c) => c.notNull())
      .addColumn('Type', 'text', (c) => c.notNull())
      .addColumn('RelatedId', 'text')
      .addColumn('Email', 'text')
      .addColumn('DoesIncludeBosses', 'integer', (c) => c.notNull())
      .addColumn('DoesSendEmailToMembers', 'integer', (c) => c.notNull())
      .addUniqueConstraint('groups_type_developer_name', ['Type', 'DeveloperName']),
  ).execute();
  await schema.createIndex('groups_related').on('groups').column('RelatedId').execute();

  await id(schema.createTable('group_members'))
    .addColumn('GroupId', 'text', (c) => c.notNull().references('groups.Id').onDelete('cascade'))
    .addColumn('UserOrGroupId', 'text', (c) => c.notNull())
    .addColumn('SystemModstamp', 'text', (c) => c.notNull())
    .addUniqueConstraint('group_members_pair', ['GroupId', 'UserOrGroupId'])
    .execute();
  await schema.createIndex('group_members_member').on('group_members').column('UserOrGroupId').execute();

  await schema
    .createTable('group_membership')
    .addColumn('group_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_membership_pk', ['group_id', 'user_id'])
    .execute();
  await schema.createIndex('group_membership_user').on('group_membership').columns(['user_id', 'group_id']).execute();

  await audit(
    id(schema.createTable('permission_sets'))
      .addColumn('Name', 'text', (c) => c.notNull().unique())
      .addColumn('Label', 'text', (c) => c.notNull())
      .addColumn('Description', 'text')
      .addColumn('IsCustom', 'integer', (c) => c.notNull())
      .addColumn('PermissionsRunFlow', 'integer', (c) => c.notNull())
      .addColumn('PermissionsManageInteraction', 'integer', (c) => c.notNull())
      .addColumn('PermissionsCustomizeApplication', 'integer', (c) => c.notNull())
      .addColumn('PermissionsViewAllData', 'integer', (c) => c.notNull()),
  ).execute();

  await id(schema.createTable('permission_set_assignments'))
    .addColumn('AssigneeId', 'text', (c) => c.notNull().references('users.Id').onDelete('cascade'))
    .addColumn('PermissionSetId', 'text', (c) => c.notNull().references('permission_sets.Id').onDelete('cascade'))
    .addColumn('SystemModstamp', 'text', (c) => c.notNull())
    .addUniqueConstraint('permission_set_assignments_pair', ['AssigneeId', 'PermissionSetId'])
    .execute();

  await id(schema.createTable('setup_entity_access'))
    .addColumn('ParentId', 'text', (c) => c.notNull().references('permission_sets.Id').onDelete('cascade'))
    .addColumn('SetupEntityId', 'text', (c) => c.notNull())
    .addColumn('SetupEntityType', 'text', (c) => c.notNull())
    .addColumn('SystemModstamp', 'text', (c) => c.notNull())
    .addUniqueConstraint('setup_entity_access_pair', ['ParentId', 'SetupEntityId'])
    .execute();

  await audit(
    id(schema.createTable('org_wide_email_addresses'))
      .addColumn('Address', 'text', (c) => c.notNull().unique())
      .addColumn('DisplayName', 'text', (c) => c.notNull())
      .addColumn('IsAllowAllProfiles', 'integer', (c) => c.notNull()),
  ).execute();

  await schema
    .createTable('custom_labels')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('last_modified_date', 'text', (c) => c.notNull())
    .execute();

  await audit(
    id(schema.createTable('flow_definitions'))
      .addColumn('DeveloperName', 'text', (c) => c.notNull())
      .addColumn('developer_name_key', 'text', (c) => c.notNull().unique())
      .addColumn('MasterLabel', 'text', (c) => c.notNull())
      .addColumn('Description', 'text')
      .addColumn('ActiveVersionId', 'text')
      .addColumn('LatestVersionId', 'text')
      .addColumn('NamespacePrefix', 'text')
      .addColumn('ProcessType', 'text', (c) => c.notNull())
      .addColumn('IsAdditionalPermissionRequiredToRun', 'integer', (c) => c.notNull()),
  ).execute();

  await audit(
    id(schema.createTable('flow_versions'))
      .addColumn('DefinitionId', 'text', (c) => c.notNull().references('flow_definitions.Id').onDelete('cascade'))
      .addColumn('VersionNumber', 'integer', (c) => c.notNull())
      .addColumn('Status', 'text', (c) => c.notNull())
      .addColumn('MasterLabel', 'text', (c) => c.notNull())
      .addColumn('ProcessType', 'text', (c) => c.notNull())
      .addColumn('Description', 'text')
      .addColumn('ApiVersion', 'double precision')
      .addColumn('RunInMode', 'text')
      .addColumn('IsAdditionalPermissionRequiredToRun', 'integer', (c) => c.notNull())
      .addColumn('FullName', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('diagnostics', 'text', (c) => c.notNull())
      .addUniqueConstraint('flow_versions_number', ['DefinitionId', 'VersionNumber']),
  ).execute();

  await audit(
    id(schema.createTable('flow_interviews'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('Guid', 'text', (c) => c.notNull().unique())
      .addColumn('InterviewLabel', 'text')
      .addColumn('PauseLabel', 'text')
      .addColumn('CurrentElement', 'text')
      .addColumn('InterviewStatus', 'text', (c) => c.notNull())
      .addColumn('OwnerId', 'text', (c) => c.notNull())
      .addColumn('WasPausedFromScreen', 'integer', (c) => c.notNull())
      // No cascade: a version with interviews cannot be deleted.
      .addColumn('FlowVersionViewId', 'text', (c) => c.notNull().references('flow_versions.Id'))
      .addColumn('Error', 'text')
      .addColumn('flow_definition_id', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull()),
  ).execute();
  await schema.createIndex('flow_interviews_owner').on('flow_interviews').columns(['OwnerId', 'LastModifiedDate']).execute();
  await schema.createIndex('flow_interviews_definition').on('flow_interviews').columns(['flow_definition_id', 'LastModifiedDate']).execute();
  await schema.createIndex('flow_interviews_version').on('flow_interviews').column('FlowVersionViewId').execute();
  await schema.createIndex('flow_interviews_status').on('flow_interviews').columns(['InterviewStatus', 'LastModifiedDate']).execute();

  await audit(
    id(schema.createTable('flow_record_relations'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('ParentId', 'text', (c) => c.notNull().references('flow_interviews.Id').onDelete('cascade'))
      .addColumn('RelatedRecordId', 'text', (c) => c.notNull()),
  ).execute();
  await schema.createIndex('flow_record_relations_record').on('flow_record_relations').columns(['RelatedRecordId', 'ParentId']).execute();
  await schema.createIndex('flow_record_relations_parent').on('flow_record_relations').column('ParentId').execute();

  await audit(
    id(schema.createTable('flow_stage_relations'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('ParentId', 'text', (c) => c.notNull().references('flow_interviews.Id').onDelete('cascade'))
      .addColumn('StageLabel', 'text', (c) => c.notNull())
      .addColumn('StageOrder', 'integer', (c) => c.notNull())
      .addColumn('StageType', 'text', (c) => c.notNull()),
  ).execute();
  await schema.createIndex('flow_stage_relations_parent').on('flow_stage_relations').column('ParentId').execute();

  await id(schema.createTable('flow_interview_shares'))
    .addColumn('ParentId', 'text', (c) => c.notNull().references('flow_interviews.Id').onDelete('cascade'))
    .addColumn('UserOrGroupId', 'text', (c) => c.notNull())
    .addColumn('AccessLevel', 'text', (c) => c.notNull())
    .addColumn('RowCause', 'text', (c) => c.notNull())
    .addColumn('LastModifiedDate', 'text', (c) => c.notNull())
    .addColumn('LastModifiedById', 'text', (c) => c.notNull())
    .addColumn('IsDeleted', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('flow_interview_shares_row', ['ParentId', 'UserOrGroupId', 'RowCause'])
    .execute();
  await schema.createIndex('flow_interview_shares_target').on('flow_interview_shares').columns(['UserOrGroupId', 'ParentId']).execute();

  await audit(
    id(schema.createTable('flow_interview_sharing_rules'))
      .addColumn('Name', 'text', (c) => c.notNull())
      .addColumn('DeveloperName', 'text', (c) => c.notNull().unique())
      .addColumn('Description', 'text')
      .addColumn('GroupId', 'text', (c) => c.notNull().references('groups.Id').onDelete('cascade'))
      .addColumn('UserOrGroupId', 'text', (c) => c.notNull().references('groups.Id').onDelete('cascade'))
      .addColumn('AccessLevel', 'text', (c) => c.notNull()),
  ).execute();

  await schema
    .createTable('flow_wait_subscriptions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('interview_id', 'text', (c) => c.notNull().references('flow_interviews.Id').onDelete('cascade'))
    .addColumn('element', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('event_type_key', 'text', (c) => c.notNull())
    .addColumn('filters', 'text', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .execute();
  await schema.createIndex('flow_wait_subscriptions_event').on('flow_wait_subscriptions').columns(['event_type_key', 'created_date']).execute();
  await schema.createIndex('flow_wait_subscriptions_interview').on('flow_wait_subscriptions').column('interview_id').execute();

  await audit(
    id(schema.createTable('records'))
      .addColumn('object_type', 'text', (c) => c.notNull())
      .addColumn('OwnerId', 'text')
      .addColumn('data', isPostgres ? 'jsonb' : 'text', (c) => c.notNull()),
  ).execute();
  await schema.createIndex('records_object').on('records').columns(['object_type', 'Id']).execute();
  await schema.createIndex('records_object_created').on('records').columns(['object_type', 'CreatedDate']).execute();

  await schema
    .createTable('custom_objects')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.primaryKey())
    .addColumn('key_prefix', 'text', (c) => c.notNull().unique())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('last_modified_date', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('custom_fields')
    .addColumn('object_name', 'text', (c) => c.notNull())
    .addColumn('field_name', 'text', (c) => c.notNull())
    .addColumn('field_key', 'text', (c) => c.primaryKey())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('last_modified_date', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('autonumbers')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_value', 'integer', (c) => c.notNull())
    .execute();

  await schema
    .createTable('outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('interview_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('lease_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('sent_date', 'text')
    .execute();
  await schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await schema.createIndex('outbox_interview').on('outbox').column('interview_id').execute();

  await schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('unique_key', 'text', (c) => c.unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('lease_token', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('completed_date', 'text')
    .execute();
  await schema.createIndex('jobs_due').on('jobs').columns(['status', 'due_at']).execute();
}

/** Drops everything (for tests of the migration itself). */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'jobs', 'outbox', 'autonumbers', 'custom_fields', 'custom_objects', 'records', 'flow_wait_subscriptions',
    'flow_interview_sharing_rules', 'flow_interview_shares', 'flow_stage_relations', 'flow_record_relations',
    'flow_interviews', 'flow_versions', 'flow_definitions', 'custom_labels', 'org_wide_email_addresses',
    'setup_entity_access', 'permission_set_assignments', 'permission_sets', 'group_membership', 'group_members',
    'groups', 'users', 'user_roles', 'organization',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
