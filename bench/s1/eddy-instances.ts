/**
 * S1 through Eddy's runtime: each instance is started, rests at screen A, is paused, resumed,
 * submitted (the decision sends it to screen B), paused, resumed and finished — every step one
 * call of the interview service, so one transaction that loads the interview from the database,
 * checks access, steps the engine and saves it, as the REST API or the CLI would do it.
 */
import { sql } from 'kysely';
import type { Storage } from '../../src/runtime/ports/index.js';
import type { InterviewView } from '../../src/runtime/interviews/interview-service.js';
import type { EddyDatabase } from '../../src/storage/index.js';
import type { Scratch } from '../support/bench-database.js';
import { BENCH_FLOW, openEddyOrg, type EddyOrg } from '../support/eddy-org.js';
import type { LatencySamples } from '../support/stats.js';
import { newWorkCounts, type WorkCounts } from './work-counts.js';

/** An Eddy org ready to run S1 instances, with its work counters. */
export interface EddyS1 {
  readonly org: EddyOrg;
  readonly counts: WorkCounts;
}

/** The bytes Eddy persists for a paused interview (the FlowInterview row as stored). */
export interface PausedSize {
  /** Every column of the interview row. */
  readonly rowBytes: number;
  /** The engine state JSON alone. */
  readonly stateBytes: number;
}

/**
 * Storage whose committed transactions are counted in `counts.writes`; everything else is the
 * database itself.
 */
function countingStorage(database: EddyDatabase, counts: WorkCounts): Storage {
  return new Proxy(database, {
    get(target, property) {
      if (property === 'transaction') {
        return async <T>(work: Parameters<Storage['transaction']>[0]): Promise<T> => {
          const result = (await target.transaction(work)) as T;
          counts.writes++;
          return result;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Opens Eddy on `scratch` for S1 (counters start at zero after the setup). */
export async function openEddyS1(scratch: Scratch): Promise<EddyS1> {
  const counts = newWorkCounts();
  const org = await openEddyOrg(scratch, { wrapStorage: (database) => countingStorage(database, counts) });
  Object.assign(counts, newWorkCounts());
  return { org, counts };
}

function expectView(view: InterviewView, awaiting: InterviewView['awaiting'], screen: string | undefined, step: string): void {
  if (view.awaiting !== awaiting || (screen !== undefined && view.screen?.name !== screen)) {
    throw new Error(`S1 (Eddy) ${step}: expected ${awaiting}${screen === undefined ? '' : ` at ${screen}`}, got ${view.awaiting} at ${view.screen?.name ?? '-'} (${view.fault?.message ?? ''})`);
  }
}

/**
 * Runs one instance through both pause/resume cycles. `cycles` receives the time of each
 * pause → persist → load → resume cycle (the `pause` call and the `resume` call after it).
 * `onPaused` is called at each pause (outside the timed cycle when measuring sizes).
 */
export async function runEddyInstance(s1: EddyS1, cycles?: LatencySamples, onPaused?: (interviewId: string) => Promise<void>): Promise<void> {
  const { runtime, userId } = s1.org;
  const { counts } = s1;
  const started = await runtime.interviews.start(userId, BENCH_FLOW);
  expectView(started, 'screen', 'Screen_A', 'start');
  counts.started++;
  counts.waits++;
  const id = started.interview.Id;
  for (const [screen, submit] of [
    ['Screen_A', { action: 'NEXT', values: { Approve: true } }],
    ['Screen_B', { action: 'FINISH', values: { Comment: 'Looks good.' } }],
  ] as const) {
    const pausedAt = performance.now();
    const paused = await runtime.interviews.pause(userId, id);
    expectView(paused, 'paused', screen, `pause at ${screen}`);
    counts.pauses++;
    if (onPaused !== undefined) await onPaused(id);
    const resumed = await runtime.interviews.resume(userId, id);
    if (onPaused === undefined) cycles?.add(performance.now() - pausedAt);
    expectView(resumed, 'screen', screen, `resume at ${screen}`);
    counts.resumes++;
    const next = await runtime.interviews.navigate(userId, id, submit);
    if (screen === 'Screen_A') {
      expectView(next, 'screen', 'Screen_B', 'submit Screen_A');
      counts.waits++;
    } else {
      expectView(next, 'finished', undefined, 'submit Screen_B');
      counts.finished++;
    }
  }
}

/** The stored size of a row: UTF-8 bytes of text, 8 bytes per number. */
export function storedRowBytes(row: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const value of Object.values(row)) {
    if (typeof value === 'string') bytes += Buffer.byteLength(value, 'utf8');
    else if (typeof value === 'number' || typeof value === 'bigint') bytes += 8;
    else if (value !== null && value !== undefined) bytes += Buffer.byteLength(JSON.stringify(value), 'utf8');
  }
  return bytes;
}

/** Runs one more instance (untimed) and measures the paused interview row at both pauses. */
export async function measureEddyPausedSize(s1: EddyS1): Promise<PausedSize> {
  const sizes: PausedSize[] = [];
  await runEddyInstance(s1, undefined, async (interviewId) => {
    const { rows } = await sql<Record<string, unknown>>`select * from flow_interviews where ${sql.ref('Id')} = ${interviewId}`.execute(s1.org.database.db);
    const row = rows[0];
    if (row === undefined) throw new Error(`Interview ${interviewId} is not stored.`);
    const state = row['state'];
    sizes.push({ rowBytes: storedRowBytes(row), stateBytes: typeof state === 'string' ? Buffer.byteLength(state, 'utf8') : Buffer.byteLength(JSON.stringify(state), 'utf8') });
  });
  return {
    rowBytes: sizes.reduce((sum, size) => sum + size.rowBytes, 0) / sizes.length,
    stateBytes: sizes.reduce((sum, size) => sum + size.stateBytes, 0) / sizes.length,
  };
}
