/**
 * Runs `eddy validate --json` over the flow corpus (`../shared/flows`): every file must parse
 * without a crash, at least 95% must have no error, and the files with errors must be exactly
 * those listed, with their codes and reasons, in test/fixtures/validate-expectations.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeWithShared } from '../support/shared-folder.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/timeouts.js';
import { REPO_ROOT, runEddy } from './run-eddy.js';

interface Expectations {
  readonly corpus: string;
  readonly minimumOkRatio: number;
  readonly filesWithErrors: Readonly<Record<string, { readonly codes: readonly string[]; readonly reason: string }>>;
}

interface Report {
  readonly files: readonly { path: string; ok: boolean; diagnostics: readonly { code: string; severity: string }[] }[];
  readonly summary: { files: number; ok: number; unsupported: Record<string, number> };
}

const expectations = JSON.parse(readFileSync(path.join(REPO_ROOT, 'test/fixtures/validate-expectations.json'), 'utf8')) as Expectations;
const corpus = path.resolve(REPO_ROOT, expectations.corpus);

function countFlowFiles(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce(
    (count, entry) => count + (entry.isDirectory() ? countFlowFiles(path.join(folder, entry.name)) : /\.flow(-meta\.xml)?$/.test(entry.name) ? 1 : 0),
    0,
  );
}

// The corpus is the shared folder's (`../shared/flows`): skipped without it, failing under CI.
describeWithShared('eddy validate over the flow corpus', () => {
  let run: { code: number; stdout: string; stderr: string };
  let report: Report;

  beforeAll(async () => {
    run = await runEddy(['validate', corpus, '--json']);
    report = JSON.parse(run.stdout) as Report;
  }, PROCESS_TEST_TIMEOUT_MS);

  it('parses every file without a crash', () => {
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    expect(report.summary.files).toBe(countFlowFiles(corpus));
  });

  it(`has no error in at least ${expectations.minimumOkRatio * 100}% of the files`, () => {
    expect(report.summary.ok / report.summary.files).toBeGreaterThanOrEqual(expectations.minimumOkRatio);
  });

  it('reports errors in exactly the files listed in the expectations, with the listed codes', () => {
    const actual = Object.fromEntries(
      report.files
        .filter((file) => !file.ok)
        .map((file) => [path.relative(corpus, file.path).split(path.sep).join('/'), [...new Set(file.diagnostics.filter((item) => item.severity === 'error').map((item) => item.code))].sort()]),
    );
    const expected = Object.fromEntries(Object.entries(expectations.filesWithErrors).map(([file, entry]) => [file, [...entry.codes].sort()]));
    expect(actual).toEqual(expected);
  });

  it('gives a reason for every expected error', () => {
    for (const entry of Object.values(expectations.filesWithErrors)) expect(entry.reason.length).toBeGreaterThan(20);
  });

  it('names every unsupported construct with a count', () => {
    const constructs = Object.entries(report.summary.unsupported);
    expect(constructs.length).toBeGreaterThan(0);
    for (const [name, count] of constructs) {
      expect(name).toMatch(/^(processType|element|actionType|function|start|tag|fieldType):.+/);
      expect(count).toBeGreaterThan(0);
    }
  });
});
