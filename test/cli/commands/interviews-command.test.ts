import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListedInterview } from '../../../src/cli/commands/interviews.js';
import type { InterviewView } from '../../../src/runtime/interviews/interview-view.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { FIXTURE_PROJECT, TempOrg } from './support.js';

describe('eddy interviews', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => org.dispose());

  it("lists the user's own interviews by default, others with --all or --flow, filters by status, and deletes", async () => {
    await org.eddy(['deploy', FIXTURE_PROJECT]);
    await org.eddy(['users', 'add', 'ada@example.com']);
    // Piped answers: Ada's interview pauses; the admin's finishes.
    expect((await org.eddy(['run', 'Feedback_Survey', '--as', 'ada@example.com'], { input: 'Ada\n2\np\nlunch\n' })).code).toBe(0);
    const finished = await org.eddy(['run', 'Feedback_Survey', '--input', 'source=cli'], { input: 'Grace\n1\nn\nf\n' });
    expect(finished.code).toBe(0);
    expect(finished.stdout).toMatch(/Flow finished\.\nOutputs:\n {2}feedbackId: a00\w{15}\n$/);

    const mine = await org.json<ListedInterview[]>(['interviews', '--as', 'ada@example.com']);
    expect(mine.map((i) => [i.ownerUsername, i.InterviewStatus, i.PauseLabel, i.CurrentElement])).toEqual([['ada@example.com', 'Paused', 'lunch', 'Ask']]);
    const table = await org.eddy(['interviews', '--as', 'ada@example.com']);
    expect(table.stdout).toMatch(/^ID +FLOW +STATUS +AT +PAUSE REASON +OWNER +LAST MODIFIED\n0Fo\w{15} +Feedback_Survey v1 +Paused +Ask +lunch +ada@example\.com +\d{4}-/);

    const adminOwn = await org.json<ListedInterview[]>(['interviews']);
    expect(adminOwn.map((i) => i.InterviewStatus)).toEqual(['Completed']);
    const all = await org.json<ListedInterview[]>(['interviews', '--all', '--status', 'paused']);
    expect(all.map((i) => i.ownerUsername)).toEqual(['ada@example.com']);
    const byFlow = await org.json<ListedInterview[]>(['interviews', '--flow', 'Feedback_Survey']);
    expect(byFlow.map((i) => i.InterviewStatus).sort()).toEqual(['Completed', 'Paused']);
    expect((await org.eddy(['interviews', '--all', '--as', 'ada@example.com'])).stderr).toBe('eddy: INSUFFICIENT_ACCESS: Listing every interview needs the Manage Flow permission.\n');

    const paused = mine[0]!;
    const shown = await org.json<InterviewView>(['interviews', 'show', paused.Id, '--as', 'ada@example.com']);
    expect(shown).toMatchObject({ awaiting: 'paused', screen: { name: 'Ask' }, interview: { Id: paused.Id, PauseLabel: 'lunch' } });
    expect((await org.eddy(['interviews', 'delete', paused.Id, '--as', 'ada@example.com'])).code).toBe(0);
    expect(await org.json<ListedInterview[]>(['interviews', '--as', 'ada@example.com'])).toEqual([]);
    const gone = await org.eddy(['interviews', 'delete', paused.Id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^eddy: NOT_FOUND: /);
  });

  it('lists the interviews related to a record and rejects bad options', async () => {
    await org.eddy(['deploy', FIXTURE_PROJECT]);
    await org.eddy(['run', 'Feedback_Survey'], { input: 'Ada\n1\np\n\n' });
    const [paused] = await org.json<ListedInterview[]>(['interviews']);
    const db = await org.open();
    let accountId: string;
    try {
      const admin = await db.directory.getUserByUsername('admin@eddy.local');
      [accountId = ''] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Acme' }], admin!.Id);
      await db.interviews.setRecordRelations(paused!.Id, [accountId], admin!.Id);
    } finally {
      await db.close();
    }
    expect((await org.json<ListedInterview[]>(['interviews', '--record', accountId])).map((i) => i.Id)).toEqual([paused!.Id]);
    expect((await org.eddy(['interviews', '--record', accountId, '--all'])).code).toBe(2);
    expect((await org.eddy(['interviews', '--status', 'Sleeping'])).stderr).toBe('eddy: --status must be one of Running, Paused, Completed, Error, not "Sleeping".\n');
    expect((await org.eddy(['interviews', '--record', 'not-an-id'])).stderr).toMatch(/^eddy: MALFORMED_ID: /);
  });
});
