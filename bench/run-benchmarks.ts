/**
 * Runs the chosen scenarios in order and gathers one report: the machine, each scenario's
 * numbers (its table printed as soon as it is done), the peak RSS of every process measured,
 * and the targets met or missed.
 */
import type { BenchOptions } from './bench-options.js';
import { runS1, type S1Report } from './s1/s1-scenario.js';
import { runS2Scenario, type S2Report } from './s2/s2-scenario.js';
import { runS3Scenario, type S3Report } from './s3/s3-scenario.js';
import { runS6Scenario, type S6Report } from './s6/s6-scenario.js';
import { createDedicatedDatabase, isPostgresReachable } from './support/bench-database.js';
import { currentLoad, describeMachine, type MachineInfo } from './support/machine.js';
import { peakRssMb } from './support/process-usage.js';
import { childProcessRunner, inProcessRunner } from './support/task-runner.js';
import { formatNumber } from './support/format-table.js';
import { checkTargets, type TargetCheck } from './targets.js';

/** A scenario's report as written to JSON (without its printed table). */
export type Numbers<T> = Omit<T, 'table'>;

/** S4: S1 and S2 on PostgreSQL, or why they did not run. */
export type S4Report = { readonly server: string; readonly S1?: Numbers<S1Report>; readonly S2?: Numbers<S2Report> } | { readonly skipped: string };

/** Everything one invocation measured. */
export interface BenchReport {
  readonly machine: MachineInfo;
  readonly options: BenchOptions;
  readonly S1?: Numbers<S1Report>;
  readonly S2?: Numbers<S2Report>;
  readonly S3?: Numbers<S3Report>;
  readonly S6?: Numbers<S6Report>;
  readonly S4?: S4Report;
  /** The largest peak RSS of any process of the benchmark (MB). */
  readonly peakRssMb: number;
  readonly loadAtEnd: readonly number[];
  readonly durationSec: number;
  readonly targets: readonly TargetCheck[];
}

/** Where the report's text goes. */
export interface BenchOutput {
  /** A heading, a table or a progress line. */
  print(text: string): void;
}

function numbers<T extends { readonly table: string }>(report: T): Numbers<T> {
  const { table: _table, ...rest } = report;
  return rest;
}

/** The largest peak RSS of any S1 measurement process. */
function s1Rss(report: Numbers<S1Report>): number {
  return Math.max(...[...report.runs.eddy, ...report.runs.bpmnEngine, ...report.runs.rawLimit].map((run) => run.peakRssMb));
}

