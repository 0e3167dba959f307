/**
 * The access revision: one counter that every change to who may do what moves forward, kept by
 * database triggers so that no write path (a Setup page, the CLI, a seed, another Eddy process
 * on the same PostgreSQL database) can forget it. The runtime reads it once per operation and
 * keeps users, their access facts, org settings, labels, roles, sharing rules, flow restrictions
 * and tokens in memory for as long as it has not moved (see `runtime/access-cache.ts`).
 *
 * The tables: the organization row (settings, sharing model, describe revision), users, roles,
 * groups and their members, permission sets and their assignments and flow access, custom
 * labels, flow definitions, the flow-interview sharing rules, connected apps, and OAuth tokens
 * when one is revoked or removed (issuing one changes nothing cached).
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

/** Tables whose every insert, update and delete moves the revision. */
const WATCHED = [
  'organization',
  'users',
  'user_roles',
  'groups',
  'group_members',
  'group_membership',
  'permission_sets',
  'permission_set_assignments',
  'setup_entity_access',
  'custom_labels',
  'flow_definitions',
  'flow_interview_sharing_rules',
  'oauth_connected_apps',
] as const;

/** Creates the counter and its triggers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('access_revision')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .execute();
  await sql`insert into access_revision (id, value) values (1, 1)`.execute(db);
  if (isPostgres) {
    // SET search_path FROM CURRENT: the function finds the counter in this schema whatever the
    // caller's search path is.
    await sql`create function eddy_bump_access_revision() returns trigger language plpgsql set search_path from current as $$
      begin
        update access_revision set value = value + 1 where id = 1;
        return null;
      end $$`.execute(db);
    for (const table of WATCHED) {
      await sql`create trigger ${sql.raw(`${table}_access_revision`)} after insert or update or delete on ${sql.table(table)}
        for each statement execute function eddy_bump_access_revision()`.execute(db);
    }
    await sql`create trigger oauth_tokens_access_revision after update or delete on oauth_tokens
      for each statement execute function eddy_bump_access_revision()`.execute(db);
    return;
  }
  const bump = sql.raw('begin update access_revision set value = value + 1 where id = 1; end');
  for (const table of WATCHED) {
    for (const event of ['insert', 'update', 'delete']) {
      await sql`create trigger ${sql.raw(`${table}_access_revision_${event}`)} after ${sql.raw(event)} on ${sql.table(table)} ${bump}`.execute(db);
    }
  }
  for (const event of ['update', 'delete']) {
    await sql`create trigger ${sql.raw(`oauth_tokens_access_revision_${event}`)} after ${sql.raw(event)} on oauth_tokens ${bump}`.execute(db);
  }
}
