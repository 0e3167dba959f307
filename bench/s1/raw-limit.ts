/**
 * The limit the database sets: the same number of single-row write transactions per instance as
 * Eddy commits, each writing a row of the size Eddy persists, with nothing else — no engine,
 * no query builder, no access checks. One insert, then updates of the same row.
 */
import type { StateTable } from './state-table.js';
import type { WorkCounts } from './work-counts.js';

/** A payload of `bytes` ASCII bytes that differs by `serial`. */
export function payloadOf(bytes: number, serial: number): string {
  const head = `{"serial":${serial},"pad":"`;
  const tail = '"}';
  return head + 'x'.repeat(Math.max(0, bytes - head.length - tail.length)) + tail;
}

/** Writes instance `id`: `writesPerInstance` single-row transactions of `payloadBytes` each. */
export async function runRawLimitInstance(table: StateTable, id: string, writesPerInstance: number, payloadBytes: number, counts: WorkCounts): Promise<void> {
  await table.insert(id, 'running', payloadOf(payloadBytes, 0));
  counts.started++;
  counts.writes++;
  for (let write = 1; write < writesPerInstance; write++) {
    await table.update(id, write === writesPerInstance - 1 ? 'completed' : 'running', payloadOf(payloadBytes, write));
    counts.writes++;
  }
  counts.finished++;
}
