/**
 * The migration set, listed statically (no folder scanning): the same list runs on SQLite and
 * PostgreSQL. Add a migration by adding a file and a line here; never edit a shipped one.
 */
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial.js';
import * as oauth from './0003-oauth.js';
import * as accessRevision from './0004-access-revision.js';
import * as manageUsers from './0005-manage-users.js';
import * as jobRunner from './0006-job-runner.js';

const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-initial': initial,
  '0003-oauth': oauth,
  '0004-access-revision': accessRevision,
  '0005-manage-users': manageUsers,
  '0006-job-runner': jobRunner,
};

/** Kysely's `Migrator` provider over {@link MIGRATIONS}. */
export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
