/**
 * Crash safety: a process killed (SIGKILL) in the middle of a pause or of a wait's resume —
 * inside the transaction, after every write and before commit — loses nothing and does nothing
 * twice. A restarted process pauses the interview, resumes the wait exactly once (after the
 * dead worker's lease ends), and still has every other timer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import type { EddyDatabase } from '../../../src/storage/open-database.js';
import { forEachDatabase } from '../../support/databases.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { createAccount, createUser, deployFixture, testRuntime } from '../interviews/support/runtime-harness.js';
import type { WorkerConfig } from './workers/interview-worker.js';

const WORKER = join(dirname(fileURLToPath(import.meta.url)), 'workers', 'interview-worker.ts');
const DAY_MS = 24 * 60 * 60 * 1000;
/** The job runner's default lease. */
const LEASE_MS = 60_000;
/** Each worker process starts TypeScript through tsx, which takes seconds on a busy machine. */
const WORKER_TEST_TIMEOUT_MS = PROCESS_TEST_TIMEOUT_MS;

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** Where the test's database is, for another process. */
async function locate(db: EddyDatabase): Promise<WorkerConfig['database']> {
  if (db.dialect === 'sqlite') {
    const { rows } = await sql<{ name: string; file: string }>`pragma database_list`.execute(db.db);
    const main = rows.find((row) => row.name === 'main');
    if (main === undefined || main.file === '') throw new Error('The SQLite test database has no file.');
    return { file: main.file };
  }
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db.db);
  return { url: process.env.EDDY_TEST_PG_URL as string, schema: rows[0]?.schema as string };
}

function startWorker(config: WorkerConfig): { child: ChildProcess; output: Promise<string>; blocked: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, JSON.stringify(config)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let onBlocked: () => void = () => undefined;
  const blocked = new Promise<void>((resolve) => {
    onBlocked = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    if (stdout.includes('BLOCKED')) onBlocked();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  // 'close', not 'exit': the process may exit before its output is all read.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const output = exited.then((code) => {
    if (code !== 0) throw new Error(`Worker exited with ${String(code)}: ${stderr}`);
    return stdout;
  });
  return { child, output, blocked, exited };
}

/** Runs the worker until it blocks inside its transaction, then kills it with SIGKILL. */
async function crashInside(config: WorkerConfig): Promise<void> {
  const worker = startWorker({ ...config, block: true });
  // Killed on purpose: its exit code is not a failure.
  worker.output.catch(() => undefined);
  const outcome = await Promise.race([worker.blocked.then(() => 'blocked' as const), worker.exited.then(() => 'exited' as const)]);
  if (outcome !== 'blocked') throw new Error(`The worker ended before blocking: ${await worker.output.catch((error: Error) => error.message)}`);
  worker.child.kill('SIGKILL');
  await worker.exited;
}

/** Runs the worker to its end and returns what it printed last (JSON). */
async function runWorker(config: WorkerConfig): Promise<Record<string, unknown>> {
  const lines = (await startWorker({ ...config, block: false }).output).trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '{}') as Record<string, unknown>;
}

function invocations(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter((line) => line !== '') : [];
}

function tempFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
  folders.push(folder);
  return join(folder, 'invocations.log');
}

