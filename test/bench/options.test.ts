/** The benchmark's command line and its targets. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PG_URL, parseBenchOptions } from '../../bench/bench-options.js';
import { checkTargets } from '../../bench/targets.js';

describe('benchmark options', () => {
  it('defaults to every scenario, 2,000 instances, 3 runs and S2 at 10,000 and 1,000,000 interviews', () => {
    const options = parseBenchOptions([], {});
    expect(options).toMatchObject({ scenarios: ['S1', 'S2', 'S3', 'S4'], n: 2000, runs: 3, warmup: 200, s2Sizes: [10_000, 1_000_000], s3Connections: 50, pgUrl: DEFAULT_PG_URL, inProcess: false });
    expect(options.json).toBeUndefined();
  });

  it('reads --n, --runs, --scenarios, --json and EDDY_BENCH_PG_URL', () => {
    const options = parseBenchOptions(['--n', '500', '--runs', '5', '--scenarios', 's1,S2', '--json', 'out.json'], { EDDY_BENCH_PG_URL: 'postgres://x@db/y' });
    expect(options).toMatchObject({ n: 500, runs: 5, warmup: 50, scenarios: ['S1', 'S2'], json: 'out.json', pgUrl: 'postgres://x@db/y' });
  });

  it('refuses an unknown scenario and sizes in the wrong order', () => {
    expect(() => parseBenchOptions(['--scenarios', 'S9'], {})).toThrow(/unknown scenario "S9"/);
    expect(() => parseBenchOptions(['--s2-sizes', '1000,10'], {})).toThrow(/small then large/);
  });
});

describe('benchmark targets', () => {
  it('meets or misses each target by its threshold', () => {
    const checks = checkTargets({
      S1: { ratioVsBpmnEngine: 25, ratioVsRawLimit: 0.2, bytesPerPausedInterview: 700 },
      S2: { p99Ms1M: 2.5, ratio1Mto10k: 1.1 },
      S3: { ratioVsBare: Number.NaN },
    });
    expect(checks.map((check) => [check.name, check.met])).toEqual([
      ['S1.ratioVsBpmnEngine', true],
      ['S1.ratioVsRawLimit', false],
      ['S1.bytesPerPausedInterview', true],
      ['S2.p99Ms1M', false],
      ['S2.ratio1Mto10k', true],
      ['S3.ratioVsBare', false],
    ]);
  });
});
