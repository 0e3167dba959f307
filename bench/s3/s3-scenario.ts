/**
 * S3 — a REST read under load: `GET /services/data/v59.0/sobjects/FlowInterview/{id}` with a
 * bearer token on Eddy's server, and a bare Fastify route reading the same row by primary key,
 * both served by one process (a child of its own by default) while a separate load process
 * (wrk or autocannon) keeps `connections` connections busy. The two targets alternate, run
 * after run, after a short warm-up of each.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatNumber, formatSpread, formatTable } from '../support/format-table.js';
import { peakRssMb } from '../support/process-usage.js';
import { median, ratio, spread } from '../support/stats.js';
import { childExecArgv } from '../support/task-runner.js';
import { runLoad, type LoadResult, type LoadTool } from './load-generator.js';
import { startS3Servers, type S3Targets } from './s3-servers.js';
import type { ServerProcessMessage } from './server-process.js';

/** How to run S3. */
export interface S3Options {
  readonly runs: number;
  readonly durationSec: number;
  readonly warmupSec: number;
  readonly connections: number;
  readonly tool: LoadTool;
  /** Serve from a child process (default) or from this one. */
  readonly isolate: boolean;
  readonly log: (line: string) => void;
}

/** S3's numbers: medians over the runs (the ratio: the median of each run's ratio). */
export interface S3Report {
  readonly eddyRps: number;
  readonly bareRps: number;
  readonly ratioVsBare: number;
  readonly eddyP50Ms: number;
  readonly eddyP99Ms: number;
  readonly bareP50Ms: number;
  readonly bareP99Ms: number;
  readonly tool: LoadTool;
  readonly connections: number;
  /** Of the serving process. */
  readonly peakRssMb: number;
  readonly runs: { readonly eddy: readonly LoadResult[]; readonly bare: readonly LoadResult[] };
  readonly table: string;
}

const SERVER_PROCESS = fileURLToPath(new URL('./server-process.ts', import.meta.url));

/** Servers and how to stop them (returning the server's peak RSS). */
interface Served {
  readonly targets: S3Targets;
  stop(): Promise<number>;
}

function serveInChild(): Promise<Served> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(SERVER_PROCESS, [], { execArgv: childExecArgv(), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let stopped: ((rss: number) => void) | undefined;
    child.on('message', (message: ServerProcessMessage) => {
      if (message.kind === 'ready') {
        resolve({
          targets: message.targets,
          stop: () =>
            new Promise<number>((done) => {
              stopped = done;
              child.send('stop');
            }),
        });
      } else if (message.kind === 'stopped') {
        stopped?.(message.peakRssMb);
      } else {
        reject(new Error(`S3 server: ${message.error}`));
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`The S3 server process exited with ${code}.`));
    });
  });
}

async function serveInProcess(): Promise<Served> {
  const servers = await startS3Servers();
  return {
    targets: servers,
    async stop() {
      await servers.close();
      return peakRssMb();
    },
  };
}

/** Runs S3 and summarises. */
export async function runS3Scenario(options: S3Options): Promise<S3Report> {
  const served = options.isolate ? await serveInChild() : await serveInProcess();
  const eddy: LoadResult[] = [];
  const bare: LoadResult[] = [];
  let serverRss: number;
  try {
    const { targets } = served;
    const load = (url: string, headers: Readonly<Record<string, string>>, durationSec: number) =>
      runLoad({ tool: options.tool, url, headers, connections: options.connections, durationSec });
    if (options.warmupSec > 0) {
      await load(targets.eddyUrl, targets.eddyHeaders, options.warmupSec);
      await load(targets.bareUrl, {}, options.warmupSec);
    }
    for (let run = 1; run <= options.runs; run++) {
      const e = await load(targets.eddyUrl, targets.eddyHeaders, options.durationSec);
      const b = await load(targets.bareUrl, {}, options.durationSec);
      eddy.push(e);
      bare.push(b);
      options.log(`  run ${run}: Eddy ${formatNumber(e.requestsPerSec)} req/s, bare ${formatNumber(b.requestsPerSec)} req/s`);
    }
  } finally {
    serverRss = await served.stop();
  }
  const ratios = eddy.map((e, i) => ratio(e.requestsPerSec, bare[i]?.requestsPerSec ?? Number.NaN));
  const row = (label: string, results: readonly LoadResult[]) => [
    label,
    formatSpread(spread(results.map((r) => r.requestsPerSec))),
    formatSpread(spread(results.map((r) => r.p50Ms))),
    formatSpread(spread(results.map((r) => r.p99Ms))),
  ];
  const table = [
    formatTable(['route', 'requests/s', 'p50 ms', 'p99 ms'], [row('Eddy GET FlowInterview', eddy), row('bare Fastify, same row', bare)]),
    '',
    formatTable(['ratio (per run)', 'min / median / max', 'target'], [['Eddy / bare', formatSpread(spread(ratios)), '≥ 0.70']]),
    `(${options.tool}, ${options.connections} connections, ${options.durationSec} s per run, ${options.runs} runs alternating; server peak RSS ${formatNumber(serverRss)} MB)`,
  ].join('\n');
  return {
    eddyRps: median(eddy.map((r) => r.requestsPerSec)),
    bareRps: median(bare.map((r) => r.requestsPerSec)),
    ratioVsBare: median(ratios),
    eddyP50Ms: median(eddy.map((r) => r.p50Ms)),
    eddyP99Ms: median(eddy.map((r) => r.p99Ms)),
    bareP50Ms: median(bare.map((r) => r.p50Ms)),
    bareP99Ms: median(bare.map((r) => r.p99Ms)),
    tool: options.tool,
    connections: options.connections,
    peakRssMb: serverRss,
    runs: { eddy, bare },
    table,
  };
}
