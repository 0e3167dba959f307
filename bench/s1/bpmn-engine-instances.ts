/**
 * S1 through bpmn-engine, the nearest embeddable peer in Node: the same process as a BPMN model
 * (`flows/bench-approval.bpmn`: a script task, user task A, an exclusive gateway, user task B)
 * and the same seven persisted steps as Eddy's run, each `getState()` serialised to JSON and
 * written in its own transaction:
 *
 * 1. start, run to user task A, persist (insert);
 * 2. pause: persist with status `paused`, stop the engine;
 * 3. resume: load the row, `new Engine().recover(state)`, `resume()` until A waits again, persist;
 * 4. submit A (`signal`), the gateway sends it to B, persist;
 * 5–6. pause and resume at B as at A;
 * 7. submit B, the process ends, persist.
 *
 * The peer keeps its engine in memory between steps 1–2 and 4–5 where Eddy loads the interview
 * from the database for every call, which favours the peer.
 */
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Engine } from 'bpmn-engine';
import type { LatencySamples } from '../support/stats.js';
import type { StateTable } from './state-table.js';
import type { WorkCounts } from './work-counts.js';

/** The BPMN model of the benchmark flow. */
export const BENCH_BPMN_FILE = fileURLToPath(new URL('../flows/bench-approval.bpmn', import.meta.url));

/** What the bpmn-engine run needs: the model source, its table and counters. */
export interface BpmnEngineS1 {
  readonly source: string;
  readonly table: StateTable;
  readonly counts: WorkCounts;
  /** Bytes of each persisted pause (the `paused` writes). */
  readonly pausedBytes: number[];
}

/** The user tasks of the model, in order, with what submitting each sends. */
const TASKS = [
  { id: 'Screen_A', submit: { Approve: true } },
  { id: 'Screen_B', submit: { Comment: 'Looks good.' } },
] as const;

interface ElementEvent {
  readonly id: string;
  readonly type: string;
  readonly content: { readonly output?: unknown; readonly isRecovered?: boolean };
  readonly environment: { readonly output: Record<string, unknown> };
}

/** Prepares the bpmn-engine run over `table`. */
export function prepareBpmnEngineS1(table: StateTable, counts: WorkCounts): BpmnEngineS1 {
  return { source: readFileSync(BENCH_BPMN_FILE, 'utf8'), table, counts, pausedBytes: [] };
}

/**
 * A listener for one engine: a user task's output (what it was signalled with) goes to
 * `environment.output[taskId]`, where the gateway's condition reads it; fresh (not recovered)
 * waits are counted.
 */
function newListener(counts: WorkCounts): EventEmitter {
  const listener = new EventEmitter();
  listener.on('activity.end', (api: ElementEvent) => {
    if (api.type === 'bpmn:UserTask') api.environment.output[api.id] = api.content.output;
  });
  listener.on('activity.wait', (api: ElementEvent) => {
    if (api.type === 'bpmn:UserTask' && api.content.isRecovered !== true) counts.waits++;
  });
  return listener;
}

function waitForTask(listener: EventEmitter, taskId: string): Promise<void> {
  return new Promise((resolve) => {
    const onWait = (api: ElementEvent): void => {
      if (api.id !== taskId) return;
      listener.off('activity.wait', onWait);
      resolve();
    };
    listener.on('activity.wait', onWait);
  });
}

async function persist(run: BpmnEngineS1, engine: Engine, id: string, status: 'running' | 'paused' | 'completed', insert = false): Promise<void> {
  const state = JSON.stringify(await engine.getState());
  if (insert) await run.table.insert(id, status, state);
  else await run.table.update(id, status, state);
  run.counts.writes++;
  if (status === 'paused') run.pausedBytes.push(Buffer.byteLength(state, 'utf8'));
}

/** Runs instance `id` through both pause/resume cycles; `cycles` gets each cycle's time. */
export async function runBpmnEngineInstance(run: BpmnEngineS1, id: string, cycles?: LatencySamples): Promise<void> {
  const { counts } = run;
  let listener = newListener(counts);
  let waiting = waitForTask(listener, 'Screen_A');
  let engine = new Engine({ name: id, source: run.source });
  let execution = await engine.execute({ listener });
  await waiting;
  counts.started++;
  await persist(run, engine, id, 'running', true);
  for (const [index, task] of TASKS.entries()) {
    const pausedAt = performance.now();
    await persist(run, engine, id, 'paused');
    counts.pauses++;
    await engine.stop();

    const state: unknown = JSON.parse(await run.table.load(id));
    listener = newListener(counts);
    waiting = waitForTask(listener, task.id);
    engine = new Engine().recover(state);
    execution = await engine.resume({ listener });
    await waiting;
    await persist(run, engine, id, 'running');
    cycles?.add(performance.now() - pausedAt);
    counts.resumes++;

    const next = TASKS[index + 1];
    const ended = engine.waitFor('end').then(() => 'end');
    const reached = next === undefined ? ended : Promise.race([waitForTask(listener, next.id).then(() => next.id), ended]);
    execution.signal({ id: task.id, ...task.submit });
    const outcome = await reached;
    if (outcome !== (next?.id ?? 'end')) throw new Error(`S1 (bpmn-engine): after ${task.id} the process reached ${outcome}, not ${next?.id ?? 'the end'}.`);
    if (next === undefined) {
      await persist(run, engine, id, 'completed');
      counts.finished++;
    } else {
      await persist(run, engine, id, 'running');
    }
  }
}
