/**
 * REST single-record writes fire record-triggered flows: create, update and delete through
 * `/sobjects`, with a before-save change visible on the record, an after-save related record,
 * a Custom Error answered as Salesforce does (400, `FIELD_CUSTOM_VALIDATION_EXCEPTION` at its
 * field), a faulted flow as `CANNOT_EXECUTE_FLOW_TRIGGER` with nothing stored, and a
 * record-triggered flow that cannot be started through the API.
 */
import { beforeEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { deployTrigger, createRecord, ref, setField, str } from '../runtime/triggers/support/trigger-flows.js';
import { createTestServer, type TestServer } from './support/test-server.js';

forEachDatabase('record-triggered flows through REST', (ctx) => {
  let s: TestServer;
  let token: string;

  beforeEach(async () => {
    s = await createTestServer(ctx.db(), ctx.clock());
    token = await s.tokenFor(s.admin);
    await deployTrigger(ctx.db(), 'Account_Before', {
      object: 'Account', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'Check',
      elements: `<decisions><name>Check</name><label>Check</label><locationX>0</locationX><locationY>0</locationY>
          <defaultConnector><targetReference>Stamp</targetReference></defaultConnector><defaultConnectorLabel>Other</defaultConnectorLabel>
          <rules><name>Bad</name><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>$Record.Phone</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>000</stringValue></rightValue></conditions>
            <connector><targetReference>Refuse</targetReference></connector><label>Bad</label></rules></decisions>
        <customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
          <customErrorMessages><errorMessage>000 is not a phone number.</errorMessage><fieldSelection>Phone</fieldSelection><isFieldError>true</isFieldError></customErrorMessages></customErrors>
        ${setField('Stamp', 'Site', 'stamped')}`,
    });
    await deployTrigger(ctx.db(), 'Account_After', {
      label: 'Account After', object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'Make',
      elements: createRecord('Make', 'Contact', { LastName: ref('$Record.Name'), AccountId: ref('$Record.Id') }),
    });
    await deployTrigger(ctx.db(), 'Account_Delete', {
      object: 'Account', timing: 'RecordBeforeDelete', event: 'Delete', first: 'Log',
      elements: createRecord('Log', 'Case', { Subject: `<stringValue>Deleted {!$Record.Name}</stringValue>` }),
    });
  });

  it('fires before-save, after-save and before-delete flows on POST, PATCH and DELETE', async () => {
    const created = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme' });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: string }).id;
    expect((await s.call(token, 'GET', `/sobjects/Account/${id}?fields=Name,Site`)).json()).toMatchObject({ Name: 'Acme', Site: 'stamped' });
    const contacts = await s.call(token, 'GET', `/query?q=${encodeURIComponent(`SELECT LastName FROM Contact WHERE AccountId = '${id}'`)}`);
    expect(contacts.json()).toMatchObject({ totalSize: 1, records: [{ LastName: 'Acme' }] });

    expect((await s.call(token, 'PATCH', `/sobjects/Account/${id}`, { Site: 'changed by a user' })).statusCode).toBe(204);
    expect((await s.call(token, 'GET', `/sobjects/Account/${id}?fields=Site`)).json()).toMatchObject({ Site: 'stamped' });

    expect((await s.call(token, 'DELETE', `/sobjects/Account/${id}`)).statusCode).toBe(204);
    expect((await s.call(token, 'GET', `/sobjects/Account/${id}`)).statusCode).toBe(404);
    const cases = await s.call(token, 'GET', `/query?q=${encodeURIComponent('SELECT Subject FROM Case')}`);
    expect(cases.json()).toMatchObject({ totalSize: 1, records: [{ Subject: 'Deleted Acme' }] });
  });

  it('answers a Custom Error as 400 FIELD_CUSTOM_VALIDATION_EXCEPTION at its field, and stores nothing', async () => {
    const refused = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Bad Phone', Phone: '000' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual([{ message: '000 is not a phone number.', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Phone'] }]);
    const accounts = await s.call(token, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`);
    expect(accounts.json()).toMatchObject({ totalSize: 0 });
  });

  it('answers a faulted after-save flow as 400 CANNOT_EXECUTE_FLOW_TRIGGER naming the flow, and stores nothing', async () => {
    await deployTrigger(ctx.db(), 'Account_After', {
      label: 'Account After', object: 'Account', timing: 'RecordAfterSave', event: 'Create', first: 'Make',
      elements: createRecord('Make', 'Contact', { FirstName: str('no last name') }),
    });
    const refused = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Doomed' });
    expect(refused.statusCode).toBe(400);
    const [error] = refused.json() as { message: string; errorCode: string }[];
    expect(error?.errorCode).toBe('CANNOT_EXECUTE_FLOW_TRIGGER');
    expect(error?.message).toContain('“Account After” process failed');
    const accounts = await s.call(token, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`);
    expect(accounts.json()).toMatchObject({ totalSize: 0 });
  });

  it('does not offer a record-triggered flow as an invocable action, nor start it as an interview', async () => {
    const list = await s.call(token, 'GET', '/actions/custom/flow');
    expect((list.json() as { actions: { name: string }[] }).actions.map((a) => a.name)).not.toContain('Account_After');
    expect((await s.call(token, 'POST', '/actions/custom/flow/Account_After', { inputs: [{}] })).statusCode).toBe(404);
    const started = await s.call(token, 'POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Account_After' } });
    expect(started.statusCode).toBe(400);
    expect(started.json()).toMatchObject([{ errorCode: 'INVALID_OPERATION', message: expect.stringContaining('record-triggered flow') }]);
  });
});
