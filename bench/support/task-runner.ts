/**
 * Runs a benchmark task in this process or in a child process of its own. A child per
 * measurement keeps systems from sharing a heap, a JIT warm-up or a peak RSS; the smoke tests
 * run the same tasks in process.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runTask, type BenchTask, type TaskResult } from '../run-task.js';

/** Runs tasks somewhere. */
export interface TaskRunner {
  run<T extends BenchTask>(task: T): Promise<TaskResult<T>>;
}

/** Runs each task in this process. */
export const inProcessRunner: TaskRunner = {
  run: (task) => runTask(task),
};

const WORKER = fileURLToPath(new URL('../worker.ts', import.meta.url));

/**
 * Node options for a benchmark child: this process's own when they load tsx (so that
 * `node --cpu-prof --import tsx bench/main.ts` profiles every child too), else tsx alone.
 */
export function childExecArgv(): string[] {
  return process.execArgv.some((option) => option.includes('tsx')) ? [...process.execArgv] : ['--import', 'tsx'];
}

/** What the worker sends back. */
export type WorkerReply = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: string };

/** Runs each task in a fresh Node process (`bench/worker.ts`, loaded with tsx). */
export const childProcessRunner: TaskRunner = {
  run: <T extends BenchTask>(task: T) =>
    new Promise<TaskResult<T>>((resolve, reject) => {
      const child = fork(WORKER, [], { execArgv: childExecArgv(), serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      let reply: WorkerReply | undefined;
      child.on('message', (message: WorkerReply) => {
        reply = message;
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        if (reply?.ok === true) resolve(reply.result as TaskResult<T>);
        else reject(new Error(reply?.ok === false ? reply.error : `The benchmark worker exited with ${signal ?? code} before answering.`));
      });
      child.send(task);
    }),
};
