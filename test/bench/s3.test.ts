/**
 * A smoke run of S3: both servers answer under a short load from a separate load process, and
 * the report has the right shape.
 */
import { describe, expect, it } from 'vitest';
import { defaultLoadTool } from '../../bench/s3/load-generator.js';
import { runS3Scenario } from '../../bench/s3/s3-scenario.js';

describe('S3 — REST read under load', () => {
  it('loads Eddy GET FlowInterview and the bare route and reports requests/s, p99 and the ratio', async () => {
    const report = await runS3Scenario({ runs: 1, durationSec: 1, warmupSec: 0, connections: 4, tool: defaultLoadTool(), isolate: false, log: () => undefined });
    for (const value of [report.eddyRps, report.bareRps, report.ratioVsBare, report.eddyP99Ms, report.bareP99Ms]) {
      expect(Number.isFinite(value) && value > 0).toBe(true);
    }
    expect(report.runs.eddy).toHaveLength(1);
    expect(report.runs.bare).toHaveLength(1);
    expect(report.table).toContain('Eddy / bare');
  }, 60_000);
});
