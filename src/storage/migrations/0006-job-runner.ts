/**
 * One durable job runner: the `jobs` table is reshaped for any kind of job (a status per step of
 * its life, its own attempt limit, a lease owner, an idempotency key unique per kind), and the
 * outbox's messages become jobs of the delivery kinds, so that one queue, one claim and one retry
 * policy serve wait alarms and email alike.
 *
 * Nothing is lost on upgrade: every old job is carried over (`resumeWait` becomes `wait.resume`,
 * `pending` becomes `queued`), and every outbox message becomes a job (`email` → `email.send`,
 * `emailAlert` → `email.alert`, `notification` → `notification.send`; pending → queued, sent →
 * done, failed → failed) whose payload is the message's with its `interviewId`. A lease held at
 * upgrade time is dropped: the job is queued again (the process holding it is gone).
 *
 * The copy runs in JavaScript, in keyset batches, so the mapping is written once for both SQLite
 * and PostgreSQL. `down` moves the rows back into the old two tables.
 */
import type { Kysely } from 'kysely';

/** Job kinds as the old tables named them, and as the runner names them. */
const RENAMED_KINDS: readonly (readonly [old: string, table: 'jobs' | 'outbox', kind: string])[] = [
  ['resumeWait', 'jobs', 'wait.resume'],
  ['email', 'outbox', 'email.send'],
  ['emailAlert', 'outbox', 'email.alert'],
  ['notification', 'outbox', 'notification.send'],
];

/** The attempt limits the old workers applied (wait resumes 5, email 8). */
const OLD_WAIT_ATTEMPTS = 5;
const OLD_OUTBOX_ATTEMPTS = 8;
const BATCH = 500;

type Row = Record<string, unknown>;

function newKind(table: 'jobs' | 'outbox', old: string): string {
  return RENAMED_KINDS.find(([name, from]) => name === old && from === table)?.[2] ?? old;
}

function oldKind(table: 'jobs' | 'outbox', kind: string): string | undefined {
  return RENAMED_KINDS.find(([, from, name]) => name === kind && from === table)?.[0];
}

