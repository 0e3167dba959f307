/**
 * `npm run bench [-- --json FILE --n 2000 --runs 3 --scenarios S1,S2,S3,S4 ...]`: Eddy's
 * benchmarks (see `docs/benchmarks.md`). Prints each scenario's table and a summary of the
 * numbers against the targets; `--json` also writes them as JSON. Not part of the test run.
 */
import { writeFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { parseBenchOptions } from './bench-options.js';
import { runBenchmarks, type BenchReport } from './run-benchmarks.js';
import { formatNumber, formatTable } from './support/format-table.js';

function summary(report: BenchReport): string {
  const rows: string[][] = [];
  const add = (name: string, value: number | undefined, unit = ''): void => {
    if (value !== undefined) rows.push([name, `${formatNumber(value)}${unit}`]);
  };
  add('S1.eddyPerSec', report.S1?.eddyPerSec);
  add('S1.bpmnEnginePerSec', report.S1?.bpmnEnginePerSec);
  add('S1.rawLimitPerSec', report.S1?.rawLimitPerSec);
  add('S1.ratioVsBpmnEngine', report.S1?.ratioVsBpmnEngine);
  add('S1.ratioVsRawLimit', report.S1?.ratioVsRawLimit);
  add('S1.bytesPerPausedInterview', report.S1?.bytesPerPausedInterview, ' B');
  add('S1.cycleP50Ms', report.S1?.cycleP50Ms, ' ms');
  add('S1.cycleP99Ms', report.S1?.cycleP99Ms, ' ms');
  add('S2.p99Ms10k', report.S2?.p99Ms10k, ' ms');
  add('S2.p99Ms1M', report.S2?.p99Ms1M, ' ms');
  add('S2.ratio1Mto10k', report.S2?.ratio1Mto10k);
  add('S3.eddyRps', report.S3?.eddyRps, ' req/s');
  add('S3.bareRps', report.S3?.bareRps, ' req/s');
  add('S3.ratioVsBare', report.S3?.ratioVsBare);
  if (report.S4 !== undefined && 'server' in report.S4) {
    add('S4.S1.eddyPerSec', report.S4.S1?.eddyPerSec);
    add('S4.S1.ratioVsBpmnEngine', report.S4.S1?.ratioVsBpmnEngine);
    add('S4.S1.ratioVsRawLimit', report.S4.S1?.ratioVsRawLimit);
    add('S4.S2.p99Ms1M', report.S4.S2?.p99Ms1M, ' ms');
    add('S4.S2.ratio1Mto10k', report.S4.S2?.ratio1Mto10k);
  }
  add('S6.startMs', report.S6?.startMs, ' ms');
  add('S6.rssMb', report.S6?.rssMb, ' MB');
  add('S6.referenceStartMs', report.S6?.referenceStartMs, ' ms');
  add('S6.referenceRssMb', report.S6?.referenceRssMb, ' MB');
  add('S6.startRatio', report.S6?.startRatio);
  add('S6.rssRatio', report.S6?.rssRatio);
  add('peakRssMb', report.peakRssMb, ' MB');
  const targets = report.targets.map((check) => [check.name, formatNumber(check.value), check.target, check.met ? 'met' : 'MISSED']);
  return [
    formatTable(['number (median over runs)', 'value'], rows),
    '',
    formatTable(['target', 'value', 'goal', ''], targets),
    '',
    `Load average at the end: ${report.loadAtEnd.join(' ')} (at the start: ${report.machine.loadAtStart.join(' ')}); ${formatNumber(report.durationSec)} s in all.`,
  ].join('\n');
}

try {
  const options = parseBenchOptions(process.argv.slice(2));
  const report = await runBenchmarks(options, { print: (text) => process.stdout.write(`${text}\n`) });
  process.stdout.write(`\n== Summary ==\n${summary(report)}\n`);
  if (options.json !== undefined) {
    writeFileSync(options.json, `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2)}\n`);
    process.stdout.write(`Numbers written to ${options.json}.\n`);
  }
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  throw error;
}
