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

/** A custom object file with a Text name field. */
function objectFile(name: string, label: string): { path: string; content: string } {
  return {
    path: `force-app/main/default/objects/${name}/${name}.object-meta.xml`,
    content: `<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><deploymentStatus>Deployed</deploymentStatus><label>${label}</label><nameField><label>${label} Name</label><type>Text</type></nameField><pluralLabel>${label}s</pluralLabel><sharingModel>ReadWrite</sharingModel></CustomObject>`,
  };
}

/** A custom field file: `Text` (length 80), `Checkbox`, or a lookup to `to`. */
function fieldFile(object: string, name: string, type: 'Text' | 'Checkbox' | 'Lookup', to?: string): { path: string; content: string } {
  const body =
    type === 'Text' ? '<type>Text</type><length>80</length>'
    : type === 'Checkbox' ? '<type>Checkbox</type><defaultValue>false</defaultValue>'
    : `<type>Lookup</type><referenceTo>${to ?? ''}</referenceTo><relationshipName>${name.replace(/__c$/, '')}</relationshipName><deleteConstraint>SetNull</deleteConstraint>`;
  return {
    path: `force-app/main/default/objects/${object}/fields/${name}.field-meta.xml`,
    content: `<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>${name}</fullName><label>${name.replace(/__c$/, '')}</label>${body}</CustomField>`,
  };
}

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
    expect(result?.errors).toEqual([]);
    const now = ctx.clock().iso().slice(0, 10);
    // TEXT(NOW()) is written to the new case's Subject; the sibling is saved again (through its
    // own after-save run, which sets its Subject the same way).
    expect(String((await runtime.storage.records.getById(result?.id as string))?.Subject)).toContain(now);
    expect(String((await runtime.storage.records.getById(sibling as string))?.Subject)).toContain(now);
  });

  it.skipIf(!available)('TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity assigns and removes the chosen mentor as the interest changes', async () => {
    const { runtime, user } = await setUp();
    const flows = runtime.flows;
    if (flows === undefined) throw new Error('no flow service');
    const deployed = await flows.deploy(user.Id, [
      objectFile('TTS_Mentoring_Opportunity__c', 'Mentoring Opportunity'),
      fieldFile('TTS_Mentoring_Opportunity__c', 'Mentor__c', 'Lookup', 'Contact'),
      fieldFile('TTS_Mentoring_Opportunity__c', 'Stage__c', 'Text'),
      objectFile('TTS_Mentoring_Interest__c', 'Mentoring Interest'),
      fieldFile('TTS_Mentoring_Interest__c', 'Contact__c', 'Lookup', 'Contact'),
      fieldFile('TTS_Mentoring_Interest__c', 'Mentoring_Opportunity__c', 'Lookup', 'TTS_Mentoring_Opportunity__c'),
      fieldFile('TTS_Mentoring_Interest__c', 'Status__c', 'Text'),
      fieldFile('TTS_Mentoring_Interest__c', 'Selected_Mentor__c', 'Checkbox'),
      { path: 'force-app/main/default/flows/TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity.flow-meta.xml', content: corpusXml('SalesforceLabs__Technology-Transfer-Starter/TTS_Mentoring_Set_Chosen_Mentor_on_Opportunity.flow-meta.xml') },
    ]);
    expect(deployed.summary.ok).toBe(true);
    const save = async (operation: 'create' | 'update', object: string, fields: Record<string, unknown>): Promise<string> => {
      const [result] = await runtime.saves.save(user.Id, { operation, object, records: [{ attributes: { type: object }, ...fields } as FlowRecord] });
      expect(result?.errors).toEqual([]);
      return result?.id as string;
    };
    const contact = await save('create', 'Contact', { LastName: 'Mentor' });
    const opportunity = await save('create', 'TTS_Mentoring_Opportunity__c', { Name: 'Licensing', Stage__c: 'Open' });
    // A create: IsChanged is false for every field, so the flow does not run.
    const interest = await save('create', 'TTS_Mentoring_Interest__c', { Name: 'Interest', Contact__c: contact, Mentoring_Opportunity__c: opportunity, Status__c: 'Interested' });
    const read = async (id: string): Promise<FlowRecord> => (await runtime.storage.records.getById(id)) as FlowRecord;
    expect(await read(opportunity)).toMatchObject({ Mentor__c: null, Stage__c: 'Open' });
    await save('update', 'TTS_Mentoring_Interest__c', { Id: interest, Status__c: 'Selected' });
    expect(await read(interest)).toMatchObject({ Status__c: 'Selected', Selected_Mentor__c: true });
    expect(await read(opportunity)).toMatchObject({ Mentor__c: contact, Stage__c: 'Mentor Assigned' });
    await save('update', 'TTS_Mentoring_Interest__c', { Id: interest, Status__c: 'Withdrawn', Selected_Mentor__c: false });
    expect(await read(interest)).toMatchObject({ Status__c: 'Withdrawn', Selected_Mentor__c: false });
    expect(await read(opportunity)).toMatchObject({ Mentor__c: null, Stage__c: 'Open' });
  });
});