forEachDatabase('crash safety', (ctx) => {
  it('loses nothing when the process dies in the middle of a pause, and the restarted process pauses it', { timeout: WORKER_TEST_TIMEOUT_MS }, async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Account_Survey');
    const alice = await createUser(db, 'alice');
    const account = await createAccount(db, 'Acme');
    const started = await runtime.interviews.start(alice.Id, 'Account_Survey', { recordId: account });
    const before = await db.interviews.get(started.interview.Id);
    const config: WorkerConfig = {
      database: await locate(db),
      operation: 'pause',
      now: ctx.clock().iso(),
      block: true,
      invocationsFile: tempFile(),
      actorId: alice.Id,
      interviewId: started.interview.Id,
    };

    await crashInside(config);
    // Nothing of the pause is there, and the interview is as it was.
    expect(await db.interviews.get(started.interview.Id)).toEqual(before);
    expect(await db.interviews.recordRelations(started.interview.Id)).toEqual([]);
    expect(await db.interviews.stageRelations(started.interview.Id)).toEqual([]);

    expect(await runWorker(config)).toEqual({ status: 'Paused' });
    const paused = await db.interviews.get(started.interview.Id);
    expect(paused).toMatchObject({ InterviewStatus: 'Paused', PauseLabel: 'crash test', WasPausedFromScreen: true });
    expect((await db.interviews.recordRelations(started.interview.Id)).map((r) => r.RelatedRecordId)).toEqual([account]);

    const resumed = await runtime.interviews.resume(alice.Id, started.interview.Id);
    expect(resumed.screen?.fields.find((field) => field.name === 'First_Name')?.value).toBe('Ada');
    await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { First_Name: 'Ada' } });
    const done = await runtime.interviews.navigate(alice.Id, started.interview.Id, { action: 'NEXT', values: { Score: 4 } });
    expect(done.awaiting).toBe('finished');
  });

  it('resumes a wait exactly once when the process dies in the middle of its resume, and loses no other timer', { timeout: WORKER_TEST_TIMEOUT_MS }, async () => {
    const db = ctx.db();
    const { runtime } = await testRuntime(ctx);
    await deployFixture(db, 'Wait_Then_Create_Task');
    const alice = await createUser(db, 'alice');
    const due = ctx.clock().iso();
    const tomorrow = new Date(Date.parse(due) + DAY_MS).toISOString();
    const first = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'due now', resumeAt: due } });
    const second = await runtime.interviews.start(alice.Id, 'Wait_Then_Create_Task', { inputs: { subject: 'due tomorrow', resumeAt: tomorrow } });
    const file = tempFile();
    const config: WorkerConfig = { database: await locate(db), operation: 'runDueJobs', now: due, block: true, invocationsFile: file };

    await crashInside(config);
    // The attempt ran the action and created its Task, then died before commit: all gone but the action's own side effect.
    expect(invocations(file)).toEqual(['due now']);
    expect(await db.records.query({ object: 'Task', filters: [] })).toEqual([]);
    expect(await db.interviews.get(first.interview.Id)).toMatchObject({ InterviewStatus: 'Paused', version: first.interview.version });
    const [leased] = await db.jobs.list({ statuses: ['queued', 'running'], order: 'oldest' });
    expect(leased).toMatchObject({ status: 'running', attempts: 1, leaseUntil: new Date(Date.parse(due) + LEASE_MS).toISOString() });

    // Restarted while the dead worker's lease runs: nothing to do yet.
    expect(await runWorker({ ...config, now: new Date(Date.parse(due) + 1000).toISOString() })).toEqual({ resumed: 0 });
    // After the lease: resumed once.
    expect(await runWorker({ ...config, now: new Date(Date.parse(due) + LEASE_MS + 1000).toISOString() })).toEqual({ resumed: 1 });
    expect(await runWorker({ ...config, now: new Date(Date.parse(due) + LEASE_MS + 2000).toISOString() })).toEqual({ resumed: 0 });
    expect(invocations(file)).toEqual(['due now', 'due now']);
    const tasks = await db.records.query({ object: 'Task', filters: [], fields: ['Subject'] });
    expect(tasks.map((t) => t.Subject)).toEqual(['due now']);
    expect(await db.interviews.get(first.interview.Id)).toMatchObject({ InterviewStatus: 'Completed' });
    expect(await db.interviews.get(second.interview.Id)).toMatchObject({ InterviewStatus: 'Paused' });

    // The other timer survived the crash and the restarts.
    expect(await runWorker({ ...config, now: tomorrow })).toEqual({ resumed: 1 });
    expect(await db.interviews.get(second.interview.Id)).toMatchObject({ InterviewStatus: 'Completed' });
    expect((await db.records.query({ object: 'Task', filters: [], fields: ['Subject'] })).map((t) => t.Subject).sort()).toEqual(['due now', 'due tomorrow']);
    expect(await db.jobs.list({ statuses: ['queued', 'running'] })).toEqual([]);
  });
});
