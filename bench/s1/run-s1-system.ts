/**
 * One S1 measurement of one system (Eddy, bpmn-engine or the raw limit) on a fresh database:
 * warm-up instances first (not measured), then `instances` instances one after another, timed
 * as a whole and per pause/resume cycle. Runs in a child process of its own when the benchmark
 * isolates runs, so that the peak RSS and the heap are this system's alone.
 */
import type { BenchDatabase } from '../support/bench-database.js';
import { createScratch } from '../support/bench-database.js';
import { peakRssMb } from '../support/process-usage.js';
import { LatencySamples } from '../support/stats.js';
import { prepareBpmnEngineS1, runBpmnEngineInstance } from './bpmn-engine-instances.js';
import { measureEddyPausedSize, openEddyS1, runEddyInstance } from './eddy-instances.js';
import { runRawLimitInstance } from './raw-limit.js';
import { openStateTable } from './state-table.js';
import { newWorkCounts, type WorkCounts } from './work-counts.js';

/** The systems S1 compares. */
export type S1System = 'eddy' | 'bpmnEngine' | 'rawLimit';

/** What to measure. */
export interface S1Task {
  readonly kind: 's1';
  readonly system: S1System;
  readonly instances: number;
  readonly warmup: number;
  readonly database: BenchDatabase;
  /** Raw limit: bytes per write (Eddy's persisted row). */
  readonly payloadBytes?: number;
  /** Raw limit: write transactions per instance (Eddy's). */
  readonly writesPerInstance?: number;
}

/** One system's numbers from one run. */
export interface S1SystemResult {
  readonly system: S1System;
  readonly instances: number;
  readonly elapsedMs: number;
  readonly perSec: number;
  /** CPU time (user + system) of the process per instance: what the machine's load does not change much. */
  readonly cpuMsPerInstance: number;
  /** One pause → persist → load → resume cycle (NaN for the raw limit). */
  readonly cycleP50Ms: number;
  readonly cycleP99Ms: number;
  readonly writesPerInstance: number;
  /** Bytes persisted for a paused interview (Eddy: the whole row; bpmn-engine: the state JSON; raw: the payload). */
  readonly bytesPerPausedInterview: number;
  /** The engine state alone (Eddy's `state` column, bpmn-engine's `getState()` JSON). */
  readonly stateBytesPerPause: number;
  readonly peakRssMb: number;
  /** The work counted during the measured instances. */
  readonly counts: WorkCounts;
}

/** Runs the task on a scratch database of its own and removes it afterwards. */
export async function runS1System(task: S1Task): Promise<S1SystemResult> {
  const scratch = await createScratch(task.database, `s1_${task.system}`);
  try {
    switch (task.system) {
      case 'eddy':
        return await measureEddy(task, scratch);
      case 'bpmnEngine':
        return await measureBpmnEngine(task, scratch);
      case 'rawLimit':
        return await measureRawLimit(task, scratch);
    }
  } finally {
    await scratch.remove();
  }
}

interface Timed {
  readonly elapsedMs: number;
  readonly cpuMs: number;
}

async function timed(work: () => Promise<void>): Promise<Timed> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const elapsedMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { elapsedMs, cpuMs: (used.user + used.system) / 1000 };
}

function result(task: S1Task, time: Timed, counts: WorkCounts, cycles: LatencySamples | undefined, pausedBytes: number, stateBytes: number): S1SystemResult {
  return {
    system: task.system,
    instances: task.instances,
    elapsedMs: time.elapsedMs,
    perSec: task.instances / (time.elapsedMs / 1000),
    cpuMsPerInstance: time.cpuMs / task.instances,
    cycleP50Ms: cycles?.quantile(0.5) ?? Number.NaN,
    cycleP99Ms: cycles?.quantile(0.99) ?? Number.NaN,
    writesPerInstance: counts.writes / task.instances,
    bytesPerPausedInterview: pausedBytes,
    stateBytesPerPause: stateBytes,
    peakRssMb: peakRssMb(),
    counts: { ...counts },
  };
}

async function measureEddy(task: S1Task, scratch: Parameters<typeof openEddyS1>[0]): Promise<S1SystemResult> {
  const s1 = await openEddyS1(scratch);
  try {
    for (let i = 0; i < task.warmup; i++) await runEddyInstance(s1);
    Object.assign(s1.counts, newWorkCounts());
    const cycles = new LatencySamples();
    const time = await timed(async () => {
      for (let i = 0; i < task.instances; i++) await runEddyInstance(s1, cycles);
    });
    const counts = { ...s1.counts };
    const size = await measureEddyPausedSize(s1);
    return result(task, time, counts, cycles, size.rowBytes, size.stateBytes);
  } finally {
    await s1.org.close();
  }
}

async function measureBpmnEngine(task: S1Task, scratch: Parameters<typeof openStateTable>[0]): Promise<S1SystemResult> {
  const table = await openStateTable(scratch);
  try {
    const warm = prepareBpmnEngineS1(table, newWorkCounts());
    for (let i = 0; i < task.warmup; i++) await runBpmnEngineInstance(warm, `warmup-${i}`);
    const run = prepareBpmnEngineS1(table, newWorkCounts());
    const cycles = new LatencySamples();
    const time = await timed(async () => {
      for (let i = 0; i < task.instances; i++) await runBpmnEngineInstance(run, `instance-${i}`, cycles);
    });
    const paused = run.pausedBytes.reduce((sum, bytes) => sum + bytes, 0) / Math.max(1, run.pausedBytes.length);
    return result(task, time, run.counts, cycles, paused, paused);
  } finally {
    await table.close();
  }
}

async function measureRawLimit(task: S1Task, scratch: Parameters<typeof openStateTable>[0]): Promise<S1SystemResult> {
  const writes = task.writesPerInstance ?? 7;
  const bytes = task.payloadBytes ?? 1000;
  const table = await openStateTable(scratch);
  try {
    const warm = newWorkCounts();
    for (let i = 0; i < task.warmup; i++) await runRawLimitInstance(table, `warmup-${i}`, writes, bytes, warm);
    const counts = newWorkCounts();
    const time = await timed(async () => {
      for (let i = 0; i < task.instances; i++) await runRawLimitInstance(table, `instance-${i}`, writes, bytes, counts);
    });
    return result(task, time, counts, undefined, bytes, bytes);
  } finally {
    await table.close();
  }
}
