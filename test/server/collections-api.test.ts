/**
 * sObject Collections (`/composite/sobjects`) fire record-triggered flows once per chunk, with
 * Salesforce's per-record results: partial saves with `allOrNone=false` (a Custom Error and a
 * missing required field fail their own record only), everything rolled back with
 * `allOrNone=true`, update and delete by Id, retrieve, the 200-record limit, and jsforce's
 * `sobject('Contact').create([...200])` over real HTTP with an after-save flow's effect on all 200,
 * then jsforce's array update, retrieve and destroy.
 */
import jsforce from 'jsforce';
import { beforeEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createRecord, deployTrigger, setField, str } from '../runtime/triggers/support/trigger-flows.js';
import { createTestServer, type TestServer, V } from './support/test-server.js';

interface Result {
  readonly id: string | null;
  readonly success: boolean;
  readonly errors: readonly { readonly statusCode: string; readonly message: string; readonly fields: readonly string[] }[];
}

forEachDatabase('sObject Collections fire record-triggered flows', (ctx) => {
  let s: TestServer;
  let token: string;

  const soql = async (q: string): Promise<{ totalSize: number; records: Record<string, unknown>[] }> =>
    (await s.call(token, 'GET', `/query?q=${encodeURIComponent(q)}`)).json() as { totalSize: number; records: Record<string, unknown>[] };

  beforeEach(async () => {
    s = await createTestServer(ctx.db(), ctx.clock());
    token = await s.tokenFor(s.admin);
    await deployTrigger(ctx.db(), 'Contact_Before', {
      object: 'Contact', timing: 'RecordBeforeSave', event: 'CreateAndUpdate', first: 'Check',
      elements: `<decisions><name>Check</name><label>Check</label><locationX>0</locationX><locationY>0</locationY>
          <defaultConnector><targetReference>Stamp</targetReference></defaultConnector><defaultConnectorLabel>Other</defaultConnectorLabel>
          <rules><name>Bad</name><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>$Record.Phone</leftValueReference><operator>EqualTo</operator><rightValue><stringValue>000</stringValue></rightValue></conditions>
            <connector><targetReference>Refuse</targetReference></connector><label>Bad</label></rules></decisions>
        <customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
          <customErrorMessages><errorMessage>000 is not a phone number.</errorMessage><fieldSelection>Phone</fieldSelection><isFieldError>true</isFieldError></customErrorMessages></customErrors>
        ${setField('Stamp', 'Title', 'stamped')}`,
    });
    await deployTrigger(ctx.db(), 'Contact_After', {
      label: 'Contact After', object: 'Contact', timing: 'RecordAfterSave', event: 'Create', first: 'Make',
      elements: createRecord('Make', 'Case', { Subject: str('Welcome {!$Record.LastName}') }),
    });
  });

  it('creates with allOrNone=false: each failing record fails alone, the flows run for every saved one', async () => {
    const response = await s.call(token, 'POST', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Contact' }, LastName: 'Ada' },
        { attributes: { type: 'Contact' }, LastName: 'Bad', Phone: '000' },
        { attributes: { type: 'Contact' }, FirstName: 'No last name' },
        { attributes: { type: 'Account' }, Name: 'Acme' },
        { attributes: { type: 'Contact' }, LastName: 'Grace' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const results = response.json() as Result[];
    expect(results.map((r) => r.success)).toEqual([true, false, false, true, true]);
    expect(results[1]).toEqual({ id: null, success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: '000 is not a phone number.', fields: ['Phone'] }] });
    expect(results[2]?.errors[0]).toMatchObject({ statusCode: 'REQUIRED_FIELD_MISSING', fields: ['LastName'] });
    const contacts = await soql('SELECT LastName, Title FROM Contact ORDER BY LastName');
    expect(contacts.records.map((c) => [c.LastName, c.Title])).toEqual([['Ada', 'stamped'], ['Grace', 'stamped']]);
    const cases = await soql('SELECT Subject FROM Case ORDER BY Subject');
    expect(cases.records.map((c) => c.Subject)).toEqual(['Welcome Ada', 'Welcome Grace']);
    expect((await soql(`SELECT Name FROM Account WHERE Id = '${results[3]?.id ?? ''}'`)).totalSize).toBe(1);
  });

  it('creates with allOrNone=true: one failure rolls back every record and the flows’ writes', async () => {
    const response = await s.call(token, 'POST', '/composite/sobjects', {
      allOrNone: true,
      records: [
        { attributes: { type: 'Account' }, Name: 'Acme' },
        { attributes: { type: 'Contact' }, LastName: 'Ada' },
        { attributes: { type: 'Contact' }, LastName: 'Bad', Phone: '000' },
      ],
    });
    expect(response.statusCode).toBe(200);
    const results = response.json() as Result[];
    expect(results[0]).toEqual({ id: null, success: false, errors: [{ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK', message: expect.stringContaining('AllOrNone') as string, fields: [] }] });
    expect(results[1]?.errors[0]?.statusCode).toBe('ALL_OR_NONE_OPERATION_ROLLED_BACK');
    expect(results[2]?.errors[0]?.statusCode).toBe('FIELD_CUSTOM_VALIDATION_EXCEPTION');
    expect((await soql('SELECT Id FROM Contact')).totalSize).toBe(0);
    expect((await soql('SELECT Id FROM Account')).totalSize).toBe(0);
    expect((await soql('SELECT Id FROM Case')).totalSize).toBe(0);
  });

  it('updates, retrieves and deletes by Id, and refuses more than 200 records or 10 chunks', async () => {
    const created = (await s.call(token, 'POST', '/composite/sobjects', {
      records: [{ attributes: { type: 'Contact' }, LastName: 'Ada' }, { attributes: { type: 'Contact' }, LastName: 'Grace' }],
    })).json() as Result[];
    const [ada, grace] = created.map((r) => r.id as string);
    const updated = await s.call(token, 'PATCH', '/composite/sobjects', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Contact' }, id: ada, Phone: '000' },
        { attributes: { type: 'Contact' }, id: grace, Phone: '555', Title: 'ignored' },
        { attributes: { type: 'Contact' }, Phone: '1' },
      ],
    });
    expect(updated.statusCode).toBe(200);
    expect((updated.json() as Result[]).map((r) => [r.id, r.success, r.errors[0]?.statusCode])).toEqual([
      [ada, false, 'FIELD_CUSTOM_VALIDATION_EXCEPTION'],
      [grace, true, undefined],
      [null, false, 'MISSING_ARGUMENT'],
    ]);
    const retrieved = await s.call(token, 'GET', `/composite/sobjects/Contact?ids=${ada},${grace}&fields=LastName,Phone,Title`);
    expect(retrieved.statusCode).toBe(200);
    expect(retrieved.json()).toEqual([
      { attributes: { type: 'Contact', url: `/services/data/${V}/sobjects/Contact/${ada}` }, LastName: 'Ada', Phone: null, Title: 'stamped', Id: ada },
      { attributes: { type: 'Contact', url: `/services/data/${V}/sobjects/Contact/${grace}` }, LastName: 'Grace', Phone: '555', Title: 'stamped', Id: grace },
    ]);

    const deleted = await s.call(token, 'DELETE', `/composite/sobjects?ids=${ada},${grace}&allOrNone=true`);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toEqual([{ id: ada, success: true, errors: [] }, { id: grace, success: true, errors: [] }]);
    expect((await soql('SELECT Id FROM Contact')).totalSize).toBe(0);

    const tooMany = await s.call(token, 'POST', '/composite/sobjects', { records: Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Contact' }, LastName: `C${i}` })) });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject([{ errorCode: 'EXCEEDED_ID_LIMIT' }]);
    const chunky = await s.call(token, 'POST', '/composite/sobjects', {
      records: Array.from({ length: 11 }, (_, i) => (i % 2 === 0 ? { attributes: { type: 'Contact' }, LastName: `C${i}` } : { attributes: { type: 'Account' }, Name: `A${i}` })),
    });
    expect(chunky.statusCode).toBe(400);
    expect(chunky.json()).toMatchObject([{ errorCode: 'LIMIT_EXCEEDED', message: expect.stringContaining('more than 10 chunks') as string }]);
    expect((await soql('SELECT Id FROM Contact')).totalSize).toBe(0);
    expect((await soql('SELECT Id FROM Account')).totalSize).toBe(0);
  });

  it('upserts by an external Id field: creates the new, updates the matched, refuses a value given twice', async () => {
    const fieldXml = `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Badge__c</fullName><label>Badge</label><type>Text</type><length>20</length><externalId>true</externalId><unique>true</unique></CustomField>`;
    const deployed = await s.call(token, 'POST', '/eddy/deploy', { files: [{ path: 'objects/Contact/fields/Badge__c.field-meta.xml', content: fieldXml }] });
    expect(deployed.statusCode).toBe(200);
    const first = (await s.call(token, 'POST', '/composite/sobjects', { records: [{ attributes: { type: 'Contact' }, LastName: 'Ada', Badge__c: 'B1' }] })).json() as Result[];
    const ada = first[0]?.id as string;
    const upserted = await s.call(token, 'PATCH', '/composite/sobjects/Contact/Badge__c', {
      allOrNone: false,
      records: [
        { attributes: { type: 'Contact' }, Badge__c: 'B1', LastName: 'Ada Lovelace' },
        { attributes: { type: 'Contact' }, Badge__c: 'B2', LastName: 'Grace' },
        { attributes: { type: 'Contact' }, Badge__c: 'B3', LastName: 'Twice' },
        { attributes: { type: 'Contact' }, Badge__c: 'B3', LastName: 'Twice again' },
      ],
    });
    expect(upserted.statusCode).toBe(200);
    const results = upserted.json() as (Result & { created: boolean })[];
    expect(results.map((r) => [r.success, r.created, r.errors[0]?.statusCode])).toEqual([
      [true, false, undefined],
      [true, true, undefined],
      [false, false, 'DUPLICATE_VALUE'],
      [false, false, 'DUPLICATE_VALUE'],
    ]);
    expect(results[0]?.id).toBe(ada);
    const contacts = await soql('SELECT LastName, Badge__c FROM Contact ORDER BY Badge__c');
    expect(contacts.records.map((c) => [c.Badge__c, c.LastName])).toEqual([['B1', 'Ada Lovelace'], ['B2', 'Grace']]);
    // The after-save flow runs on create only: one Case for Ada's create, one for Grace's.
    expect((await soql('SELECT Subject FROM Case ORDER BY Subject')).records.map((c) => c.Subject)).toEqual(['Welcome Ada', 'Welcome Grace']);
    const notExternal = await s.call(token, 'PATCH', '/composite/sobjects/Contact/LastName', { records: [] });
    expect(notExternal.statusCode).toBe(400);
    expect(notExternal.json()).toMatchObject([{ errorCode: 'INVALID_FIELD' }]);
  });

  it('jsforce creates 200 Contacts in one call with the after-save flow run for all 200, then updates, retrieves and destroys them as arrays', async () => {
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const address = s.app.server.address();
      if (address === null || typeof address === 'string') throw new Error('The server has no port.');
      const conn = new jsforce.Connection({ instanceUrl: `http://127.0.0.1:${address.port}`, accessToken: token, version: '59.0' });
      const requests: string[] = [];
      s.app.server.on('request', (request: { method?: string; url?: string }) => requests.push(`${request.method ?? ''} ${request.url ?? ''}`));
      const records = Array.from({ length: 200 }, (_, i) => ({ LastName: `Bulk ${String(i).padStart(3, '0')}` }));
      const results = await conn.sobject('Contact').create(records);
      expect(results).toHaveLength(200);
      expect(results.every((r) => r.success)).toBe(true);
      expect(requests).toEqual([`POST /services/data/${V}/composite/sobjects`]);
      const cases = await conn.query<{ Subject: string }>("SELECT Subject FROM Case WHERE Subject LIKE 'Welcome Bulk%'");
      expect(cases.totalSize).toBe(200);
      const stamped = await conn.query("SELECT Id FROM Contact WHERE Title = 'stamped'");
      expect(stamped.totalSize).toBe(200);

      const ids = results.map((r) => r.id as string);
      const updated = await conn.sobject('Contact').update(ids.map((Id, i) => ({ Id, Phone: i === 7 ? '000' : `555-${i}` })));
      expect(updated.filter((r) => !r.success).map((r) => r.id)).toEqual([ids[7]]);
      const [read] = await conn.sobject('Contact').retrieve([ids[8] as string]);
      expect(read).toMatchObject({ Id: ids[8], Phone: '555-8', LastName: 'Bulk 008' });
      const destroyed = await conn.sobject('Contact').destroy(ids);
      expect(destroyed.every((r) => r.success)).toBe(true);
      expect((await conn.query('SELECT Id FROM Contact')).totalSize).toBe(0);
    } finally {
      await s.app.close();
    }
  });
});
