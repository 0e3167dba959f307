/**
 * Manage Users (`PermissionSet.PermissionsManageUsers`): Salesforce's permission to create and
 * edit users, assign permission sets and manage public groups and queues. Permission sets that
 * customize the application get it, so the org's existing administrators keep administering.
 * Adding a column keeps the access-revision triggers of `permission_sets` (migration 0004).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Adds the column, set on every permission set with Customize Application. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('permission_sets')
    .addColumn('PermissionsManageUsers', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update permission_sets set "PermissionsManageUsers" = 1 where "PermissionsCustomizeApplication" = 1`.execute(db);
}

/** Drops the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('permission_sets').dropColumn('PermissionsManageUsers').execute();
}
