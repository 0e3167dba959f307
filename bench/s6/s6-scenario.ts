/**
 * S6: start-up of `eddy serve` with the standard object catalogue. Each run starts a fresh
 * `bin/eddy.js serve` on an empty SQLite database, measures the time until it answers HTTP and
 * its resident set (VmRSS) once it does; with `reference` (a checkout of another revision, e.g.
 * `git worktree add /tmp/eddy-ref <commit>`), the same server of that revision is measured in the
 * same run, alternating, and the ratios are taken per run.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatNumber, formatTable } from '../support/format-table.js';
import { median } from '../support/stats.js';

/** What S6 measures. */
export interface S6Options {
  readonly runs: number;
  /** A checkout of the reference revision (with node_modules), or undefined for this tree alone. */
  readonly reference: string | undefined;
  readonly log: (line: string) => void;
}

/** One start of one server. */
export interface StartSample {
  readonly startMs: number;
  readonly rssMb: number;
}

/** S6's numbers: medians over the runs, and the per-run samples. */
export interface S6Report {
  readonly startMs: number;
  readonly rssMb: number;
  readonly referenceStartMs?: number;
  readonly referenceRssMb?: number;
  /** Median of per-run `startMs / referenceStartMs`. */
  readonly startRatio?: number;
  /** Median of per-run `rssMb / referenceRssMb`. */
  readonly rssRatio?: number;
  readonly samples: readonly StartSample[];
  readonly referenceSamples: readonly StartSample[];
  readonly peakRssMb: number;
  readonly table: string;
}

const HERE = resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function rssMbOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Starts `eddy serve` from `tree`, waits until it answers, and measures it. */
async function measureStart(tree: string): Promise<StartSample> {
  const folder = mkdtempSync(join(tmpdir(), 'eddy-s6-'));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(tree, 'bin/eddy.js'), 'serve', '--port', String(port), '--database', join(folder, 'eddy.db')], {
    cwd: folder,
    env: { ...process.env, EDDY_ADMIN_PASSWORD: 'bench-password-s6', EDDY_DEMO_CLIENT_SECRET: 'bench-secret-s6' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const deadline = started + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`eddy serve from ${tree} exited with ${child.exitCode}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/services/data/`);
        await response.arrayBuffer();
        break;
      } catch {
        if (performance.now() > deadline) throw new Error(`eddy serve from ${tree} did not answer within 120 s`);
        await new Promise((done) => setTimeout(done, 10));
      }
    }
    const startMs = performance.now() - started;
    return { startMs, rssMb: rssMbOf(child.pid ?? 0) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => (child.exitCode !== null ? done(undefined) : child.once('exit', done)));
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Runs S6. */
export async function runS6Scenario(options: S6Options): Promise<S6Report> {
  const samples: StartSample[] = [];
  const referenceSamples: StartSample[] = [];
  // One unmeasured start of each warms the file cache and tsx's transform cache.
  await measureStart(HERE);
  if (options.reference !== undefined) await measureStart(options.reference);
  for (let run = 0; run < options.runs; run++) {
    const current = await measureStart(HERE);
    samples.push(current);
    options.log(`S6 run ${run + 1}: ${formatNumber(current.startMs)} ms, ${formatNumber(current.rssMb)} MB`);
    if (options.reference !== undefined) {
      const reference = await measureStart(options.reference);
      referenceSamples.push(reference);
      options.log(`S6 run ${run + 1} (reference): ${formatNumber(reference.startMs)} ms, ${formatNumber(reference.rssMb)} MB`);
    }
  }
  const startMs = median(samples.map((s) => s.startMs));
  const rssMb = median(samples.map((s) => s.rssMb));
  const rows = [['this tree', formatNumber(startMs), formatNumber(rssMb)]];
  let comparison = {};
  if (referenceSamples.length > 0) {
    const referenceStartMs = median(referenceSamples.map((s) => s.startMs));
    const referenceRssMb = median(referenceSamples.map((s) => s.rssMb));
    const startRatio = median(samples.map((s, i) => s.startMs / (referenceSamples[i]?.startMs ?? NaN)));
    const rssRatio = median(samples.map((s, i) => s.rssMb / (referenceSamples[i]?.rssMb ?? NaN)));
    rows.push(['reference', formatNumber(referenceStartMs), formatNumber(referenceRssMb)], ['ratio', formatNumber(startRatio), formatNumber(rssRatio)]);
    comparison = { referenceStartMs, referenceRssMb, startRatio, rssRatio };
  }
  return {
    startMs,
    rssMb,
    ...comparison,
    samples,
    referenceSamples,
    peakRssMb: Math.max(...samples.map((s) => s.rssMb), ...referenceSamples.map((s) => s.rssMb)),
    table: formatTable(['server (median)', 'start-up ms', 'RSS after start MB'], rows),
  };
}