function text(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Reads `table` in id order, `BATCH` rows at a time. */
async function* batches(db: Kysely<unknown>, table: string): AsyncGenerator<Row[]> {
  const raw = db as unknown as Kysely<Record<string, Row>>;
  let after: string | undefined;
  for (;;) {
    let query = raw.selectFrom(table).selectAll().orderBy('id').limit(BATCH);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = (await query.execute()) as Row[];
    if (rows.length === 0) return;
    yield rows;
    after = String(rows[rows.length - 1]?.['id']);
  }
}

async function insertAll(db: Kysely<unknown>, table: string, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const raw = db as unknown as Kysely<Record<string, Row>>;
  await raw.insertInto(table).values(rows as Row[]).execute();
}

/** The new table and its indexes. */
async function createJobsTable(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('last_error', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'text')
    .addColumn('created_date', 'text', (c) => c.notNull())
    .addColumn('updated_date', 'text', (c) => c.notNull())
    // Named: PostgreSQL's default name, jobs_pkey, is still the old table's while the rows move.
    .addPrimaryKeyConstraint('jobs_id_pkey', ['id'])
    .execute();
  // The claim: queued jobs by due time (and the few running ones, for leases that ran out).
  await db.schema.createIndex('jobs_claim').on('jobs').columns(['status', 'run_at']).execute();
  // Setup's list: newest first (ids are UUID v7, so id order is creation order), by status or kind.
  await db.schema.createIndex('jobs_status_list').on('jobs').columns(['status', 'id']).execute();
  await db.schema.createIndex('jobs_kind_list').on('jobs').columns(['kind', 'id']).execute();
  await db.schema
    .createIndex('jobs_idempotency')
    .on('jobs')
    .columns(['kind', 'idempotency_key'])
    .unique()
    .where('idempotency_key', 'is not', null)
    .execute();
}

/** Reshapes `jobs` and carries the old jobs and the outbox over. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_due').execute();
  await db.schema.alterTable('jobs').renameTo('jobs_0005').execute();
  await createJobsTable(db);

  for await (const rows of batches(db, 'jobs_0005')) {
    await insertAll(
      db,
      'jobs',
      rows.map((row) => ({
        id: row['id'],
        kind: newKind('jobs', String(row['kind'])),
        payload: row['payload'],
        status: row['status'] === 'pending' ? 'queued' : row['status'],
        run_at: row['due_at'],
        attempts: Number(row['attempts']),
        max_attempts: Math.max(OLD_WAIT_ATTEMPTS, Number(row['attempts'])),
        last_error: text(row['last_error']),
        idempotency_key: text(row['unique_key']),
        lease_owner: null,
        lease_until: null,
        created_date: row['created_date'],
        updated_date: text(row['completed_date']) ?? row['created_date'],
      })),
    );
  }

  for await (const rows of batches(db, 'outbox')) {
    await insertAll(
      db,
      'jobs',
      rows.map((row) => {
        const payload = JSON.parse(String(row['payload'])) as unknown;
        const fields = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : { message: payload };
        const status = row['status'] === 'sent' ? 'done' : row['status'] === 'failed' ? 'failed' : 'queued';
        return {
          id: row['id'],
          kind: newKind('outbox', String(row['kind'])),
          payload: JSON.stringify({ ...fields, interviewId: text(row['interview_id']) }),
          status,
          run_at: row['next_attempt_at'],
          attempts: Number(row['attempts']),
          max_attempts: Math.max(OLD_OUTBOX_ATTEMPTS, Number(row['attempts'])),
          last_error: text(row['last_error']),
          idempotency_key: null,
          lease_owner: null,
          lease_until: null,
          created_date: row['created_date'],
          updated_date: text(row['sent_date']) ?? row['created_date'],
        };
      }),
    );
  }

  await db.schema.dropTable('jobs_0005').execute();
  await db.schema.dropTable('outbox').execute();
}

/** Moves the jobs back into the old `jobs` and `outbox` tables (messages by their delivery kinds). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('jobs').renameTo('jobs_0006').execute();
  for (const index of ['jobs_claim', 'jobs_status_list', 'jobs_kind_list', 'jobs_idempotency']) await db.schema.dropIndex(index).execute();
  await db.schema
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
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_interview').on('outbox').column('interview_id').execute();
  await db.schema
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
  await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'due_at']).execute();

  for await (const rows of batches(db, 'jobs_0006')) {
    const messages: Row[] = [];
    const jobs: Row[] = [];
    for (const row of rows) {
      const status = String(row['status']);
      const messageKind = oldKind('outbox', String(row['kind']));
      if (messageKind !== undefined) {
        const { interviewId, ...payload } = JSON.parse(String(row['payload'])) as Record<string, unknown>;
        messages.push({
          id: row['id'],
          kind: messageKind,
          payload: JSON.stringify(payload),
          interview_id: typeof interviewId === 'string' ? interviewId : null,
          status: status === 'done' ? 'sent' : status === 'failed' || status === 'cancelled' ? 'failed' : 'pending',
          attempts: Number(row['attempts']),
          next_attempt_at: row['run_at'],
          lease_token: null,
          last_error: text(row['last_error']),
          created_date: row['created_date'],
          sent_date: status === 'done' ? row['updated_date'] : null,
        });
        continue;
      }
      const finished = status === 'done' || status === 'failed' || status === 'cancelled';
      jobs.push({
        id: row['id'],
        kind: oldKind('jobs', String(row['kind'])) ?? row['kind'],
        payload: row['payload'],
        due_at: row['run_at'],
        // The old table had one key space for every kind.
        unique_key: text(row['idempotency_key']),
        status: finished ? status : 'pending',
        attempts: Number(row['attempts']),
        locked_until: null,
        lease_token: null,
        last_error: text(row['last_error']),
        created_date: row['created_date'],
        completed_date: finished ? row['updated_date'] : null,
      });
    }
    await insertAll(db, 'outbox', messages);
    await insertAll(db, 'jobs', jobs);
  }
  await db.schema.dropTable('jobs_0006').execute();
}
