/**
 * Turns the access rule's list filter (`InterviewVisibility` from `runtime/sharing.ts`) into an
 * SQL condition on a FlowInterview row. Every branch is an indexed lookup: the owner column, the
 * shares of this interview (by `ParentId`), the owner's groups (`group_membership` by user), so
 * the cost does not grow with interviews the user cannot see. SOQL reuses this for
 * `FROM FlowInterview` and relationship queries.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { InterviewVisibility } from '../runtime/index.js';

type Sql = RawBuilder<unknown>;

function inList(values: readonly string[]): Sql {
  return sql`(${sql.join(values.map((v) => sql`${v}`))})`;
}

/** The SQL condition for `visibility` on the FlowInterview row aliased `alias`. */
export function interviewVisibilitySql(visibility: InterviewVisibility, alias: string): Sql {
  const column = (name: string): Sql => sql.ref(`${alias}.${name}`);
  const parts: Sql[] = [];
  const rows = visibility.rows;
  switch (rows.kind) {
    case 'all':
      break;
    case 'none':
      parts.push(sql`1 = 0`);
      break;
    case 'shared': {
      const groups = rows.groupIds;
      const subordinates = rows.subordinateRoleIds.length > 0 ? sql`select fu.${sql.ref('Id')} from users fu where fu.${sql.ref('UserRoleId')} in ${inList(rows.subordinateRoleIds)}` : undefined;
      const owner = column('OwnerId');
      const branches: Sql[] = [sql`${owner} = ${rows.userId}`];
      if (groups.length > 0) branches.push(sql`${owner} in ${inList(groups)}`);
      if (subordinates) branches.push(sql`${owner} in (${subordinates})`);
      const targets: Sql[] = [sql`fis.${sql.ref('UserOrGroupId')} = ${rows.userId}`];
      if (groups.length > 0) targets.push(sql`fis.${sql.ref('UserOrGroupId')} in ${inList(groups)}`);
      if (subordinates) targets.push(sql`fis.${sql.ref('UserOrGroupId')} in (${subordinates})`);
      branches.push(
        sql`exists (select 1 from flow_interview_shares fis where fis.${sql.ref('ParentId')} = ${column('Id')} and fis.${sql.ref('AccessLevel')} in ${inList(rows.levels)} and (${sql.join(targets, sql` or `)}))`,
      );
      const ruleLevels = rows.levels.filter((l) => l !== 'All');
      if (groups.length > 0 && ruleLevels.length > 0) {
        branches.push(
          sql`exists (select 1 from flow_interview_sharing_rules fisr join group_membership fgm on fgm.group_id = fisr.${sql.ref('GroupId')} where fgm.user_id = ${owner} and fisr.${sql.ref('AccessLevel')} in ${inList(ruleLevels)} and fisr.${sql.ref('UserOrGroupId')} in ${inList(groups)})`,
        );
      }
      parts.push(sql`(${sql.join(branches, sql` or `)})`);
      break;
    }
  }
  if (visibility.restrictedFlowsAllowed !== undefined) {
    const allowed = visibility.restrictedFlowsAllowed;
    const exceptAllowed = allowed.length > 0 ? sql` and fd.${sql.ref('Id')} not in ${inList(allowed)}` : sql``;
    parts.push(
      sql`${column('flow_definition_id')} not in (select fd.${sql.ref('Id')} from flow_definitions fd where fd.${sql.ref('IsAdditionalPermissionRequiredToRun')} = 1${exceptAllowed})`,
    );
  }
  return parts.length === 0 ? sql`1 = 1` : sql.join(parts, sql` and `);
}
