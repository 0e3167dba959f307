/** The Salesforce REST conventions every endpoint follows (clients reference §0). */
import { afterEach, describe, expect, it } from 'vitest';
import { apiVersions, CURRENT_API_VERSION, parseApiVersion, releaseLabel } from '../../src/server/api-version.js';
import { collapseSlashes } from '../../src/server/app.js';
import { mapError } from '../../src/server/error-handler.js';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';

const JSON_TYPE = 'application/json;charset=UTF-8';

describe('API versions', () => {
  it('lists every version from 50.0 to the current one with release labels', () => {
    const versions = apiVersions();
    expect(versions[0]).toEqual({ label: "Winter '21", url: '/services/data/v50.0', version: '50.0' });
    expect(versions.at(-1)?.version).toBe(`${CURRENT_API_VERSION}.0`);
    expect(versions.find((v) => v.version === '59.0')?.label).toBe("Winter '24");
    expect(releaseLabel(60)).toBe("Spring '24");
  });

  it('accepts vNN.N from 50.0 to the current version and refuses anything else with NOT_FOUND', () => {
    expect(parseApiVersion('v50.0')).toBe('50.0');
    expect(parseApiVersion(`v${CURRENT_API_VERSION}.0`)).toBe(`${CURRENT_API_VERSION}.0`);
    for (const bad of ['v49.0', `v${CURRENT_API_VERSION + 1}.0`, 'v59', '59.0', 'v59.0.1', 'vx']) {
      let thrown: unknown;
      try {
        parseApiVersion(bad);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, bad).toMatchObject({ code: 'NOT_FOUND' });
      expect(mapError(thrown), bad).toMatchObject({ statusCode: 404, body: [{ errorCode: 'NOT_FOUND' }] });
    }
  });
});

describe('URL rewriting', () => {
  it('collapses duplicate slashes in the path but not in the query string', () => {
    expect(collapseSlashes('//services//data/v59.0?q=a//b')).toBe('/services/data/v59.0?q=a//b');
    expect(collapseSlashes('/services/data')).toBe('/services/data');
  });
});

