/**
 * The child process of one benchmark measurement: receives a task over IPC, runs it, sends the
 * result back and exits.
 */
import { runTask, type BenchTask } from './run-task.js';
import type { WorkerReply } from './support/task-runner.js';

function reply(message: WorkerReply): void {
  process.send?.(message, () => process.exit(0));
}

process.once('message', (task: BenchTask) => {
  runTask(task).then(
    (result) => reply({ ok: true, result }),
    (error: unknown) => reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
});
