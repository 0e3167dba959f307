import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { Database } from '../../../src/storage/database-schema.js';
import { to18 } from '../../../src/runtime/org/ids.js';
import { forEachDatabase } from '../../support/databases.js';
import { buildSoqlOrg, ids } from './soql-org.js';

const BY_RECORD = (recordId: string) =>
  `SELECT ParentId, Parent.InterviewLabel, Parent.PauseLabel, Parent.CurrentElement, Parent.CreatedDate, Parent.Owner.Name FROM FlowRecordRelation WHERE RelatedRecordId = '${recordId}'`;

forEachDatabase('SOQL on the flow runtime objects', (ctx) => {
  it('answers the "paused interviews for a record" component\'s query as written, with nested Parent and polymorphic Owner', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const result = await org.soql.query(BY_RECORD(org.accounts.acme), 'system', { apiVersion: '59.0' });
    expect(result).toMatchObject({ totalSize: 3, done: true });
    const byParent = new Map(result.records.map((r) => [r.ParentId, r]));
    const alice = byParent.get(org.interviews.aliceSurvey.Id);
    expect(Object.keys(alice ?? {})).toEqual(['attributes', 'ParentId', 'Parent']);
    expect(alice).toEqual({
      attributes: { type: 'FlowRecordRelation', url: expect.stringMatching(/^\/services\/data\/v59\.0\/sobjects\/FlowRecordRelation\/0jE\w{15}$/) },
      ParentId: org.interviews.aliceSurvey.Id,
      Parent: {
        attributes: { type: 'FlowInterview', url: `/services/data/v59.0/sobjects/FlowInterview/${org.interviews.aliceSurvey.Id}` },
        InterviewLabel: 'Survey customers: Acme',
        PauseLabel: 'Waiting for the customer',
        CurrentElement: 'Ask_Rating',
        CreatedDate: org.interviews.aliceSurvey.CreatedDate.replace('Z', '+0000'),
        Owner: { attributes: { type: 'Name', url: `/services/data/v59.0/sobjects/User/${org.users.alice.Id}` }, Name: 'Alice alice' },
      },
    });
    expect(byParent.get(org.interviews.queueIntake.Id)?.Parent).toMatchObject({
      PauseLabel: null,
      Owner: { attributes: { type: 'Name', url: `/services/data/v59.0/sobjects/Group/${org.queue.Id}` }, Name: 'Support Queue' },
    });
    // A 15-character Id finds the same rows.
    const short = await org.soql.query(BY_RECORD(org.accounts.acme.slice(0, 15)), 'system');
    expect(short.records.map((r) => r.ParentId).sort()).toEqual(result.records.map((r) => r.ParentId).sort());
  });

  it('answers the resume sample\'s query: interviews created by a user with a label like the flow', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const soql = `SELECT Id FROM FlowInterview WHERE CreatedById = '${org.users.alice.Id}' AND InterviewLabel LIKE '%Survey customers%'`;
    expect(ids(await org.soql.query(soql, await org.subject('alice')))).toEqual([org.interviews.aliceSurvey.Id]);
    expect(ids(await org.soql.query(soql.replace('%Survey customers%', '%SURVEY CUSTOMERS%'), 'system'))).toEqual([org.interviews.aliceSurvey.Id]);
  });

  it('shows a user only the interviews they may read, and only those interviews\' relations, stages and shares', async () => {
    const db = ctx.db();
    const org = await buildSoqlOrg(db, ctx.clock());
    const alice = await org.subject('alice');
    const relations = async (viewer: Parameters<typeof org.soql.query>[1]) =>
      (await org.soql.query(`SELECT ParentId FROM FlowRecordRelation WHERE RelatedRecordId = '${org.accounts.acme}'`, viewer)).records.map((r) => r.ParentId).sort();
    expect(await relations(alice)).toEqual([org.interviews.aliceSurvey.Id]);
    expect(await relations('system')).toEqual([org.interviews.aliceSurvey.Id, org.interviews.bobSurvey.Id, org.interviews.queueIntake.Id].sort());
    expect(await relations(await org.subject('bob'))).toEqual([org.interviews.bobSurvey.Id, org.interviews.queueIntake.Id].sort());
    expect(await relations(await org.subject('manager'))).toEqual([org.interviews.aliceSurvey.Id, org.interviews.bobSurvey.Id].sort());
    expect(await relations(await org.subject('admin'))).toHaveLength(3);
    expect(await relations(await org.subject('norun'))).toEqual([]);
    expect(await relations(await org.subject('outsider'))).toEqual([]);

    await db.interviews.share(org.interviews.bobSurvey.Id, org.users.alice.Id, 'Read', org.actor);
    expect(await relations(alice)).toEqual([org.interviews.aliceSurvey.Id, org.interviews.bobSurvey.Id].sort());
    const stages = await org.soql.query('SELECT ParentId, StageLabel, StageOrder, StageType FROM FlowStageRelation ORDER BY ParentId, StageOrder', await org.subject('outsider'));
    expect(stages.records).toEqual([]);
    const aliceStages = await org.soql.query(`SELECT StageLabel, StageOrder FROM FlowStageRelation WHERE ParentId = '${org.interviews.aliceSurvey.Id}' ORDER BY StageOrder DESC`, alice);
    expect(aliceStages.records.map((r) => [r.StageLabel, r.StageOrder])).toEqual([['Thank', 2], ['Ask', 1]]);
    const shares = await org.soql.query('SELECT ParentId, UserOrGroupId, AccessLevel, RowCause FROM FlowInterviewShare', alice);
    // As in Salesforce, each interview Alice can read has its owner's row (RowCause Owner, All).
    const expected = [
      [org.interviews.aliceSurvey.Id, org.users.alice.Id, 'All', 'Owner'],
      [org.interviews.bobSurvey.Id, org.users.alice.Id, 'Read', 'Manual'],
      [org.interviews.bobSurvey.Id, org.users.bob.Id, 'All', 'Owner'],
    ];
    const byText = (a: unknown[], b: unknown[]): number => (a.join() < b.join() ? -1 : 1);
    expect(shares.records.map((r) => [r.ParentId, r.UserOrGroupId, r.AccessLevel, r.RowCause]).sort(byText)).toEqual(expected.sort(byText));
    const owned = await org.soql.query(`SELECT Id, UserOrGroupId, AccessLevel FROM FlowInterviewShare WHERE RowCause = 'Owner' AND ParentId = '${org.interviews.aliceSurvey.Id}'`, alice);
    expect(owned.records).toEqual([{ attributes: expect.any(Object), Id: `0Fp${org.interviews.aliceSurvey.Id.slice(3)}`, UserOrGroupId: org.users.alice.Id, AccessLevel: 'All' }]);
    // The outsider sees only the Owner row of their own interview.
    const outsiders = await org.soql.query('SELECT ParentId, RowCause FROM FlowInterviewShare', await org.subject('outsider'));
    expect(outsiders.records.map((r) => [r.ParentId, r.RowCause])).toEqual([[org.interviews.outsiderIntake.Id, 'Owner']]);
    expect((await org.soql.query('SELECT COUNT() FROM FlowInterview', alice)).totalSize).toBe(2);
    expect((await org.soql.query('SELECT COUNT() FROM FlowInterview', 'system')).totalSize).toBe(4);
  });

  it('supports semi-join and anti-join subqueries, with sharing inside them', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const semi = `SELECT Id FROM FlowInterview WHERE Id IN (SELECT ParentId FROM FlowRecordRelation WHERE RelatedRecordId = '${org.accounts.acme}') ORDER BY CreatedDate`;
    expect(ids(await org.soql.query(semi, 'system'))).toEqual([org.interviews.aliceSurvey.Id, org.interviews.bobSurvey.Id, org.interviews.queueIntake.Id]);
    expect(ids(await org.soql.query(semi, await org.subject('bob')))).toEqual([org.interviews.bobSurvey.Id, org.interviews.queueIntake.Id]);
    const anti = semi.replace('Id IN (', 'Id NOT IN (');
    expect(ids(await org.soql.query(anti, 'system'))).toEqual([org.interviews.outsiderIntake.Id]);
    const accounts = `SELECT Name FROM Account WHERE Id IN (SELECT RelatedRecordId FROM FlowRecordRelation WHERE Parent.OwnerId = '${org.users.bob.Id}') ORDER BY Name`;
    expect((await org.soql.query(accounts, 'system')).records.map((r) => r.Name)).toEqual(['Acme', 'globex']);
    await expect(org.soql.query(`SELECT Id FROM FlowInterview WHERE Id IN (SELECT ParentId FROM FlowRecordRelation WHERE ParentId IN (SELECT Id FROM FlowInterview))`, 'system')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(org.soql.query('SELECT Id FROM FlowInterview WHERE Id IN (SELECT ParentId, Name FROM FlowRecordRelation)', 'system')).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
  });

  it('queries FlowInterview fields with describe types and relationships to the owner, creator and flow version', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const result = await org.soql.query(
      'select id, name, interviewstatus, WASPAUSEDFROMSCREEN, Owner.Type, Owner.Email, owner.isactive, CreatedBy.Name, FlowVersionView.Label, FlowVersionView.VersionNumber FROM flowinterview WHERE InterviewStatus IN (\'Paused\', \'Running\') ORDER BY CreatedDate DESC',
      'system',
    );
    expect(result.totalSize).toBe(4);
    const [outsider, queue] = result.records;
    expect(outsider).toMatchObject({
      Id: org.interviews.outsiderIntake.Id,
      InterviewStatus: 'Running',
      WasPausedFromScreen: false,
      Owner: { attributes: { type: 'Name' }, Type: 'User', Email: 'outsider@example.com', IsActive: true },
      CreatedBy: { attributes: { type: 'User' }, Name: 'outsider' },
      FlowVersionView: { attributes: { type: 'FlowVersionView' }, Label: 'Intake', VersionNumber: 1 },
    });
    expect(Object.keys(outsider ?? {})).toEqual(['attributes', 'Id', 'Name', 'InterviewStatus', 'WasPausedFromScreen', 'Owner', 'CreatedBy', 'FlowVersionView']);
    expect(queue).toMatchObject({ Owner: { Type: 'Group', Email: null, IsActive: null } });
    const owners = await org.soql.query("SELECT Id FROM FlowInterview WHERE Owner.Type = 'Group'", 'system');
    expect(ids(owners)).toEqual([org.interviews.queueIntake.Id]);
  });

  it('queries Flow, FlowDefinitionView, FlowVersionView, User, Group and GroupMember', async () => {
    const org = await buildSoqlOrg(ctx.db(), ctx.clock());
    const flows = await org.soql.query("SELECT Id, MasterLabel, VersionNumber, Status, ProcessType, Definition.DeveloperName FROM Flow WHERE Status = 'Active' ORDER BY MasterLabel", 'system');
    expect(flows.records.map((r) => [r.MasterLabel, r.Status, r.ProcessType, (r.Definition as Record<string, unknown>).DeveloperName])).toEqual([
      ['Intake', 'Active', 'AutoLaunchedFlow', 'Intake'],
      ['Survey customers', 'Active', 'Flow', 'Survey_customers'],
    ]);
    const definitions = await org.soql.query("SELECT ApiName, Label, IsActive, ProcessType, ActiveVersionId, LastModifiedBy FROM FlowDefinitionView WHERE ApiName = 'survey_CUSTOMERS'", 'system');
    expect(definitions.records).toEqual([
      {
        attributes: { type: 'FlowDefinitionView', url: `/services/data/v60.0/sobjects/FlowDefinitionView/${org.flows.survey.definition.Id}` },
        ApiName: 'Survey_customers', Label: 'Survey customers', IsActive: true, ProcessType: 'Flow', ActiveVersionId: org.flows.survey.version.Id, LastModifiedBy: 'Automated Process',
      },
    ]);
    const versions = await org.soql.query(`SELECT DurableId, FlowDefinitionViewId, VersionNumber, Status FROM FlowVersionView WHERE FlowDefinitionViewId = '${org.flows.intake.definition.Id}'`, 'system');
    expect(versions.records.map((r) => [r.DurableId, r.VersionNumber, r.Status])).toEqual([[org.flows.intake.version.Id, 1, 'Active']]);
    const users = await org.soql.query("SELECT Username, Name, IsActive, UserRole.Name, Manager.Name FROM User WHERE Username LIKE 'a%@example.com' ORDER BY Username", 'system');
    expect(users.records.map((r) => [r.Username, r.Name, r.IsActive, (r.UserRole as Record<string, unknown> | null)?.Name ?? null, r.Manager])).toEqual([
      ['admin@example.com', 'admin', true, null, null],
      ['alice@example.com', 'Alice alice', true, 'Sales Rep', null],
    ]);
    const groups = await org.soql.query("SELECT Name, Type FROM Group WHERE Type = 'Queue'", 'system');
    expect(groups.records.map((r) => [r.Name, r.Type])).toEqual([['Support Queue', 'Queue']]);
    const members = await org.soql.query(`SELECT GroupId, UserOrGroupId, Group.Name FROM GroupMember WHERE GroupId = '${org.queue.Id}'`, 'system');
    expect(members.records.map((r) => [r.UserOrGroupId, (r.Group as Record<string, unknown>).Name])).toEqual([[org.users.bob.Id, 'Support Queue']]);
  });

  it('runs the by-record query through the RelatedRecordId index and joins interviews by primary key', async () => {
    const db = ctx.db();
    const org = await buildSoqlOrg(db, ctx.clock());
    // Enough unrelated interviews and relations that a planner prefers the indexes to scans.
    const now = ctx.clock().iso();
    const audit = { CreatedDate: now, CreatedById: org.actor, LastModifiedDate: now, LastModifiedById: org.actor, SystemModstamp: now, IsDeleted: 0 };
    const { version } = org.flows.survey;
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: to18(`0Fo0Z${String(i).padStart(10, '0')}`), record: to18(`0010Z${String(i).padStart(10, '0')}`) }));
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await db.db
        .insertInto('flow_interviews')
        .values(chunk.map((r) => ({ Id: r.id, Name: r.id, Guid: r.id, InterviewLabel: null, PauseLabel: null, CurrentElement: null, InterviewStatus: 'Paused', OwnerId: org.users.outsider.Id, WasPausedFromScreen: 1, FlowVersionViewId: version.Id, Error: null, flow_definition_id: version.DefinitionId, state: '{}', version: 1, ...audit })))
        .execute();
      await db.db
        .insertInto('flow_record_relations')
        .values(chunk.map((r) => ({ Id: to18(`0jE${r.id.slice(3, 15)}`), Name: r.id, ParentId: r.id, RelatedRecordId: r.record, ...audit })))
        .execute();
    }
    await sql`analyze`.execute(db.db);
    const plans: string[] = [];
    for (const viewer of ['system', await org.subject('alice')] as const) {
      const page = await org.soql.compileFirstPage(BY_RECORD(org.accounts.acme), viewer);
      plans.push(await explain(db.db, db.dialect, page.sql, page.parameters));
    }
    expect((await org.soql.query(BY_RECORD(org.accounts.acme), 'system')).totalSize).toBe(3);
    for (const plan of plans) {
      if (db.dialect === 'sqlite') {
        expect(plan).toMatch(/SEARCH t\d+ USING (?:COVERING )?INDEX flow_record_relations_record \(RelatedRecordId=\?/);
        expect(plan).toMatch(/SEARCH j\d+ USING INDEX sqlite_autoindex_flow_interviews_1 \(Id=\?\)/);
        expect(plan).not.toMatch(/SCAN (?:t|j|s)\d+\b/);
      } else {
        expect(plan).toMatch(/Index (?:Only )?Scan (?:Backward )?using flow_record_relations_record|Bitmap Index Scan on flow_record_relations_record/);
        expect(plan).toMatch(/Index Scan using flow_interviews_pkey on flow_interviews/);
        expect(plan).not.toMatch(/Seq Scan on flow_record_relations/);
        expect(plan).not.toMatch(/Seq Scan on flow_interviews/);
      }
    }
  });
});

/** The query plan of a statement, with its parameters inlined as literals (IDs, numbers, object names). */
async function explain(db: Kysely<Database>, dialect: 'sqlite' | 'postgres', statement: string, parameters: readonly unknown[]): Promise<string> {
  const literal = (value: unknown): string => (typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`);
  let index = 0;
  const inlined = dialect === 'sqlite' ? statement.replace(/\?/g, () => literal(parameters[index++])) : statement.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ detail: string }>`${sql.raw(`explain query plan ${inlined}`)}`.execute(db);
    return rows.map((r) => r.detail).join('\n');
  }
  const { rows } = await sql<{ 'QUERY PLAN': string }>`${sql.raw(`explain ${inlined}`)}`.execute(db);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}
