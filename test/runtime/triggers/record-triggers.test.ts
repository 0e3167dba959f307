/**
 * Record-triggered flows on every save through the runtime's save pipeline, on both databases:
 * before-save field updates without an extra write, after-save related records, before-delete,
 * entry conditions, trigger order, recursion, faults that store nothing, the manual start
 * refused, and a flow's own Create Records firing another flow.
 */
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../../src/engine/index.js';
import { listOutbox } from '../../../src/runtime/email/outbox.js';
import type { Runtime } from '../../../src/runtime/runtime.js';
import type { UserRecord } from '../../../src/runtime/ports/index.js';
import { forEachDatabase } from '../../support/databases.js';
import { createUser, deployXml, testRuntime } from '../interviews/support/runtime-harness.js';
import { createRecord, deployTrigger, ref, setField, str } from './support/trigger-flows.js';

const account = (fields: Record<string, unknown>): FlowRecord => ({ attributes: { type: 'Account' }, ...fields }) as FlowRecord;

async function accounts(runtime: Runtime): Promise<FlowRecord[]> {
  return runtime.storage.records.query({ object: 'Account', filters: [], sort: { field: 'Name', order: 'Asc' } });
}

forEachDatabase('record-triggered flows', (ctx) => {
  async function setUp(options: Parameters<typeof testRuntime>[1] = {}): Promise<{ runtime: Runtime; user: UserRecord }> {
    const { runtime } = await testRuntime(ctx, options);
    const user = await createUser(ctx.db(), 'saver', { manageFlow: true, customizeApplication: true, viewAllData: true });
    return { runtime, user };
  }

  it('saves a before-save flow’s changes to $Record with the record, in one INSERT and no extra write', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Set_Description', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'Set',
      elements: setField('Set', 'Description', 'Set before save'),
    });
    const statements: string[] = [];
    const stop = ctx.db().observeStatements((sql) => statements.push(sql));
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Acme' })] });
    stop();
    expect(result).toMatchObject({ success: true, errors: [] });
    const [saved] = await accounts(runtime);
    expect(saved).toMatchObject({ Id: result?.id, Name: 'Acme', Description: 'Set before save', CreatedById: user.Id, LastModifiedById: user.Id });
    const writes = statements.filter((sql) => /^\s*(insert into|update)\s+"?records"?/i.test(sql));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\s*insert into "records"/i);
  });

  it('runs an after-save flow that creates a related record, with $Record as saved (Id and system fields) and $User the saver', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Create_Contact', {
      object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'New_Contact',
      elements: createRecord('New_Contact', 'Contact', { LastName: ref('$Record.Name'), AccountId: ref('$Record.Id'), Description: ref('$User.Username'), Title: ref('$Record.CreatedById') }),
    });
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Globex' })] });
    expect(result?.success).toBe(true);
    const contacts = await runtime.storage.records.query({ object: 'Contact', filters: [] });
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ LastName: 'Globex', AccountId: result?.id, Description: user.Username, Title: user.Id, CreatedById: user.Id });
  });

  it('runs a before-delete flow with the record being deleted as $Record, and a Custom Error there blocks the delete', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Log_Deletion', {
      object: 'Account', timing: 'RecordBeforeDelete', event: 'Delete', first: 'Check',
      elements: `<decisions><name>Check</name><label>Check</label><locationX>0</locationX><locationY>0</locationY>
          <defaultConnector><targetReference>Log</targetReference></defaultConnector><defaultConnectorLabel>Other</defaultConnectorLabel>
          <rules><name>Protected</name><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>$Record.Rating</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Hot</stringValue></rightValue></conditions>
            <connector><targetReference>Refuse</targetReference></connector><label>Protected</label></rules></decisions>
        <customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
          <customErrorMessages><errorMessage>Hot accounts cannot be deleted ({!$Record.Name}).</errorMessage><isFieldError>false</isFieldError></customErrorMessages></customErrors>
        ${createRecord('Log', 'Case', { Subject: `<stringValue>Deleted {!$Record.Name}</stringValue>` })}`,
    });
    const [cold, hot] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Cold' }), account({ Name: 'Hot', Rating: 'Hot' })], groups: [0, 1] });
    const results = await runtime.saves.save(user.Id, {
      operation: 'delete', object: 'Account',
      records: [account({ Id: cold?.id }), account({ Id: hot?.id })],
      groups: [0, 1],
    });
    expect(results[0]).toMatchObject({ success: true });
    expect(results[1]).toMatchObject({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Hot accounts cannot be deleted (Hot).', fields: [] }] });
    expect((await accounts(runtime)).map((a) => a.Name)).toEqual(['Hot']);
    const cases = await runtime.storage.records.query({ object: 'Case', filters: [] });
    expect(cases.map((c) => c.Subject)).toEqual(['Deleted Cold']);
    // All or none: the before-delete flow's Case for the record that would have been deleted is rolled back too.
    const [warm] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Warm' })] });
    const both = await runtime.saves.save(user.Id, { operation: 'delete', object: 'Account', records: [account({ Id: warm?.id }), account({ Id: hot?.id })] });
    expect(both.map((r) => r.errors[0]?.statusCode)).toEqual(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'FIELD_CUSTOM_VALIDATION_EXCEPTION']);
    expect((await accounts(runtime)).map((a) => a.Name)).toEqual(['Hot', 'Warm']);
    expect((await runtime.storage.records.query({ object: 'Case', filters: [] })).map((c) => c.Subject)).toEqual(['Deleted Cold']);
  });

  it('evaluates entry conditions: IsChanged filters, PRIORVALUE formulas and "only when updated to meet the condition"', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'On_Industry_Change', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'Mark',
      filters: '<filters><field>Industry</field><operator>IsChanged</operator><value><booleanValue>true</booleanValue></value></filters>',
      filterLogic: 'and',
      elements: setField('Mark', 'Site', 'industry changed'),
    });
    await deployTrigger(ctx.db(), 'On_Growth', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'Update', first: 'Grow',
      formula: 'PRIORVALUE({!$Record.NumberOfEmployees}) &lt; {!$Record.NumberOfEmployees} &amp;&amp; NOT(ISNEW())',
      elements: setField('Grow', 'TickerSymbol', 'GROW'),
    });
    await deployTrigger(ctx.db(), 'On_Becoming_Hot', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'Count',
      filters: '<filters><field>Rating</field><operator>EqualTo</operator><value><stringValue>Hot</stringValue></value></filters>',
      filterLogic: 'and',
      requireChange: true,
      elements: setField('Count', 'Description', 'x', undefined, 'Add'),
    });
    const [created] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'A', Industry: 'Energy', NumberOfEmployees: 10 })] });
    const id = created?.id as string;
    const read = async (): Promise<FlowRecord> => (await runtime.storage.records.getById(id)) as FlowRecord;
    // A create: ISCHANGED is false for every field, so the IsChanged filter does not hold.
    expect(await read()).toMatchObject({ Site: null, TickerSymbol: null, Description: null });
    await runtime.saves.save(user.Id, { operation: 'update', object: 'Account', records: [account({ Id: id, Industry: 'Banking' })] });
    expect(await read()).toMatchObject({ Site: 'industry changed', TickerSymbol: null });
    await runtime.saves.save(user.Id, { operation: 'update', object: 'Account', records: [account({ Id: id, NumberOfEmployees: 20, Site: 'reset' })] });
    expect(await read()).toMatchObject({ Site: 'reset', TickerSymbol: 'GROW' });
    await runtime.saves.save(user.Id, { operation: 'update', object: 'Account', records: [account({ Id: id, Rating: 'Hot' })] });
    expect((await read()).Description).toBe('x');
    // Still hot: the record does not go from not meeting to meeting the conditions, so no run.
    await runtime.saves.save(user.Id, { operation: 'update', object: 'Account', records: [account({ Id: id, Rating: 'Hot', Phone: '1' })] });
    expect((await read()).Description).toBe('x');
    await runtime.saves.save(user.Id, { operation: 'update', object: 'Account', records: [account({ Id: id, Rating: 'Cold' })] });
    await runtime.saves.save(user.Id, { operation: 'update', object: 'Account', records: [account({ Id: id, Rating: 'Hot' })] });
    expect((await read()).Description).toBe('xx');
  });

  it('runs flows of one timing in trigger order: 1–1,000 ascending, then flows without one by API name, then 1,001–2,000', async () => {
    const { runtime, user } = await setUp();
    const append = (name: string, order: number | undefined, letter: string): Promise<void> =>
      deployTrigger(ctx.db(), name, {
        object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'Append',
        elements: setField('Append', 'Description', letter, undefined, 'Add'),
        ...(order === undefined ? {} : { triggerOrder: order }),
      });
    await append('Zeta_Late', 1500, 'E');
    await append('Beta_None', undefined, 'D');
    await append('Alpha_None', undefined, 'C');
    await append('Gamma_Ten', 10, 'B');
    await append('Delta_Five', 5, 'A');
    await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Ordered' })] });
    expect((await accounts(runtime))[0]?.Description).toBe('ABCDE');
  });

  it('re-runs before-save flows but not after-save flows when an after-save flow updates its own record (a recursive save)', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Count_Saves', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'Tick',
      elements: setField('Tick', 'Site', 'b', undefined, 'Add'),
    });
    await deployTrigger(ctx.db(), 'Touch_Self', {
      object: 'Account', timing: 'RecordAfterSave', event: 'CreateAndUpdate', first: 'Touch',
      elements: `<recordUpdates><name>Touch</name><label>Touch</label><locationX>0</locationX><locationY>0</locationY>
          <inputAssignments><field>Description</field><value><stringValue>a</stringValue></value></inputAssignments>
          <inputReference>$Record</inputReference></recordUpdates>`,
    });
    await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Recursive' })] });
    // The create's before-save, then the after-save's update of the same record: before-save
    // once more, after-save skipped (no third save).
    expect((await accounts(runtime))[0]).toMatchObject({ Site: 'bb', Description: 'a' });
  });

  it('with the refire policy, an after-save flow updating its own record fires again until its entry conditions stop it', async () => {
    const { runtime, user } = await setUp({ recursion: 'refireAfterSave' });
    await deployTrigger(ctx.db(), 'Count_Up', {
      object: 'Account', timing: 'RecordAfterSave', event: 'CreateAndUpdate', first: 'Bump',
      formula: '{!$Record.NumberOfEmployees} &lt; 3',
      elements: `<recordUpdates><name>Bump</name><label>Bump</label><locationX>0</locationX><locationY>0</locationY>
          <inputAssignments><field>NumberOfEmployees</field><value><elementReference>Next</elementReference></value></inputAssignments>
          <inputReference>$Record</inputReference></recordUpdates>`,
      resources: '<formulas><name>Next</name><dataType>Number</dataType><expression>{!$Record.NumberOfEmployees} + 1</expression><scale>0</scale></formulas>',
    });
    await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Loop', NumberOfEmployees: 0 })] });
    expect((await accounts(runtime))[0]?.NumberOfEmployees).toBe(3);
  });

  it('stops a save that recurses past the depth limit, storing nothing of it', async () => {
    const { runtime, user } = await setUp({ recursion: 'refireAfterSave' });
    await deployTrigger(ctx.db(), 'Forever', {
      object: 'Account', timing: 'RecordAfterSave', event: 'CreateAndUpdate', first: 'Bump',
      elements: `<recordUpdates><name>Bump</name><label>Bump</label><locationX>0</locationX><locationY>0</locationY>
          <inputAssignments><field>Description</field><value><stringValue>again</stringValue></value></inputAssignments>
          <inputReference>$Record</inputReference></recordUpdates>`,
    });
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Forever' })] });
    expect(result).toMatchObject({ success: false, errors: [{ statusCode: 'CANNOT_EXECUTE_FLOW_TRIGGER' }] });
    expect(result?.errors[0]?.message).toContain('maximum trigger depth exceeded');
    expect(await accounts(runtime)).toEqual([]);
  });

  it('fails the save with CANNOT_EXECUTE_FLOW_TRIGGER naming the flow and element, stores nothing, records the failed run and emails the last modifier', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Broken_After_Save', {
      label: 'Broken After Save', object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'Bad_Contact',
      elements: `${createRecord('Audit', 'Case', { Subject: str('audit') }, 'Bad_Contact')}${createRecord('Bad_Contact', 'Contact', { FirstName: str('No last name') })}`.replace('<connector><targetReference>Bad_Contact</targetReference></connector>', ''),
    });
    const [result] = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Doomed' })] });
    expect(result).toMatchObject({ id: null, success: false });
    expect(result?.errors).toHaveLength(1);
    expect(result?.errors[0]?.statusCode).toBe('CANNOT_EXECUTE_FLOW_TRIGGER');
    expect(result?.errors[0]?.message).toMatch(/^We can't save this record because the “Broken After Save” process failed\./);
    expect(result?.errors[0]?.message).toContain('"Bad_Contact"');
    expect(await accounts(runtime)).toEqual([]);
    expect(await runtime.storage.records.query({ object: 'Contact', filters: [] })).toEqual([]);
    const rows = await ctx.db().db.selectFrom('flow_interviews').select(['InterviewStatus', 'CurrentElement', 'Error', 'CreatedById']).execute();
    expect(rows).toEqual([expect.objectContaining({ InterviewStatus: 'Error', CurrentElement: 'Bad_Contact', CreatedById: user.Id })]);
    expect(String(rows[0]?.Error)).toMatch(/REQUIRED_FIELD_MISSING|LastName/);
    const emails = await listOutbox(ctx.db());
    expect(emails).toHaveLength(1);
    expect(emails[0]?.payload).toMatchObject({ subject: expect.stringContaining('Error Occurred During Flow "Broken After Save"') });
  });

  it('reports a Custom Error at its field as FIELD_CUSTOM_VALIDATION_EXCEPTION with the field, and the other records of a partial save succeed', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'No_Bad_Names', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'Refuse',
      filters: '<filters><field>Name</field><operator>StartsWith</operator><value><stringValue>Bad</stringValue></value></filters>',
      filterLogic: 'and',
      elements: `<customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
          <customErrorMessages><errorMessage>"{!$Record.Name}" is not a good name.</errorMessage><fieldSelection>Name</fieldSelection><isFieldError>true</isFieldError></customErrorMessages>
          <customErrorMessages><errorMessage>Fix the name first.</errorMessage><isFieldError>false</isFieldError></customErrorMessages></customErrors>`,
    });
    const results = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Good' }), account({ Name: 'Bad Apple' }), account({ Name: 'Fine' })], groups: [0, 1, 2] });
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]?.errors).toEqual([
      { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: '"Bad Apple" is not a good name.', fields: ['Name'] },
      { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Fix the name first.', fields: [] },
    ]);
    expect((await accounts(runtime)).map((a) => a.Name)).toEqual(['Fine', 'Good']);
    // All or none: one failure rolls the batch back, the valid records say so.
    const allOrNone = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'Other' }), account({ Name: 'Bad Too' })] });
    expect(allOrNone[0]).toMatchObject({ success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' }] });
    expect(allOrNone[1]).toMatchObject({ success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }, { statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }] });
    expect(await accounts(runtime)).toHaveLength(2);
  });

  it('rolls back an after-save flow’s work for the failed records of a partial save and keeps the others', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Contact_Per_Account', {
      object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'Check',
      elements: `<decisions><name>Check</name><label>Check</label><locationX>0</locationX><locationY>0</locationY>
          <defaultConnector><targetReference>Make</targetReference></defaultConnector><defaultConnectorLabel>Other</defaultConnectorLabel>
          <rules><name>Doomed</name><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>$Record.Name</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>Doomed</stringValue></rightValue></conditions>
            <connector><targetReference>Fail</targetReference></connector><label>Doomed</label></rules></decisions>
        ${createRecord('Make', 'Contact', { LastName: ref('$Record.Name'), AccountId: ref('$Record.Id') })}
        ${createRecord('Fail', 'Contact', { FirstName: str('x') })}`,
    });
    const results = await runtime.saves.save(user.Id, { operation: 'create', object: 'Account', records: [account({ Name: 'One' }), account({ Name: 'Doomed' }), account({ Name: 'Two' })], groups: [0, 1, 2] });
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect((await accounts(runtime)).map((a) => a.Name)).toEqual(['One', 'Two']);
    const contacts = await runtime.storage.records.query({ object: 'Contact', filters: [], sort: { field: 'LastName', order: 'Asc' } });
    expect(contacts.map((c) => [c.LastName, c.AccountId])).toEqual([['One', results[0]?.id], ['Two', results[2]?.id]]);
  });

  it('refuses to start a record-triggered flow by hand', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Triggered_Only', {
      object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'Make',
      elements: createRecord('Make', 'Contact', { LastName: ref('$Record.Name') }),
    });
    await expect(runtime.interviews.start(user.Id, 'Triggered_Only')).rejects.toMatchObject({ code: 'INVALID_OPERATION', message: expect.stringContaining('record-triggered flow') });
    expect(await runtime.storage.records.query({ object: 'Contact', filters: [] })).toEqual([]);
  });

  it('fires record-triggered flows on a flow’s own Create Records, and a fault there is the element’s fault', async () => {
    const { runtime, user } = await setUp();
    await deployTrigger(ctx.db(), 'Stamp_Account', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'Stamp',
      elements: setField('Stamp', 'Description', 'stamped by trigger'),
    });
    await deployXml(ctx.db(), 'Make_Account', `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion><label>Make Account</label><processType>AutoLaunchedFlow</processType>
    ${createRecord('Create_It', 'Account', { Name: str('From a flow') })}
    <start><locationX>0</locationX><locationY>0</locationY><connector><targetReference>Create_It</targetReference></connector></start>
    <status>Active</status>
</Flow>`);
    const view = await runtime.interviews.start(user.Id, 'Make_Account');
    expect(view.interview.InterviewStatus).toBe('Completed');
    expect((await accounts(runtime))[0]).toMatchObject({ Name: 'From a flow', Description: 'stamped by trigger' });

    // A triggered flow that refuses the record: the Create Records element takes its fault connector.
    await deployTrigger(ctx.db(), 'Refuse_Named', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'Refuse',
      filters: '<filters><field>Name</field><operator>EqualTo</operator><value><stringValue>Refused</stringValue></value></filters>',
      filterLogic: 'and',
      elements: `<customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
          <customErrorMessages><errorMessage>Not this name.</errorMessage><isFieldError>false</isFieldError></customErrorMessages></customErrors>`,
    });
    await deployXml(ctx.db(), 'Make_Refused', `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>62.0</apiVersion><label>Make Refused</label><processType>AutoLaunchedFlow</processType>
    ${createRecord('Create_It', 'Account', { Name: str('Refused') }, undefined, 'Note_Fault')}
    <assignments><name>Note_Fault</name><label>Note Fault</label><locationX>0</locationX><locationY>0</locationY>
      <assignmentItems><assignToReference>message</assignToReference><operator>Assign</operator><value><elementReference>$Flow.FaultMessage</elementReference></value></assignmentItems></assignments>
    <start><locationX>0</locationX><locationY>0</locationY><connector><targetReference>Create_It</targetReference></connector></start>
    <status>Active</status>
    <variables><name>message</name><dataType>String</dataType><isCollection>false</isCollection><isInput>false</isInput><isOutput>true</isOutput></variables>
</Flow>`);
    const handled = await runtime.interviews.start(user.Id, 'Make_Refused');
    expect(handled.interview.InterviewStatus).toBe('Completed');
    expect(handled.outputs).toMatchObject({ message: 'Not this name.' });
    expect((await accounts(runtime)).map((a) => a.Name)).toEqual(['From a flow']);
  });
});

describe('record-triggered flow metadata', () => {
  it('is refused at deploy when a before-save flow uses an element Salesforce does not allow there', async () => {
    const { parseFlowXml, validateFlow } = await import('../../../src/flow-model/index.js');
    const { triggerFlowXml } = await import('./support/trigger-flows.js');
    const xml = triggerFlowXml({ object: 'Account', timing: 'RecordBeforeSave', event: 'Create', first: 'Make', elements: createRecord('Make', 'Contact', { LastName: str('x') }) });
    const { definition } = parseFlowXml(xml, { fileName: 'Before.flow-meta.xml' });
    expect(validateFlow(definition as NonNullable<typeof definition>)).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'TRIGGER_ELEMENT_NOT_ALLOWED', severity: 'error', element: 'Make' })]));
  });
});
