import { expect, it } from 'vitest';
import type { Viewer } from '../../../src/runtime/ports/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { buildSoqlOrg } from './soql-org.js';
import type { SoqlOrg } from './soql-org.js';

/** What a hostile query may do: fail with a request error, or return no rows. Never other rows. */
async function refusedOrEmpty(org: SoqlOrg, soql: string, viewer: Viewer = 'system'): Promise<string> {
  try {
    const result = await org.soql.query(soql, viewer);
    expect({ soql, records: result.records, totalSize: result.totalSize }).toEqual({ soql, records: [], totalSize: 0 });
    return 'empty';
  } catch (error) {
    expect({ soql, code: (error as { code?: unknown }).code }).toEqual({ soql, code: expect.stringMatching(/^(MALFORMED_QUERY|INVALID_FIELD|INVALID_TYPE|INVALID_QUERY_FILTER_OPERATOR)$/) });
    return String((error as { code: string }).code);
  }
}

forEachDatabase('SOQL injection attempts', (ctx) => {
  it('treats quotes, comments and SQL in string literals as text or as malformed queries', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const attempts = [
      "SELECT Name FROM Account WHERE Name = '' OR 1=1 --'",
      "SELECT Name FROM Account WHERE Name = 'x'' OR ''1''=''1'",
      "SELECT Name FROM Account WHERE Name = 'x\\' OR 1=1 --'",
      "SELECT Name FROM Account WHERE Name = 'x\\' OR \\'1\\'=\\'1'",
      "SELECT Name FROM Account WHERE Name = 'Acme\\'; DROP TABLE records; --'",
      "SELECT Name FROM Account WHERE Name = 'x\\u0027 OR \\u00271\\u0027=\\u00271'",
      "SELECT Name FROM Account WHERE Name = 'x＇ OR ＇1＇=＇1'",
      "SELECT Name FROM Account WHERE Name = 'Acme\\u0000'",
      "SELECT Name FROM Account WHERE Name = 'a\\\\'' OR 1=1 --'",
      "SELECT Name FROM Account WHERE Name LIKE '%'' OR ''%'='",
      "SELECT Name FROM Account WHERE Name IN ('x'') OR (''1''=''1')",
      "SELECT Name FROM Account WHERE Name IN ('x\\') OR (\\'1\\'=\\'1')",
      `SELECT Name FROM Account WHERE Id = '${'0'.repeat(15)}'' OR ''1''=''1'`,
      "SELECT Name FROM Account WHERE Id = '001\\' OR 1=1'",
      "SELECT Name FROM Account WHERE NumberOfEmployees = 1 OR 1=1",
      "SELECT Name FROM Account WHERE NumberOfEmployees = 1; DELETE FROM records",
      "SELECT Name FROM Account WHERE Name = \"x\" OR \"1\"=\"1\"",
      "SELECT Name FROM Account WHERE Name = 'x' /* comment */",
      "SELECT Name FROM Account WHERE Name = $$x$$",
      "SELECT Name FROM Account WHERE Name = 'x' UNION SELECT password_hash FROM users",
    ];
    const outcomes = [];
    for (const soql of attempts) outcomes.push(await refusedOrEmpty(org, soql));
    // Some were valid SOQL with harmless text values; the rest were refused.
    expect(outcomes).toContain('empty');
    expect(outcomes).toContain('MALFORMED_QUERY');
    expect((await org.soql.query('SELECT COUNT() FROM Account', 'system')).totalSize).toBe(3);
  });

  it('resolves identifiers only through the describe: quoted, SQL and internal names are refused', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const attempts = [
      'SELECT "Name" FROM Account',
      "SELECT Name; DROP TABLE records FROM Account",
      'SELECT Id FROM Account ORDER BY Name; DROP TABLE records',
      'SELECT Id FROM Account ORDER BY 1',
      'SELECT Id FROM Account WHERE "Name" = \'x\'',
      'SELECT Id FROM Account WHERE Name__c = \'x\'',
      "SELECT Id FROM Account WHERE Owner.password_hash != null",
      'SELECT password_hash FROM User',
      'SELECT username_key FROM User',
      'SELECT state FROM FlowInterview',
      'SELECT flow_definition_id FROM FlowInterview',
      'SELECT data FROM Account',
      'SELECT object_type FROM Account',
      'SELECT source FROM Flow',
      'SELECT Id FROM records',
      'SELECT Id FROM flow_interviews',
      'SELECT Id FROM sqlite_master',
      'SELECT Id FROM pg_catalog.pg_tables',
      'SELECT Id FROM "Account"',
      "SELECT Id FROM Account WHERE Name = 'x') OR ('1' = '1'",
      'SELECT Id, Name FROM Account a WHERE b.Name = null',
      "SELECT Id FROM Account WHERE Name\\u0027 = 'x'",
      'SELECT Id FROM Account WHERE Na`me = null',
      'SELECT Id FROM Account WHERE Name[0] = null',
      'SELECT COUNT(*) FROM Account',
    ];
    for (const soql of attempts) expect(await refusedOrEmpty(org, soql)).not.toBe('empty');
    expect((await org.soql.query('SELECT COUNT() FROM Account', 'system')).totalSize).toBe(3);
    expect((await org.soql.query('SELECT COUNT() FROM User', 'system')).totalSize).toBeGreaterThan(6);
  });

  it('cannot widen a user\'s sharing with OR, subqueries, relationships, scopes or access-level clauses', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const alice = await org.subject('alice');
    const mine = [org.interviews.aliceSurvey.Id];
    const attempts = [
      'SELECT Id FROM FlowInterview WHERE OwnerId != null OR Id != null',
      "SELECT Id FROM FlowInterview WHERE Id != null OR Name LIKE '%'",
      'SELECT Id FROM FlowInterview WHERE NOT Id = null',
      'SELECT Id FROM FlowInterview USING SCOPE everything',
      'SELECT Id FROM FlowInterview WITH SYSTEM_MODE',
      'SELECT Id FROM FlowInterview WITH SECURITY_ENFORCED',
      'SELECT Id FROM FlowInterview WHERE Id IN (SELECT ParentId FROM FlowRecordRelation)',
      "SELECT Id FROM FlowInterview WHERE Id NOT IN (SELECT ParentId FROM FlowInterviewShare WHERE RowCause = 'Manual')",
      'SELECT Parent.Id FROM FlowRecordRelation',
      'SELECT ParentId FROM FlowStageRelation',
    ];
    for (const soql of attempts) {
      const result = await org.soql.query(soql, alice);
      const seen = result.records.map((r) => String(r.Id ?? r.ParentId ?? (r.Parent as { Id?: string } | null)?.Id));
      expect({ soql, seen: [...new Set(seen)] }).toEqual({ soql, seen: mine });
    }
    expect((await org.soql.query('SELECT COUNT() FROM FlowInterview WHERE OwnerId != null OR Id != null', alice)).totalSize).toBe(1);
    const grouped = await org.soql.query('SELECT OwnerId, COUNT(Id) FROM FlowInterview GROUP BY OwnerId', alice);
    expect(grouped.records).toEqual([{ attributes: { type: 'AggregateResult' }, OwnerId: org.users.alice.Id, expr0: 1 }]);
    expect(await refusedOrEmpty(org, `SELECT Id FROM FlowInterview WHERE Id = '${org.interviews.bobSurvey.Id}'`, alice)).toBe('empty');
  });

  it('survives very long inputs with errors, not crashes', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const values = Array.from({ length: 5000 }, (_, i) => `'v${i}'`).join(',');
    expect((await org.soql.query(`SELECT Name FROM Account WHERE Name IN (${values}, 'Acme')`, 'system')).records.map((r) => r.Name)).toEqual(['Acme']);
    await expect(org.soql.query(`SELECT Name FROM Account WHERE Name = '${'x'.repeat(100_001)}'`, 'system')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(org.soql.query(`SELECT Name FROM Account WHERE ${'NOT '.repeat(500)}Name = 'x'`, 'system')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
  });
});
