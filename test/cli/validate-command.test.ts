import { describe, expect, it } from 'vitest';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/timeouts.js';
import { runEddy } from './run-eddy.js';

const FIXTURES = 'test/fixtures/flows';

describe('eddy validate', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('exits 0 and prints OK per file when no file has an error', async () => {
    const run = await runEddy(['validate', `${FIXTURES}/valid`, `${FIXTURES}/warnings`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`OK    ${FIXTURES}/valid/Greet_User.flow-meta.xml (Flow)`);
    expect(run.stdout).toContain(`OK    ${FIXTURES}/valid/Count_Up.flow (AutoLaunchedFlow)`);
    expect(run.stdout).toContain('3 files: 3 OK, 0 with errors; 0 errors, 2 warnings.');
  });

  it('lists every unsupported construct by name and count in the text report', async () => {
    const run = await runEddy(['validate', `${FIXTURES}/warnings/Map_Contacts.flow-meta.xml`]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Unsupported constructs:\n {2}actionType:quickAction +1\n {2}element:transforms +1\n/);
    expect(run.stdout).toContain('warning UNSUPPORTED_ELEMENT [Map_Name]');
  });

  it('exits 1 and prints the diagnostics when a file has an error', async () => {
    const run = await runEddy(['validate', FIXTURES]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`ERROR ${FIXTURES}/invalid/Unknown_Reference.flow-meta.xml (AutoLaunchedFlow)`);
    expect(run.stdout).toContain('error   REFERENCE_UNKNOWN [Copy]');
    expect(run.stdout).toContain(`ERROR ${FIXTURES}/invalid/Malformed.flow-meta.xml`);
    expect(run.stdout).toContain('XML_MALFORMED');
  });

  it('prints the JSON report with exactly the documented shape', async () => {
    const run = await runEddy(['validate', FIXTURES, '--json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { files: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(report).sort()).toEqual(['files', 'summary']);
    expect(Object.keys(report.summary).sort()).toEqual(['errors', 'files', 'ok', 'unsupported', 'warnings']);
    expect(report.summary).toEqual({ files: 5, ok: 3, errors: 2, warnings: 2, unsupported: { 'actionType:quickAction': 1, 'element:transforms': 1 } });
    for (const file of report.files) expect(Object.keys(file).sort()).toEqual(['diagnostics', 'flow', 'ok', 'path', 'processType']);
    const byFlow = new Map(report.files.map((file) => [file.flow, file]));
    expect(byFlow.get('Malformed')).toEqual({
      path: `${FIXTURES}/invalid/Malformed.flow-meta.xml`,
      flow: 'Malformed',
      processType: null,
      ok: false,
      diagnostics: [expect.objectContaining({ code: 'XML_MALFORMED', severity: 'error', element: null })],
    });
    expect(byFlow.get('Unknown_Reference')).toMatchObject({ processType: 'AutoLaunchedFlow', ok: false, diagnostics: [{ code: 'REFERENCE_UNKNOWN', severity: 'error', element: 'Copy' }] });
    expect(byFlow.get('Greet_User')).toMatchObject({ ok: true, diagnostics: [] });
    expect(byFlow.get('Map_Contacts')).toMatchObject({ ok: true, diagnostics: [{ construct: 'actionType:quickAction' }, { construct: 'element:transforms' }] });
  });

  it('exits 2 without paths', async () => {
    const run = await runEddy(['validate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("missing required argument 'paths'");
  });

  it('exits 2 for a path that does not exist', async () => {
    const run = await runEddy(['validate', `${FIXTURES}/valid`, 'no/such/folder']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('cannot read no/such/folder');
    expect(run.stdout).toBe('');
  });

  it('exits 2 for a folder without flow files', async () => {
    const run = await runEddy(['validate', `${FIXTURES}/empty`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no flow files');
  });

  it('exits 2 for an unknown command or option', async () => {
    expect((await runEddy(['frobnicate'])).code).toBe(2);
    expect((await runEddy(['validate', '--colour', FIXTURES])).code).toBe(2);
  });
});
