import { expect, it } from 'vitest';
import { parseObjectMetadata } from '../../../src/runtime/org/object-metadata.js';
import type { MetadataFile } from '../../../src/runtime/org/object-metadata.js';
import { forEachDatabase } from '../../support/databases.js';
import { buildSoqlOrg, createRecord, ids } from './soql-org.js';
import type { SoqlOrg } from './soql-org.js';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const field = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField ${NS}>\n${body}\n</CustomField>`;
const INVOICE: MetadataFile[] = [
  {
    path: 'objects/Invoice__c/Invoice__c.object-meta.xml',
    content: `<CustomObject ${NS}><label>Invoice</label><pluralLabel>Invoices</pluralLabel><nameField><label>Invoice Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>`,
  },
  { path: 'objects/Invoice__c/fields/Amount__c.field-meta.xml', content: field('<fullName>Amount__c</fullName><label>Amount</label><type>Currency</type><precision>10</precision><scale>2</scale>') },
  { path: 'objects/Invoice__c/fields/Paid__c.field-meta.xml', content: field('<fullName>Paid__c</fullName><label>Paid</label><type>Checkbox</type><defaultValue>false</defaultValue>') },
  { path: 'objects/Invoice__c/fields/Due__c.field-meta.xml', content: field('<fullName>Due__c</fullName><label>Due</label><type>Date</type>') },
  { path: 'objects/Invoice__c/fields/Sent__c.field-meta.xml', content: field('<fullName>Sent__c</fullName><label>Sent</label><type>DateTime</type>') },
  {
    path: 'objects/Invoice__c/fields/Account__c.field-meta.xml',
    content: field('<fullName>Account__c</fullName><label>Account</label><type>Lookup</type><referenceTo>Account</referenceTo><relationshipName>Invoices</relationshipName>'),
  },
];

/** The names of the records, in order. */
function names(result: { records: readonly Record<string, unknown>[] }, key = 'Name'): unknown[] {
  return result.records.map((r) => r[key]);
}

forEachDatabase('SOQL on business records', (ctx) => {
  const run = async (org: SoqlOrg, soql: string) => org.soql.query(soql, 'system');

  it('returns fields in SELECT order, with the describe\'s casing and types', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const result = await run(org, "select industry, NAME, numberofemployees, AnnualRevenue, CreatedDate, IsDeleted, id from account where name = 'acme'");
    expect(result).toMatchObject({ totalSize: 1, done: true });
    const [acme] = result.records;
    expect(Object.keys(acme ?? {})).toEqual(['attributes', 'Industry', 'Name', 'NumberOfEmployees', 'AnnualRevenue', 'CreatedDate', 'IsDeleted', 'Id']);
    expect(acme).toMatchObject({ Industry: 'Energy', Name: 'Acme', NumberOfEmployees: 50, AnnualRevenue: 1000000, IsDeleted: false, Id: org.accounts.acme });
    expect(acme?.CreatedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(acme?.attributes).toEqual({ type: 'Account', url: `/services/data/v60.0/sobjects/Account/${org.accounts.acme}` });
    const contacts = await run(org, 'SELECT LastName, Birthdate, HasOptedOutOfEmail, DoNotCall FROM Contact ORDER BY LastName');
    expect(contacts.records.map((r) => [r.LastName, r.Birthdate, r.HasOptedOutOfEmail, r.DoNotCall])).toEqual([
      ['Lovelace', '1815-12-10', true, false],
      ['Orphan', null, false, false],
    ]);
  });

  it('compares as SOQL does: text ignoring case, a condition on a null field false, != and NOT including nulls', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const q = async (where: string) => names(await run(org, `SELECT Name FROM Account WHERE ${where} ORDER BY Name`));
    expect(await q("Name = 'ACME'")).toEqual(['Acme']);
    expect(await q("Name != 'acme'")).toEqual(['globex', 'Initech']);
    expect(await q("Name <> 'acme'")).toEqual(['globex', 'Initech']);
    expect(await q("Name < 'b'")).toEqual(['Acme']);
    expect(await q("Name >= 'GLOBEX'")).toEqual(['globex', 'Initech']);
    expect(await q('NumberOfEmployees > 5')).toEqual(['Acme']);
    expect(await q('NumberOfEmployees >= 5')).toEqual(['Acme', 'globex']);
    expect(await q('NumberOfEmployees < 50')).toEqual(['globex']);
    expect(await q('NumberOfEmployees <= 50.0')).toEqual(['Acme', 'globex']);
    expect(await q('NumberOfEmployees != 5')).toEqual(['Acme', 'Initech']);
    expect(await q('NOT NumberOfEmployees > 5')).toEqual(['globex', 'Initech']);
    expect(await q('AnnualRevenue = null')).toEqual(['globex']);
    expect(await q('AnnualRevenue != null')).toEqual(['Acme', 'Initech']);
    expect(await q('AnnualRevenue > 249.5')).toEqual(['Acme', 'Initech']);
    expect(await q("Rating = ''")).toEqual(['globex', 'Initech']);
  });

  it('matches LIKE with % and _ ignoring case, and escaped wildcards literally', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    for (const name of ['100% Natural', '100 Natural', 'a_b', 'axb', 'back\\slash']) await createRecord(ctx.db(), 'Account', { Name: name });
    const q = async (pattern: string) => names(await run(org, `SELECT Name FROM Account WHERE Name LIKE '${pattern}' ORDER BY Name`));
    expect(await q('100\\%%')).toEqual(['100% Natural']);
    expect(await q('100%')).toEqual(['100 Natural', '100% Natural']);
    expect(await q('a\\_b')).toEqual(['a_b']);
    expect(await q('a_b')).toEqual(['a_b', 'axb']);
    expect(await q('GLOB%')).toEqual(['globex']);
    expect(await q('%\\\\%')).toEqual(['back\\slash']);
    expect(await q('%ACME')).toEqual(['Acme']);
  });

  it('filters with IN and NOT IN (null included), booleans, and AND, OR and NOT with parentheses', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const q = async (where: string, object = 'Account', key = 'Name') => names(await run(org, `SELECT ${key} FROM ${object} WHERE ${where} ORDER BY ${key}`), key);
    expect(await q("Industry IN ('energy', 'BANKING')")).toEqual(['Acme', 'globex', 'Initech']);
    expect(await q("Rating NOT IN ('Hot')")).toEqual(['globex', 'Initech']);
    expect(await q("Rating IN ('Hot', null)")).toEqual(['Acme', 'globex', 'Initech']);
    expect(await q("Rating NOT IN ('Hot', null)")).toEqual([]);
    expect(await q('NumberOfEmployees IN (5, 50)')).toEqual(['Acme', 'globex']);
    expect(await q("(Industry = 'Energy' AND NumberOfEmployees > 10) OR Name = 'globex'")).toEqual(['Acme', 'globex']);
    expect(await q("Industry = 'Energy' AND (NumberOfEmployees > 10 OR AnnualRevenue < 300)")).toEqual(['Acme', 'Initech']);
    expect(await q("NOT (Industry = 'Energy' OR Name = 'globex')")).toEqual([]);
    expect(await q("Industry = 'Energy' AND NOT Name LIKE 'A%'")).toEqual(['Initech']);
    expect(await q('HasOptedOutOfEmail = true', 'Contact', 'LastName')).toEqual(['Lovelace']);
    expect(await q('HasOptedOutOfEmail = FALSE', 'Contact', 'LastName')).toEqual(['Orphan']);
    expect(await q('HasOptedOutOfEmail != true', 'Contact', 'LastName')).toEqual(['Orphan']);
  });

  it('orders by several fields with nulls first ascending and last descending, ignoring case, then LIMIT and OFFSET', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const q = async (rest: string) => names(await run(org, `SELECT Name FROM Account ${rest}`));
    expect(await q('ORDER BY Name')).toEqual(['Acme', 'globex', 'Initech']);
    expect(await q('ORDER BY Name DESC')).toEqual(['Initech', 'globex', 'Acme']);
    expect(await q('ORDER BY NumberOfEmployees')).toEqual(['Initech', 'globex', 'Acme']);
    expect(await q('ORDER BY NumberOfEmployees DESC')).toEqual(['Acme', 'globex', 'Initech']);
    expect(await q('ORDER BY NumberOfEmployees ASC NULLS LAST')).toEqual(['globex', 'Acme', 'Initech']);
    expect(await q('ORDER BY NumberOfEmployees DESC NULLS FIRST')).toEqual(['Initech', 'Acme', 'globex']);
    expect(await q('ORDER BY Industry, Name DESC')).toEqual(['globex', 'Initech', 'Acme']);
    expect(await q('ORDER BY Name LIMIT 2')).toEqual(['Acme', 'globex']);
    expect(await q('ORDER BY Name LIMIT 2 OFFSET 1')).toEqual(['globex', 'Initech']);
    expect(await q('ORDER BY Name OFFSET 2')).toEqual(['Initech']);
    expect(await q('ORDER BY Name LIMIT 0')).toEqual([]);
    expect((await run(org, 'SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 1')).totalSize).toBe(2);
    await expect(run(org, 'SELECT Name FROM Account OFFSET 2001')).rejects.toMatchObject({ code: 'NUMBER_OUTSIDE_VALID_RANGE' });
  });

  it('counts with COUNT() and aggregates with COUNT(field), GROUP BY and HAVING', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    expect(await run(org, 'SELECT COUNT() FROM Account')).toEqual({ totalSize: 3, done: true, records: [] });
    expect((await run(org, "select count() from Account where Industry = 'Energy'")).totalSize).toBe(2);
    expect((await run(org, 'SELECT COUNT() FROM Account LIMIT 2')).totalSize).toBe(2);
    expect(await run(org, 'SELECT COUNT(Id), COUNT(NumberOfEmployees) FROM Account')).toEqual({
      totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, expr0: 3, expr1: 2 }],
    });
    const grouped = await run(org, 'SELECT Industry, COUNT(Id) n, MAX(NumberOfEmployees), SUM(AnnualRevenue), MIN(CreatedDate) FROM Account GROUP BY Industry ORDER BY Industry');
    expect(grouped.records).toEqual([
      { attributes: { type: 'AggregateResult' }, Industry: 'Banking', n: 1, expr0: 5, expr1: null, expr2: expect.stringMatching(/\+0000$/) },
      { attributes: { type: 'AggregateResult' }, Industry: 'Energy', n: 2, expr0: 50, expr1: 1000250, expr2: expect.stringMatching(/\+0000$/) },
    ]);
    const having = await run(org, 'SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry HAVING COUNT(Id) > 1');
    expect(having.records).toEqual([{ attributes: { type: 'AggregateResult' }, Industry: 'Energy', expr0: 2 }]);
    const none = await run(org, "SELECT COUNT(Id) FROM Account WHERE Name = 'nobody'");
    expect(none.records).toEqual([{ attributes: { type: 'AggregateResult' }, expr0: 0 }]);
    await expect(run(org, 'SELECT Name, COUNT(Id) FROM Account GROUP BY Industry')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining('Field must be grouped or aggregated: Name') });
    await expect(run(org, 'SELECT Id, COUNT() FROM Account')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(run(org, 'SELECT SUM(Name) FROM Account')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
  });

  it('follows lookups, gives null for a missing parent, and the Name type for polymorphic owners', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const contacts = await run(org, 'SELECT LastName, Account.Name, Account.Owner.Name, Account.Industry FROM Contact ORDER BY Account.Name NULLS LAST');
    expect(contacts.records).toEqual([
      {
        attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${org.contacts.ada}` },
        LastName: 'Lovelace',
        Account: {
          attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${org.accounts.acme}` },
          Name: 'Acme',
          Owner: { attributes: { type: 'User', url: `/services/data/v60.0/sobjects/User/${org.actor}` }, Name: 'Automated Process' },
          Industry: 'Energy',
        },
      },
      { attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${org.contacts.orphan}` }, LastName: 'Orphan', Account: null },
    ]);
    expect(names(await run(org, "SELECT LastName FROM Contact WHERE Account.Name = 'ACME'"), 'LastName')).toEqual(['Lovelace']);
    expect(names(await run(org, 'SELECT LastName FROM Contact WHERE Account.Name = null'), 'LastName')).toEqual(['Orphan']);
    const cases = await run(org, 'SELECT Subject, Owner.Name, Owner.Type, Account.Name FROM Case');
    expect(cases.records[0]).toMatchObject({
      Subject: 'Queued',
      Owner: { attributes: { type: 'Name', url: `/services/data/v60.0/sobjects/Group/${org.queue.Id}` }, Name: 'Support Queue', Type: 'Group' },
      Account: { Name: 'Acme' },
    });
  });

  it('queries custom objects: numbers, dates and checkboxes from JSON compare and sort by type, and custom relationships', async () => {
    const db = ctx.db();
    const org = await buildSoqlOrg(db, ctx.clock());
    await db.schema.deployObjects(parseObjectMetadata(INVOICE));
    const invoice = (name: string, fields: Record<string, unknown>) => createRecord(db, 'Invoice__c', { Name: name, ...fields });
    await invoice('Small', { Amount__c: 20, Due__c: '2026-01-10', Account__c: org.accounts.acme, Sent__c: '2026-01-09T10:00:00Z' });
    await invoice('Medium', { Amount__c: 100.5, Paid__c: true, Due__c: '2026-02-01' });
    await invoice('Large', { Amount__c: 1000, Due__c: '2025-12-31', Account__c: org.accounts.globex });
    const q = async (rest: string) => names(await run(org, `SELECT Name FROM Invoice__c ${rest}`));
    expect(await q('ORDER BY Amount__c')).toEqual(['Small', 'Medium', 'Large']);
    expect(await q('ORDER BY Amount__c DESC')).toEqual(['Large', 'Medium', 'Small']);
    expect(await q('WHERE Amount__c > 50 ORDER BY Amount__c')).toEqual(['Medium', 'Large']);
    expect(await q('WHERE Paid__c = true')).toEqual(['Medium']);
    expect(await q('WHERE Paid__c = false ORDER BY Name')).toEqual(['Large', 'Small']);
    expect(await q('WHERE Due__c < 2026-01-15 ORDER BY Due__c')).toEqual(['Large', 'Small']);
    expect(await q('WHERE Sent__c >= 2026-01-09T11:00:00+01:00')).toEqual(['Small']);
    const related = await run(org, "SELECT Name, Amount__c, Paid__c, Account__r.Name FROM Invoice__c WHERE Account__r.Industry = 'Banking'");
    expect(related.records).toEqual([
      {
        attributes: { type: 'Invoice__c', url: expect.stringContaining('/sobjects/Invoice__c/') },
        Name: 'Large', Amount__c: 1000, Paid__c: false,
        Account__r: { attributes: { type: 'Account', url: `/services/data/v60.0/sobjects/Account/${org.accounts.globex}` }, Name: 'globex' },
      },
    ]);
    expect((await run(org, 'SELECT COUNT() FROM Invoice__c')).totalSize).toBe(3);
    expect((await run(org, 'SELECT COUNT() FROM Account')).totalSize).toBe(3);
  });

  it('evaluates date literals at the given time, in the viewer\'s time zone', async () => {
    const db = ctx.db();
    const clock = ctx.clock();
    const org = await buildSoqlOrg(db, clock);
    const opportunity = (name: string, closeDate: string) => createRecord(db, 'Opportunity', { Name: name, CloseDate: closeDate, StageName: 'Prospecting' });
    await opportunity('Today', '2026-01-14');
    await opportunity('Yesterday', '2026-01-13');
    await opportunity('Last month', '2025-12-20');
    await opportunity('Next week', '2026-01-20');
    await opportunity('Last year', '2025-03-01');
    clock.set('2026-01-14T05:00:00.000Z');
    await opportunity('Created early', '2030-01-01');
    clock.set('2026-01-14T11:00:00.000Z');
    await opportunity('Created late', '2030-01-01');
    const now = new Date('2026-01-14T12:00:00.000Z');
    const q = async (where: string, timeZone = 'UTC') => names(await org.soql.query(`SELECT Name FROM Opportunity WHERE ${where} ORDER BY CloseDate, Name`, 'system', { now, timeZone }));
    expect(await q('CloseDate = TODAY')).toEqual(['Today']);
    expect(await q('CloseDate = YESTERDAY')).toEqual(['Yesterday']);
    expect(await q('CloseDate < TODAY')).toEqual(['Last year', 'Last month', 'Yesterday']);
    expect(await q('CloseDate <= TODAY AND CloseDate > LAST_MONTH')).toEqual(['Yesterday', 'Today']);
    expect(await q('CloseDate = LAST_N_DAYS:30')).toEqual(['Last month', 'Yesterday', 'Today']);
    expect(await q('CloseDate = NEXT_N_DAYS:7')).toEqual(['Next week']);
    expect(await q('CloseDate = THIS_MONTH')).toEqual(['Yesterday', 'Today', 'Next week']);
    expect(await q('CloseDate = LAST_YEAR')).toEqual(['Last year', 'Last month']);
    expect(await q('CloseDate IN (TODAY, YESTERDAY)')).toEqual(['Yesterday', 'Today']);
    expect(await q('CloseDate != THIS_YEAR AND CloseDate < 2029-01-01')).toEqual(['Last year', 'Last month']);
    expect(await q('CloseDate = 2026-01-13')).toEqual(['Yesterday']);
    expect(await q("Name LIKE 'Created%' AND CreatedDate = TODAY")).toEqual(['Created early', 'Created late']);
    // 05:00Z is 21:00 the day before in Los Angeles; 11:00Z is 03:00 on the 14th.
    expect(await q("Name LIKE 'Created%' AND CreatedDate = YESTERDAY", 'America/Los_Angeles')).toEqual(['Created early']);
    expect(await q("Name LIKE 'Created%' AND CreatedDate = TODAY", 'America/Los_Angeles')).toEqual(['Created late']);
    expect(await q("Name LIKE 'Created%' AND CreatedDate > 2026-01-14T07:00:00+02:00")).toEqual(['Created late']);
    expect(await q("Name LIKE 'Created%' AND CreatedDate >= 2026-01-14T05:00:00.000+0000")).toEqual(['Created early', 'Created late']);
    // Alice's user record says Los Angeles: her TODAY is the 14th there.
    const asAlice = await org.soql.query("SELECT Name FROM Opportunity WHERE Name LIKE 'Created%' AND CreatedDate = TODAY", await org.subject('alice'), { now });
    expect(names(asAlice)).toEqual(['Created late']);
    await expect(q('CloseDate = 2026-01-14T00:00:00Z')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining("must be of type date") });
    await expect(q('CreatedDate = 2026-01-14')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining('must be of type dateTime') });
    await expect(q("CloseDate = '2026-01-14'")).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
  });

  it('compares Ids given in 15 or 18 characters and refuses malformed ones', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const acme = org.accounts.acme;
    const lowered = acme.slice(0, 15).toLowerCase() + acme.slice(15);
    expect(ids(await run(org, `SELECT Id FROM Account WHERE Id = '${acme.slice(0, 15)}'`))).toEqual([acme]);
    expect(ids(await run(org, `SELECT Id FROM Account WHERE Id IN ('${lowered}', '${org.accounts.globex.slice(0, 15)}') ORDER BY Name`))).toEqual([acme, org.accounts.globex]);
    expect(names(await run(org, `SELECT LastName FROM Contact WHERE AccountId = '${acme.slice(0, 15)}'`), 'LastName')).toEqual(['Lovelace']);
    expect(names(await run(org, "SELECT LastName FROM Contact WHERE AccountId = ''"), 'LastName')).toEqual(['Orphan']);
    await expect(run(org, "SELECT Id FROM Account WHERE Id = 'abc'")).rejects.toMatchObject({ code: 'INVALID_QUERY_FILTER_OPERATOR', message: expect.stringContaining('invalid ID field: abc') });
    await expect(run(org, "SELECT Id FROM Account WHERE Id LIKE '001%'")).rejects.toMatchObject({ code: 'INVALID_QUERY_FILTER_OPERATOR' });
  });

  it('expands FIELDS(STANDARD) and requires a LIMIT of at most 200 for FIELDS(ALL)', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const standard = await run(org, "SELECT FIELDS(STANDARD) FROM Account WHERE Name = 'Acme'");
    expect(Object.keys(standard.records[0] ?? {})).toEqual(['attributes', ...(await ctx.db().schema.load()).describeOrThrow('Account').fields.map((f) => f.name)]);
    expect((await run(org, 'SELECT FIELDS(ALL) FROM Account LIMIT 200')).totalSize).toBe(3);
    await expect(run(org, 'SELECT FIELDS(ALL) FROM Account')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining('LIMIT of at most 200') });
  });

  it('accepts the FROM object\'s alias as a prefix and polymorphic parents of any record type', async () => {
    const db = ctx.db();
    const org = await buildSoqlOrg(db, ctx.clock());
    const aliased = await run(org, "SELECT a.Name, a.Owner.Name FROM Account a WHERE a.Name = 'acme' ORDER BY a.Name");
    expect(aliased.records).toEqual([{ attributes: expect.anything(), Name: 'Acme', Owner: expect.objectContaining({ Name: 'Automated Process' }) }]);
    const related = await run(org, 'SELECT RelatedRecord.Name, RelatedRecord.Type FROM FlowRecordRelation ORDER BY RelatedRecord.Name');
    expect(related.records.map((r) => [(r.RelatedRecord as unknown as Record<string, unknown>).Name, (r.RelatedRecord as unknown as Record<string, unknown>).Type])).toEqual([
      ['Acme', 'Account'], ['Acme', 'Account'], ['Acme', 'Account'], ['globex', 'Account'], ['Initech', 'Account'],
    ]);
    expect(related.records[0]?.RelatedRecord).toMatchObject({ attributes: { type: 'Name', url: `/services/data/v60.0/sobjects/Account/${org.accounts.acme}` } });
    const grouped = await run(org, 'SELECT RelatedRecord.Name, COUNT(Id) FROM FlowRecordRelation GROUP BY RelatedRecord.Name ORDER BY RelatedRecord.Name');
    expect(grouped.records.map((r) => [r.Name, r.expr0])).toEqual([['Acme', 3], ['globex', 1], ['Initech', 1]]);
  });

  it('describes the columns of a query for `sf data query`', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    expect(await org.soql.columns('SELECT Id, Name, Owner.Name, Owner.Email FROM Account', 'system')).toEqual({
      entityName: 'Account', keyPrefix: '001', groupBy: false, idSelected: true,
      columnMetadata: [
        { columnName: 'Id', displayName: 'Id', aggregate: false, apexType: 'Id', joinColumns: [] },
        { columnName: 'Name', displayName: 'Name', aggregate: false, apexType: 'String', joinColumns: [] },
        {
          columnName: 'Owner', displayName: 'Owner', aggregate: false, apexType: null,
          joinColumns: [
            { columnName: 'Name', displayName: 'Owner.Name', aggregate: false, apexType: 'String', joinColumns: [] },
            { columnName: 'Email', displayName: 'Owner.Email', aggregate: false, apexType: 'String', joinColumns: [] },
          ],
        },
      ],
    });
    const aggregate = await org.soql.columns('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry', 'system');
    expect(aggregate).toMatchObject({ groupBy: true, idSelected: false });
    expect(aggregate.columnMetadata.map((c) => [c.columnName, c.displayName, c.aggregate])).toEqual([['Industry', 'Industry', false], ['expr0', 'COUNT(Id)', true]]);
    await expect(org.soql.columns('SELECT Nope FROM Account', 'system')).rejects.toMatchObject({ code: 'INVALID_FIELD' });
  });

  it('returns deleted records only to queryAll', async () => {
    const db = ctx.db();
    const org = await buildSoqlOrg(db, ctx.clock());
    await db.records.delete([org.accounts.globex]);
    expect(names(await run(org, 'SELECT Name FROM Account ORDER BY Name'))).toEqual(['Acme', 'Initech']);
    const all = await org.soql.query('SELECT Name, IsDeleted FROM Account ORDER BY Name', 'system', { includeDeleted: true });
    expect(all.records.map((r) => [r.Name, r.IsDeleted])).toEqual([['Acme', false], ['globex', true], ['Initech', false]]);
    expect(names(await org.soql.query('SELECT Name FROM Account WHERE IsDeleted = true', 'system', { includeDeleted: true }))).toEqual(['globex']);
    expect((await run(org, 'SELECT COUNT() FROM Account WHERE IsDeleted = true')).totalSize).toBe(0);
  });

  it('reports errors with Salesforce\'s codes, messages and the offending token', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const fails = (soql: string) => run(org, soql);
    await expect(fails('SELECT Id, Foo FROM Account')).rejects.toMatchObject({
      code: 'INVALID_FIELD',
      fields: ['Foo'],
      message: "SELECT Id, Foo FROM Account\n           ^\nERROR at Row:1:Column:12\nNo such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
    });
    await expect(fails('SELECT Owner.Foo FROM Account')).rejects.toMatchObject({ code: 'INVALID_FIELD', message: expect.stringContaining("No such column 'Foo' on entity 'User'") });
    await expect(fails('SELECT Bogus.Name FROM Account')).rejects.toMatchObject({ code: 'INVALID_FIELD', message: expect.stringContaining("Didn't understand relationship 'Bogus' in field path") });
    await expect(fails('SELECT Id FROM Account WHERE Nope = 1')).rejects.toMatchObject({ code: 'INVALID_FIELD', fields: ['Nope'] });
    await expect(fails('SELECT Id FROM Account ORDER BY Nope')).rejects.toMatchObject({ code: 'INVALID_FIELD', fields: ['Nope'] });
    await expect(fails('SELECT Id FROM Foo')).rejects.toMatchObject({ code: 'INVALID_TYPE', fields: ['Foo'], message: expect.stringContaining("sObject type 'Foo' is not supported.") });
    await expect(fails('SELEKT Id FROM Account')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', fields: ['SELEKT'], message: expect.stringContaining("unexpected token: 'SELEKT'") });
    await expect(fails('SELECT Id FROM Account WHERE')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(fails('SELECT Id FROM Account;')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', fields: [';'] });
    await expect(fails("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'")).rejects.toMatchObject({ code: 'MALFORMED_QUERY', fields: ['OR'] });
    await expect(fails('SELECT Id FROM Account WHERE Name = 5')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining("value of filter criterion for field 'Name' must be of type string") });
    await expect(fails("SELECT Id FROM Account WHERE NumberOfEmployees = '5'")).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining('should not be enclosed in quotes') });
    await expect(fails("SELECT Id FROM Account WHERE NumberOfEmployees LIKE '5'")).rejects.toMatchObject({ code: 'INVALID_QUERY_FILTER_OPERATOR' });
    await expect(fails("SELECT Id FROM Contact WHERE DoNotCall > true")).rejects.toMatchObject({ code: 'INVALID_QUERY_FILTER_OPERATOR' });
    await expect(fails('SELECT Id, id FROM Account')).rejects.toMatchObject({ code: 'MALFORMED_QUERY', message: expect.stringContaining('duplicate field selected: Id') });
    await expect(fails('SELECT Id, (SELECT Id FROM Contacts) FROM Account')).rejects.toMatchObject({ code: 'INVALID_TYPE', fields: ['Contacts'] });
    await expect(fails('SELECT Name n FROM Account')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(fails('SELECT Id FROM Account WHERE Name = :name')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(fails('SELECT Id FROM Account WHERE CALENDAR_YEAR(CreatedDate) = 2026')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(fails('SELECT Id FROM Account WHERE Name < null')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(fails("SELECT Id FROM Account WHERE Name = 'bad \\q escape'")).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(fails('')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
  });
});
