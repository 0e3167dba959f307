/**
 * Real record-triggered flows from `../shared/flows` fire on saves and leave the records
 * Salesforce would: a before-save flow defaulting a date and refusing an out-of-range one with a
 * Custom Error at its field (minlopro-dx), an after-save flow whose Custom Error rolls the
 * create back (lightning-flow-scanner), a before-save update of a custom field on $Record with
 * `triggerOrder` (lightning-flow-scanner-core), and an after-save flow that updates its own
 * record and its siblings (the scanner's "Make Recursive" example), which must end.
 */
import { expect, it } from 'vitest';
import type { FlowRecord } from '../../../src/engine/index.js';
import type { Runtime } from '../../../src/runtime/runtime.js';
import type { UserRecord } from '../../../src/runtime/ports/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { sharedAvailable } from '../../support/shared-folder.js';
import { corpusXml, createUser, deployXml, testRuntime } from '../interviews/support/runtime-harness.js';

const available = sharedAvailable('real record-triggered flows');

forEachDatabase('real record-triggered flows', (ctx) => {
  async function setUp(...flows: readonly [string, string][]): Promise<{ runtime: Runtime; user: UserRecord }> {
    const { runtime } = await testRuntime(ctx);
    const user = await createUser(ctx.db(), 'saver', { manageFlow: true, customizeApplication: true });
    for (const [name, path] of flows) await deployXml(ctx.db(), name, corpusXml(path));
    return { runtime, user };
  }

  it.skipIf(!available)('Minlopro_Opportunity_BeforeSave defaults CloseDate to five days out and refuses one beyond a year', async () => {
    const { runtime, user } = await setUp(['Minlopro_Opportunity_BeforeSave', 'awesomeandrey__minlopro-dx/Minlopro_Opportunity_BeforeSave.flow-meta.xml']);
    const opportunity = (fields: Record<string, unknown>): FlowRecord => ({ attributes: { type: 'Opportunity' }, Name: 'Deal', StageName: 'Prospecting', ...fields }) as FlowRecord;
    const [defaulted, inRange, tooLate] = await runtime.saves.save(user.Id, {
      operation: 'create', object: 'Opportunity', groups: [0, 1, 2],
      records: [opportunity({}), opportunity({ CloseDate: '2026-06-30' }), opportunity({ CloseDate: '2028-01-01' })],
    });
    expect(defaulted?.success).toBe(true);
    expect(inRange?.success).toBe(true);
    expect((await runtime.storage.records.getById(defaulted?.id as string))?.CloseDate).toBe('2026-01-10');
    expect((await runtime.storage.records.getById(inRange?.id as string))?.CloseDate).toBe('2026-06-30');
    expect(tooLate?.success).toBe(false);
    expect(tooLate?.errors).toEqual([
      { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: expect.stringContaining('Close Date must be within the next 365 day(s) from today.'), fields: [] },
      { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Please select a date no later than 365 day(s) from today.', fields: ['CloseDate'] },
    ]);
    expect(await runtime.storage.records.query({ object: 'Opportunity', filters: [] })).toHaveLength(2);
  });

  it.skipIf(!available)('Flow_Error: an after-save Custom Error rolls the Account create back', async () => {
    const { runtime, user } = await setUp(['Flow_Error', 'Lightning-Flow-Scanner__lightning-flow-scanner-example-flows/Flow_Error.flow-meta.xml']);
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [{ attributes: { type: 'Account' }, Name: 'Refused' }] });
    expect(result).toEqual({ id: null, success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: '123', fields: [] }] });
    expect(await runtime.storage.records.query({ object: 'Account', filters: [] })).toEqual([]);
  });

  it.skipIf(!available)('Same_Record_Field_Updates sets a custom field of the new Account before save', async () => {
    const { runtime, user } = await setUp();
    const flows = runtime.flows;
    if (flows === undefined) throw new Error('no flow service');
    const deployed = await flows.deploy(user.Id, [
      { path: 'force-app/main/default/objects/Account/fields/Active__c.field-meta.xml', content: '<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Active__c</fullName><label>Active</label><type>Text</type><length>10</length></CustomField>' },
      { path: 'force-app/main/default/flows/Same_Record_Field_Updates.flow-meta.xml', content: corpusXml('Lightning-Flow-Scanner__lightning-flow-scanner-core/Same_Record_Field_Updates.flow-meta.xml') },
    ]);
    expect(deployed.summary.ok).toBe(true);
    expect(deployed.triggers).toEqual([{ object: 'Account', timing: 'beforeSave', flows: [{ apiName: 'Same_Record_Field_Updates', events: ['create'], triggerOrder: 10 }] }]);
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [{ attributes: { type: 'Account' }, Name: 'With custom field' }] });
    expect(result?.success).toBe(true);
    expect(await runtime.storage.records.getById(result?.id as string)).toMatchObject({ Name: 'With custom field', Active__c: 'Yes' });
  });

  it.skipIf(!available)('Make_Recursive updates its own Case and its siblings and ends', async () => {
    const { runtime, user } = await setUp(['Make_Recursive', 'Flow-Scanner__lightning-flow-scanner-core/Make_Recursive.flow-meta.xml']);
    const [accountId] = await runtime.storage.records.create([{ attributes: { type: 'Account' }, Name: 'Parent' }], user.Id);
    const [sibling] = await runtime.storage.records.create([{ attributes: { type: 'Case' }, Subject: 'Older case', AccountId: accountId as string }], user.Id);
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Case', records: [{ attributes: { type: 'Case' }, Subject: 'New case', AccountId: accountId as string }] });
    expect(result?.success).toBe(true);
    const now = ctx.clock().iso().slice(0, 10);
    // TEXT(NOW()) is written to the new case's Subject; the sibling is saved again (through its
    // own after-save run, which sets its Subject the same way).
    expect(String((await runtime.storage.records.getById(result?.id as string))?.Subject)).toContain(now);
    expect(String((await runtime.storage.records.getById(sibling as string))?.Subject)).toContain(now);
  });
});
