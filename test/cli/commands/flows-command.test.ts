import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListedInterview } from '../../../src/cli/commands/interviews.js';
import type { FlowSummary } from '../../../src/runtime/flows/flow-service.js';
import type { FlowVersionRecord } from '../../../src/runtime/ports/index.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { FIXTURE_PROJECT, TempOrg } from './support.js';

const SURVEY = path.join(FIXTURE_PROJECT, 'force-app/main/default/flows/Feedback_Survey.flow-meta.xml');

describe('eddy flows', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => org.dispose());

  /** Deploys the fixture project, then a second, Draft version of Feedback_Survey. */
  async function deployTwoVersions(): Promise<void> {
    await org.eddy(['deploy', FIXTURE_PROJECT]);
    const v2 = path.join(org.dir, 'Feedback_Survey.flow-meta.xml');
    writeFileSync(v2, readFileSync(SURVEY, 'utf8').replace('<status>Active</status>', '<status>Draft</status>').replace('<label>Feedback Survey</label>', '<label>Feedback Survey 2</label>'));
    expect((await org.eddy(['deploy', v2])).code).toBe(0);
  }

  it('lists flows with their active and latest versions, as a table and as JSON', async () => {
    await deployTwoVersions();
    const table = await org.eddy(['flows']);
    expect(table.code).toBe(0);
    expect(table.stdout).toBe(
      [
        'API NAME           LABEL              TYPE              ACTIVE  LATEST            VERSIONS',
        'Broken_Escalation  Broken Escalation  AutoLaunchedFlow  -       1 (InvalidDraft)  1',
        'Feedback_Survey    Feedback Survey 2  Flow              1       2 (Draft)         2',
        '',
      ].join('\n'),
    );
    const list = await org.json<FlowSummary[]>(['flows']);
    expect(list.map((f) => [f.definition.DeveloperName, f.activeVersion?.VersionNumber ?? null, f.latestVersion?.Status])).toEqual([
      ['Broken_Escalation', null, 'InvalidDraft'],
      ['Feedback_Survey', 1, 'Draft'],
    ]);
    const versions = await org.json<FlowVersionRecord[]>(['flows', 'versions', 'Feedback_Survey']);
    expect(versions.map((v) => [v.VersionNumber, v.Status])).toEqual([[2, 'Draft'], [1, 'Active']]);
  });

  it('activates a version (the previous one becomes Obsolete) and deactivates the flow', async () => {
    await deployTwoVersions();
    const activate = await org.eddy(['flows', 'activate', 'Feedback_Survey']);
    expect(activate).toMatchObject({ code: 0, stdout: 'Feedback_Survey version 2 is active (version 1 is now Obsolete).\n' });
    const back = await org.eddy(['flows', 'activate', 'Feedback_Survey', '--version', '1']);
    expect(back.stdout).toBe('Feedback_Survey version 1 is active (version 2 is now Obsolete).\n');
    const deactivate = await org.eddy(['flows', 'deactivate', 'Feedback_Survey']);
    expect(deactivate).toMatchObject({ code: 0, stdout: 'Feedback_Survey has no active version now (version 1 is Obsolete).\n' });
    expect((await org.json<FlowVersionRecord[]>(['flows', 'versions', 'Feedback_Survey'])).map((v) => v.Status)).toEqual(['Obsolete', 'Obsolete']);

    const again = await org.eddy(['flows', 'deactivate', 'Feedback_Survey']);
    expect(again).toMatchObject({ code: 1, stderr: 'eddy: INVALID_OPERATION: Flow Feedback_Survey has no active version.\n' });
    const invalid = await org.eddy(['flows', 'activate', 'Broken_Escalation']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^eddy: INVALID_OPERATION: Flow version Broken_Escalation-1 has validation errors and cannot be activated/);
    expect((await org.eddy(['flows', 'activate', 'Feedback_Survey', '--version', '9'])).stderr).toBe(
      'eddy: NOT_FOUND: Flow Feedback_Survey has no version 9 (its versions: 1, 2).\n',
    );
    expect((await org.eddy(['flows', 'activate', 'Feedback_Survey', '--version', 'two'])).code).toBe(2);
  });

  it('deletes a version only when it is inactive and has no paused interview', async () => {
    await deployTwoVersions();
    expect((await org.eddy(['flows', 'delete-version', 'Feedback_Survey', '1'])).stderr).toMatch(/^eddy: DELETE_FAILED: Flow version Feedback_Survey-1 is active/);

    // A paused interview on version 1 (answers piped in: name, rating, Pause, reason).
    const run = await org.eddy(['run', 'Feedback_Survey'], { input: 'Ada\n1\np\nback soon\n' });
    expect(run.code).toBe(0);
    const [paused] = await org.json<ListedInterview[]>(['interviews']);
    expect(paused).toMatchObject({ InterviewStatus: 'Paused', PauseLabel: 'back soon', flowVersionNumber: 1 });
    await org.eddy(['flows', 'activate', 'Feedback_Survey', '--version', '2']);

    const refused = await org.eddy(['flows', 'delete-version', 'Feedback_Survey', '1']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `eddy: DELETE_FAILED: Flow version Feedback_Survey-1 has 1 paused, waiting or running interview (${paused!.Id}); let them finish or delete them first.\n`,
    );
    expect((await org.eddy(['interviews', 'delete', paused!.Id])).stdout).toBe(`Deleted interview ${paused!.Id}.\n`);
    expect(await org.eddy(['flows', 'delete-version', 'Feedback_Survey', '1'])).toMatchObject({ code: 0, stdout: 'Deleted Feedback_Survey-1.\n' });
    expect((await org.json<FlowVersionRecord[]>(['flows', 'versions', 'Feedback_Survey'])).map((v) => v.VersionNumber)).toEqual([2]);

    expect((await org.eddy(['flows', 'delete-version', 'Broken_Escalation', '1'])).stdout).toBe('Deleted Broken_Escalation-1 (its last version: the flow is gone).\n');
    expect((await org.json<FlowSummary[]>(['flows'])).map((f) => f.definition.DeveloperName)).toEqual(['Feedback_Survey']);
  });

  it('needs Manage Flow or Customize Application to change versions', async () => {
    await org.eddy(['deploy', FIXTURE_PROJECT]);
    await org.eddy(['users', 'add', 'runner@example.com']);
    const list = await org.eddy(['flows', '--as', 'runner@example.com']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Feedback_Survey');
    const refused = await org.eddy(['flows', 'deactivate', 'Feedback_Survey', '--as', 'runner@example.com']);
    expect(refused).toMatchObject({ code: 1, stderr: 'eddy: INSUFFICIENT_ACCESS: Deactivating a flow needs the Manage Flow or Customize Application permission; runner@example.com does not have it.\n' });
  });
});
