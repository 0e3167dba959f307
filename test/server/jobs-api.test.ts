/**
 * Background jobs in Eddy's Setup API (`/eddy/jobs`): listing by status and kind, page by page;
 * reading, retrying and cancelling one; who may read and who may change (403 otherwise); bad ids
 * and filters answered in Salesforce's error shape; answers that match the served OpenAPI.
 */
import { afterEach, expect, it } from 'vitest';
import { createRuntime, type Runtime } from '../../src/runtime/runtime.js';
import { forEachDatabase } from '../support/databases.js';
import { validateJson } from './support/json-schema.js';
import { createTestServer, type TestServer } from './support/test-server.js';

type Json = Record<string, unknown>;

const UNKNOWN_ID = '01900000-0000-7000-8000-00000000abcd';

forEachDatabase('jobs API', (ctx) => {
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
    const admin = await s.tokenFor(await s.createUser('jobadmin', { customizeApplication: true }));
    const flowManager = await s.tokenFor(await s.createUser('flowmanager', { manageFlow: true }));
    const standard = await s.tokenFor(await s.createUser('standard', { runFlows: true }));
    return { s, runtime, admin, flowManager, standard };
  };

  /** Three jobs: a queued alarm for tomorrow, a done one, and one of a kind nobody handles, failed. */
  const seedJobs = async ({ s, runtime }: Setup): Promise<{ queued: string; done: string; failed: string }> => {
    const tomorrow = new Date(ctx.clock().now().getTime() + 24 * 3600_000).toISOString();
    runtime.jobs.register('test.noop', async () => undefined);
    const { job: done } = await runtime.jobs.enqueue(s.db, { kind: 'test.noop', payload: { n: 1 } });
    const { job: failed } = await runtime.jobs.enqueue(s.db, { kind: 'report.nightly', payload: {} });
    const { job: queued } = await runtime.jobs.enqueue(s.db, { kind: 'test.noop', payload: { n: 2 }, runAt: tomorrow, idempotencyKey: 'tomorrow' });
    expect(await runtime.jobs.runDue()).toEqual({ done: 1, retried: 0, failed: 1 });
    return { queued: queued.id, done: done.id, failed: failed.id };
  };

  it('lists jobs newest first by status and kind, page by page, and reads one, as the OpenAPI document says', async () => {
    const setupDone = await setup();
    const { s, admin } = setupDone;
    const ids = await seedJobs(setupDone);
    const all = await s.call(admin, 'GET', '/eddy/jobs');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ totalSize: 3, done: true });
    expect((all.json().records as Json[]).map((job) => [job.Id, job.status])).toEqual([
      [ids.queued, 'queued'],
      [ids.failed, 'failed'],
      [ids.done, 'done'],
    ]);
    expect((all.json().records as Json[])[1]).toMatchObject({ kind: 'report.nightly', attempts: 1, maxAttempts: 5, lastError: "No handler is registered for job kind 'report.nightly'.", leaseOwner: null });
    expect((await s.call(admin, 'GET', '/eddy/jobs?status=failed')).json().records.map((job: Json) => job.Id)).toEqual([ids.failed]);
    expect((await s.call(admin, 'GET', '/eddy/jobs?kind=test.noop&status=queued')).json().records.map((job: Json) => job.Id)).toEqual([ids.queued]);

    const first = (await s.call(admin, 'GET', '/eddy/jobs?limit=2')).json();
    expect(first).toMatchObject({ totalSize: 2, done: false, nextRecordsUrl: `/services/data/v59.0/eddy/jobs?limit=2&after=${ids.failed}` });
    const second = (await s.call(admin, 'GET', first.nextRecordsUrl as string)).json();
    expect(second).toEqual({ totalSize: 1, done: true, records: [expect.objectContaining({ Id: ids.done })] });

    const one = await s.call(admin, 'GET', `/eddy/jobs/${ids.queued}`);
    expect(one.json()).toMatchObject({ Id: ids.queued, kind: 'test.noop', status: 'queued', payload: { n: 2 }, idempotencyKey: 'tomorrow', attempts: 0 });
    const served = (await s.call(undefined, 'GET', '/services/data/openapi.json')).json() as Json;
    expect(validateJson({ $ref: '#/components/schemas/EddyJobPage' }, all.json(), served)).toEqual([]);
    expect(validateJson({ $ref: '#/components/schemas/EddyJobPage' }, first, served)).toEqual([]);
    expect(validateJson({ $ref: '#/components/schemas/EddyJob' }, one.json(), served)).toEqual([]);
  });

  it('retries a failed job with its attempts reset, cancels a queued one, and refuses either in the wrong state', async () => {
    const setupDone = await setup();
    const { s, admin, runtime } = setupDone;
    const ids = await seedJobs(setupDone);
    const retried = await s.call(admin, 'POST', `/eddy/jobs/${ids.failed}/retry`);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ Id: ids.failed, status: 'queued', attempts: 0, runAt: ctx.clock().iso() });
    const cancelled = await s.call(admin, 'POST', `/eddy/jobs/${ids.queued}/cancel`);
    expect(cancelled.json()).toMatchObject({ Id: ids.queued, status: 'cancelled' });
    expect(await s.db.jobs.get(ids.queued)).toMatchObject({ status: 'cancelled' });

    for (const [path, message] of [
      [`/eddy/jobs/${ids.done}/retry`, `Job ${ids.done} is done: only failed or cancelled jobs can be retried.`],
      [`/eddy/jobs/${ids.done}/cancel`, `Job ${ids.done} is done: only queued jobs can be cancelled.`],
      [`/eddy/jobs/${ids.queued}/cancel`, `Job ${ids.queued} is cancelled: only queued jobs can be cancelled.`],
    ] as const) {
      const refused = await s.call(admin, 'POST', path);
      expect(refused.statusCode, path).toBe(400);
      expect(refused.json()).toEqual([{ errorCode: 'INVALID_OPERATION', message, fields: [] }]);
    }
    // The retried job runs again: its kind still has no handler, so it fails once more.
    expect(await runtime.jobs.runDue()).toEqual({ done: 0, retried: 0, failed: 1 });
    expect((await s.call(admin, 'POST', `/eddy/jobs/${ids.queued}/retry`)).json()).toMatchObject({ status: 'queued' });
  });

  it('lets Manage Flow read jobs but not retry or cancel them, and refuses a standard user with 403', async () => {
    const setupDone = await setup();
    const { s, flowManager, standard } = setupDone;
    const ids = await seedJobs(setupDone);
    expect((await s.call(flowManager, 'GET', '/eddy/jobs')).statusCode).toBe(200);
    expect((await s.call(flowManager, 'GET', `/eddy/jobs/${ids.failed}`)).statusCode).toBe(200);
    const refusals = [
      await s.call(standard, 'GET', '/eddy/jobs'),
      await s.call(standard, 'GET', `/eddy/jobs/${ids.failed}`),
      await s.call(standard, 'POST', `/eddy/jobs/${ids.failed}/retry`),
      await s.call(flowManager, 'POST', `/eddy/jobs/${ids.failed}/retry`),
      await s.call(flowManager, 'POST', `/eddy/jobs/${ids.queued}/cancel`),
    ];
    for (const response of refusals) {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual([expect.objectContaining({ errorCode: 'INSUFFICIENT_ACCESS' })]);
    }
    expect(refusals[3]?.json()[0].message).toBe('Retrying a background job needs the Customize Application permission; flowmanager@example.com does not have it.');
    expect(await s.db.jobs.get(ids.failed)).toMatchObject({ status: 'failed' });
    expect(await s.db.jobs.get(ids.queued)).toMatchObject({ status: 'queued' });
    expect((await s.call(undefined, 'GET', '/eddy/jobs')).statusCode).toBe(401);
  });

  it('answers bad ids and filters in Salesforce\'s error shape', async () => {
    const { s, admin } = await setup();
    const cases: [string, string, number, string, string[]][] = [
      ['GET', '/eddy/jobs/not-a-job', 400, 'MALFORMED_ID', ['id']],
      ['POST', '/eddy/jobs/0Fo000000000001AAA/retry', 400, 'MALFORMED_ID', ['id']],
      ['GET', `/eddy/jobs/${UNKNOWN_ID}`, 404, 'NOT_FOUND', []],
      ['POST', `/eddy/jobs/${UNKNOWN_ID}/retry`, 404, 'NOT_FOUND', []],
      ['POST', `/eddy/jobs/${UNKNOWN_ID}/cancel`, 404, 'NOT_FOUND', []],
      ['GET', '/eddy/jobs?status=lost', 400, 'INVALID_API_INPUT', ['status']],
      ['GET', '/eddy/jobs?limit=0', 400, 'INVALID_API_INPUT', ['limit']],
      ['GET', '/eddy/jobs?limit=many', 400, 'INVALID_API_INPUT', ['limit']],
      ['GET', '/eddy/jobs?after=last', 400, 'MALFORMED_ID', ['after']],
    ];
    for (const [method, path, status, errorCode, fields] of cases) {
      const response = await s.call(admin, method as 'GET' | 'POST', path);
      expect(response.statusCode, path).toBe(status);
      expect(response.json(), path).toEqual([{ errorCode, message: expect.any(String) as string, fields }]);
    }
    const wrongMethod = await s.call(admin, 'DELETE', `/eddy/jobs/${UNKNOWN_ID}`);
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.json()[0].errorCode).toBe('METHOD_NOT_ALLOWED');
  });
});
