/**
 * `eddy run` and `eddy resume` at a real terminal (a pseudo-terminal through `script`), on flows
 * of the shared corpus and the fixture project: prompts, validation, Back, Pause with a reason,
 * resume on the original version after a newer one is activated, Finish with outputs, Ctrl+C.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListedInterview } from '../../../src/cli/commands/interviews.js';
import { sharedAvailable } from '../../support/shared-folder.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { PtySession } from './pty.js';
import { corpusFile, FIXTURE_PROJECT, TempOrg } from './support.js';

// MANIFEST: UnofficialSF__LightningFlowComponents/Orchestration_Step_Flow_Approval_Results.flow-meta.xml
// (UnofficialSF/LightningFlowComponents): two screens, a decision on an input variable, a text
// and a number input.
const APPROVAL_RESULTS = corpusFile('UnofficialSF__LightningFlowComponents/Orchestration_Step_Flow_Approval_Results.flow-meta.xml');
// MANIFEST: UnofficialSF__LightningFlowComponents/Publication_Flow.flow-meta.xml: one screen with radio buttons.
const PUBLICATION = corpusFile('UnofficialSF__LightningFlowComponents/Publication_Flow.flow-meta.xml');
/** The tests on corpus flows are skipped where `../shared` is absent (and fail under CI). */
const CORPUS_PRESENT = sharedAvailable('the terminal tests on flows of the shared corpus', ['flows/UnofficialSF__LightningFlowComponents/Orchestration_Step_Flow_Approval_Results.flow-meta.xml', 'flows/UnofficialSF__LightningFlowComponents/Publication_Flow.flow-meta.xml']);

