/**
 * `npm run fidelity [-- --only <substring>] [--time-limit <ms>] [--corpus <folder>] [--out <folder>]`:
 * deploys and runs every flow of the corpus (`../shared/flows` by default) in fresh Eddy orgs
 * and writes `fidelity-report.json` and `fidelity-report.md` to the output folder
 * (`fidelity/results/`, git-ignored). See docs/fidelity.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { reportMarkdown } from './report.js';
import { runFidelity } from './run-fidelity.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: resolve(root, '../shared/flows') },
    out: { type: 'string', default: join(root, 'fidelity/results') },
    only: { type: 'string', multiple: true },
    'time-limit': { type: 'string', default: '20000' },
    quiet: { type: 'boolean', default: false },
  },
});

const only = values.only;
const timeLimitMs = Number(values['time-limit']);
if (!Number.isInteger(timeLimitMs) || timeLimitMs <= 0) throw new Error(`--time-limit must be a number of milliseconds, not "${values['time-limit']}".`);

const report = await runFidelity({
  corpusFolder: values.corpus,
  ...(only === undefined ? {} : { only: (path: string) => only.some((part) => path.includes(part)) }),
  limits: { timeLimitMs },
  onFlow: (outcome, done, total) => {
    if (!values.quiet) process.stdout.write(`[${done}/${total}] ${outcome.class.padEnd(14)} ${outcome.path} (${outcome.durationMs} ms)${outcome.class === 'finished' ? '' : `: ${outcome.cause}${outcome.subject === undefined ? '' : ` — ${outcome.subject.slice(0, 140)}`}`}\n`);
  },
});

mkdirSync(values.out, { recursive: true });
writeFileSync(join(values.out, 'fidelity-report.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(values.out, 'fidelity-report.md'), reportMarkdown(report));
const { summary } = report;
process.stdout.write(
  `\n${summary.flows} flows in ${(report.durationMs / 1000).toFixed(1)} s: ${Object.entries(summary.byClass)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')}\n` +
    `Success: ${summary.success.succeeded}/${summary.success.runnable} (${(summary.success.ratio * 100).toFixed(1)}%) of the flows that need nothing outside the corpus.\n` +
    `Report: ${join(values.out, 'fidelity-report.md')}\n`,
);