/** Runs the scenarios of `options`. */
export async function runBenchmarks(options: BenchOptions, output: BenchOutput): Promise<BenchReport> {
  const started = performance.now();
  const machine = describeMachine();
  const runner = options.inProcess ? inProcessRunner : childProcessRunner;
  const log = (line: string): void => output.print(line);
  const want = new Set(options.scenarios);
  const rss: number[] = [];
  output.print(
    `Eddy benchmarks, ${machine.startedAt}: ${machine.nproc} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}, SQLite ${machine.sqlite}, ` +
      `bpmn-engine ${machine.bpmnEngine}; load average ${machine.loadAtStart.join(' ')}`,
  );

  let S1: Numbers<S1Report> | undefined;
  if (want.has('S1')) {
    output.print(`\n== S1 — pause/resume cycle on SQLite (N = ${formatNumber(options.n)} per run, ${options.runs} runs, ${options.warmup} warm-up instances) ==`);
    const report = await runS1({ instances: options.n, warmup: options.warmup, runs: options.runs, database: { kind: 'sqlite' }, runner, log });
    output.print(report.table);
    S1 = numbers(report);
    rss.push(s1Rss(S1));
  }

  let S2: Numbers<S2Report> | undefined;
  if (want.has('S2')) {
    const [small, large] = options.s2Sizes;
    output.print(`\n== S2 — paused interviews of a record on SQLite (${formatNumber(small)} and ${formatNumber(large)} interviews) ==`);
    const report = await runS2Scenario({ small, large, queries: options.s2Queries, runs: options.runs, warmupQueries: Math.min(500, options.s2Queries), database: { kind: 'sqlite' }, runner, log });
    output.print(report.table);
    S2 = numbers(report);
    rss.push(S2.peakRssMb);
  }

  let S3: Numbers<S3Report> | undefined;
  if (want.has('S3')) {
    output.print(`\n== S3 — REST read under load (${options.s3Connections} connections, ${options.s3Tool}) ==`);
    const report = await runS3Scenario({
      runs: options.runs,
      durationSec: options.s3DurationSec,
      warmupSec: Math.min(3, options.s3DurationSec),
      connections: options.s3Connections,
      tool: options.s3Tool,
      isolate: !options.inProcess,
      log,
    });
    output.print(report.table);
    S3 = numbers(report);
    rss.push(S3.peakRssMb);
  }

  let S4: S4Report | undefined;
  if (want.has('S4')) {
    output.print('\n== S4 — S1 and S2 on PostgreSQL ==');
    S4 = await runS4(options, runner, output, rss);
  }

  let S6: Numbers<S6Report> | undefined;
  if (want.has('S6')) {
    output.print(`\n== S6 — start-up of eddy serve (${options.runs} runs${options.s6Reference === undefined ? '' : `, reference ${options.s6Reference}`}) ==`);
    const report = await runS6Scenario({ runs: options.runs, reference: options.s6Reference, log });
    output.print(report.table);
    S6 = numbers(report);
    rss.push(S6.peakRssMb);
  }

  const report: BenchReport = {
    machine,
    options,
    ...(S1 === undefined ? {} : { S1 }),
    ...(S2 === undefined ? {} : { S2 }),
    ...(S3 === undefined ? {} : { S3 }),
    ...(S4 === undefined ? {} : { S4 }),
    ...(S6 === undefined ? {} : { S6 }),
    peakRssMb: Math.max(peakRssMb(), ...rss),
    loadAtEnd: currentLoad(),
    durationSec: (performance.now() - started) / 1000,
    targets: checkTargets({ ...(S1 === undefined ? {} : { S1 }), ...(S2 === undefined ? {} : { S2 }), ...(S3 === undefined ? {} : { S3 }), ...(S6 === undefined ? {} : { S6 }) }),
  };
  return report;
}

async function runS4(options: BenchOptions, runner: typeof inProcessRunner, output: BenchOutput, rss: number[]): Promise<S4Report> {
  const redacted = options.pgUrl.replace(/\/\/[^@/]*@/, '//');
  if (!(await isPostgresReachable(options.pgUrl))) {
    output.print(`PostgreSQL is not reachable at ${redacted}: S4 skipped.`);
    return { skipped: `PostgreSQL not reachable at ${redacted}` };
  }
  const database = await createDedicatedDatabase(options.pgUrl);
  output.print(`(database ${database.name} on ${redacted}, dropped afterwards)`);
  const log = (line: string): void => output.print(line);
  try {
    output.print(`\n-- S4 / S1 on PostgreSQL (N = ${formatNumber(options.n)} per run, ${options.runs} runs) --`);
    const s1 = await runS1({ instances: options.n, warmup: options.warmup, runs: options.runs, database: { kind: 'postgres', url: database.url }, runner, log });
    output.print(s1.table);
    const [small, large] = options.s2Sizes;
    output.print(`\n-- S4 / S2 on PostgreSQL (${formatNumber(small)} and ${formatNumber(large)} interviews) --`);
    const s2 = await runS2Scenario({ small, large, queries: options.s2Queries, runs: options.runs, warmupQueries: Math.min(500, options.s2Queries), database: { kind: 'postgres', url: database.url }, runner, log });
    output.print(s2.table);
    const S1 = numbers(s1);
    const S2 = numbers(s2);
    rss.push(s1Rss(S1), S2.peakRssMb);
    return { server: redacted, S1, S2 };
  } finally {
    await database.drop();
  }
}
