/**
 * Smoke runs of S1 (tiny N, in this process) so the benchmark does not rot, and the check that
 * keeps the comparison fair: bpmn-engine's model does the same work as Eddy's flow — the same
 * waits at a screen / user task, pauses, resumes and persisted write transactions.
 */
import { describe, expect, it } from 'vitest';
import { runS1System, type S1SystemResult } from '../../bench/s1/run-s1-system.js';
import { runS1 } from '../../bench/s1/s1-scenario.js';
import { inProcessRunner } from '../../bench/support/task-runner.js';

function expectPositive(value: number): void {
  expect(Number.isFinite(value)).toBe(true);
  expect(value).toBeGreaterThan(0);
}

describe('S1 — pause/resume cycle', () => {
  it('does the same work in bpmn-engine as in Eddy: two waits, two pauses, two resumes and seven writes per instance', async () => {
    const instances = 3;
    const base = { kind: 's1', instances, warmup: 1, database: { kind: 'sqlite' } } as const;
    const eddy = await runS1System({ ...base, system: 'eddy' });
    const bpmnEngine = await runS1System({ ...base, system: 'bpmnEngine' });
    expect(eddy.counts).toEqual({ started: instances, waits: 2 * instances, pauses: 2 * instances, resumes: 2 * instances, writes: 7 * instances, finished: instances });
    expect(bpmnEngine.counts).toEqual(eddy.counts);
    const raw = await runS1System({ ...base, system: 'rawLimit', payloadBytes: Math.round(eddy.bytesPerPausedInterview), writesPerInstance: eddy.writesPerInstance });
    expect(raw.counts.writes).toBe(eddy.counts.writes);
  });

  it('runs every system and reports instances/s, cycle latencies, bytes per pause, ratios and a table', async () => {
    const log: string[] = [];
    const report = await runS1({ instances: 2, warmup: 0, runs: 2, database: { kind: 'sqlite' }, runner: inProcessRunner, log: (line) => log.push(line) });
    for (const value of [report.eddyPerSec, report.bpmnEnginePerSec, report.rawLimitPerSec, report.ratioVsBpmnEngine, report.ratioVsRawLimit, report.cycleP50Ms, report.cycleP99Ms]) {
      expectPositive(value);
    }
    expect(report.cycleP99Ms).toBeGreaterThanOrEqual(report.cycleP50Ms);
    // The paused row holds the state and the FlowInterview fields; the peer's state embeds its definition.
    expect(report.bytesPerPausedInterview).toBeGreaterThan(report.stateBytesPerPausedInterview);
    expect(report.bpmnEngineBytesPerPausedInterview).toBeGreaterThan(report.stateBytesPerPausedInterview);
    expect(report.writesPerInstance).toEqual({ eddy: 7, bpmnEngine: 7, rawLimit: 7 });
    for (const system of ['eddy', 'bpmnEngine', 'rawLimit'] as const) {
      expect(report.runs[system]).toHaveLength(2);
      expectPositive(report.peakRssMb[system]);
      expectPositive(report.cpuMsPerInstance[system]);
    }
    expect(report.table).toMatch(/Eddy .*\n.*bpmn-engine .*\n.*raw limit /);
    expect(report.table).toContain('Eddy / bpmn-engine');
    expect(log.filter((line) => line.includes('run 2:'))).toHaveLength(3);
  });

  it('counts a raw-limit instance as the given number of single-row writes', async () => {
    const result: S1SystemResult = await runS1System({ kind: 's1', system: 'rawLimit', instances: 4, warmup: 0, database: { kind: 'sqlite' }, payloadBytes: 300, writesPerInstance: 5 });
    expect(result.counts).toMatchObject({ started: 4, writes: 20, finished: 4 });
    expect(result.bytesPerPausedInterview).toBe(300);
    expect(Number.isNaN(result.cycleP50Ms)).toBe(true);
  });
});
