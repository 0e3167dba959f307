/**
 * `POST /eddy/deploy` refuses what Salesforce refuses, storing nothing for it: text over the
 * metadata limits, characters XML forbids (with the file's line), DOCTYPE declarations, files
 * over the size limit, and bodies that are not UTF-8 or hold unstorable text.
 */
import { afterEach, expect, it } from 'vitest';
import { MAX_METADATA_FILE_BYTES } from '../../src/flow-model/index.js';
import { forEachDatabase } from '../support/databases.js';
import { flowXml } from '../flow-model/flow-xml.js';
import { createTestServer, type TestServer } from './support/test-server.js';

interface DeployBody {
  readonly flows: readonly { readonly path: string; readonly apiName: string; readonly status: string; readonly reason?: string }[];
  readonly objects: { readonly files: readonly { readonly path: string; readonly status: string; readonly reason?: string }[] };
  readonly summary: { readonly ok: boolean };
}

forEachDatabase('deploy limits', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (options = {}) => {
    server = await createTestServer(ctx.db(), ctx.clock(), options);
    return { s: server, token: await server.tokenFor(server.admin) };
  };
  const stored = async (s: TestServer) => (await s.db.flows.listDefinitions()).map((d) => d.DeveloperName);

  it('refuses flow files Salesforce would refuse, each with its reason and line, and stores none of them', async () => {
    const { s, token } = await start();
    const files = [
      { path: 'flows/Label_FFFF.flow-meta.xml', content: flowXml('', { label: 'Bad\uffffLabel' }) },
      { path: 'flows/Label_Nul_Reference.flow-meta.xml', content: flowXml('', { label: 'Bad&#0;Label' }) },
      { path: 'flows/Long_Description.flow-meta.xml', content: flowXml(`<description>${'d'.repeat(200_000)}</description>`) },
      { path: 'flows/Long_Label.flow-meta.xml', content: flowXml('', { label: 'L'.repeat(256) }) },
      { path: 'flows/Doctype.flow-meta.xml', content: flowXml('').replace('<Flow ', '<!DOCTYPE Flow [<!ENTITY x "y">]>\n<Flow ') },
      { path: 'flows/Fine.flow-meta.xml', content: flowXml('', { label: 'Fine' }) },
      { path: 'objects/Thing__c/Thing__c.object-meta.xml', content: '<?xml version="1.0"?>\n<!DOCTYPE x>\n<CustomObject><label>Thing</label></CustomObject>' },
    ];
    const response = await s.call(token, 'POST', '/eddy/deploy', { files });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as DeployBody;
    const reasons = Object.fromEntries(body.flows.map((f) => [f.apiName, [f.status, f.reason]]));
    expect(reasons).toEqual({
      Label_FFFF: ['refused', 'The file is not well-formed XML (line 4): The file contains the character U+FFFF, which XML does not allow.'],
      Label_Nul_Reference: ['refused', 'The file is not well-formed XML (line 4): The file contains the character U+0000 (&#0;), which XML does not allow.'],
      Long_Description: ['refused', 'The flow: the description is 200,000 characters long; Salesforce allows at most 4,000 (<description>).'],
      Long_Label: ['refused', 'The flow: the label is 256 characters long; Salesforce allows at most 255 (<label>).'],
      Doctype: ['refused', expect.stringMatching(/^The file is not well-formed XML \(line 2\): The file has a <!DOCTYPE> declaration/)],
      Fine: ['created', undefined],
    });
    expect(body.objects.files).toEqual([expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/DOCTYPE.*\(line 2\)/) })]);
    expect(body.summary.ok).toBe(false);
    expect(await stored(s)).toEqual(['Fine']);
  });

  it('refuses a flow file over the size limit even when the request limit lets it through', async () => {
    const { s, token } = await start({ bodyLimitBytes: 2 * MAX_METADATA_FILE_BYTES });
    const huge = flowXml(`<description>${'x'.repeat(MAX_METADATA_FILE_BYTES)}</description>`);
    const response = await s.call(token, 'POST', '/eddy/deploy', { files: [{ path: 'flows/Huge.flow-meta.xml', content: huge }] });
    expect((response.json() as DeployBody).flows).toEqual([expect.objectContaining({ status: 'refused', reason: expect.stringMatching(/larger than 4 MiB/) })]);
    expect(await stored(s)).toEqual([]);
  });

  it('refuses a deploy body over the request limit (1 MiB by default) with 413', async () => {
    const { s, token } = await start();
    const tooBig = await s.call(token, 'POST', '/eddy/deploy', { files: [{ path: 'flows/Big.flow-meta.xml', content: flowXml(`<description>${'x'.repeat(2_000_000)}</description>`) }] });
    expect(tooBig.statusCode).toBe(413);
    expect(await stored(s)).toEqual([]);
  });

  it('refuses a deploy body that is not UTF-8 or holds a lone surrogate with JSON_PARSER_ERROR', async () => {
    const { s, token } = await start();
    const xml = flowXml('', { label: 'Café' });
    const latin1 = Buffer.from(JSON.stringify({ files: [{ path: 'flows/Latin.flow-meta.xml', content: xml }] }), 'latin1');
    const surrogate = JSON.stringify({ files: [{ path: 'flows/Surrogate.flow-meta.xml', content: flowXml('', { label: 'a\ud800b' }) }] });
    for (const payload of [latin1, surrogate]) {
      const response = await s.call(token, 'POST', '/eddy/deploy', payload, { 'content-type': 'application/json' });
      expect(response.statusCode).toBe(400);
      expect(response.json()[0].errorCode).toBe('JSON_PARSER_ERROR');
    }
    expect(await stored(s)).toEqual([]);
  });
});
