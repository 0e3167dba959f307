/**
 * A smoke run of S4 (S1 and S2 on PostgreSQL) in a database of its own, when the test run has
 * PostgreSQL (`EDDY_TEST_PG_URL`).
 */
import { describe, expect, it } from 'vitest';
import { runS1 } from '../../bench/s1/s1-scenario.js';
import { runS2Scenario } from '../../bench/s2/s2-scenario.js';
import { createDedicatedDatabase } from '../../bench/support/bench-database.js';
import { inProcessRunner } from '../../bench/support/task-runner.js';

const url = process.env.EDDY_TEST_PG_URL;

describe.skipIf(url === undefined)('S4 — S1 and S2 on PostgreSQL', () => {
  it('runs S1 and S2 in a dedicated database and drops it', async () => {
    const database = await createDedicatedDatabase(url as string);
    try {
      const pg = { kind: 'postgres', url: database.url } as const;
      const s1 = await runS1({ instances: 2, warmup: 0, runs: 1, database: pg, runner: inProcessRunner, log: () => undefined });
      expect(s1.writesPerInstance).toEqual({ eddy: 7, bpmnEngine: 7, rawLimit: 7 });
      expect(Number.isFinite(s1.ratioVsBpmnEngine) && s1.ratioVsRawLimit > 0).toBe(true);
      const s2 = await runS2Scenario({ small: 40, large: 200, queries: 5, runs: 1, warmupQueries: 1, database: pg, runner: inProcessRunner, log: () => undefined });
      expect(s2.sizes.map((size) => [size.interviews, size.visibleToViewer])).toEqual([
        [40, 9],
        [200, 9],
      ]);
      // At this size PostgreSQL rightly scans; the plan is reported either way.
      expect(s2.plan).toMatch(/flow_record_relations/);
    } finally {
      await database.drop();
    }
  }, 120_000);
});
