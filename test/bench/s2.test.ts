/**
 * A smoke run of S2 at tiny sizes: the record page's query is answered with exactly the
 * interviews the viewer may see, the numbers have the right shape and the plan uses the indexes.
 */
import { describe, expect, it } from 'vitest';
import { runS2Scenario } from '../../bench/s2/s2-scenario.js';
import { sequentialId, seededRandom } from '../../bench/s2/generate-interviews.js';
import { inProcessRunner } from '../../bench/support/task-runner.js';
import { isValidId } from '../../src/runtime/org/ids.js';

describe('S2 — paused interviews of a record', () => {
  it('measures the list by record at two sizes, with the query plan using the indexes', async () => {
    const report = await runS2Scenario({ small: 60, large: 400, queries: 10, runs: 2, warmupQueries: 2, database: { kind: 'sqlite' }, runner: inProcessRunner, log: () => undefined });
    expect(report.sizes.map((size) => size.interviews)).toEqual([60, 400]);
    for (const size of report.sizes) {
      expect(size).toMatchObject({ relatedToRecord: 12, visibleToViewer: 9, usesIndexes: true });
      expect(size.runs).toHaveLength(2);
    }
    for (const value of [report.p50Ms10k, report.p99Ms10k, report.p50Ms1M, report.p99Ms1M, report.ratio1Mto10k]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    expect(report.plan).toMatch(/flow_record_relations_record/);
    expect(report.table).toContain('Query plan at 400 interviews');
  }, 60_000);

  it('generates valid, distinct IDs and the same data on every run', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => sequentialId('0Fo', i));
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => isValidId(id) && id.startsWith('0Fo0B'))).toBe(true);
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });
});
