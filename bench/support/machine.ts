/** The machine a benchmark ran on, for the report: cores, CPU, memory, Node, SQLite, load. */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import Database from 'better-sqlite3';

/** What the report says about the machine. */
export interface MachineInfo {
  readonly nproc: number;
  readonly cpuModel: string;
  readonly memoryGb: number;
  readonly node: string;
  readonly sqlite: string;
  readonly bpmnEngine: string;
  readonly autocannon: string;
  readonly platform: string;
  /** 1-, 5- and 15-minute load averages when the benchmark started. */
  readonly loadAtStart: readonly number[];
  readonly startedAt: string;
}

function packageVersion(name: string): string {
  try {
    const manifest = readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8');
    return (JSON.parse(manifest) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function sqliteVersion(): string {
  const db = new Database(':memory:');
  try {
    return (db.prepare('select sqlite_version() as version').get() as { version: string }).version;
  } finally {
    db.close();
  }
}

/** Describes this machine now. */
export function describeMachine(): MachineInfo {
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    sqlite: sqliteVersion(),
    bpmnEngine: packageVersion('bpmn-engine'),
    autocannon: packageVersion('autocannon'),
    platform: `${process.platform} ${process.arch}`,
    loadAtStart: loadavg().map((load) => Math.round(load * 100) / 100),
    startedAt: new Date().toISOString(),
  };
}

/** The load averages now, rounded. */
export function currentLoad(): number[] {
  return loadavg().map((load) => Math.round(load * 100) / 100);
}
