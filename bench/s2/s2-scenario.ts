/**
 * S2 — the record page's query at a small and a large interview table: the measurement runs
 * once (the data is generated once and grown), with several timed runs at each size; the table
 * shows min / median / max over those runs, the ratio large/small and the query plan.
 */
import type { BenchDatabase } from '../support/bench-database.js';
import { formatNumber, formatSpread, formatTable } from '../support/format-table.js';
import { ratio, spread } from '../support/stats.js';
import type { TaskRunner } from '../support/task-runner.js';
import type { S2SizeResult } from './run-s2.js';

/** How to run S2. */
export interface S2Options {
  /** The small and the large size (default 10,000 and 1,000,000). */
  readonly small: number;
  readonly large: number;
  readonly queries: number;
  readonly runs: number;
  readonly warmupQueries: number;
  readonly database: BenchDatabase;
  readonly runner: TaskRunner;
  readonly log: (line: string) => void;
}

/** S2's numbers (`10k` is the small size, `1M` the large one; `sizes` says what they were). */
export interface S2Report {
  readonly p50Ms10k: number;
  readonly p99Ms10k: number;
  readonly p50Ms1M: number;
  readonly p99Ms1M: number;
  /** p99 at the large size over p99 at the small size. */
  readonly ratio1Mto10k: number;
  /** The same for the median. */
  readonly ratio1Mto10kP50: number;
  readonly usesIndexes: boolean;
  readonly plan: string;
  readonly peakRssMb: number;
  readonly sizes: readonly S2SizeResult[];
  readonly table: string;
}

/** Runs S2 and summarises. */
export async function runS2Scenario(options: S2Options): Promise<S2Report> {
  const result = await options.runner.run({
    kind: 's2',
    database: options.database,
    sizes: [options.small, options.large],
    queries: options.queries,
    runs: options.runs,
    warmupQueries: options.warmupQueries,
  });
  const [small, large] = result.sizes;
  if (small === undefined || large === undefined) throw new Error('S2 measured fewer than two sizes.');
  for (const size of result.sizes) options.log(`  ${formatNumber(size.interviews)} interviews: p50 ${formatNumber(size.p50Ms)} ms, p99 ${formatNumber(size.p99Ms)} ms (generated in ${formatNumber(size.generateMs / 1000)} s)`);
  const rows = result.sizes.map((size) => [
    formatNumber(size.interviews),
    formatSpread(spread(size.runs.map((run) => run.p50Ms))),
    formatSpread(spread(size.runs.map((run) => run.p99Ms))),
    formatSpread(spread(size.runs.map((run) => run.storeP50Ms))),
    formatSpread(spread(size.runs.map((run) => run.storeP99Ms))),
    `${size.visibleToViewer} of ${size.relatedToRecord}`,
    size.usesIndexes ? 'yes' : 'NO',
  ]);
  const ratioP99 = ratio(large.p99Ms, small.p99Ms);
  const ratioP50 = ratio(large.p50Ms, small.p50Ms);
  const table = [
    formatTable(['interviews', 'list p50 ms', 'list p99 ms', 'SQL p50 ms', 'SQL p99 ms', 'visible', 'indexes'], rows),
    '',
    formatTable(
      ['number', 'value', 'target'],
      [
        [`p99 at ${formatNumber(large.interviews)}`, `${formatNumber(large.p99Ms)} ms`, '< 2 ms'],
        [`p99 ${formatNumber(large.interviews)} / ${formatNumber(small.interviews)}`, formatNumber(ratioP99), '< 1.5'],
        [`p50 ${formatNumber(large.interviews)} / ${formatNumber(small.interviews)}`, formatNumber(ratioP50), ''],
      ],
    ),
    `(min / median / max over ${options.runs} runs of ${formatNumber(options.queries)} queries; "list" is the runtime call the record page makes,`,
    ' "SQL" the interview store\'s statement alone with the access facts already loaded)',
    '',
    `Query plan at ${formatNumber(large.interviews)} interviews:`,
    large.plan
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  ].join('\n');
  return {
    p50Ms10k: small.p50Ms,
    p99Ms10k: small.p99Ms,
    p50Ms1M: large.p50Ms,
    p99Ms1M: large.p99Ms,
    ratio1Mto10k: ratioP99,
    ratio1Mto10kP50: ratioP50,
    usesIndexes: result.sizes.every((size) => size.usesIndexes),
    plan: large.plan,
    peakRssMb: result.peakRssMb,
    sizes: result.sizes,
    table,
  };
}
