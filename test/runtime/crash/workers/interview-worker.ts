/**
 * A separate process for the crash tests: opens the test's database, builds a runtime and runs
 * one operation — pausing an interview, or running the due jobs (wait alarms). With `block`, it
 * stops inside the operation's transaction, after everything is written and before commit,
 * prints `BLOCKED`, and waits there for the test to kill it. The `apex:Record_Resume` action appends a
 * line to `invocationsFile` each time it runs (also in attempts that are later lost).
 *
 * Usage: interview-worker.ts '<json config>' — see {@link WorkerConfig}.
 */
import { appendFileSync } from 'node:fs';
import { ActionRegistry } from '../../../../src/runtime/actions/action-registry.js';
import { createRuntime } from '../../../../src/runtime/runtime.js';
import { openDatabase } from '../../../../src/storage/open-database.js';

/** What the worker does. */
export interface WorkerConfig {
  readonly database: { readonly file: string } | { readonly url: string; readonly schema: string };
  readonly operation: 'pause' | 'runDueJobs';
  /** The simulated time of the operation (ISO). */
  readonly now: string;
  readonly block: boolean;
  readonly invocationsFile: string;
  readonly actorId?: string;
  readonly interviewId?: string;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkerConfig;
const clock = { now: () => new Date(config.now) };
const storage =
  'file' in config.database
    ? await openDatabase({ file: config.database.file, clock: clock.now })
    : await openDatabase({ url: config.database.url, schema: config.database.schema, clock: clock.now, poolSize: 2 });

const actions = new ActionRegistry();
actions.register({
  actionType: 'apex',
  name: 'Record_Resume',
  inputs: { subject: { dataType: 'String' } },
  invoke(inputs) {
    appendFileSync(config.invocationsFile, `${String(inputs['subject'])}\n`);
    return {};
  },
});

const runtime = await createRuntime({
  storage,
  clock,
  actions,
  hooks: {
    beforeCommit: async () => {
      if (!config.block) return;
      process.stdout.write('BLOCKED\n');
      // Hold the transaction open until the test kills this process.
      await new Promise(() => undefined);
    },
  },
});

try {
  if (config.operation === 'pause') {
    const view = await runtime.interviews.pause(config.actorId ?? '', config.interviewId ?? '', { reason: 'crash test', values: { First_Name: 'Ada' } });
    process.stdout.write(`${JSON.stringify({ status: view.interview.InterviewStatus })}\n`);
  } else {
    const { done } = await runtime.jobs.runDue(clock.now());
    process.stdout.write(`${JSON.stringify({ resumed: done })}\n`);
  }
} finally {
  await runtime.stop();
  await storage.close();
}
