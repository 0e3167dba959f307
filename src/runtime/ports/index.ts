/**
 * The storage ports the runtime needs: the smallest interfaces over interviews, flows, records,
 * the directory of users and permissions, the job queue (which also carries the outbox's
 * emails), wait subscriptions, org settings and the org schema. `src/storage/` implements them
 * with Kysely (`Kysely<Port>`).
 *
 * Conventions: Salesforce fields keep Salesforce's names (`OwnerId`, `InterviewStatus`); Eddy's
 * own fields are camelCase (`state`, `version`). Date-times are ISO-8601 UTC strings
 * `YYYY-MM-DDTHH:mm:ss.sssZ`. `actorId` is the user on whose behalf a write happens (stamped in
 * `CreatedById` / `LastModifiedById`). Bad requests throw the typed errors of `errors.ts`.
 *
 * Every port is reachable from a {@link StorageSession}. `Storage.transaction(async (tx) => ...)`
 * gives a session whose writes commit together or not at all: a new interview state, the records
 * it wrote, and its jobs (its emails and its wait alarms). Inside a transaction, use only `tx` —
 * touching the outer `storage` there throws (on SQLite it would wait for the transaction forever).
 */
export * from './clock.js';
export * from './common.js';
export * from './directory.js';
export * from './flow-store.js';
export * from './interview-store.js';
export * from './job-queue.js';
export * from './oauth-store.js';
export * from './record-store.js';
export * from './schema-store.js';
export * from './settings-store.js';
export * from './storage.js';
export * from './wait-subscription-store.js';
export * from './mailer.js';
export * from './soql.js';
