/** Describe and record resources under /services/data/vNN.N/sobjects. */
import { afterEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';

interface FieldJson {
  name: string;
  type: string;
  length: number;
  nillable: boolean;
  updateable: boolean;
  createable: boolean;
  referenceTo: string[];
  relationshipName: string | null;
  picklistValues: { value: string }[];
  soapType: string;
}

forEachDatabase('sObject resources', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (): Promise<{ s: TestServer; token: string }> => {
    server = await createTestServer(ctx.db(), ctx.clock());
    return { s: server, token: await server.tokenFor(server.admin) };
  };
  const accounts = async (s: TestServer) => s.db.records.query({ object: 'Account', filters: [] });

  it('describes the org globally with urls under the requested version', async () => {
    const { s, token } = await start();
    const response = await s.call(token, 'GET', '/services/data/v52.0/sobjects');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { encoding: string; maxBatchSize: number; sobjects: { name: string; keyPrefix: string | null; urls: Record<string, string> }[] };
    expect(body.encoding).toBe('UTF-8');
    const names = body.sobjects.map((o) => o.name);
    for (const name of ['Account', 'Contact', 'Case', 'User', 'Flow', 'FlowInterview', 'FlowDefinitionView', 'FlowRecordRelation']) expect(names).toContain(name);
    const interview = body.sobjects.find((o) => o.name === 'FlowInterview');
    expect(interview?.keyPrefix).toBe('0Fo');
    expect(interview?.urls).toEqual({
      sobject: '/services/data/v52.0/sobjects/FlowInterview',
      describe: '/services/data/v52.0/sobjects/FlowInterview/describe',
      rowTemplate: '/services/data/v52.0/sobjects/FlowInterview/{ID}',
    });
  });

  it('describes every exposed object with its fields', async () => {
    const { s, token } = await start();
    const schema = await s.db.records.schema();
    for (const object of schema.objects()) {
      const response = await s.call(token, 'GET', `/sobjects/${object.name}/describe`);
      expect(response.statusCode, object.name).toBe(200);
      const body = response.json() as { name: string; label: string; keyPrefix: string | null; fields: FieldJson[]; urls: Record<string, string>; childRelationships: unknown[] };
      expect(body.name).toBe(object.name);
      expect(body.label).toBe(object.label);
      expect(body.keyPrefix).toBe(object.keyPrefix);
      expect(body.fields.map((f) => f.name)).toEqual(schema.describeOrThrow(object.name).fields.map((f) => f.name));
      for (const field of body.fields) {
        expect(Object.keys(field)).toEqual(expect.arrayContaining(['name', 'type', 'length', 'nillable', 'updateable', 'createable', 'referenceTo', 'picklistValues', 'relationshipName', 'soapType']));
      }
      expect(Array.isArray(body.childRelationships)).toBe(true);
    }
  });

  it('describes FlowInterview as Salesforce does: polymorphic owner, restricted status picklist, RecordRelations child', async () => {
    const { s, token } = await start();
    const body = (await s.call(token, 'GET', '/sobjects/flowinterview/describe')).json() as { name: string; fields: FieldJson[]; childRelationships: { childSObject: string; field: string; relationshipName: string | null; cascadeDelete: boolean }[] };
    expect(body.name).toBe('FlowInterview');
    const owner = body.fields.find((f) => f.name === 'OwnerId');
    expect(owner).toMatchObject({ type: 'reference', relationshipName: 'Owner', soapType: 'tns:ID', length: 18 });
    expect(owner?.referenceTo.sort()).toEqual(['Group', 'User']);
    const status = body.fields.find((f) => f.name === 'InterviewStatus');
    expect(status?.picklistValues.map((v) => v.value)).toEqual(['Running', 'Paused', 'Completed', 'Error']);
    expect(body.childRelationships).toContainEqual(expect.objectContaining({ childSObject: 'FlowRecordRelation', field: 'ParentId', relationshipName: 'RecordRelations', cascadeDelete: true }));
  });

  it('answers 404 for an unknown object', async () => {
    const { s, token } = await start();
    for (const path of ['/sobjects/Nope__c/describe', '/sobjects/Nope__c', '/sobjects/Nope__c/001000000000001AAA']) {
      const response = await s.call(token, 'GET', path);
      expect(response.statusCode, path).toBe(404);
      expect(response.json()[0].errorCode).toBe('NOT_FOUND');
    }
  });

  it('creates, reads, updates and deletes an Account with Salesforce’s statuses', async () => {
    const { s, token } = await start();
    const created = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme', NumberOfEmployees: 12, attributes: { type: 'Account' } });
    expect(created.statusCode).toBe(201);
    const { id, success, errors } = created.json() as { id: string; success: boolean; errors: unknown[] };
    expect(id).toMatch(/^001\w{15}$/);
    expect(success).toBe(true);
    expect(errors).toEqual([]);

    const read = await s.call(token, 'GET', `/sobjects/Account/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ attributes: { type: 'Account', url: `/services/data/v59.0/sobjects/Account/${id}` }, Id: id, Name: 'Acme', NumberOfEmployees: 12, CreatedById: s.admin.Id });

    const updated = await s.call(token, 'PATCH', `/sobjects/Account/${id}`, { Name: 'Acme Corp' });
    expect(updated.statusCode).toBe(204);
    expect(updated.body).toBe('');
    const fields = await s.call(token, 'GET', `/sobjects/Account/${id}?fields=Name,Id`);
    expect(fields.json()).toEqual({ attributes: { type: 'Account', url: `/services/data/v59.0/sobjects/Account/${id}` }, Id: id, Name: 'Acme Corp' });

    const deleted = await s.call(token, 'DELETE', `/sobjects/Account/${id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await s.call(token, 'GET', `/sobjects/Account/${id}`)).statusCode).toBe(404);
    expect((await s.call(token, 'DELETE', `/sobjects/Account/${id}`)).statusCode).toBe(404);
    expect((await s.call(token, 'PATCH', `/sobjects/Account/${id}`, { Name: 'Again' })).statusCode).toBe(404);
  });

  it('accepts a 15-character Id in the path', async () => {
    const { s, token } = await start();
    const { id } = (await s.call(token, 'POST', '/sobjects/Contact', { LastName: 'Lovelace' })).json() as { id: string };
    const read = await s.call(token, 'GET', `/sobjects/Contact/${id.slice(0, 15)}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().Id).toBe(id);
  });

  it('refuses unknown fields with INVALID_FIELD and stores nothing', async () => {
    const { s, token } = await start();
    const response = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Acme', Bogus__c: 1 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual([{ message: "No such column 'Bogus__c' on sobject of type Account", errorCode: 'INVALID_FIELD', fields: ['Bogus__c'] }]);
    expect(await accounts(s)).toHaveLength(0);
    const fields = await s.call(token, 'GET', `/sobjects/User/${s.admin.Id}?fields=Username,Nope`);
    expect(fields.statusCode).toBe(400);
    expect(fields.json()[0]).toMatchObject({ errorCode: 'INVALID_FIELD', fields: ['Nope'] });
  });

  it('refuses values of the wrong type, read-only fields and missing required fields, storing nothing', async () => {
    const { s, token } = await start();
    const cases: [unknown, string][] = [
      [{ Name: 'Acme', NumberOfEmployees: 'many' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ Name: 'Acme', CreatedDate: '2020-01-01T00:00:00Z' }, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      [{ NumberOfEmployees: 3 }, 'REQUIRED_FIELD_MISSING'],
      [{ Name: 'Acme', Id: '001000000000001AAA' }, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      [{ Name: 'Acme', ParentId: 'not-an-id' }, 'MALFORMED_ID'],
      [{ Name: 'x'.repeat(300) }, 'STRING_TOO_LONG'],
    ];
    for (const [body, code] of cases) {
      const response = await s.call(token, 'POST', '/sobjects/Account', body);
      expect(response.statusCode, code).toBe(400);
      expect(response.json()[0].errorCode).toBe(code);
    }
    expect(await accounts(s)).toHaveLength(0);
  });

  it('refuses non-object bodies with JSON_PARSER_ERROR', async () => {
    const { s, token } = await start();
    for (const body of ['[{"Name":"A"}]', 'null', '"Acme"', '']) {
      const response = await s.call(token, 'POST', '/sobjects/Account', body, { 'content-type': 'application/json' });
      expect(response.statusCode, body).toBe(400);
      expect(response.json()[0].errorCode).toBe('JSON_PARSER_ERROR');
    }
    expect(await accounts(s)).toHaveLength(0);
  });

  it('answers MALFORMED_ID for a malformed Id and 404 for an Id of another object', async () => {
    const { s, token } = await start();
    const malformed = await s.call(token, 'GET', '/sobjects/Account/001-bad');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()[0].errorCode).toBe('MALFORMED_ID');
    const { id } = (await s.call(token, 'POST', '/sobjects/Contact', { LastName: 'Hopper' })).json() as { id: string };
    expect((await s.call(token, 'GET', `/sobjects/Account/${id}`)).statusCode).toBe(404);
    expect((await s.call(token, 'DELETE', `/sobjects/Account/${id}`)).statusCode).toBe(404);
  });

  it('leaves a record unchanged when an update fails', async () => {
    const { s, token } = await start();
    const { id } = (await s.call(token, 'POST', '/sobjects/Account', { Name: 'Stable' })).json() as { id: string };
    const response = await s.call(token, 'PATCH', `/sobjects/Account/${id}`, { Name: 'Changed', NumberOfEmployees: 'lots' });
    expect(response.statusCode).toBe(400);
    expect((await s.call(token, 'GET', `/sobjects/Account/${id}?fields=Name`)).json().Name).toBe('Stable');
    const idChange = await s.call(token, 'PATCH', `/sobjects/Account/${id}`, { Id: '001000000000001AAA' });
    expect(idChange.json()[0].errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
  });

  it('reads users for any user, as the sf CLI does at login, and refuses writes to them without Manage Users', async () => {
    const { s } = await start();
    const plain = await s.createUser('plain');
    const token = await s.tokenFor(plain);
    const user = await s.call(token, 'GET', `/services/data/v51.0/sobjects/User/${s.admin.Id}`);
    expect(user.statusCode).toBe(200);
    expect(user.json()).toMatchObject({ attributes: { type: 'User' }, Id: s.admin.Id, Username: s.admin.Username });
    expect(JSON.stringify(user.json())).not.toMatch(/password/i);
    const create = await s.call(token, 'POST', '/sobjects/User', { Username: 'x@example.com', LastName: 'X', Email: 'x@example.com' });
    expect(create.statusCode).toBe(403);
    expect(create.json()[0].errorCode).toBe('INSUFFICIENT_ACCESS');
    expect(await s.db.directory.getUserByUsername('x@example.com')).toBeUndefined();
    expect((await s.call(token, 'DELETE', `/sobjects/User/${s.admin.Id}`)).statusCode).toBe(405);
  });

  it('answers basic info with recent items', async () => {
    const { s, token } = await start();
    await s.call(token, 'POST', '/sobjects/Case', { Subject: 'Broken' });
    const response = await s.call(token, 'GET', '/sobjects/Case');
    expect(response.statusCode).toBe(200);
    const body = response.json() as { objectDescribe: { name: string }; recentItems: { attributes: { type: string }; Id: string }[] };
    expect(body.objectDescribe.name).toBe('Case');
    expect(body.recentItems).toHaveLength(1);
    expect(body.recentItems[0]?.attributes.type).toBe('Case');
  });
});
