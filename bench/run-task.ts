/** The tasks a benchmark measurement can be, and their dispatch. */
import { runS1System, type S1SystemResult, type S1Task } from './s1/run-s1-system.js';
import { runS2, type S2Result, type S2Task } from './s2/run-s2.js';

/** A measurement to run (in this process or a child). */
export type BenchTask = S1Task | S2Task;

/** The result of a task, by its kind. */
export type TaskResult<T extends BenchTask> = T extends S1Task ? S1SystemResult : T extends S2Task ? S2Result : never;

/** Runs one task. */
export async function runTask<T extends BenchTask>(task: T): Promise<TaskResult<T>> {
  switch (task.kind) {
    case 's1':
      return (await runS1System(task)) as TaskResult<T>;
    case 's2':
      return (await runS2(task)) as TaskResult<T>;
  }
}
