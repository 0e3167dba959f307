/**
 * `POST /eddy/interviews/{id}/preview`: the runtime view with the screen rendered from the values
 * being entered (a field shown by a visibility rule on the same screen appears), 200, storing
 * nothing; its answer matches the served OpenAPI document; errors in Salesforce's shape.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { FlowService } from '../../src/runtime/flows/flow-service.js';
import { forEachDatabase } from '../support/databases.js';
import { validateJson } from './support/json-schema.js';
import { createTestServer, type TestServer } from './support/test-server.js';

type Json = Record<string, unknown>;

interface Field {
  readonly name: string;
  readonly visible: boolean;
  readonly text?: string;
}

interface RuntimeBody {
  readonly interview: { readonly Id: string; readonly version: number };
  readonly awaiting: string;
  readonly screen: { readonly reactive?: boolean; readonly fields: readonly Field[]; readonly errors: Record<string, string> };
}

const FLOW_FILE = fileURLToPath(new URL('../fixtures/runtime/Reactive_Contact.flow-meta.xml', import.meta.url));

function visibility(body: RuntimeBody): Record<string, boolean> {
  return Object.fromEntries(body.screen.fields.map((field) => [field.name, field.visible]));
}

forEachDatabase('interview preview API', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  async function started(): Promise<{ s: TestServer; token: string; id: string; body: RuntimeBody }> {
    const s = await createTestServer(ctx.db(), ctx.clock());
    server = s;
    await new FlowService(s.db).deploy(s.admin.Id, [{ path: 'flows/Reactive_Contact.flow-meta.xml', content: readFileSync(FLOW_FILE, 'utf8') }], { activate: true });
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Reactive_Contact' });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json() as RuntimeBody;
    return { s, token, id: body.interview.Id, body };
  }

  it('answers the view with the fields the values make visible, 200, and stores nothing', async () => {
    const { s, token, id, body } = await started();
    expect(body.screen.reactive).toBe(true);
    expect(visibility(body)).toMatchObject({ Phone_Number: false, Nickname_Note: false });

    const response = await s.call(token, 'POST', `/eddy/interviews/${id}/preview`, { values: { Nickname: 'Ada', Preferred_Channel: 'Phone' } });
    expect(response.statusCode, response.body).toBe(200);
    const previewed = response.json() as RuntimeBody;
    expect(previewed.awaiting).toBe('screen');
    expect(visibility(previewed)).toMatchObject({ Phone_Number: true, Nickname_Note: true });
    expect(previewed.screen.fields.find((field) => field.name === 'Nickname_Note')?.text).toBe('<p>We will call you Ada.</p>');
    expect(previewed.screen.errors).toEqual({});
    expect(previewed.interview.version).toBe(body.interview.version);

    const served = (await s.call(undefined, 'GET', '/services/data/openapi.json')).json() as Json;
    const operation = (served.paths as Record<string, Record<string, Json>>)['/eddy/interviews/{interviewId}/preview']?.post;
    const schema = ((operation?.responses as Record<string, Json>)['200']?.content as Record<string, { schema: Json }>)['application/json']?.schema;
    expect(schema).toBeDefined();
    expect(validateJson(schema as Json, previewed, served)).toEqual([]);

    const again = (await s.call(token, 'GET', `/eddy/interviews/${id}/screen`)).json() as RuntimeBody;
    expect(visibility(again)).toMatchObject({ Phone_Number: false, Nickname_Note: false });
    expect(again.interview.version).toBe(body.interview.version);
  });

  it('answers errors in Salesforce\'s shape: 404 for a stranger, 400 for bad values, 401 without a token', async () => {
    const { s, token, id } = await started();
    const stranger = await s.createUser('stranger', { runFlows: true });
    const cases: [string | undefined, unknown, number, string][] = [
      [await s.tokenFor(stranger), { values: { Preferred_Channel: 'Phone' } }, 404, 'NOT_FOUND'],
      [token, { values: ['Phone'] }, 400, 'INVALID_API_INPUT'],
      [undefined, { values: {} }, 401, 'INVALID_SESSION_ID'],
    ];
    for (const [caller, payload, status, errorCode] of cases) {
      const response = await s.call(caller, 'POST', `/eddy/interviews/${id}/preview`, payload);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toEqual([{ message: expect.any(String), errorCode, fields: expect.any(Array) }]);
    }
  });
});
