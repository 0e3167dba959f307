/**
 * The load for S3, from a separate process: wrk (C, one thread, when installed) or autocannon
 * (Node), `connections` keep-alive connections for `durationSec` seconds against one URL.
 * Any failed or non-2xx response makes the measurement fail: a fast error is not a result.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The load generators S3 can use. */
export type LoadTool = 'wrk' | 'autocannon';

/** One load run. */
export interface LoadRequest {
  readonly tool: LoadTool;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly connections: number;
  readonly durationSec: number;
}

/** What a load run measured. */
export interface LoadResult {
  readonly requestsPerSec: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

const WRK_SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));
const AUTOCANNON = fileURLToPath(new URL('../../node_modules/autocannon/autocannon.js', import.meta.url));

/** wrk when it is on the PATH, else autocannon. */
export function defaultLoadTool(): LoadTool {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined ? 'wrk' : 'autocannon';
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} exited with ${code}: ${stderr || stdout}`))));
  });
}

function lastJsonLine(output: string): unknown {
  const line = output
    .split('\n')
    .reverse()
    .find((candidate) => candidate.trim().startsWith('{'));
  if (line === undefined) throw new Error(`The load generator printed no JSON result: ${output}`);
  return JSON.parse(line);
}

interface WrkReport {
  readonly requests: number;
  readonly durationUs: number;
  readonly connectErrors: number;
  readonly readErrors: number;
  readonly writeErrors: number;
  readonly statusErrors: number;
  readonly timeouts: number;
  readonly p50Us: number;
  readonly p99Us: number;
}

interface AutocannonReport {
  readonly requests: { readonly total: number };
  readonly duration: number;
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

/** Runs the load and returns what it measured. */
export async function runLoad(request: LoadRequest): Promise<LoadResult> {
  const headerPairs = Object.entries(request.headers);
  if (request.tool === 'wrk') {
    const args = ['-t1', `-c${request.connections}`, `-d${request.durationSec}s`, '--timeout', '10s', '-s', WRK_SCRIPT, ...headerPairs.flatMap(([name, value]) => ['-H', `${name}: ${value}`]), request.url];
    const report = lastJsonLine(await run('wrk', args)) as WrkReport;
    const failures = report.connectErrors + report.readErrors + report.writeErrors + report.statusErrors + report.timeouts;
    if (failures > 0 || report.requests === 0) throw new Error(`wrk against ${request.url}: ${failures} failed requests of ${report.requests} (${JSON.stringify(report)})`);
    return { requestsPerSec: report.requests / (report.durationUs / 1e6), p50Ms: report.p50Us / 1000, p99Ms: report.p99Us / 1000, requests: report.requests };
  }
  const args = [AUTOCANNON, '-c', String(request.connections), '-d', String(request.durationSec), '-j', '-n', ...headerPairs.flatMap(([name, value]) => ['-H', `${name}=${value}`]), request.url];
  const report = lastJsonLine(await run(process.execPath, args)) as AutocannonReport;
  const failures = report.errors + report.timeouts + report.non2xx;
  if (failures > 0 || report.requests.total === 0) throw new Error(`autocannon against ${request.url}: ${failures} failed requests of ${report.requests.total}`);
  return { requestsPerSec: report.requests.total / report.duration, p50Ms: report.latency.p50, p99Ms: report.latency.p99, requests: report.requests.total };
}
