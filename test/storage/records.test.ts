import { expect, it } from 'vitest';
import type { FlowRecord } from '../../src/engine/protocol.js';
import type { RecordQuery } from '../../src/runtime/ports/index.js';
import { forEachDatabase } from '../support/databases.js';
import { systemActor } from './seed.js';

const account = (fields: Record<string, unknown>): FlowRecord => ({ attributes: { type: 'Account' }, ...fields }) as FlowRecord;

forEachDatabase('record store', (ctx) => {
  async function seedAccounts() {
    const db = ctx.db();
    const actor = await systemActor(db);
    const ids = await db.records.create(
      [
        account({ Name: 'Acme', Industry: 'Banking', AnnualRevenue: 5_000_000, NumberOfEmployees: 120, Rating: 'Hot' }),
        account({ Name: 'acme labs', Industry: 'biotechnology', AnnualRevenue: 250_000, NumberOfEmployees: 8 }),
        account({ Name: 'Globex', Industry: 'Energy', AnnualRevenue: 90_000_000, Rating: 'Cold' }),
        account({ Name: 'Initech 100%_off', AnnualRevenue: null }),
      ],
      actor,
    );
    return { db, actor, ids };
  }
  const names = async (query: Omit<RecordQuery, 'object'> & { object?: string }) =>
    (await ctx.db().records.query({ object: 'Account', ...query })).map((r) => r.Name);

  it('creates records with IDs of their object, owner and audit fields, and reads them back', async () => {
    const { db, actor, ids } = await seedAccounts();
    expect(ids).toHaveLength(4);
    expect(ids.every((id) => id.startsWith('001'))).toBe(true);
    const acme = await db.records.getById(ids[0] as string);
    expect(acme).toMatchObject({ attributes: { type: 'Account' }, Id: ids[0], Name: 'Acme', Industry: 'Banking', AnnualRevenue: 5_000_000, OwnerId: actor, CreatedById: actor, IsDeleted: false });
    expect(acme?.Phone).toBeNull();
    expect(await db.records.getById((ids[0] as string).slice(0, 15), ['Name'])).toEqual({ attributes: { type: 'Account' }, Id: ids[0], Name: 'Acme' });
    expect(await db.records.exists(ids[0] as string)).toBe(true);
    expect(await db.records.exists('001000000000000AAA')).toBe(false);
    expect(await db.records.exists('nonsense')).toBe(false);
  });

  it('filters case-insensitively on text and numerically on numbers, with AND by default', async () => {
    await seedAccounts();
    expect(await names({ filters: [{ field: 'Name', operator: 'EqualTo', value: 'ACME' }] })).toEqual(['Acme']);
    expect(await names({ filters: [{ field: 'name', operator: 'StartsWith', value: 'acme' }], sort: { field: 'Name', order: 'Asc' } })).toEqual(['Acme', 'acme labs']);
    expect(await names({ filters: [{ field: 'Name', operator: 'Contains', value: '100%_' }] })).toEqual(['Initech 100%_off']);
    expect(await names({ filters: [{ field: 'Name', operator: 'Contains', value: '0%' }, { field: 'Name', operator: 'EndsWith', value: 'OFF' }] })).toEqual(['Initech 100%_off']);
    expect(await names({ filters: [{ field: 'AnnualRevenue', operator: 'GreaterThan', value: 1_000_000 }], sort: { field: 'AnnualRevenue', order: 'Desc' } })).toEqual(['Globex', 'Acme']);
    expect(await names({ filters: [{ field: 'AnnualRevenue', operator: 'LessThanOrEqualTo', value: '250000' }] })).toEqual(['acme labs']);
    expect(await names({ filters: [{ field: 'Industry', operator: 'EqualTo', value: 'Biotechnology' }] })).toEqual(['acme labs']);
  });

  it('treats nulls as SOQL does: != and NOT IN include them, IsNull finds them', async () => {
    await seedAccounts();
    const sorted = { field: 'Name', order: 'Asc' } as const;
    expect(await names({ filters: [{ field: 'Rating', operator: 'NotEqualTo', value: 'Hot' }], sort: sorted })).toEqual(['acme labs', 'Globex', 'Initech 100%_off']);
    expect(await names({ filters: [{ field: 'Rating', operator: 'NotIn', value: ['Hot', 'Cold'] }], sort: sorted })).toEqual(['acme labs', 'Initech 100%_off']);
    expect(await names({ filters: [{ field: 'Rating', operator: 'In', value: ['hot', 'COLD'] }], sort: sorted })).toEqual(['Acme', 'Globex']);
    expect(await names({ filters: [{ field: 'AnnualRevenue', operator: 'IsNull', value: true }] })).toEqual(['Initech 100%_off']);
    expect(await names({ filters: [{ field: 'Rating', operator: 'EqualTo', value: null }], sort: sorted })).toEqual(['acme labs', 'Initech 100%_off']);
    expect(await names({ filters: [{ field: 'Rating', operator: 'In', value: [] }] })).toEqual([]);
  });

  it('applies custom filter logic, sorts nulls first ascending and last descending, and limits', async () => {
    await seedAccounts();
    const logic = { op: 'or', children: [{ op: 'condition', index: 0 }, { op: 'and', children: [{ op: 'condition', index: 1 }, { op: 'not', child: { op: 'condition', index: 2 } }] }] } as const;
    expect(
      await names({
        filters: [
          { field: 'Name', operator: 'EqualTo', value: 'Globex' },
          { field: 'Name', operator: 'StartsWith', value: 'Acme' },
          { field: 'Rating', operator: 'EqualTo', value: 'Hot' },
        ],
        logic,
        sort: { field: 'Name', order: 'Asc' },
      }),
    ).toEqual(['acme labs', 'Globex']);
    expect(await names({ filters: [], sort: { field: 'AnnualRevenue', order: 'Asc' } })).toEqual(['Initech 100%_off', 'acme labs', 'Acme', 'Globex']);
    expect(await names({ filters: [], sort: { field: 'AnnualRevenue', order: 'Desc' } })).toEqual(['Globex', 'Acme', 'acme labs', 'Initech 100%_off']);
    expect(await names({ filters: [], sort: { field: 'Name', order: 'Asc' }, limit: 2 })).toEqual(['Acme', 'acme labs']);
    const fields = await ctx.db().records.query({ object: 'Account', filters: [], fields: ['name'], limit: 1, sort: { field: 'Name', order: 'Desc' } });
    expect(fields).toEqual([{ attributes: { type: 'Account' }, Id: expect.stringMatching(/^001/), Name: 'Initech 100%_off' }]);
  });

  it('reports unknown fields, objects and operators with Salesforce codes', async () => {
    const { db } = await seedAccounts();
    await expect(db.records.query({ object: 'Account', filters: [{ field: 'Nope__c', operator: 'EqualTo', value: 1 }] })).rejects.toMatchObject({ code: 'INVALID_FIELD', fields: ['Nope__c'] });
    await expect(db.records.query({ object: 'Nope__c', filters: [] })).rejects.toMatchObject({ code: 'INVALID_TYPE' });
    await expect(db.records.query({ object: 'Account', filters: [{ field: 'Name', operator: 'WasSet', value: true }] })).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(db.records.query({ object: 'Account', filters: [{ field: 'AnnualRevenue', operator: 'EqualTo', value: 'lots' }] })).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
    await expect(db.records.query({ object: 'Account', filters: [{ field: 'ParentId', operator: 'EqualTo', value: 'xyz' }] })).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    await expect(db.records.query({ object: 'Account', filters: [], logic: { op: 'condition', index: 3 } })).rejects.toMatchObject({ code: 'MALFORMED_QUERY' });
  });

  it('updates only the given fields and keeps the rest', async () => {
    const { db, actor, ids } = await seedAccounts();
    ctx.clock().advance(60_000);
    await db.records.update([{ attributes: { type: 'Account' }, Id: ids[0], Rating: 'Warm', Phone: '555-0100' }], actor);
    const updated = await db.records.getById(ids[0] as string);
    expect(updated).toMatchObject({ Name: 'Acme', Industry: 'Banking', Rating: 'Warm', Phone: '555-0100' });
    expect(updated?.LastModifiedDate).not.toBe(updated?.CreatedDate);
    const count = await db.records.updateWhere({ object: 'Account', filters: [{ field: 'Name', operator: 'StartsWith', value: 'acme' }] }, { Rating: 'Cold' }, actor);
    expect(count).toBe(2);
    expect(await names({ filters: [{ field: 'Rating', operator: 'EqualTo', value: 'Cold' }], sort: { field: 'Name', order: 'Asc' } })).toEqual(['Acme', 'acme labs', 'Globex']);
  });

  it('refuses bad writes with Salesforce codes and leaves data untouched', async () => {
    const { db, actor, ids } = await seedAccounts();
    const before = await db.records.query({ object: 'Account', filters: [], sort: { field: 'Name', order: 'Asc' } });
    const attempts: [() => Promise<unknown>, string][] = [
      [() => db.records.create([account({ Name: 'ok' }), account({ Name: 'x'.repeat(256) })], actor), 'STRING_TOO_LONG'],
      [() => db.records.create([account({ Name: 'ok', NumberOfEmployees: 'many' })], actor), 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [() => db.records.create([account({ Name: 'ok', Color__c: 'red' })], actor), 'INVALID_FIELD'],
      [() => db.records.create([account({ Industry: 'Banking' })], actor), 'REQUIRED_FIELD_MISSING'],
      [() => db.records.create([account({ Name: 'ok', ParentId: 'not-an-id' })], actor), 'MALFORMED_ID'],
      [() => db.records.create([account({ Name: 'ok', ParentId: '001000000000000AAA' })], actor), 'INVALID_CROSS_REFERENCE_KEY'],
      [() => db.records.create([account({ Name: 'ok', ParentId: ids[0]?.replace(/^001/, '003') })], actor), 'FIELD_INTEGRITY_EXCEPTION'],
      [() => db.records.create([{ attributes: { type: 'Contact' }, LastName: 'Lee', AccountId: ids[0]?.replace(/^001/, '500').slice(0, 15) }], actor), 'FIELD_INTEGRITY_EXCEPTION'],
      [() => db.records.create([account({ Name: 'ok', CreatedDate: '2020-01-01T00:00:00Z' })], actor, { readOnlyFields: 'reject' }), 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      [() => db.records.create([{ attributes: { type: 'Contact' }, LastName: 'Lee', Email: 'not an email' }], actor), 'INVALID_EMAIL_ADDRESS'],
      [() => db.records.create([{ attributes: { type: 'Contact' }, LastName: 'Lee', Birthdate: '2024-02-30' }], actor), 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [() => db.records.create([account({ Name: 'ok', AnnualRevenue: 1e20 })], actor), 'NUMBER_OUTSIDE_VALID_RANGE'],
      [() => db.records.create([{ attributes: { type: 'User' }, LastName: 'x' }], actor), 'INVALID_OPERATION'],
      [() => db.records.update([account({ Id: ids[0], Name: 'y'.repeat(300) }), account({ Id: ids[1], Name: 'fine' })], actor), 'STRING_TOO_LONG'],
      [() => db.records.update([account({ Id: ids[0], Name: 'renamed' }), account({ Id: ids[1], Name: null })], actor), 'REQUIRED_FIELD_MISSING'],
      [() => db.records.update([account({ Name: 'no id' })], actor), 'MISSING_ARGUMENT'],
      [() => db.records.update([account({ Id: '001000000000000AAA', Name: 'ghost' })], actor), 'INVALID_CROSS_REFERENCE_KEY'],
    ];
    for (const [attempt, code] of attempts) await expect(attempt()).rejects.toMatchObject({ code });
    expect(await db.records.query({ object: 'Account', filters: [], sort: { field: 'Name', order: 'Asc' } })).toEqual(before);
    expect(await db.records.query({ object: 'Contact', filters: [] })).toEqual([]);
  });

  it('writes back a record read with all its fields, ignoring read-only ones as flows do', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const [contactId] = await db.records.create([{ attributes: { type: 'Contact' }, FirstName: 'Ada', LastName: 'Byron' }], actor);
    const read = (await db.records.getById(contactId as string)) as FlowRecord;
    expect(read).toMatchObject({ Name: 'Ada Byron', IsDeleted: false });
    await db.records.update([{ ...read, LastName: 'Lovelace', CreatedDate: '2000-01-01T00:00:00.000Z' }], actor);
    expect(await db.records.getById(contactId as string)).toMatchObject({ Name: 'Ada Lovelace', CreatedDate: read.CreatedDate });
    await expect(db.records.update([{ ...read, LastName: 'X' }], actor, { readOnlyFields: 'reject' })).rejects.toMatchObject({ code: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await expect(db.records.create([{ ...read }], actor)).rejects.toMatchObject({ code: 'INVALID_FIELD_FOR_INSERT_UPDATE', fields: ['Id'] });
  });

  it('normalises values: dates, date-times, rounding to scale, picklist case, person names, auto-numbers and defaults', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const [contactId, caseId, secondCaseId] = await db.records.create(
      [
        { attributes: { type: 'Contact' }, FirstName: 'Grace', LastName: 'Hopper', Birthdate: '1906-12-09T10:00:00Z', Salutation: 'dr.' },
        { attributes: { type: 'Case' }, Subject: 'Broken', Priority: 'high' },
        { attributes: { type: 'Case' }, Subject: 'Also broken' },
      ],
      actor,
    );
    const [opportunityId] = await db.records.create([{ attributes: { type: 'Opportunity' }, Name: 'Deal', StageName: 'Prospecting', CloseDate: '2026-03-01', Amount: 10.005 }], actor);
    expect(await db.records.getById(contactId as string, ['Name', 'Birthdate', 'Salutation'])).toMatchObject({ Name: 'Grace Hopper', Birthdate: '1906-12-09', Salutation: 'Dr.' });
    expect(await db.records.getById(caseId as string, ['CaseNumber', 'Status', 'Priority', 'IsEscalated'])).toMatchObject({ CaseNumber: '00000001', Status: 'New', Priority: 'High', IsEscalated: false });
    expect((await db.records.getById(secondCaseId as string, ['CaseNumber']))?.CaseNumber).toBe('00000002');
    expect((await db.records.getById(opportunityId as string, ['Amount']))?.Amount).toBe(10.01);
    await db.records.create([{ attributes: { type: 'Event' }, Subject: 'Call', StartDateTime: '2026-01-05 10:30:00', EndDateTime: '2026-01-05T11:30:00+02:00' }], actor);
    const [event] = await db.records.query({ object: 'Event', filters: [{ field: 'StartDateTime', operator: 'GreaterThanOrEqualTo', value: '2026-01-05' }], fields: ['StartDateTime', 'EndDateTime'] });
    expect(event).toMatchObject({ StartDateTime: '2026-01-05T10:30:00.000Z', EndDateTime: '2026-01-05T09:30:00.000Z' });
    expect(await db.records.query({ object: 'Case', filters: [{ field: 'IsEscalated', operator: 'EqualTo', value: false }], fields: ['Subject'], sort: { field: 'CaseNumber', order: 'Asc' } })).toMatchObject([{ Subject: 'Broken' }, { Subject: 'Also broken' }]);
  });

  it('deletes softly: deleted records disappear, a second delete is ENTITY_IS_DELETED, unknown ones NOT_FOUND', async () => {
    const { db, ids } = await seedAccounts();
    await db.records.delete([ids[0] as string]);
    expect(await db.records.getById(ids[0] as string)).toBeUndefined();
    expect(await db.records.exists(ids[0] as string)).toBe(false);
    await expect(db.records.delete([ids[0] as string])).rejects.toMatchObject({ code: 'ENTITY_IS_DELETED' });
    await expect(db.records.delete(['001000000000000AAA'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(db.records.delete(['bad'])).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    await expect(db.records.update([account({ Id: ids[0], Name: 'zombie' })], await systemActor(db))).rejects.toMatchObject({ code: 'ENTITY_IS_DELETED' });
    await expect(db.records.delete([ids[1] as string, '001000000000000AAA'])).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await db.records.exists(ids[1] as string)).toBe(true);
    expect(await db.records.deleteWhere({ object: 'Account', filters: [{ field: 'AnnualRevenue', operator: 'GreaterThan', value: 0 }] })).toBe(2);
    expect(await names({ filters: [] })).toEqual(['Initech 100%_off']);
  });

  it('queries system objects: users by field, flow definitions through FlowDefinitionView', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    await db.directory.createUser({ Username: 'ada@example.com', Email: 'ada@example.com', FirstName: 'Ada', LastName: 'Lovelace' }, actor);
    const users = await db.records.query({ object: 'User', filters: [{ field: 'Username', operator: 'EqualTo', value: 'ADA@example.com' }], fields: ['Name', 'IsActive', 'Email'] });
    expect(users).toEqual([{ attributes: { type: 'User' }, Id: expect.stringMatching(/^005/), Name: 'Ada Lovelace', IsActive: true, Email: 'ada@example.com' }]);
    expect(await db.records.exists(users[0]?.Id as string)).toBe(true);
    const { definition } = await db.flows.deployVersion({ DeveloperName: 'Survey', MasterLabel: 'Survey', ProcessType: 'Flow', Status: 'Active', source: '<Flow/>' }, actor);
    const views = await db.records.query({ object: 'FlowDefinitionView', filters: [{ field: 'ApiName', operator: 'EqualTo', value: 'survey' }], fields: ['DurableId', 'Label', 'IsActive', 'ProcessType'] });
    expect(views).toEqual([{ attributes: { type: 'FlowDefinitionView' }, Id: definition.Id, DurableId: definition.Id, Label: 'Survey', IsActive: true, ProcessType: 'Flow' }]);
  });
});
