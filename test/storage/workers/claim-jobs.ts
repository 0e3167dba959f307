/**
 * A job worker process for the concurrency tests: opens the database named by its arguments,
 * claims due jobs in small batches until none are left, completes each, and prints the ids it
 * claimed as JSON. Usage: claim-jobs.ts <sqlite-file | postgres-url> [schema] <now>
 */
import { openDatabase } from '../../../src/storage/open-database.js';

const [location = '', second = '', third] = process.argv.slice(2);
const isPostgres = location.startsWith('postgres');
const now = (isPostgres ? third : second) ?? '';
const db = isPostgres ? await openDatabase({ url: location, schema: second, poolSize: 2 }) : await openDatabase({ file: location });
const claimed: string[] = [];
const owner = `worker-${process.pid}`;
try {
  for (;;) {
    const jobs = await db.jobs.claim({ now, limit: 3, leaseMs: 60_000, owner });
    if (jobs.length === 0) break;
    for (const job of jobs) {
      claimed.push(job.id);
      await db.jobs.complete(job, now);
    }
  }
} finally {
  await db.close();
}
process.stdout.write(JSON.stringify(claimed));
