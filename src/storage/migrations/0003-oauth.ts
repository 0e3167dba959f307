/**
 * OAuth: connected apps (clients), issued access and refresh tokens (by SHA-256 of their text,
 * never in clear) and users' security tokens. Same schema on SQLite and PostgreSQL.
 */
import type { Kysely } from 'kysely';

/** Creates the OAuth tables. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const schema = db.schema;
  await schema
    .createTable('oauth_connected_apps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull().unique())
    .addColumn('client_secret_hash', 'text')
    .addColumn('run_as_user_id', 'text', (c) => c.references('users.Id'))
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .execute();

  await schema
    .createTable('oauth_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.Id').onDelete('cascade'))
    .addColumn('app_id', 'text', (c) => c.notNull().references('oauth_connected_apps.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();
  await schema.createIndex('oauth_tokens_user').on('oauth_tokens').column('user_id').execute();
  await schema.createIndex('oauth_tokens_parent').on('oauth_tokens').column('parent_id').execute();

  await schema
    .createTable('oauth_security_tokens')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.Id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .execute();
}

/** Drops the OAuth tables. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['oauth_security_tokens', 'oauth_tokens', 'oauth_connected_apps']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
