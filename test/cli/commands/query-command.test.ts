import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ListedInterview } from '../../../src/cli/commands/interviews.js';
import { bootstrapOrg, findAdmin } from '../../../src/runtime/org/org-bootstrap.js';
import { REPO_ROOT } from '../run-eddy.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../../support/timeouts.js';
import { TempOrg } from './support.js';

const ACCOUNT_SURVEY = path.join(REPO_ROOT, 'test/fixtures/runtime/Account_Survey.flow-meta.xml');

/** Salesforce's "paused interviews for a record" component's Apex query (reference §2.5). */
function pausedForRecordSoql(recordId: string): string {
  return `SELECT ParentId, Parent.InterviewLabel, Parent.PauseLabel, Parent.CurrentElement, Parent.CreatedDate, Parent.Owner.Name FROM FlowRecordRelation WHERE RelatedRecordId = '${recordId}'`;
}

interface QueryJson {
  totalSize: number;
  done: boolean;
  nextRecordsUrl?: string;
  records: Record<string, unknown>[];
}

describe('eddy query', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let org: TempOrg;
  beforeEach(() => {
    org = new TempOrg();
  });
  afterEach(() => org.dispose());

  /** Creates Accounts straight in the org's database (bootstrapped as the CLI does); returns their Ids. */
  const createAccounts = async (names: readonly string[]): Promise<string[]> => {
    const db = await org.open();
    try {
      await bootstrapOrg(db);
      const admin = await findAdmin(db);
      return await db.records.create(
        names.map((Name) => ({ attributes: { type: 'Account' }, Name })),
        admin!.Id,
      );
    } finally {
      await db.close();
    }
  };

  it("answers the paused-interviews-for-a-record component's query after an interview paused on that record, with sharing", async () => {
    expect((await org.eddy(['deploy', ACCOUNT_SURVEY])).code).toBe(0);
    await org.eddy(['users', 'add', 'ada@example.com', '--first-name', 'Ada', '--last-name', 'Lovelace']);
    const [accountId = ''] = await createAccounts(['Acme']);
    const run = await org.eddy(['run', 'Account_Survey', '--record', accountId, '--as', 'ada@example.com'], { input: 'Ada\n\np\nlunch\n' });
    expect(run.code, run.stderr).toBe(0);
    const [paused] = await org.json<ListedInterview[]>(['interviews', '--as', 'ada@example.com']);
    expect(paused?.InterviewStatus).toBe('Paused');

    const asAda = await org.json<QueryJson>(['query', pausedForRecordSoql(accountId), '--as', 'ada@example.com']);
    expect(asAda.totalSize).toBe(1);
    expect(asAda.done).toBe(true);
    expect(asAda.records[0]).toMatchObject({
      attributes: { type: 'FlowRecordRelation' },
      ParentId: paused!.Id,
      Parent: {
        attributes: { type: 'FlowInterview' },
        InterviewLabel: `Account Survey ${accountId}`,
        PauseLabel: 'lunch',
        CurrentElement: 'About_You',
        CreatedDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/),
        Owner: { attributes: { type: 'Name' }, Name: 'Ada Lovelace' },
      },
    });

    const table = await org.eddy(['query', pausedForRecordSoql(accountId), '--as', 'ada@example.com']);
    expect(table.code).toBe(0);
    const [header, row, total, ...rest] = table.stdout.split('\n');
    expect(header?.split(/ {2,}/)).toEqual(['ParentId', 'Parent.InterviewLabel', 'Parent.PauseLabel', 'Parent.CurrentElement', 'Parent.CreatedDate', 'Parent.Owner.Name']);
    expect(row?.split(/ {2,}/)).toEqual([paused!.Id, `Account Survey ${accountId}`, 'lunch', 'About_You', (asAda.records[0]!.Parent as { CreatedDate: string }).CreatedDate, 'Ada Lovelace']);
    expect([total, ...rest]).toEqual(['Total number of records retrieved: 1.', '']);

    // The org-wide default is Private: another user without Manage Flow sees no relation.
    await org.eddy(['users', 'add', 'bob@example.com']);
    const asBob = await org.eddy(['query', pausedForRecordSoql(accountId), '--as', 'bob@example.com']);
    expect(asBob).toMatchObject({ code: 0, stdout: 'No records.\nTotal number of records retrieved: 0.\n' });
    expect((await org.json<QueryJson>(['query', pausedForRecordSoql(accountId)])).records.map((r) => r.ParentId)).toEqual([paused!.Id]);
  });

  it('follows every page of a result larger than one batch', async () => {
    const names = Array.from({ length: 2105 }, (_, i) => `Account ${String(i).padStart(4, '0')}`);
    await createAccounts(names);
    const result = await org.json<QueryJson>(['query', 'SELECT Name FROM Account ORDER BY Name']);
    expect(result.totalSize).toBe(2105);
    expect(result.done).toBe(true);
    expect(result.nextRecordsUrl).toBeUndefined();
    expect(result.records.map((r) => r.Name)).toEqual(names);

    const table = await org.eddy(['query', 'SELECT Name FROM Account ORDER BY Name DESC']);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(1 + 2105 + 1);
    expect(lines[1]).toBe('Account 2104');
    expect(lines[2105]).toBe('Account 0000');
    expect(lines[2106]).toBe('Total number of records retrieved: 2105.');
  });

  it('includes deleted records with --all, and counts with COUNT()', async () => {
    const [kept = '', deleted = ''] = await createAccounts(['Kept', 'Gone']);
    const db = await org.open();
    try {
      await db.records.delete([deleted]);
    } finally {
      await db.close();
    }
    expect((await org.json<QueryJson>(['query', 'SELECT Id, Name FROM Account'])).records.map((r) => r.Id)).toEqual([kept]);
    const all = await org.json<QueryJson>(['query', 'SELECT Id, Name, IsDeleted FROM Account ORDER BY Name', '--all']);
    expect(all.records.map((r) => [r.Name, r.IsDeleted])).toEqual([
      ['Gone', true],
      ['Kept', false],
    ]);
    expect((await org.eddy(['query', 'SELECT COUNT() FROM Account'])).stdout).toBe('Total number of records retrieved: 1.\n');
    expect(await org.json<QueryJson>(['query', 'SELECT COUNT() FROM Account', '--all'])).toEqual({ totalSize: 2, done: true, records: [] });
  });

  it('prints query errors as "eddy: CODE: message" with exit code 1, and bad usage with exit code 2', async () => {
    const malformed = await org.eddy(['query', 'SELEKT Id FROM Flow']);
    expect(malformed.code).toBe(1);
    expect(malformed.stdout).toBe('');
    expect(malformed.stderr).toMatch(/^eddy: MALFORMED_QUERY: SELEKT Id FROM Flow\n\^\nERROR at Row:1:Column:1\n/);
    const unknownObject = await org.eddy(['query', 'SELECT Id FROM Nope__c']);
    expect(unknownObject.code).toBe(1);
    expect(unknownObject.stderr).toMatch(/^eddy: INVALID_TYPE: /);
    const unknownField = await org.eddy(['query', 'SELECT Id, Nope FROM Account']);
    expect(unknownField.stderr).toMatch(/^eddy: INVALID_FIELD: [^]*No such column 'Nope' on entity 'Account'/);
    expect(await org.eddy(['query', 'SELECT Id FROM User', '--as', 'nobody@example.com'])).toMatchObject({ code: 1, stderr: 'eddy: no user nobody@example.com in this org (see "eddy users").\n' });

    const missing = await org.eddy(['query']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'soql'");
    expect(await org.eddy(['query', '  '])).toMatchObject({ code: 2, stderr: 'eddy: the query is empty; pass a SOQL query such as "SELECT Id FROM Flow".\n' });
  });
});