describe('eddy run and eddy resume in a terminal', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  const sessions: PtySession[] = [];
  const terminal = (args: readonly string[]): PtySession => {
    const session = PtySession.start([...args, '--database', org.databaseFile], org.dir);
    sessions.push(session);
    return session;
  };

  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => {
    for (const session of sessions.splice(0)) session.kill();
    org.dispose();
  });

  it.skipIf(!CORPUS_PRESENT)('pauses with a reason, then resumes on the original version after a newer one is activated, and finishes', async () => {
    expect((await org.eddy(['deploy', APPROVAL_RESULTS])).code).toBe(0);

    const run = terminal(['run', 'Orchestration_Step_Flow_Approval_Results', '--input', 'approvalResult=approve', '--input', 'comments=Looks good']);
    const banner = await run.expect(/interview (0Fo\w{15})/);
    const interviewId = /interview (0Fo\w{15})/.exec(banner)?.[1] ?? '';
    const first = await run.expect('[N]ext  [P]ause [N]: ');
    expect(first).toContain('== Result Screen ==');
    expect(first).toContain('The result of your approval request is: approve');
    expect(first).toContain('Comments:\nLooks good');
    run.type('n');
    expect(await run.expect('Description: ')).toContain('== Complete Contract ==');
    run.type('Ship by Friday');
    await run.expect('Term (Months): ');
    run.type('twelve');
    expect(await run.expect('Term (Months): ')).toMatch(/! .*number/i);
    run.type('12');
    await run.expect('[B]ack  [P]ause  [F]inish [F]: ');
    run.type('p');
    await run.expect('Why are you pausing? (optional, up to 255 characters): ');
    run.type('Waiting for the signed contract');
    expect(await run.expect(`To continue: eddy resume ${interviewId}`)).toContain(`Paused interview ${interviewId} (Waiting for the signed contract).`);
    expect(await run.exitCode()).toBe(0);

    const [paused, ...others] = await org.json<ListedInterview[]>(['interviews']);
    expect(others).toEqual([]);
    expect(paused).toMatchObject({
      Id: interviewId,
      InterviewStatus: 'Paused',
      WasPausedFromScreen: true,
      PauseLabel: 'Waiting for the signed contract',
      CurrentElement: 'Complete_Contract',
      flowApiName: 'Orchestration_Step_Flow_Approval_Results',
      flowVersionNumber: 1,
      ownerUsername: 'admin@eddy.local',
    });

    // A newer version, active, with a different first screen: the paused interview keeps version 1.
    const v2 = path.join(org.dir, 'Orchestration_Step_Flow_Approval_Results.flow-meta.xml');
    writeFileSync(v2, readFileSync(APPROVAL_RESULTS, 'utf8').replace('<label>Result Screen</label>', '<label>Result Screen (v2)</label>'));
    const deployed = await org.eddy(['deploy', v2, '--activate']);
    expect(deployed.stdout).toContain('updated   Orchestration_Step_Flow_Approval_Results version 2 (Active)');

    const resume = terminal(['resume', interviewId]);
    const resumed = await resume.expect('Description [Ship by Friday]: ');
    expect(resumed).toContain(`Resuming Orchestration_Step_Flow_Approval_Results — interview ${interviewId}`);
    expect(resumed).toContain('Paused because: Waiting for the signed contract');
    expect(resumed).toContain('== Complete Contract ==');
    resume.type('');
    await resume.expect('Term (Months) [12]: ');
    resume.type('');
    await resume.expect('[B]ack  [P]ause  [F]inish [F]: ');
    resume.type('b');
    const back = await resume.expect('[N]ext  [P]ause [N]: ');
    expect(back).toContain('== Result Screen ==');
    expect(back).not.toContain('(v2)');
    resume.type('');
    await resume.expect('Description [Ship by Friday]: ');
    resume.type('Ship on Monday');
    await resume.expect('Term (Months) [12]: ');
    resume.type('');
    await resume.expect('[B]ack  [P]ause  [F]inish [F]: ');
    resume.type('f');
    await resume.expect('Flow finished.');
    expect(await resume.exitCode()).toBe(0);

    const [done] = await org.json<ListedInterview[]>(['interviews']);
    expect(done).toMatchObject({ Id: interviewId, InterviewStatus: 'Completed', PauseLabel: null, flowVersionNumber: 1 });
    const again = await org.eddy(['resume', interviewId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`eddy: INVALID_OPERATION: Interview ${interviewId} is not paused (it is Completed).\n`);
  });

  it.skipIf(!CORPUS_PRESENT)('asks for a choice and does not offer Pause when the org turned pausing off', async () => {
    expect((await org.eddy(['deploy', PUBLICATION])).code).toBe(0);
    const db = await org.open();
    try {
      await db.settings.updateOrganization({ allowPause: false }, (await db.settings.getOrganization()).automatedProcessUserId);
    } finally {
      await db.close();
    }

    const run = terminal(['run', 'Publication_Flow']);
    const screen = await run.expect('Choose 1-2: ');
    expect(screen).toContain('Publish Now?:\n  ( ) 1. Publish Now\n  ( ) 2. Schedule Publication\n');
    run.type('3');
    await run.expect('Choose 1-2: ');
    run.type('2');
    const navigation = await run.expect(/\[F\]inish \[F\]: /);
    expect(navigation).toBe('2\n[F]inish [F]: ');
    run.type('p');
    await run.expect('  ! Type F, or press Enter.');
    run.type('f');
    await run.expect('Flow finished.');
    expect(await run.exitCode()).toBe(0);
    const [done] = await org.json<ListedInterview[]>(['interviews', '--status', 'Completed']);
    expect(done).toMatchObject({ flowApiName: 'Publication_Flow', InterviewStatus: 'Completed' });
  });

  it('leaves an interrupted run at its screen, continues it with resume, and prints the outputs at the end', async () => {
    await org.eddy(['deploy', FIXTURE_PROJECT]);
    const run = terminal(['run', 'Feedback_Survey', '--input', 'source=terminal']);
    const banner = await run.expect('Your name *: ');
    const interviewId = /interview (0Fo\w{15})/.exec(banner)?.[1] ?? '';
    expect(banner).toContain('(Feedback Survey terminal)');
    run.type('\x03');
    await run.expect(`Interrupted: interview ${interviewId} was not paused; it stays at screen "Ask".`);
    expect(await run.exitCode()).toBe(1);

    const resume = terminal(['resume', interviewId]);
    await resume.expect('Your name *: ');
    resume.type('');
    await resume.expect('Choose 1-2: ');
    resume.type('1');
    await resume.expect('[N]ext  [P]ause [N]: ');
    resume.type('n');
    expect(await resume.expect('Your name *: ')).toContain('! Some required fields are empty.');
    resume.type('Ada');
    await resume.expect('[N]ext  [P]ause [N]: ');
    resume.type('n');
    const thanks = await resume.expect('[F]inish [F]: ');
    expect(thanks).toContain('Thank you, Ada!');
    resume.type('');
    const finished = await resume.expect(/feedbackId: (a00\w{15})/);
    expect(finished).toContain('Flow finished.\nOutputs:\n');
    expect(await resume.exitCode()).toBe(0);

    const feedbackId = /feedbackId: (a00\w{15})/.exec(finished)?.[1] ?? '';
    const db = await org.open();
    try {
      expect(await db.records.getById(feedbackId, ['Customer_Name__c', 'Rating__c', 'Source__c'])).toMatchObject({ Customer_Name__c: 'Ada', Rating__c: 'Good', Source__c: 'terminal' });
    } finally {
      await db.close();
    }
  });
});
