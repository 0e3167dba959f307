import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeployResult } from '../../../src/runtime/flows/deploy-result.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { runEddy } from '../run-eddy.js';
import { FIXTURE_PROJECT, TempOrg } from './support.js';

describe('eddy deploy', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => org.dispose());

  it('deploys an SFDX project and summarises what was created and what was not activated, exiting 1', async () => {
    const run = await org.eddy(['deploy', FIXTURE_PROJECT]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'Objects and fields:',
        '  created   Feedback__c',
        '  created   Feedback__c.Customer_Name__c',
        '  created   Feedback__c.Rating__c',
        '  created   Feedback__c.Source__c',
        'Flows:',
        '  created   Broken_Escalation version 1 (InvalidDraft, not activated: it has validation errors)',
        '            error CONNECTOR_DANGLING [Raise_Priority]: The connector of "Raise_Priority" goes to "Notify_Manager", but no element has that name.',
        '  created   Feedback_Survey version 1 (Active)',
        '',
        'Deployed: flows: 2 created, 0 updated, 0 unchanged, 0 refused; 1 active, 1 not activated; objects: 1 created, 0 updated, 0 refused; fields: 3 created, 0 updated, 0 ignored, 0 refused; 3 other files ignored.',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('');
  });

  it('leaves unchanged flows alone on a redeploy unless --new-version is given', async () => {
    const flows = path.join(FIXTURE_PROJECT, 'force-app/main/default/flows/Feedback_Survey.flow-meta.xml');
    // The survey names Feedback__c: its object goes first, or the flow is not activated.
    expect((await org.eddy(['deploy', path.join(FIXTURE_PROJECT, 'force-app/main/default/objects')])).code).toBe(0);
    expect((await org.eddy(['deploy', flows])).code).toBe(0);
    const again = await org.json<DeployResult>(['deploy', flows]);
    expect(again.flows[0]).toMatchObject({ status: 'unchanged', versionNumber: 1, activated: true });
    const forced = await org.eddy(['deploy', flows, '--new-version']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('  updated   Feedback_Survey version 2 (Active)');
  });

  it('activates Draft flows with --activate', async () => {
    const file = path.join(org.dir, 'flows', 'Draft_Only.flow-meta.xml');
    mkdirSync(path.dirname(file));
    writeFileSync(
      file,
      '<?xml version="1.0" encoding="UTF-8"?><Flow xmlns="http://soap.sforce.com/2006/04/metadata"><label>Draft Only</label><processType>AutoLaunchedFlow</processType>' +
        '<start><locationX>0</locationX><locationY>0</locationY></start><status>Draft</status></Flow>',
    );
    const plain = await org.json<DeployResult>(['deploy', file]);
    expect(plain.flows[0]).toMatchObject({ status: 'created', versionStatus: 'Draft', activated: false });
    const activated = await org.json<DeployResult>(['deploy', file, '--activate']);
    expect(activated.flows[0]).toMatchObject({ status: 'unchanged', versionStatus: 'Active', activated: true });
  });

  it('refuses malformed files with the reason and stores nothing for them', async () => {
    const folder = path.join(org.dir, 'force-app/main/default');
    mkdirSync(path.join(folder, 'flows'), { recursive: true });
    mkdirSync(path.join(folder, 'objects/Thing__c'), { recursive: true });
    writeFileSync(path.join(folder, 'flows/Half.flow-meta.xml'), '<?xml version="1.0"?><Flow><label>Half</label>');
    writeFileSync(path.join(folder, 'objects/Thing__c/Thing__c.object-meta.xml'), '<CustomObject><label>Thing</label>');
    const run = await org.eddy(['deploy', path.join(org.dir, 'force-app')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ {2}refused {3}Thing__c \(.*Thing__c\.object-meta\.xml\): .+/);
    expect(run.stdout).toMatch(/ {2}refused {3}Half \(.*Half\.flow-meta\.xml\): The file is not well-formed XML/);
    expect(run.stdout).toContain('flows: 0 created, 0 updated, 0 unchanged, 1 refused');
    const flows = await org.eddy(['flows']);
    expect(flows.stdout).toBe('No flows deployed yet (see "eddy deploy").\n');
  });

  it('refuses the whole deploy when a file is not UTF-8 or too large, naming the file and line, and stores nothing', async () => {
    const folder = path.join(org.dir, 'force-app/main/default/flows');
    mkdirSync(folder, { recursive: true });
    const good = '<?xml version="1.0" encoding="UTF-8"?>\n<Flow xmlns="http://soap.sforce.com/2006/04/metadata">\n<label>Good</label>\n<processType>AutoLaunchedFlow</processType>\n</Flow>\n';
    writeFileSync(path.join(folder, 'Good.flow-meta.xml'), good);
    writeFileSync(path.join(folder, 'Latin.flow-meta.xml'), Buffer.from(good.replace('<label>Good', '<label>Caf\xe9'), 'latin1'));
    const run = await org.eddy(['deploy', path.join(org.dir, 'force-app')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^eddy: .*Latin\.flow-meta\.xml:3: The file is not valid UTF-8 \(byte \d+ is not part of a UTF-8 character\)\. Nothing was deployed\.\n$/);
    rmSync(path.join(folder, 'Latin.flow-meta.xml'));
    writeFileSync(path.join(folder, 'Huge.flow-meta.xml'), good.replace('<label>', `<description>${'x'.repeat(5 * 1024 * 1024)}</description>\n<label>`));
    const huge = await org.eddy(['deploy', path.join(org.dir, 'force-app')]);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/Huge\.flow-meta\.xml: The file is 5\.0 MiB; metadata files are limited to 4 MiB\. Nothing was deployed\./);
    expect((await org.eddy(['flows'])).stdout).toBe('No flows deployed yet (see "eddy deploy").\n');
    const validated = await runEddy(['validate', path.join(folder, 'Huge.flow-meta.xml')]);
    expect(validated.code).toBe(1);
    expect(validated.stdout).toMatch(/XML_MALFORMED.*limited to 4 MiB/);
  });

  it('refuses users without Customize Application or Manage Flow (exit 1) and bad usage (exit 2)', async () => {
    expect((await org.eddy(['users', 'add', 'runner@example.com'])).code).toBe(0);
    const refused = await org.eddy(['deploy', FIXTURE_PROJECT, '--as', 'runner@example.com']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('eddy: INSUFFICIENT_ACCESS: Deploying flows needs the Customize Application or Manage Flow permission; runner@example.com does not have it.\n');
    const unknown = await org.eddy(['deploy', FIXTURE_PROJECT, '--as', 'ghost@example.com']);
    expect(unknown).toMatchObject({ code: 1, stderr: 'eddy: no user ghost@example.com in this org (see "eddy users").\n' });
    const missing = await org.eddy(['deploy', path.join(org.dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or folder');
    const empty = await org.eddy(['deploy', org.dir]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no flow or object metadata files found');
    expect((await org.eddy(['deploy'])).code).toBe(2);
  });
});
