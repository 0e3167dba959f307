/**
 * Double submits: a navigate says which screen it answers (`version` or `screen`), so of N
 * identical requests sent at once exactly one applies and the others get 409 CONFLICT naming
 * where the interview is now; a navigate that says neither is refused before anything happens.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createTestServer, type TestServer } from './support/test-server.js';
import { deployTestFlows } from './support/test-flows.js';

const COPIES = 20;

forEachDatabase('double submits', (ctx) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.app.close();
    server = undefined;
  });

  const start = async () => {
    server = await createTestServer(ctx.db(), ctx.clock());
    await deployTestFlows(server.db, server.systemId);
    const s = server;
    const token = await s.tokenFor(s.admin);
    const started = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
    const { Id: id, version } = started.json().interview as { Id: string; version: number };
    const navigate = (body: Record<string, unknown>): Promise<LightMyRequestResponse> => s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, body);
    return { s, token, id, version, navigate };
  };

  /** Sends `COPIES` copies of `body` at once; answers by status. */
  const burst = async (navigate: (body: Record<string, unknown>) => Promise<LightMyRequestResponse>, body: Record<string, unknown>) => {
    const responses = await Promise.all(Array.from({ length: COPIES }, () => navigate(body)));
    const byStatus = new Map<number, LightMyRequestResponse[]>();
    for (const response of responses) byStatus.set(response.statusCode, [...(byStatus.get(response.statusCode) ?? []), response]);
    return byStatus;
  };

  for (const answers of ['version', 'screen'] as const) {
    it(`lets exactly one of ${COPIES} identical NEXTs naming the ${answers} win; the others get 409 with the current screen`, async () => {
      const { s, id, version, navigate } = await start();
      const body = { action: 'NEXT', values: { Subject: 'Printer on fire', Details: 'Smoke' }, ...(answers === 'version' ? { version } : { screen: 'Describe_Problem' }) };
      const byStatus = await burst(navigate, body);
      expect([...byStatus.keys()].sort()).toEqual([200, 409]);
      expect(byStatus.get(200)).toHaveLength(1);
      expect(byStatus.get(200)?.[0]?.json().screen.name).toBe('Confirmation');
      for (const conflict of byStatus.get(409) ?? []) {
        const [error] = conflict.json() as { errorCode: string; message: string; fields: string[] }[];
        expect(error).toMatchObject({ errorCode: 'CONFLICT', fields: [answers] });
        expect(error?.message).toContain(`is now at screen "Confirmation" (version ${version + 1})`);
      }
      // One Case, one step: the flow ran once.
      expect(await s.db.records.query({ object: 'Case', filters: [] })).toHaveLength(1);
      expect((await s.db.interviews.get(id))?.version).toBe(version + 1);
    });
  }

  it(`lets exactly one of ${COPIES} identical FINISHes (and PAUSEs) win`, async () => {
    const { s, id, version, navigate } = await start();
    const next = await navigate({ action: 'NEXT', values: { Subject: 'Printer on fire' }, version });
    const atConfirmation = next.json().interview.version as number;
    const finishes = await burst(navigate, { action: 'FINISH', version: atConfirmation });
    expect(finishes.get(200)).toHaveLength(1);
    expect(finishes.get(409)).toHaveLength(COPIES - 1);
    expect(finishes.get(409)?.[0]?.json()[0].message).toContain(`is now completed (version ${atConfirmation + 1})`);
    expect((await s.db.interviews.get(id))?.InterviewStatus).toBe('Completed');

    const { version: other, navigate: navigateOther } = await start2(s);
    const pauses = await burst(navigateOther, { action: 'PAUSE', pauseReason: 'lunch', version: other });
    expect(pauses.get(200)).toHaveLength(1);
    expect(pauses.get(409)?.[0]?.json()[0].message).toContain(`is now paused (version ${other + 1})`);
  });

  /** A second interview on the same server. */
  const start2 = async (s: TestServer) => {
    const token = await s.tokenFor(s.admin);
    const started = await s.call(token, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
    const { Id: id, version } = started.json().interview as { Id: string; version: number };
    return { version, navigate: (body: Record<string, unknown>) => s.call(token, 'POST', `/eddy/interviews/${id}/navigate`, body) };
  };

  it('refuses a navigate that names neither version nor screen, naming the missing field, and changes nothing', async () => {
    const { s, id, version, navigate } = await start();
    for (const action of ['NEXT', 'BACK', 'FINISH', 'PAUSE']) {
      const response = await navigate({ action, values: { Subject: 'x' } });
      expect(response.statusCode, action).toBe(400);
      const [error] = response.json() as { errorCode: string; message: string; fields: string[] }[];
      expect(error).toMatchObject({ errorCode: 'MISSING_ARGUMENT', fields: ['version'] });
      expect(error?.message).toMatch(/^version is required: .*"screen"/);
    }
    expect((await s.db.interviews.get(id))?.version).toBe(version);
  });
});
