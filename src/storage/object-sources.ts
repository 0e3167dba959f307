/**
 * Where each object's fields live in SQL. Business objects share the `records` table (system
 * fields are columns, the rest is the `data` JSON); system objects have their own tables whose
 * PascalCase columns carry the field names, except the `FlowDefinitionView` / `FlowVersionView`
 * views, which rename a few columns, and the Tooling `Flow`, whose `Label` is its `MasterLabel` and
 * whose `ApiName` is its definition's `DeveloperName` (the seed's `FlowSummary` fields). The record query compiler and, later, SOQL use this.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { KEY_PREFIXES } from '../runtime/index.js';
import type { FieldDescribe, ObjectDescribe } from '../runtime/index.js';
import type { DialectName } from './store-context.js';

/** How a field compares in SQL: as text, as a number, or as a 0/1 boolean. */
export type ValueKind = 'text' | 'number' | 'boolean';

/** A field as an SQL expression. */
export interface FieldExpression {
  readonly sql: RawBuilder<unknown>;
  readonly kind: ValueKind;
}

/** The SQL home of an object. */
export interface ObjectSource {
  readonly table: string;
  /** What queries select from: the table, or a derived table for objects with implied rows. */
  readonly from: RawBuilder<unknown>;
  /** `records`: a business object in the shared table; `table`: a system table. */
  readonly kind: 'records' | 'table';
  /** Field → column where they differ (views). */
  readonly columns: Readonly<Record<string, string>>;
  /** Fields computed from columns (views). */
  readonly computed: Readonly<Record<string, (alias: string) => RawBuilder<unknown>>>;
}

/** Columns of the `records` table that hold fields; every other field is in `data`. */
export const RECORD_COLUMNS: ReadonlySet<string> = new Set(['Id', 'OwnerId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted']);

const TABLES: Readonly<Record<string, string>> = {
  User: 'users',
  UserRole: 'user_roles',
  Group: 'groups',
  GroupMember: 'group_members',
  PermissionSet: 'permission_sets',
  PermissionSetAssignment: 'permission_set_assignments',
  SetupEntityAccess: 'setup_entity_access',
  Organization: 'organization',
  OrgWideEmailAddress: 'org_wide_email_addresses',
  FlowDefinition: 'flow_definitions',
  Flow: 'flow_versions',
  FlowDefinitionView: 'flow_definitions',
  FlowVersionView: 'flow_versions',
  FlowInterview: 'flow_interviews',
  FlowRecordRelation: 'flow_record_relations',
  FlowStageRelation: 'flow_stage_relations',
  FlowInterviewShare: 'flow_interview_shares',
  FlowInterviewOwnerSharingRule: 'flow_interview_sharing_rules',
};

const VIEW_COLUMNS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Flow: { Label: 'MasterLabel' },
  FlowDefinitionView: { DurableId: 'Id', ApiName: 'DeveloperName', Label: 'MasterLabel' },
  FlowVersionView: { DurableId: 'Id', FlowDefinitionViewId: 'DefinitionId', Label: 'MasterLabel' },
};

const VIEW_COMPUTED: Readonly<Record<string, Readonly<Record<string, (alias: string) => RawBuilder<unknown>>>>> = {
  Flow: {
    ApiName: (alias) => sql`(select fd.${sql.ref('DeveloperName')} from flow_definitions fd where fd.${sql.ref('Id')} = ${sql.ref(`${alias}.DefinitionId`)})`,
  },
  FlowDefinitionView: {
    IsActive: (alias) =>
      sql`case when ${sql.ref(`${alias}.ActiveVersionId`)} is not null and ${sql.ref(`${alias}.ActiveVersionId`)} = ${sql.ref(`${alias}.LatestVersionId`)} then 1 else 0 end`,
    LastModifiedBy: (alias) => sql`(select u.${sql.ref('Name')} from users u where u.${sql.ref('Id')} = ${sql.ref(`${alias}.LastModifiedById`)})`,
  },
};

/**
 * Rows an object has without a table row of their own. FlowInterviewShare has, as in Salesforce,
 * one `RowCause = Owner` row per interview (`AccessLevel` All, to the owner), derived from
 * `OwnerId` so it can never disagree with it; its Id is the interview's with the share prefix.
 * The stored rows are the manual shares.
 */
const DERIVED: Readonly<Record<string, RawBuilder<unknown>>> = {
  FlowInterviewShare: sql`(select ${sql.join(['Id', 'ParentId', 'UserOrGroupId', 'AccessLevel', 'RowCause', 'LastModifiedDate', 'LastModifiedById', 'IsDeleted'].map((c) => sql.ref(c)))} from flow_interview_shares
    union all
    select ${sql.lit(KEY_PREFIXES.FlowInterviewShare)} || substr(fi.${sql.ref('Id')}, 4), fi.${sql.ref('Id')}, fi.${sql.ref('OwnerId')}, 'All', 'Owner', fi.${sql.ref('CreatedDate')}, fi.${sql.ref('CreatedById')}, fi.${sql.ref('IsDeleted')} from flow_interviews fi)`,
};

/** The SQL home of `object`. */
export function sourceOf(object: ObjectDescribe): ObjectSource {
  if (object.storage === 'records') return { table: 'records', from: sql.table('records'), kind: 'records', columns: {}, computed: {} };
  const table = TABLES[object.name];
  if (!table) throw new Error(`No table for system object ${object.name}.`);
  return { table, from: DERIVED[object.name] ?? sql.table(table), kind: 'table', columns: VIEW_COLUMNS[object.name] ?? {}, computed: VIEW_COMPUTED[object.name] ?? {} };
}

const NUMBER_TYPES: ReadonlySet<FieldDescribe['type']> = new Set(['int', 'double', 'currency', 'percent']);

/** How `field` compares. */
export function valueKindOf(field: FieldDescribe): ValueKind {
  if (NUMBER_TYPES.has(field.type)) return 'number';
  return field.type === 'boolean' ? 'boolean' : 'text';
}

/**
 * `field` of the row aliased `alias` as an SQL expression. JSON fields are extracted with
 * `json_extract` (SQLite) or `->>` plus a cast (PostgreSQL); booleans come out as 0/1 and
 * missing booleans as 0.
 */
export function fieldExpression(source: ObjectSource, alias: string, field: FieldDescribe, dialect: DialectName): FieldExpression {
  const kind = valueKindOf(field);
  const computed = source.computed[field.name];
  if (computed) return { sql: computed(alias), kind };
  if (source.kind === 'table' || RECORD_COLUMNS.has(field.name)) {
    return { sql: sql.ref(`${alias}.${source.columns[field.name] ?? field.name}`), kind };
  }
  const data = sql.ref(`${alias}.data`);
  if (dialect === 'sqlite') {
    const extracted = sql`json_extract(${data}, ${`$.${field.name}`})`;
    return { sql: kind === 'boolean' ? sql`coalesce(${extracted}, 0)` : extracted, kind };
  }
  const text = sql`(${data} ->> ${sql.lit(field.name)})`;
  switch (kind) {
    case 'number':
      return { sql: sql`(${text})::numeric`, kind };
    case 'boolean':
      return { sql: sql`coalesce((${text})::boolean::int, 0)`, kind };
    case 'text':
      return { sql: text, kind };
  }
}
