/**
 * S1 — the pause/resume cycle: Eddy, bpmn-engine and the raw database limit, run after run in
 * the same order on the same machine, each measurement in a fresh database (and, by default, a
 * fresh process). The raw limit of a run writes rows of the size, and as many transactions per
 * instance, as Eddy did in that run. Ratios are taken within a run, then the median over runs.
 */
import type { BenchDatabase } from '../support/bench-database.js';
import { formatNumber, formatSpread, formatTable } from '../support/format-table.js';
import { median, ratio, spread } from '../support/stats.js';
import type { TaskRunner } from '../support/task-runner.js';
import type { S1System, S1SystemResult } from './run-s1-system.js';

/** How to run S1. */
export interface S1Options {
  readonly instances: number;
  readonly warmup: number;
  readonly runs: number;
  readonly database: BenchDatabase;
  readonly runner: TaskRunner;
  /** Progress lines. */
  readonly log: (line: string) => void;
}

/** Per system, one value. */
export interface BySystem<T> {
  readonly eddy: T;
  readonly bpmnEngine: T;
  readonly rawLimit: T;
}

/** S1's numbers: medians over the runs (ratios: the median of each run's ratio). */
export interface S1Report {
  readonly eddyPerSec: number;
  readonly bpmnEnginePerSec: number;
  readonly rawLimitPerSec: number;
  readonly ratioVsBpmnEngine: number;
  readonly ratioVsRawLimit: number;
  /** Eddy's stored FlowInterview row at a pause. */
  readonly bytesPerPausedInterview: number;
  /** Eddy's engine state alone at a pause. */
  readonly stateBytesPerPausedInterview: number;
  readonly bpmnEngineBytesPerPausedInterview: number;
  readonly cycleP50Ms: number;
  readonly cycleP99Ms: number;
  readonly bpmnEngineCycleP50Ms: number;
  readonly bpmnEngineCycleP99Ms: number;
  readonly writesPerInstance: BySystem<number>;
  readonly cpuMsPerInstance: BySystem<number>;
  readonly peakRssMb: BySystem<number>;
  readonly instances: number;
  readonly runs: BySystem<readonly S1SystemResult[]>;
  /** The printed table. */
  readonly table: string;
}

const LABELS: BySystem<string> = { eddy: 'Eddy', bpmnEngine: 'bpmn-engine', rawLimit: 'raw limit' };
const SYSTEMS: readonly S1System[] = ['eddy', 'bpmnEngine', 'rawLimit'];

/** Runs S1 `options.runs` times and summarises. */
export async function runS1(options: S1Options): Promise<S1Report> {
  const runs: Record<S1System, S1SystemResult[]> = { eddy: [], bpmnEngine: [], rawLimit: [] };
  for (let run = 1; run <= options.runs; run++) {
    const base = { kind: 's1', instances: options.instances, warmup: options.warmup, database: options.database } as const;
    const eddy = await options.runner.run({ ...base, system: 'eddy' });
    options.log(`  run ${run}: Eddy ${formatNumber(eddy.perSec)}/s`);
    const bpmnEngine = await options.runner.run({ ...base, system: 'bpmnEngine' });
    options.log(`  run ${run}: bpmn-engine ${formatNumber(bpmnEngine.perSec)}/s`);
    const rawLimit = await options.runner.run({ ...base, system: 'rawLimit', payloadBytes: Math.round(eddy.bytesPerPausedInterview), writesPerInstance: Math.round(eddy.writesPerInstance) });
    options.log(`  run ${run}: raw limit ${formatNumber(rawLimit.perSec)}/s`);
    runs.eddy.push(eddy);
    runs.bpmnEngine.push(bpmnEngine);
    runs.rawLimit.push(rawLimit);
  }
  const of = (system: S1System, pick: (result: S1SystemResult) => number): number[] => runs[system].map(pick);
  const medianOf = (system: S1System, pick: (result: S1SystemResult) => number): number => median(of(system, pick));
  const bySystem = (pick: (result: S1SystemResult) => number): BySystem<number> => ({ eddy: medianOf('eddy', pick), bpmnEngine: medianOf('bpmnEngine', pick), rawLimit: medianOf('rawLimit', pick) });
  const vsBpmn = runs.eddy.map((eddy, i) => ratio(eddy.perSec, runs.bpmnEngine[i]?.perSec ?? Number.NaN));
  const vsRaw = runs.eddy.map((eddy, i) => ratio(eddy.perSec, runs.rawLimit[i]?.perSec ?? Number.NaN));

  const rows = SYSTEMS.map((system) => [
    LABELS[system],
    formatSpread(spread(of(system, (r) => r.perSec))),
    formatSpread(spread(of(system, (r) => r.cpuMsPerInstance))),
    system === 'rawLimit' ? '—' : formatSpread(spread(of(system, (r) => r.cycleP50Ms))),
    system === 'rawLimit' ? '—' : formatSpread(spread(of(system, (r) => r.cycleP99Ms))),
    formatNumber(medianOf(system, (r) => r.bytesPerPausedInterview)),
    formatNumber(medianOf(system, (r) => r.writesPerInstance)),
    formatSpread(spread(of(system, (r) => r.peakRssMb))),
  ]);
  const table = [
    formatTable(['system', 'instances/s', 'CPU ms/instance', 'cycle p50 ms', 'cycle p99 ms', 'bytes/pause', 'writes/instance', 'peak RSS MB'], rows),
    '',
    formatTable(
      ['ratio (per run)', 'min / median / max', 'target'],
      [
        ['Eddy / bpmn-engine', formatSpread(spread(vsBpmn)), '≥ 20'],
        ['Eddy / raw limit', formatSpread(spread(vsRaw)), '≥ 0.30'],
        ['Eddy bytes per paused interview', formatNumber(medianOf('eddy', (r) => r.bytesPerPausedInterview)), '< 1,024'],
      ],
    ),
    '(min / median / max over the runs; Eddy bytes: the FlowInterview row, state JSON alone ' +
      `${formatNumber(medianOf('eddy', (r) => r.stateBytesPerPause))} B; bpmn-engine: getState() JSON; raw limit: rows of Eddy's size)`,
  ].join('\n');

  return {
    eddyPerSec: medianOf('eddy', (r) => r.perSec),
    bpmnEnginePerSec: medianOf('bpmnEngine', (r) => r.perSec),
    rawLimitPerSec: medianOf('rawLimit', (r) => r.perSec),
    ratioVsBpmnEngine: median(vsBpmn),
    ratioVsRawLimit: median(vsRaw),
    bytesPerPausedInterview: medianOf('eddy', (r) => r.bytesPerPausedInterview),
    stateBytesPerPausedInterview: medianOf('eddy', (r) => r.stateBytesPerPause),
    bpmnEngineBytesPerPausedInterview: medianOf('bpmnEngine', (r) => r.bytesPerPausedInterview),
    cycleP50Ms: medianOf('eddy', (r) => r.cycleP50Ms),
    cycleP99Ms: medianOf('eddy', (r) => r.cycleP99Ms),
    bpmnEngineCycleP50Ms: medianOf('bpmnEngine', (r) => r.cycleP50Ms),
    bpmnEngineCycleP99Ms: medianOf('bpmnEngine', (r) => r.cycleP99Ms),
    writesPerInstance: bySystem((r) => r.writesPerInstance),
    cpuMsPerInstance: bySystem((r) => r.cpuMsPerInstance),
    peakRssMb: bySystem((r) => r.peakRssMb),
    instances: options.instances,
    runs,
    table,
  };
}