forEachDatabase('server conventions', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (options = {}): Promise<TestServer> => {
    server = await createTestServer(ctx.db(), ctx.clock(), options);
    return server;
  };

  it('answers the versions list without a token, as JSON with charset UTF-8', async () => {
    const s = await start();
    const response = await s.call(undefined, 'GET', '/services/data');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.json()).toEqual(apiVersions());
  });

  it('sends X-Content-Type-Options: nosniff with every answer: JSON, errors, OAuth, files', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const answers = [
      await s.call(undefined, 'GET', '/services/data'),
      await s.call(token, 'GET', '/sobjects/Account/describe'),
      await s.call(token, 'GET', `/query?q=${encodeURIComponent('SELECT Id FROM Account')}`),
      await s.call(token, 'GET', '/sobjects/Nope__c'),
      await s.call(undefined, 'GET', '/sobjects'),
      await s.login(s.admin.Username),
      await s.call(undefined, 'GET', '/services/data/openapi.json'),
      await s.app.inject({ method: 'GET', url: '/nowhere' }),
    ];
    for (const response of answers) expect(response.headers['x-content-type-options'], `${response.statusCode} ${response.body.slice(0, 80)}`).toBe('nosniff');
  });

  it('serves paths with duplicate slashes as the sf CLI sends them', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.app.inject({ method: 'GET', url: '//services/data/v59.0//sobjects', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toHaveProperty('sobjects');
  });

  it('accepts GET and DELETE without a body but with a JSON content type', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const get = await s.call(token, 'GET', '/sobjects', undefined, { 'content-type': 'application/json' });
    expect(get.statusCode).toBe(200);
    const created = await s.call(token, 'POST', '/sobjects/Account', { Name: 'Bodyless' });
    const id = (created.json() as { id: string }).id;
    const deleted = await s.call(token, 'DELETE', `/sobjects/Account/${id}`, undefined, { 'content-type': 'application/json' });
    expect(deleted.statusCode).toBe(204);
  });

  it('answers malformed JSON with 400 JSON_PARSER_ERROR and stores nothing', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'POST', '/sobjects/Account', '{"Name": "Acme",', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'JSON_PARSER_ERROR', fields: [] })]);
    expect(await s.db.records.query({ object: 'Account', filters: [] })).toHaveLength(0);
  });

  it('refuses a __proto__ key in a JSON body', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'POST', '/sobjects/Account', '{"Name":"A","__proto__":{"polluted":true}}', { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(400);
    expect(response.json()[0].errorCode).toBe('JSON_PARSER_ERROR');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('answers a body over the limit with 413 in Salesforce shape and stores nothing', async () => {
    const s = await start({ bodyLimitBytes: 10_000 });
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'POST', '/sobjects/Account', { Name: 'x'.repeat(20_000) });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toBe(JSON_TYPE);
    expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'REQUEST_ENTITY_TOO_LARGE' })]);
    expect(await s.db.records.query({ object: 'Account', filters: [] })).toHaveLength(0);
  });

  it('answers a URL over 16,384 characters with 414', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'GET', `/query?q=${'x'.repeat(16_400)}`);
    expect(response.statusCode).toBe(414);
    expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'URI_TOO_LONG' })]);
  });

  it('answers unknown routes with 404 NOT_FOUND in Salesforce shape', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    for (const path of ['/services/nothing', '/services/data/v59.0/nothing/here', '/id', '/services/data/v59.0/sobjects/Account/001/extra/segments']) {
      const response = await s.app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type']).toBe(JSON_TYPE);
      expect(response.json()).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND', fields: [] }]);
    }
  });

  it('answers unknown API versions with 404 NOT_FOUND even with a valid token', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    for (const version of ['v49.0', `v${CURRENT_API_VERSION + 1}.0`, 'v59', 'latest']) {
      const response = await s.call(token, 'GET', `/services/data/${version}/sobjects`);
      expect(response.statusCode, version).toBe(404);
      expect(response.json()[0].errorCode).toBe('NOT_FOUND');
    }
    for (const version of ['v50.0', 'v51.0', `v${CURRENT_API_VERSION}.0`]) {
      expect((await s.call(token, 'GET', `/services/data/${version}/sobjects`)).statusCode, version).toBe(200);
    }
  });

  it('answers an unsupported method with 405 and the allowed methods', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'PUT', '/sobjects', {});
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET,HEAD');
    expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'METHOD_NOT_ALLOWED' })]);
  });

  it('answers 401 INVALID_SESSION_ID only for missing, malformed or unknown tokens', async () => {
    const s = await start();
    for (const headers of [{}, { authorization: 'Bearer nope' }, { authorization: 'Bearer 00D000000000001AAA!AQ.unknown' }, { authorization: 'Basic abc' }]) {
      const response = await s.app.inject({ method: 'GET', url: '/services/data/v59.0/sobjects', headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(401);
      expect(response.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID', fields: [] }]);
    }
  });

  it('accepts Salesforce’s older "OAuth" authorization scheme', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.app.inject({ method: 'GET', url: '/services/data/v59.0/sobjects', headers: { authorization: `OAuth ${token}` } });
    expect(response.statusCode).toBe(200);
  });

  it('answers a 415 for a body of an unsupported content type', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'POST', '/sobjects/Account', 'Name=Acme', { 'content-type': 'text/plain' });
    expect(response.statusCode).toBe(415);
    expect(response.json()[0].errorCode).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('lists the resources of a version with an identity URL ending in org and user ids', async () => {
    const s = await start();
    const token = await s.tokenFor(s.admin);
    const response = await s.call(token, 'GET', '/services/data/v51.0');
    expect(response.statusCode).toBe(200);
    const body = response.json() as Record<string, string>;
    expect(body.sobjects).toBe('/services/data/v51.0/sobjects');
    expect(body.query).toBe('/services/data/v51.0/query');
    expect(body.identity).toMatch(new RegExp(`/id/${s.orgId}/${s.admin.Id}$`));
  });
});
