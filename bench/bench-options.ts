/** The options of `npm run bench`, parsed from the command line. */
import { Command, InvalidArgumentError } from 'commander';
import { defaultLoadTool, type LoadTool } from './s3/load-generator.js';

/** The scenarios. */
export type ScenarioName = 'S1' | 'S2' | 'S3' | 'S4' | 'S6';

/** Everything a benchmark invocation needs to know. */
export interface BenchOptions {
  readonly scenarios: readonly ScenarioName[];
  /** S1 instances per run. */
  readonly n: number;
  readonly runs: number;
  /** S1 warm-up instances per measurement. */
  readonly warmup: number;
  /** S2's small and large interview counts. */
  readonly s2Sizes: readonly [number, number];
  readonly s2Queries: number;
  readonly s3DurationSec: number;
  readonly s3Connections: number;
  readonly s3Tool: LoadTool;
  /** PostgreSQL server for S4 (a database is created there and dropped). */
  readonly pgUrl: string;
  /** S6: a checkout of the reference revision to compare start-up with (e.g. a `git worktree` of main). */
  readonly s6Reference: string | undefined;
  /** Where to write the JSON report. */
  readonly json: string | undefined;
  /** Run every measurement in this process instead of a child process each. */
  readonly inProcess: boolean;
}

/** The default PostgreSQL server. */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

const SCENARIOS: readonly ScenarioName[] = ['S1', 'S2', 'S3', 'S4', 'S6'];
/** Scenarios run when `--scenarios` is not given (S6 starts servers of two revisions: asked for by name). */
const DEFAULT_SCENARIOS: readonly ScenarioName[] = ['S1', 'S2', 'S3', 'S4'];

function positiveInteger(text: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('a positive integer is expected.');
  return value;
}

function nonNegativeInteger(text: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError('an integer of at least 0 is expected.');
  return value;
}

function scenarioList(text: string): ScenarioName[] {
  const names = text.split(',').map((name) => name.trim().toUpperCase()).filter((name) => name !== '');
  for (const name of names) if (!SCENARIOS.includes(name as ScenarioName)) throw new InvalidArgumentError(`unknown scenario "${name}" (S1, S2, S3, S4, S6).`);
  if (names.length === 0) throw new InvalidArgumentError('name at least one scenario.');
  return [...new Set(names)] as ScenarioName[];
}

function sizePair(text: string): [number, number] {
  const sizes = text.split(',').map((size) => positiveInteger(size.trim()));
  const [small, large] = sizes;
  if (sizes.length !== 2 || small === undefined || large === undefined || small >= large) throw new InvalidArgumentError('two sizes, small then large, are expected (e.g. 10000,1000000).');
  return [small, large];
}

function loadTool(text: string): LoadTool {
  if (text !== 'wrk' && text !== 'autocannon') throw new InvalidArgumentError('wrk or autocannon.');
  return text;
}

/** Parses `argv` (without `node` and the script); `env` supplies `EDDY_BENCH_PG_URL`. */
export function parseBenchOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): BenchOptions {
  const program = new Command('npm run bench --')
    .description('Eddy benchmarks: S1 pause/resume cycle (vs bpmn-engine and the raw SQLite limit), S2 record-page query, S3 REST read, S4 S1 and S2 on PostgreSQL, S6 start-up time and memory of eddy serve.')
    .option('--scenarios <list>', 'scenarios to run, comma-separated', scenarioList, [...DEFAULT_SCENARIOS])
    .option('--n <count>', 'S1 (and S4) instances per run', positiveInteger, 2000)
    .option('--runs <count>', 'runs per scenario (min / median / max over them)', positiveInteger, 3)
    .option('--warmup <count>', 'S1 warm-up instances before each measurement (default: n / 10, at most 200)', nonNegativeInteger)
    .option('--s2-sizes <small,large>', 'S2 interview counts', sizePair, [10_000, 1_000_000] as [number, number])
    .option('--s2-queries <count>', 'S2 timed queries per run', positiveInteger, 2000)
    .option('--s3-duration <seconds>', 'S3 load seconds per run', positiveInteger, 10)
    .option('--s3-connections <count>', 'S3 concurrent connections', positiveInteger, 50)
    .option('--s3-tool <tool>', 'S3 load generator: wrk or autocannon (default wrk when installed)', loadTool)
    .option('--pg-url <url>', 'PostgreSQL server for S4 (default EDDY_BENCH_PG_URL, else the local server)')
    .option('--s6-reference <folder>', 'S6: a checkout of the revision to compare start-up with (git worktree add <folder> <commit>, node_modules linked)')
    .option('--json <file>', 'also write the numbers as JSON to this file')
    .option('--in-process', 'run every measurement in this process (default: a child process each)', false)
    .exitOverride();
  program.parse([...argv], { from: 'user' });
  const options = program.opts<{
    scenarios: ScenarioName[];
    n: number;
    runs: number;
    warmup?: number;
    s2Sizes: [number, number];
    s2Queries: number;
    s3Duration: number;
    s3Connections: number;
    s3Tool?: LoadTool;
    pgUrl?: string;
    s6Reference?: string;
    json?: string;
    inProcess: boolean;
  }>();
  return {
    scenarios: options.scenarios,
    n: options.n,
    runs: options.runs,
    warmup: options.warmup ?? Math.min(200, Math.floor(options.n / 10)),
    s2Sizes: options.s2Sizes,
    s2Queries: options.s2Queries,
    s3DurationSec: options.s3Duration,
    s3Connections: options.s3Connections,
    s3Tool: options.s3Tool ?? defaultLoadTool(),
    pgUrl: options.pgUrl ?? env.EDDY_BENCH_PG_URL ?? DEFAULT_PG_URL,
    s6Reference: options.s6Reference,
    json: options.json,
    inProcess: options.inProcess,
  };
}
