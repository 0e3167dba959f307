/**
 * Objects of the standard catalogue that Eddy has no hand-written describe for, through the REST
 * API on both databases: describeGlobal lists them, records are created, queried with SOQL and
 * updated with their real fields, and Salesforce's rules (read-only compound fields, objects that
 * cannot be created) hold.
 */
import { afterEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';

const NAMED = [
  'Entitlement', 'CaseMilestone', 'EntityMilestone', 'BusinessHours', 'OpportunityContactRole', 'AccountContactRelation', 'CaseComment',
  'CaseContactRole', 'CaseRelatedIssue', 'Incident', 'Problem', 'ChangeRequest', 'ProblemIncident', 'ChangeRequestRelatedIssue',
  'ContentVersion', 'ContentDocumentLink', 'DatedConversionRate', 'MessagingSession', 'MessagingEndUser',
];

forEachDatabase('standard catalogue objects over REST', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (): Promise<{ s: TestServer; token: string }> => {
    server = await createTestServer(ctx.db(), ctx.clock());
    return { s: server, token: await server.tokenFor(server.admin) };
  };
  const create = async (s: TestServer, token: string, object: string, body: Record<string, unknown>): Promise<string> => {
    const response = await s.call(token, 'POST', `/sobjects/${object}`, body);
    expect(response.statusCode, `${object}: ${response.body}`).toBe(201);
    return (response.json() as { id: string }).id;
  };
  const query = async (s: TestServer, token: string, soql: string): Promise<Record<string, unknown>[]> => {
    const response = await s.call(token, 'GET', `/query?q=${encodeURIComponent(soql)}`);
    expect(response.statusCode, `${soql}: ${response.body}`).toBe(200);
    return (response.json() as { records: Record<string, unknown>[] }).records;
  };

  it('lists every named object in describeGlobal and describes it with its real fields', async () => {
    const { s, token } = await start();
    const global = (await s.call(token, 'GET', '/sobjects')).json() as { sobjects: { name: string; keyPrefix: string | null }[] };
    const names = global.sobjects.map((o) => o.name);
    for (const name of NAMED) expect(names).toContain(name);
    expect(global.sobjects.find((o) => o.name === 'Entitlement')?.keyPrefix).toBe('550');
    const milestone = (await s.call(token, 'GET', '/sobjects/CaseMilestone/describe')).json() as { createable: boolean; fields: { name: string; type: string; updateable: boolean }[] };
    expect(milestone.createable).toBe(false);
    expect(milestone.fields).toContainEqual(expect.objectContaining({ name: 'CompletionDate', type: 'datetime', updateable: true }));
    expect(milestone.fields).toContainEqual(expect.objectContaining({ name: 'TargetDate', type: 'datetime', updateable: false }));
    const caseDescribe = (await s.call(token, 'GET', '/sobjects/Case/describe')).json() as { childRelationships: { childSObject: string; field: string; relationshipName: string | null }[] };
    expect(caseDescribe.childRelationships).toContainEqual(expect.objectContaining({ childSObject: 'CaseComment', field: 'ParentId', relationshipName: 'CaseComments' }));
  });

  it('creates, queries and updates service objects with their real fields: entitlements, business hours, incidents, problems, change requests', async () => {
    const { s, token } = await start();
    const account = await create(s, token, 'Account', { Name: 'Acme' });
    const contact = await create(s, token, 'Contact', { LastName: 'Lovelace', AccountId: account });
    const hours = await create(s, token, 'BusinessHours', { Name: 'Office', TimeZoneSidKey: 'Europe/Paris', IsActive: true, MondayStartTime: '09:00:00.000Z', MondayEndTime: '17:00:00.000Z' });
    const entitlement = await create(s, token, 'Entitlement', { Name: 'Gold', AccountId: account, StartDate: '2026-01-01', BusinessHoursId: hours });
    expect(entitlement).toMatch(/^550/);
    const caseId = await create(s, token, 'Case', { Subject: 'Broken', AccountId: account, ContactId: contact, EntitlementId: entitlement, BusinessHoursId: hours });
    await create(s, token, 'CaseComment', { ParentId: caseId, CommentBody: 'Looking into it', IsPublished: true });
    await create(s, token, 'CaseContactRole', { CasesId: caseId, ContactId: contact, Role: 'Technical Contact' });
    const incident = await create(s, token, 'Incident', { Subject: 'Outage', Priority: 'High' });
    const problem = await create(s, token, 'Problem', { Subject: 'Root cause' });
    await create(s, token, 'ProblemIncident', { Name: 'Link', IssueId: problem, RelatedIssueId: incident, RelatedEntityType: 'Incident' });
    await create(s, token, 'ChangeRequest', { Subject: 'Patch' });

    expect(await query(s, token, `SELECT Subject, Entitlement.Name, BusinessHours.Name, Status FROM Case WHERE EntitlementId = '${entitlement}'`)).toEqual([
      expect.objectContaining({ Subject: 'Broken', Entitlement: expect.objectContaining({ Name: 'Gold' }), BusinessHours: expect.objectContaining({ Name: 'Office' }), Status: 'New' }),
    ]);
    expect(await query(s, token, `SELECT CommentBody, IsPublished, Parent.Subject FROM CaseComment WHERE ParentId = '${caseId}'`)).toEqual([
      expect.objectContaining({ CommentBody: 'Looking into it', IsPublished: true, Parent: expect.objectContaining({ Subject: 'Broken' }) }),
    ]);
    expect(await query(s, token, "SELECT Subject, Status, Priority FROM Incident WHERE Priority = 'High'")).toEqual([expect.objectContaining({ Subject: 'Outage', Status: 'New', Priority: 'High' })]);
    expect(await query(s, token, `SELECT Name FROM ProblemIncident WHERE IssueId = '${problem}'`)).toHaveLength(1);
    expect(await query(s, token, 'SELECT Id, CompletionDate, IsCompleted FROM CaseMilestone')).toEqual([]);

    expect((await s.call(token, 'PATCH', `/sobjects/Incident/${incident}`, { Status: 'Resolved' })).statusCode).toBe(204);
    expect(await query(s, token, `SELECT Status FROM Incident WHERE Id = '${incident}'`)).toEqual([expect.objectContaining({ Status: 'Resolved' })]);
  });

  it('creates opportunity contact roles and account contact relations with their picklists and flags', async () => {
    const { s, token } = await start();
    const account = await create(s, token, 'Account', { Name: 'Acme' });
    const contact = await create(s, token, 'Contact', { LastName: 'Hopper' });
    const opportunity = await create(s, token, 'Opportunity', { Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-06-30', AccountId: account });
    await create(s, token, 'OpportunityContactRole', { OpportunityId: opportunity, ContactId: contact, Role: 'Decision Maker', IsPrimary: true });
    await create(s, token, 'AccountContactRelation', { AccountId: account, ContactId: contact, Roles: 'Decision Maker;Influencer', IsActive: true });
    expect(await query(s, token, `SELECT Role, IsPrimary, Contact.LastName FROM OpportunityContactRole WHERE OpportunityId = '${opportunity}'`)).toEqual([
      expect.objectContaining({ Role: 'Decision Maker', IsPrimary: true, Contact: expect.objectContaining({ LastName: 'Hopper' }) }),
    ]);
    expect(await query(s, token, `SELECT Roles, IsActive FROM AccountContactRelation WHERE AccountId = '${account}'`)).toEqual([
      expect.objectContaining({ Roles: 'Decision Maker;Influencer', IsActive: true }),
    ]);
  });

  it("keeps Salesforce's rules: compound addresses are read-only, latitudes are numbers, milestones and rates cannot be created", async () => {
    const { s, token } = await start();
    const compound = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme', BillingAddress: { city: 'Paris' } });
    expect(compound.statusCode).toBe(400);
    expect(compound.json()[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['BillingAddress'] });
    const account = await create(s, token, 'Account', { Name: 'Acme', BillingCity: 'Paris', BillingLatitude: 48.8566, BillingLongitude: 2.3522 });
    expect(await query(s, token, `SELECT BillingCity, BillingLatitude FROM Account WHERE Id = '${account}'`)).toEqual([expect.objectContaining({ BillingCity: 'Paris', BillingLatitude: 48.8566 })]);
    const notNumber = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme', BillingLatitude: 'north' });
    expect(notNumber.json()[0]).toMatchObject({ errorCode: 'INVALID_TYPE_ON_FIELD_IN_RECORD', fields: ['BillingLatitude'] });
    for (const object of ['CaseMilestone', 'DatedConversionRate']) {
      const refused = await s.call(token, 'POST', `/sobjects/${object}`, {});
      expect(refused.statusCode, object).toBe(400);
    }
    const system = await s.call(token, 'POST', '/sobjects/Incident', { Subject: 'Outage', CreatedDate: '2026-01-01T00:00:00Z' });
    expect(system.json()[0]).toMatchObject({ errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['CreatedDate'] });
  });
});
