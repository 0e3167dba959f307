/** The storage layer: Kysely adapters of the runtime's ports, for SQLite and PostgreSQL. */
export { openDatabase, migrateToLatest, pingDatabase, SQLITE_BUSY_TIMEOUT_MS } from './open-database.js';
export type { EddyDatabase, OpenDatabaseOptions } from './open-database.js';
export { KyselyStorage, KyselySession } from './kysely-storage.js';
export { KyselyInterviewStore } from './kysely-interview-store.js';
export { KyselyFlowStore } from './kysely-flow-store.js';
export { KyselyRecordStore } from './kysely-record-store.js';
export { KyselyDirectory } from './kysely-directory.js';
export { KyselySettingsStore } from './kysely-settings-store.js';
export { KyselySchemaStore } from './kysely-schema-store.js';
export { KyselyJobQueue } from './kysely-job-queue.js';
export { KyselyWaitSubscriptionStore } from './kysely-wait-subscription-store.js';
export { interviewVisibilitySql } from './interview-visibility.js';
export { compileWhere, selectRecords } from './record-query.js';
export { fieldExpression, sourceOf } from './object-sources.js';
export type { Database } from './database-schema.js';
export type { DialectName } from './store-context.js';
export { SoqlEngine, MemoryQueryCursorStore, parseLocator, parseSoql, MAX_SOQL_LENGTH } from './soql/index.js';
export type { SoqlDatabase, SoqlEngineOptions, QueryCursorStore } from './soql/index.js';
