import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/storage/database-schema.js';
import { expect, it } from 'vitest';
import { to18 } from '../../src/runtime/org/ids.js';
import type { KyselyInterviewStore } from '../../src/storage/kysely-interview-store.js';
import { forEachDatabase } from '../support/databases.js';
import { createInterview, createUser, deployFlow, sampleState, systemActor } from './seed.js';

forEachDatabase('interview store', (ctx) => {
  it('saves and loads an interview with its state unchanged', async () => {
    const db = ctx.db();
    const { version, definition } = await deployFlow(db, 'Survey');
    const owner = await createUser(db, 'owner');
    const state = sampleState('Ask_Name');
    const created = await createInterview(db, version.Id, owner.Id, { state, PauseLabel: 'Back after lunch' });
    expect(created.Id).toMatch(/^0Fo/);
    expect(created.Name).toMatch(/^FI-\d{8}$/);
    expect(created.version).toBe(1);
    expect(created.flowDefinitionId).toBe(definition.Id);
    const loaded = await db.interviews.get(created.Id);
    expect(loaded).toMatchObject({ OwnerId: owner.Id, InterviewStatus: 'Paused', WasPausedFromScreen: true, PauseLabel: 'Back after lunch', FlowVersionViewId: version.Id });
    expect(loaded?.state).toEqual(JSON.parse(JSON.stringify(state)));
    expect((await db.interviews.getByGuid(created.Guid))?.Id).toBe(created.Id);
  });

  it('increments the version on save and refuses a save with a stale version', async () => {
    const db = ctx.db();
    const { version } = await deployFlow(db, 'Survey');
    const owner = await createUser(db, 'owner');
    const created = await createInterview(db, version.Id, owner.Id);
    const saved = await db.interviews.save(created.Id, 1, { InterviewStatus: 'Running', CurrentElement: 'Screen2', state: sampleState('Screen2') }, owner.Id);
    expect(saved.version).toBe(2);
    expect(saved.CurrentElement).toBe('Screen2');
    await expect(db.interviews.save(created.Id, 1, { CurrentElement: 'Screen3' }, owner.Id)).rejects.toMatchObject({ code: 'CONFLICT' });
    const after = await db.interviews.get(created.Id);
    expect(after?.CurrentElement).toBe('Screen2');
    expect(after?.version).toBe(2);
    await expect(db.interviews.save(to18('0Fo0E0000000000'), 1, {}, owner.Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets exactly one of many concurrent saves with the same version win, across connections', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    const { version } = await deployFlow(db, 'Survey');
    const owner = await createUser(db, 'owner');
    const created = await createInterview(db, version.Id, owner.Id);
    const attempts = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? db : other).interviews.save(created.Id, 1, { CurrentElement: `S${i}`, state: sampleState(`S${i}`) }, owner.Id));
    const results = await Promise.allSettled(attempts);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((r) => (r.reason as { code: string }).code)).toEqual(Array(11).fill('CONFLICT'));
    const final = await db.interviews.get(created.Id);
    const winner = (won[0] as PromiseFulfilledResult<{ CurrentElement: string }>).value.CurrentElement;
    expect(final?.version).toBe(2);
    expect(final?.CurrentElement).toBe(winner);
    expect((final?.state.frames[0] as { current: string }).current).toBe(winner);
  });

  it('refuses a state over 1 MB and an unknown status', async () => {
    const db = ctx.db();
    const { version } = await deployFlow(db, 'Survey');
    const owner = await createUser(db, 'owner');
    const huge = sampleState();
    (huge.frames[0] as { vars: Record<string, unknown> }).vars.blob = 'x'.repeat(1_100_000);
    await expect(createInterview(db, version.Id, owner.Id, { state: huge })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(createInterview(db, version.Id, owner.Id, { InterviewStatus: 'Waiting' as never })).rejects.toMatchObject({ code: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST' });
    expect(await db.interviews.list({}, 'system')).toEqual([]);
  });

  it('replaces record and stage relations and deletes them with the interview', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const { version } = await deployFlow(db, 'Survey');
    const [accountId, contactId] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Acme' }, { attributes: { type: 'Contact' }, LastName: 'Lee' }], actor);
    const interview = await createInterview(db, version.Id, actor);
    await db.interviews.setRecordRelations(interview.Id, [accountId as string], actor);
    const relations = await db.interviews.setRecordRelations(interview.Id, [contactId as string, (contactId as string).slice(0, 15)], actor);
    expect(relations).toHaveLength(1);
    expect(relations[0]).toMatchObject({ ParentId: interview.Id, RelatedRecordId: contactId });
    expect(relations[0]?.Id).toMatch(/^0jE/);
    await expect(db.interviews.setRecordRelations(interview.Id, ['garbage'], actor)).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    const stages = await db.interviews.setStageRelations(
      interview.Id,
      [
        { StageLabel: 'Intake', StageOrder: 0, StageType: 'Active' },
        { StageLabel: 'Review', StageOrder: 1, StageType: 'Active' },
        { StageLabel: 'Intake', StageOrder: 0, StageType: 'Current' },
      ],
      actor,
    );
    expect(stages).toHaveLength(3);
    expect((await db.interviews.stageRelations(interview.Id)).map((s) => `${s.StageType}:${s.StageLabel}`)).toEqual(['Current:Intake', 'Active:Intake', 'Active:Review']);
    await db.waits.add({ interviewId: interview.Id, element: 'Wait1', event: 'Shipped', eventType: 'Order_Shipped__e', filters: { OrderId__c: 'x' } });
    await db.interviews.delete(interview.Id);
    expect(await db.interviews.recordRelations(interview.Id)).toEqual([]);
    expect(await db.interviews.stageRelations(interview.Id)).toEqual([]);
    expect(await db.waits.listForInterview(interview.Id)).toEqual([]);
    await expect(db.interviews.delete(interview.Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists by owner, record, flow, status and waiting', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const survey = await deployFlow(db, 'Survey');
    const intake = await deployFlow(db, 'Intake');
    const ann = await createUser(db, 'ann');
    const bob = await createUser(db, 'bob');
    const [accountId] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Acme' }], actor);
    const a1 = await createInterview(db, survey.version.Id, ann.Id);
    ctx.clock().advance(1000);
    const a2 = await createInterview(db, intake.version.Id, ann.Id, { WasPausedFromScreen: false });
    ctx.clock().advance(1000);
    const b1 = await createInterview(db, survey.version.Id, bob.Id, { InterviewStatus: 'Running' });
    await db.interviews.setRecordRelations(a1.Id, [accountId as string], actor);
    await db.interviews.setRecordRelations(b1.Id, [accountId as string], actor);
    const ids = (list: { Id: string }[]) => list.map((i) => i.Id);
    expect(ids(await db.interviews.list({ ownerId: ann.Id }, 'system'))).toEqual([a2.Id, a1.Id]);
    expect(ids(await db.interviews.list({ relatedRecordId: accountId as string }, 'system'))).toEqual([b1.Id, a1.Id]);
    expect(ids(await db.interviews.list({ flowDefinitionId: survey.definition.Id }, 'system'))).toEqual([b1.Id, a1.Id]);
    expect(ids(await db.interviews.list({ flowVersionId: intake.version.Id }, 'system'))).toEqual([a2.Id]);
    expect(ids(await db.interviews.list({ statuses: ['Running'] }, 'system'))).toEqual([b1.Id]);
    expect(ids(await db.interviews.list({ waiting: true }, 'system'))).toEqual([a2.Id]);
    expect(ids(await db.interviews.list({ waiting: false }, 'system'))).toEqual([a1.Id]);
    expect(ids(await db.interviews.list({ limit: 1, offset: 1 }, 'system'))).toEqual([a2.Id]);
  });

  it('finds interviews by record through the RelatedRecordId index, joining interviews by primary key', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const { version } = await deployFlow(db, 'Survey');
    // Enough unrelated rows that a planner prefers the index to a scan.
    const rows = Array.from({ length: 3000 }, (_, i) => ({ id: to18(`0Fo0E${String(i).padStart(10, '0')}`), record: to18(`0010E${String(i).padStart(10, '0')}`) }));
    const now = ctx.clock().iso();
    const audit = { CreatedDate: now, CreatedById: actor, LastModifiedDate: now, LastModifiedById: actor, SystemModstamp: now, IsDeleted: 0 };
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await db.db
        .insertInto('flow_interviews')
        .values(chunk.map((r) => ({ Id: r.id, Name: r.id, Guid: r.id, InterviewLabel: null, PauseLabel: null, CurrentElement: null, InterviewStatus: 'Paused', OwnerId: actor, WasPausedFromScreen: 1, FlowVersionViewId: version.Id, Error: null, flow_definition_id: version.DefinitionId, state: '{}', version: 1, ...audit })))
        .execute();
      await db.db
        .insertInto('flow_record_relations')
        .values(chunk.map((r) => ({ Id: to18(`0jE${r.id.slice(3, 15)}`), Name: r.id, ParentId: r.id, RelatedRecordId: r.record, ...audit })))
        .execute();
    }
    const target = rows[1234] as { id: string; record: string };
    const user = await createUser(db, 'viewer');
    const subject = await db.directory.accessSubject(user.Id);
    const store = db.interviews as KyselyInterviewStore;
    for (const viewer of ['system', subject] as const) {
      const compiled = await store.compileList({ relatedRecordId: target.record }, viewer);
      await sql`analyze`.execute(db.db);
      const plan = await explain(db.db, db.dialect, compiled.sql, compiled.parameters);
      if (db.dialect === 'sqlite') {
        expect(plan).toMatch(/SEARCH frr USING (?:COVERING )?INDEX flow_record_relations_record \(RelatedRecordId=\?/);
        expect(plan).toMatch(/SEARCH fi USING INDEX sqlite_autoindex_flow_interviews_1 \(Id=\?\)/);
        expect(plan).not.toMatch(/SCAN (?:fi|frr)\b/);
      } else {
        expect(plan).toMatch(/Index (?:Only )?Scan (?:Backward )?using flow_record_relations_record|Bitmap Index Scan on flow_record_relations_record/);
        expect(plan).toMatch(/Index Scan using flow_interviews_pkey on flow_interviews fi/);
        expect(plan).not.toMatch(/Seq Scan on flow_interviews/);
        expect(plan).not.toMatch(/Seq Scan on flow_record_relations/);
      }
    }
    expect((await db.interviews.list({ relatedRecordId: target.record }, 'system')).map((i) => i.Id)).toEqual([target.id]);
  });
});

/** The query plan of a statement, with its parameters inlined as literals (they are IDs and numbers). */
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
