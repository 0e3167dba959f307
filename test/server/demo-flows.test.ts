/**
 * The demo org's flows (every demo flow is active; the unchanged real flows run to their end on
 * the demo's records) and the sign-in details `startServer` prints.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createRuntime } from '../../src/runtime/runtime.js';
import type { Runtime } from '../../src/runtime/runtime.js';
import { UI_DEMO_FLOWS } from '../../src/runtime/demo/demo-flows.js';
import { buildServer } from '../../src/server/app.js';
import { startServer } from '../../src/server/main.js';
import { DEMO_FLOWS, DEMO_REAL_FLOWS, DEMO_USERS, seedDemoOrg } from '../../src/server/demo/demo-org.js';
import { forEachDatabase } from '../support/databases.js';
import { TEST_HASHER } from './support/test-server.js';

forEachDatabase('demo org flows', (ctx) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });
  const seeded = async (): Promise<Runtime> => {
    const db = ctx.db();
    const runtime = await createRuntime({ storage: db, clock: ctx.clock() });
    const server = buildServer({ storage: db, runtime, clock: ctx.clock(), passwordHasher: TEST_HASHER });
    await server.ready();
    close = async () => {
      await server.close();
      await runtime.stop();
    };
    await seedDemoOrg(db, server.oauth, { EDDY_ADMIN_PASSWORD: 'admin pw', EDDY_DEMO_CLIENT_SECRET: 'demo secret' });
    return runtime;
  };
  const account = async (runtime: Runtime, name: string): Promise<Record<string, unknown>> => {
    const [found] = await runtime.storage.records.query({ object: 'Account', filters: [{ field: 'Name', operator: 'EqualTo', value: name }] });
    if (!found) throw new Error(`No demo Account ${name}`);
    return found as Record<string, unknown>;
  };

  it('lists the demo, UI demo and real flows as active', async () => {
    const runtime = await seeded();
    const active = (await runtime.storage.flows.listDefinitions()).filter((d) => d.ActiveVersionId !== null).map((d) => d.DeveloperName);
    expect(active).toEqual(expect.arrayContaining([...Object.values(DEMO_FLOWS), ...Object.values(UI_DEMO_FLOWS), ...Object.values(DEMO_REAL_FLOWS)]));
  });

  it('runs the real UpdateAccount flow to its end, saving the Account record it is given as its user', async () => {
    const runtime = await seeded();
    const grace = await runtime.storage.directory.getUserByUsername(DEMO_USERS.agent);
    const acme = await account(runtime, 'Acme Corporation');
    const started = await runtime.interviews.start(grace?.Id as string, DEMO_REAL_FLOWS.updateAccount, { inputs: { recordId: acme as never } });
    expect(started.awaiting).toBe('screen');
    const finished = await runtime.interviews.navigate(grace?.Id as string, started.interview.Id, { action: 'FINISH', values: { Change_Rating: 'Hot' } });
    expect(finished.awaiting).toBe('finished');
    // The flow saves the record it was given (its dropdown's choice is not assigned to it, as written).
    expect(await account(runtime, 'Acme Corporation')).toMatchObject({ Name: 'Acme Corporation', LastModifiedById: grace?.Id });
  });

  it('starts UpdateAccount from its record, as a record page does: the record variable recordId gets the Account itself', async () => {
    const runtime = await seeded();
    const grace = await runtime.storage.directory.getUserByUsername(DEMO_USERS.agent);
    const acme = await account(runtime, 'Acme Corporation');
    const started = await runtime.interviews.start(grace?.Id as string, DEMO_REAL_FLOWS.updateAccount, { recordId: acme.Id as string });
    expect(started.awaiting).toBe('screen');
    const finished = await runtime.interviews.navigate(grace?.Id as string, started.interview.Id, { action: 'FINISH', values: { Change_Rating: 'Hot' } });
    expect(finished.awaiting).toBe('finished');
    expect(await account(runtime, 'Acme Corporation')).toMatchObject({ Id: acme.Id, LastModifiedById: grace?.Id });
  });

  it('runs the real account preview flow to its end, showing the Account it is given', async () => {
    const runtime = await seeded();
    const ada = await runtime.storage.directory.getUserByUsername(DEMO_USERS.manager);
    const globex = await account(runtime, 'Globex');
    const started = await runtime.interviews.start(ada?.Id as string, DEMO_REAL_FLOWS.previewAccount, { inputs: { selectedAccountId: globex.Id as string } });
    expect(started.awaiting).toBe('screen');
    expect(JSON.stringify(started)).toContain('Account_Details_Screen');
    expect(JSON.stringify(started)).toContain('Energy');
    const finished = await runtime.interviews.navigate(ada?.Id as string, started.interview.Id, { action: 'FINISH' });
    expect(finished.awaiting).toBe('finished');
  });
});

it('prints the sign-in details at start-up: the UI URL, the admin and its password from the environment, the other users', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-demo-print-'));
  const lines: string[] = [];
  const server = await startServer({ port: 0, host: '127.0.0.1', database: join(dir, 'eddy.db'), demo: true, env: { EDDY_ADMIN_PASSWORD: 'printed pw' }, print: (line) => lines.push(line) });
  try {
    const text = lines.join('\n');
    expect(text).toContain(`web UI         ${server.url}/`);
    expect(text).toContain('admin          admin@eddy.local');
    expect(text).toContain('password       printed pw');
    expect(text).toContain(DEMO_USERS.manager);
    expect(text).toContain(DEMO_USERS.agent);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
