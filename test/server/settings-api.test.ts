/**
 * Eddy's Setup API (`/eddy/settings`, `/eddy/outbox`, `/eddy/sharing-rules`): who may read and
 * change, how bad bodies are refused (nothing stored), what a change does to the runtime, and
 * that the answers match the served OpenAPI document.
 */
import { afterEach, expect, it } from 'vitest';
import { addToOutbox } from '../../src/runtime/email/outbox.js';
import { createRuntime } from '../../src/runtime/runtime.js';
import type { Runtime } from '../../src/runtime/runtime.js';
import { forEachDatabase } from '../support/databases.js';
import { validateJson } from './support/json-schema.js';
import { deployTestFlows } from './support/test-flows.js';
import { createTestServer, type TestServer } from './support/test-server.js';

type Json = Record<string, unknown>;

forEachDatabase('setup API', (ctx) => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  interface Setup {
    readonly s: TestServer;
    readonly runtime: Runtime;
    /** Customize Application. */
    readonly admin: string;
    /** Manage Flow only: may read, not change. */
    readonly flowManager: string;
    /** Run Flows only. */
    readonly standard: string;
  }

  const setup = async (): Promise<Setup> => {
    const runtime = await createRuntime({ storage: ctx.db(), clock: ctx.clock() });
    const s = await createTestServer(ctx.db(), ctx.clock(), { runtime });
    close = async () => {
      await s.app.close();
      await runtime.stop();
    };
    const admin = await s.tokenFor(await s.createUser('setupadmin', { customizeApplication: true, runFlows: true }));
    const flowManager = await s.tokenFor(await s.createUser('flowmanager', { manageFlow: true }));
    const standard = await s.tokenFor(await s.createUser('standard', { runFlows: true }));
    return { s, runtime, admin, flowManager, standard };
  };

  it('lets Customize Application read and change the settings, Manage Flow only read them, and refuses a standard user with 403', async () => {
    const { s, admin, flowManager, standard } = await setup();
    const initial = await s.call(admin, 'GET', '/eddy/settings');
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ allowPause: true, resumeSharedInterviews: true, automatedProcessUserEmail: null, flowInterviewSharingModel: 'Private', orgWideEmailAddresses: [] });
    expect((await s.call(flowManager, 'GET', '/eddy/settings')).statusCode).toBe(200);
    expect((await s.call(flowManager, 'GET', '/eddy/outbox')).statusCode).toBe(200);
    expect((await s.call(flowManager, 'GET', '/eddy/sharing-rules')).statusCode).toBe(200);
    const refusals = [
      await s.call(standard, 'GET', '/eddy/settings'),
      await s.call(standard, 'GET', '/eddy/outbox'),
      await s.call(standard, 'GET', '/eddy/sharing-rules'),
      await s.call(flowManager, 'PATCH', '/eddy/settings', { allowPause: false }),
      await s.call(flowManager, 'POST', '/eddy/settings/org-wide-email-addresses', { Address: 'noreply@example.com', DisplayName: 'No reply' }),
      await s.call(standard, 'POST', '/eddy/sharing-rules', { Name: 'x', GroupId: 'x', UserOrGroupId: 'x', AccessLevel: 'Read' }),
    ];
    for (const response of refusals) {
      expect(response.statusCode).toBe(403);
      expect(response.json()[0].errorCode).toBe('INSUFFICIENT_ACCESS');
    }
    expect((await s.call(admin, 'GET', '/eddy/settings')).json()).toEqual(initial.json());

    const changed = await s.call(admin, 'PATCH', '/eddy/settings', { resumeSharedInterviews: false, automatedProcessUserEmail: 'robot@example.com', flowInterviewSharingModel: 'Read' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ allowPause: true, resumeSharedInterviews: false, automatedProcessUserEmail: 'robot@example.com', flowInterviewSharingModel: 'Read' });
    expect(await s.db.settings.getOrganization()).toMatchObject({ resumeSharedInterviews: false, automatedProcessUserEmail: 'robot@example.com', flowInterviewSharingModel: 'Read' });
  });

  it('refuses unknown properties and wrong types with 400 and stores nothing', async () => {
    const { s, admin } = await setup();
    const before = await s.db.settings.getOrganization();
    const cases: [Json, string][] = [
      [{ allowPause: false, Name: 'Renamed' }, 'INVALID_FIELD'],
      [{ allowPause: 'no' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ allowPause: false, resumeSharedInterviews: 1 }, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ allowPause: false, flowInterviewSharingModel: 'Edit' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ allowPause: false, automatedProcessUserEmail: 42 }, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ allowPause: false, automatedProcessUserEmail: 'not an address' }, 'INVALID_EMAIL_ADDRESS'],
    ];
    for (const [body, code] of cases) {
      const response = await s.call(admin, 'PATCH', '/eddy/settings', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()[0].errorCode, JSON.stringify(body)).toBe(code);
    }
    expect(await s.db.settings.getOrganization()).toEqual(before);
    const badAddress = await s.call(admin, 'POST', '/eddy/settings/org-wide-email-addresses', { Address: 'nope', DisplayName: 'Nope' });
    expect(badAddress.json()[0].errorCode).toBe('INVALID_EMAIL_ADDRESS');
    const missingName = await s.call(admin, 'POST', '/eddy/settings/org-wide-email-addresses', { Address: 'a@example.com' });
    expect(missingName.json()[0].errorCode).toBe('MISSING_ARGUMENT');
    expect(await s.db.settings.listOrgWideEmailAddresses()).toEqual([]);
    expect((await s.call(admin, 'GET', '/eddy/outbox?status=lost')).json()[0].errorCode).toBe('INVALID_API_INPUT');
  });

  it('turning "Let users pause flows" off makes the runtime refuse a pause', async () => {
    const { s, admin } = await setup();
    await deployTestFlows(s.db, s.systemId);
    const started = await s.call(admin, 'POST', '/eddy/interviews', { flowApiName: 'Demo_Support_Request' });
    expect(started.statusCode).toBe(201);
    const id = (started.json() as { interview: { Id: string } }).interview.Id;
    expect((await s.call(admin, 'PATCH', '/eddy/settings', { allowPause: false })).json()).toMatchObject({ allowPause: false });
    const refused = await s.call(admin, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'PAUSE', pauseReason: 'later', screen: 'Describe_Problem' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()[0].errorCode).toBe('INVALID_OPERATION');
    expect((await s.db.interviews.get(id))?.InterviewStatus).not.toBe('Paused');
    await s.call(admin, 'PATCH', '/eddy/settings', { allowPause: true });
    const paused = await s.call(admin, 'POST', `/eddy/interviews/${id}/navigate`, { action: 'PAUSE', pauseReason: 'later', screen: 'Describe_Problem' });
    expect(paused.statusCode).toBe(200);
    expect(paused.json().awaiting).toBe('paused');
  });

  it('adds and removes org-wide email addresses, listed in the settings', async () => {
    const { s, admin } = await setup();
    const added = await s.call(admin, 'POST', '/eddy/settings/org-wide-email-addresses', { Address: 'support@example.com', DisplayName: 'Support' });
    expect(added.statusCode).toBe(201);
    const { id, success, errors } = added.json() as { id: string; success: boolean; errors: unknown[] };
    expect({ success, errors }).toEqual({ success: true, errors: [] });
    expect((await s.call(admin, 'GET', '/eddy/settings')).json().orgWideEmailAddresses).toEqual([{ Id: id, Address: 'support@example.com', DisplayName: 'Support' }]);
    expect((await s.call(admin, 'POST', '/eddy/settings/org-wide-email-addresses', { Address: 'SUPPORT@example.com', DisplayName: 'Again' })).json()[0].errorCode).toBe('DUPLICATE_VALUE');
    expect((await s.call(admin, 'DELETE', `/eddy/settings/org-wide-email-addresses/${id}`)).statusCode).toBe(204);
    expect((await s.call(admin, 'GET', '/eddy/settings')).json().orgWideEmailAddresses).toEqual([]);
    expect((await s.call(admin, 'DELETE', `/eddy/settings/org-wide-email-addresses/${id}`)).statusCode).toBe(404);
  });

  it('lists the outbox by status with recipients and subject', async () => {
    const { s, admin } = await setup();
    const interviewless = { interviewId: null };
    await addToOutbox(s.db, { kind: 'email', payload: { element: 'Send', from: 'a@example.com', to: ['b@example.com', 'c@example.com'], cc: [], bcc: [], subject: 'Hello', body: 'Hi', isHtml: false }, ...interviewless });
    await addToOutbox(s.db, { kind: 'notification', payload: { title: 'Heads up' }, ...interviewless });
    const all = await s.call(admin, 'GET', '/eddy/outbox');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ totalSize: 2, done: true });
    expect(all.json().records[0]).toMatchObject({ kind: 'email', status: 'pending', to: ['b@example.com', 'c@example.com'], subject: 'Hello', attempts: 0, lastError: null, interviewId: null, sentAt: null });
    expect(all.json().records[0].Id).toEqual(expect.any(String));
    expect(all.json().records[0].CreatedDate).toEqual(expect.any(String));
    expect((await s.call(admin, 'GET', '/eddy/outbox?limit=1')).json().totalSize).toBe(1);
    expect((await s.call(admin, 'GET', '/eddy/outbox?status=sent')).json()).toEqual({ totalSize: 0, done: true, records: [] });
    const served = (await s.call(undefined, 'GET', '/services/data/openapi.json')).json() as Json;
    for (const record of all.json().records as unknown[]) expect(validateJson({ $ref: '#/components/schemas/EddyOutboxMessage' }, record, served)).toEqual([]);
    expect(validateJson({ $ref: '#/components/schemas/EddySettings' }, (await s.call(admin, 'GET', '/eddy/settings')).json(), served)).toEqual([]);
  });

  it('adds, lists and deletes flow interview sharing rules, checking the groups and access level', async () => {
    const { s, admin } = await setup();
    const owners = await s.db.directory.createGroup({ Name: 'Owners', DeveloperName: 'Owners', Type: 'Regular' }, s.systemId);
    const readers = await s.db.directory.createGroup({ Name: 'Readers', DeveloperName: 'Readers', Type: 'Regular' }, s.systemId);
    const rule = { Name: 'Owners to readers', GroupId: owners.Id, UserOrGroupId: readers.Id, AccessLevel: 'Read' };
    const added = await s.call(admin, 'POST', '/eddy/sharing-rules', rule);
    expect(added.statusCode).toBe(201);
    const id = (added.json() as { id: string }).id;
    expect((await s.call(admin, 'GET', '/eddy/sharing-rules')).json()).toEqual({
      records: [{ Id: id, Name: 'Owners to readers', DeveloperName: 'Owners_to_readers', Description: null, GroupId: owners.Id, UserOrGroupId: readers.Id, AccessLevel: 'Read' }],
    });
    expect((await s.call(admin, 'POST', '/eddy/sharing-rules', { ...rule, Name: 'Other', AccessLevel: 'All' })).json()[0].errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect((await s.call(admin, 'POST', '/eddy/sharing-rules', { ...rule, Name: 'Other', Extra: 1 })).json()[0].errorCode).toBe('INVALID_FIELD');
    expect((await s.call(admin, 'POST', '/eddy/sharing-rules', { ...rule, Name: 'Other', GroupId: s.admin.Id })).json()[0].errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(await s.db.interviews.sharingRules()).toHaveLength(1);
    expect((await s.call(admin, 'DELETE', `/eddy/sharing-rules/${id}`)).statusCode).toBe(204);
    expect((await s.call(admin, 'GET', '/eddy/sharing-rules')).json()).toEqual({ records: [] });
    expect((await s.call(admin, 'DELETE', `/eddy/sharing-rules/${id}`)).statusCode).toBe(404);
  });
});
