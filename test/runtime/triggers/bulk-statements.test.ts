/**
 * Bulk saves: the N interviews of each triggered flow run together and their record queries and
 * writes are combined, so the SQL statements of a batch do not grow with its size. Counted with
 * the database's statement observer on both databases: a save of 20 Contacts and a save of 200
 * run the same number of statements, with a before-save flow, and an after-save flow that gets
 * each Contact's Account and creates a Task for it.
 */
import { expect, it } from 'vitest';
import type { FlowRecord } from '../../../src/engine/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, testRuntime } from '../interviews/support/runtime-harness.js';
import { createRecord, deployTrigger, ref, setField } from './support/trigger-flows.js';

forEachDatabase('bulk saves', (ctx) => {
  it('runs the same number of SQL statements for 20 and for 200 records', async () => {
    const { runtime } = await testRuntime(ctx);
    const user = await createUser(ctx.db(), 'bulk', { manageFlow: true });
    await deployTrigger(ctx.db(), 'Contact_Before', {
      object: 'Contact', timing: 'RecordBeforeSave', event: 'Create', first: 'Stamp',
      elements: setField('Stamp', 'Description', 'bulk'),
    });
    await deployTrigger(ctx.db(), 'Contact_After', {
      object: 'Contact', timing: 'RecordAfterSave', event: 'Create', first: 'Get_Account',
      elements: `<recordLookups><name>Get_Account</name><label>Get Account</label><locationX>0</locationX><locationY>0</locationY>
          <assignNullValuesIfNoRecordsFound>false</assignNullValuesIfNoRecordsFound>
          <connector><targetReference>Make_Task</targetReference></connector>
          <filterLogic>and</filterLogic>
          <filters><field>Id</field><operator>EqualTo</operator><value><elementReference>$Record.AccountId</elementReference></value></filters>
          <getFirstRecordOnly>true</getFirstRecordOnly><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically></recordLookups>
        ${createRecord('Make_Task', 'Task', { Subject: `<stringValue>Call {!Get_Account.Name}</stringValue>`, WhatId: ref('Get_Account.Id'), WhoId: ref('$Record.Id') })}`,
    });
    const accountIds = await runtime.storage.records.create(
      Array.from({ length: 200 }, (_, i): FlowRecord => ({ attributes: { type: 'Account' }, Name: `Account ${i}` })),
      user.Id,
    );
    const contacts = (n: number, tag: string): FlowRecord[] =>
      Array.from({ length: n }, (_, i): FlowRecord => ({ attributes: { type: 'Contact' }, LastName: `${tag} ${i}`, AccountId: accountIds[i] as string }));
    const counted = async (records: FlowRecord[]): Promise<number> => {
      let count = 0;
      const stop = ctx.db().observeStatements(() => count++);
      try {
        const results = await runtime.saves.save(user.Id, { operation: 'create', object: 'Contact', records });
        expect(results.every((result) => result.success)).toBe(true);
      } finally {
        stop();
      }
      return count;
    };
    // Warm the flow cache: the first save compiles the flows.
    await counted(contacts(1, 'Warm'));
    const twenty = await counted(contacts(20, 'Twenty'));
    const twoHundred = await counted(contacts(200, 'Hundreds'));
    expect(twoHundred).toBe(twenty);
    expect(twenty).toBeLessThan(40);
    // Updates and deletes of the same shape: the same statements for 20 and 200 records too.
    const idsOf = async (tag: string): Promise<string[]> =>
      (await runtime.storage.records.query({ object: 'Contact', filters: [{ field: 'LastName', operator: 'StartsWith', value: tag }] })).map((c) => c.Id as string);
    const countedSave = async (request: Parameters<typeof runtime.saves.save>[1]): Promise<number> => {
      let count = 0;
      const stop = ctx.db().observeStatements(() => count++);
      try {
        expect((await runtime.saves.save(user.Id, request)).every((result) => result.success)).toBe(true);
      } finally {
        stop();
      }
      return count;
    };
    const update = (ids: readonly string[]) => ({ operation: 'update' as const, object: 'Contact', records: ids.map((Id): FlowRecord => ({ attributes: { type: 'Contact' }, Id, Title: 'Updated' })) });
    const remove = (ids: readonly string[]) => ({ operation: 'delete' as const, object: 'Contact', records: ids.map((Id): FlowRecord => ({ attributes: { type: 'Contact' }, Id })) });
    const twentyIds = await idsOf('Twenty');
    const [kept] = await runtime.storage.records.query({ object: 'Contact', filters: [{ field: 'LastName', operator: 'EqualTo', value: 'Hundreds 199' }] });
    // Deleting 199 of them leaves "Hundreds 199" to look at below.
    const hundredIds = [...(await idsOf('Hundreds')).filter((id) => id !== kept?.Id), kept?.Id as string];
    expect(await countedSave(update(hundredIds))).toBe(await countedSave(update(twentyIds)));
    expect(await countedSave(remove(hundredIds.slice(0, 199)))).toBe(await countedSave(remove(twentyIds)));
    const tasks = await runtime.storage.records.query({ object: 'Task', filters: [{ field: 'Subject', operator: 'EqualTo', value: 'Call Account 199' }] });
    expect(tasks).toHaveLength(1);
    const hundreds = await runtime.storage.records.query({ object: 'Contact', filters: [{ field: 'LastName', operator: 'EqualTo', value: 'Hundreds 199' }] });
    expect(hundreds[0]).toMatchObject({ Description: 'bulk', Title: 'Updated', AccountId: accountIds[199] });
    expect(tasks[0]).toMatchObject({ WhatId: accountIds[199], WhoId: hundreds[0]?.Id });
  });
});
