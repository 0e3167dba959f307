/** SOQL on the flow objects over HTTP: the seed's example query on Flow, and FlowVersionView → FlowDefinitionView. */
import { afterEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';
import { deployTestFlows, type TestFlows } from './support/test-flows.js';

interface QueryBody {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
}

forEachDatabase('SOQL on the flow objects over REST', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });
  const start = async (): Promise<{ s: TestServer; token: string; flows: TestFlows }> => {
    server = await createTestServer(ctx.db(), ctx.clock());
    const flows = await deployTestFlows(server.db, server.systemId);
    return { s: server, token: await server.tokenFor(server.admin), flows };
  };
  const query = async (s: TestServer, token: string, resource: string, soql: string): Promise<QueryBody> => {
    const response = await s.call(token, 'GET', `${resource}?q=${encodeURIComponent(soql)}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as QueryBody;
  };

  it("answers the seed's example query SELECT Id, ApiName, Status FROM Flow on /query and /tooling/query", async () => {
    const { s, token, flows } = await start();
    for (const resource of ['/query', '/tooling/query']) {
      const body = await query(s, token, resource, 'SELECT Id, ApiName, Status FROM Flow ORDER BY ApiName');
      expect(body.totalSize).toBe(4);
      expect(body.records).toEqual([
        { attributes: { type: 'Flow', url: `/services/data/v59.0/sobjects/Flow/${flows.autolaunched.ActiveVersionId}` }, Id: flows.autolaunched.ActiveVersionId, ApiName: 'Demo_Discount_Calculator', Status: 'Active' },
        { attributes: { type: 'Flow', url: `/services/data/v59.0/sobjects/Flow/${flows.screen.ActiveVersionId}` }, Id: flows.screen.ActiveVersionId, ApiName: 'Demo_Support_Request', Status: 'Active' },
        { attributes: { type: 'Flow', url: `/services/data/v59.0/sobjects/Flow/${flows.restricted.ActiveVersionId}` }, Id: flows.restricted.ActiveVersionId, ApiName: 'Restricted_Discount', Status: 'Active' },
        { attributes: { type: 'Flow', url: `/services/data/v59.0/sobjects/Flow/${flows.waiting.ActiveVersionId}` }, Id: flows.waiting.ActiveVersionId, ApiName: 'Wait_For_Shipment', Status: 'Active' },
      ]);
    }
  });

  it("selects every field of the seed's FlowSummary and FlowDefinition with the values GET /sobjects/Flow/{id} serves", async () => {
    const { s, token, flows } = await start();
    const versionId = flows.screen.ActiveVersionId as string;
    const fields = ['Id', 'ApiName', 'Label', 'ProcessType', 'Status', 'VersionNumber', 'Description', 'MasterLabel', 'DefinitionId', 'FullName', 'CreatedDate', 'LastModifiedById'];
    const body = await query(s, token, '/tooling/query', `SELECT ${fields.join(', ')} FROM Flow WHERE Id = '${versionId}'`);
    const read = (await s.call(token, 'GET', `/sobjects/Flow/${versionId}`)).json() as Record<string, unknown>;
    const [row] = body.records;
    expect(Object.keys(row ?? {})).toEqual(['attributes', ...fields]);
    expect(row).toMatchObject({
      ApiName: 'Demo_Support_Request',
      Label: 'Demo Support Request',
      MasterLabel: 'Demo Support Request',
      ProcessType: 'Flow',
      VersionNumber: 1,
      Description: 'Demo screen flow: asks for a problem description, creates a Case, confirms.',
      DefinitionId: flows.screen.Id,
    });
    for (const field of ['ApiName', 'Label', 'ProcessType', 'Status', 'VersionNumber', 'Description', 'MasterLabel', 'DefinitionId', 'FullName', 'LastModifiedById']) {
      expect(row?.[field], field).toEqual(read[field]);
    }
  });

  it('filters and sorts Flow by ApiName and Label, ignoring case as SOQL does', async () => {
    const { s, token } = await start();
    const byName = await query(s, token, '/query', "SELECT ApiName, Label FROM Flow WHERE ApiName = 'demo_support_request'");
    expect(byName.records.map((r) => [r.ApiName, r.Label])).toEqual([['Demo_Support_Request', 'Demo Support Request']]);
    const byLabel = await query(s, token, '/query', "SELECT ApiName FROM Flow WHERE Label LIKE 'demo%' ORDER BY ApiName DESC");
    // Restricted_Discount is deployed from the discount calculator's file, so it has its label.
    expect(byLabel.records.map((r) => r.ApiName)).toEqual(['Restricted_Discount', 'Demo_Support_Request', 'Demo_Discount_Calculator']);
    const refused = await s.call(token, 'GET', `/query?q=${encodeURIComponent('SELECT Id, ApiNam FROM Flow')}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual([expect.objectContaining({ errorCode: 'INVALID_FIELD', fields: ['ApiNam'] })]);
  });

  it('follows FlowVersionView.FlowDefinitionView and FlowInterview.FlowVersionView.FlowDefinitionView relationships', async () => {
    const { s, token, flows } = await start();
    const versions = await query(
      s,
      token,
      '/query',
      "SELECT DurableId, VersionNumber, FlowDefinitionView.ApiName, FlowDefinitionView.IsActive FROM FlowVersionView WHERE FlowDefinitionView.ApiName = 'Demo_Support_Request'",
    );
    expect(versions.records).toEqual([
      {
        attributes: { type: 'FlowVersionView', url: `/services/data/v59.0/sobjects/FlowVersionView/${flows.screen.ActiveVersionId}` },
        DurableId: flows.screen.ActiveVersionId,
        VersionNumber: 1,
        FlowDefinitionView: {
          attributes: { type: 'FlowDefinitionView', url: `/services/data/v59.0/sobjects/FlowDefinitionView/${flows.screen.Id}` },
          ApiName: 'Demo_Support_Request',
          IsActive: true,
        },
      },
    ]);

    const started = await s.call(token, 'POST', '/sobjects/FlowInterview', { FlowDefinitionView: { ApiName: 'Demo_Support_Request' } });
    expect(started.statusCode, started.body).toBe(201);
    const interviewId = (started.json() as { id: string }).id;
    const interviews = await query(s, token, '/query', 'SELECT Id, FlowVersionView.FlowDefinitionView.ApiName FROM FlowInterview');
    expect(interviews.records.map((r) => [r.Id, (r.FlowVersionView as { FlowDefinitionView: { ApiName: string } }).FlowDefinitionView.ApiName])).toEqual([
      [interviewId, 'Demo_Support_Request'],
    ]);
  });
});
