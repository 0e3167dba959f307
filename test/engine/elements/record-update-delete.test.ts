import { describe, expect, it } from 'vitest';
import { start, type FlowValue } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { assignment, connector, flowFromXml, ref, str, variable } from '../support/flow-xml.js';
import { runScript } from '../support/harness.js';
import { MemoryRecords } from '../support/memory-records.js';

function store(): MemoryRecords {
  return new MemoryRecords({
    Account: [
      { Name: 'Acme', Industry: 'Energy' },
      { Name: 'Globex', Industry: 'Energy' },
      { Name: 'Initech', Industry: 'Software' },
    ],
  });
}

describe('record update element', () => {
  it('updates records matching filters with inputAssignments (recordUpdateWhere)', async () => {
    const flow = flowFromXml(
      `<recordUpdates><name>Rate</name><label>Rate</label><object>Account</object><filterLogic>and</filterLogic>
        <filters><field>Industry</field><operator>EqualTo</operator><value>${str('Energy')}</value></filters>
        <inputAssignments><field>Rating</field><value>${str('Hot')}</value></inputAssignments></recordUpdates>`,
      { start: 'Rate' },
    );
    const first = start(flow, {}, startContext());
    expect(first.awaiting).toMatchObject({
      kind: 'request',
      request: { kind: 'recordUpdateWhere', object: 'Account', filters: [{ field: 'Industry', operator: 'EqualTo', value: 'Energy' }], values: { Rating: 'Hot' } },
    });
    const run = await runScript(flow, { records: store() });
    expect(run.records.all('Account').map((account) => account.Rating ?? null)).toEqual(['Hot', 'Hot', null]);
  });

  it('updates the records of a record variable by Id', async () => {
    const records = store();
    const [acme] = records.all('Account');
    const flow = flowFromXml(
      variable('acct', 'SObject', { objectType: 'Account', input: true }) +
        assignment('Change', [['acct.Name', 'Assign', str('Acme Corp')]], 'Save') +
        `<recordUpdates><name>Save</name><label>Save</label><inputReference>acct</inputReference></recordUpdates>`,
      { start: 'Change' },
    );
    const run = await runScript(flow, { records, inputs: { acct: (acme ?? null) as unknown as FlowValue } });
    expect(run.status).toBe('finished');
    expect(run.records.byId(acme?.Id ?? '')?.Name).toBe('Acme Corp');
  });

  it('sets fields of $Record in memory in a before-save flow, without a request', () => {
    const flow = flowFromXml(
      `<recordUpdates><name>Set_Rating</name><label>Set Rating</label><inputReference>$Record</inputReference>
        <inputAssignments><field>Rating</field><value>${str('Warm')}</value></inputAssignments></recordUpdates>`,
      { start: 'Set_Rating', startExtra: '<object>Account</object><triggerType>RecordBeforeSave</triggerType><recordTriggerType>Create</recordTriggerType>' },
    );
    const record = { attributes: { type: 'Account' }, Id: '001000000000001AAA', Name: 'Acme' };
    const result = start(flow, {}, startContext({ record }));
    expect(result.awaiting).toEqual({ kind: 'finished', outputs: { $Record: { ...record, Rating: 'Warm' } } });
  });

  it('updates the triggering record after save only when it matches the element filters', () => {
    const flow = flowFromXml(
      `<recordUpdates><name>Close</name><label>Close</label><inputReference>$Record</inputReference><filterLogic>and</filterLogic>
        <filters><field>Status</field><operator>EqualTo</operator><value>${str('Done')}</value></filters>
        <inputAssignments><field>Closed__c</field><value><booleanValue>true</booleanValue></value></inputAssignments></recordUpdates>`,
      { start: 'Close', startExtra: '<object>Case</object><triggerType>RecordAfterSave</triggerType><recordTriggerType>Update</recordTriggerType>' },
    );
    const record = { attributes: { type: 'Case' }, Id: '500000000000001AAA', Status: 'Done' };
    expect(start(flow, {}, startContext({ record })).awaiting).toEqual({
      kind: 'request',
      element: 'Close',
      request: { kind: 'recordUpdate', records: [{ attributes: { type: 'Case' }, Id: record.Id, Closed__c: true }] },
    });
    expect(start(flow, {}, startContext({ record: { ...record, Status: 'Open' } })).awaiting.kind).toBe('finished');
  });
});

it('faults with MISSING_ARGUMENT when a record to update has no Id', () => {
  const flow = flowFromXml(
    variable('acct', 'SObject', { objectType: 'Account' }) +
      assignment('Change', [['acct.Name', 'Assign', str('New')]], 'Save') +
      `<recordUpdates><name>Save</name><label>Save</label><inputReference>acct</inputReference></recordUpdates>`,
    { start: 'Change' },
  );
  expect(start(flow, {}, startContext()).awaiting).toMatchObject({ kind: 'failed', fault: { code: 'MISSING_ARGUMENT', element: 'Save' } });
});

describe('record delete element', () => {
  it('deletes the records of a reference by Id', async () => {
    const records = store();
    const flow = flowFromXml(
      `<recordLookups><name>Find</name><label>Find</label><object>Account</object>
        <filters><field>Industry</field><operator>EqualTo</operator><value>${str('Energy')}</value></filters>
        <storeOutputAutomatically>true</storeOutputAutomatically>${connector('Remove')}</recordLookups>
       <recordDeletes><name>Remove</name><label>Remove</label><inputReference>Find</inputReference></recordDeletes>`,
      { start: 'Find' },
    );
    const run = await runScript(flow, { records });
    expect(run.records.all('Account').map((account) => account.Name)).toEqual(['Initech']);
    expect(run.records.log).toEqual(['query Account', 'delete 2']);
  });

  it('deletes records matching filters (recordDeleteWhere)', async () => {
    const flow = flowFromXml(
      variable('industry', 'String', { input: true }) +
        `<recordDeletes><name>Remove</name><label>Remove</label><object>Account</object><filterLogic>and</filterLogic>
        <filters><field>Industry</field><operator>EqualTo</operator><value>${ref('industry')}</value></filters></recordDeletes>`,
      { start: 'Remove' },
    );
    const run = await runScript(flow, { records: store(), inputs: { industry: 'Software' } });
    expect(run.records.all('Account').map((account) => account.Name)).toEqual(['Acme', 'Globex']);
  });
});
