/**
 * Background jobs in Eddy's Setup API (documented in the served OpenAPI under `/eddy`), what
 * Setup → Background Jobs uses. Reading needs Customize Application or Manage Flow, retrying and
 * cancelling need Customize Application (403 `INSUFFICIENT_ACCESS` otherwise):
 *
 * - `GET /eddy/jobs?status=queued|running|done|failed|cancelled&kind=&limit=&after=` →
 *   `{ totalSize, done, records, nextRecordsUrl? }`, newest first; `nextRecordsUrl` (with `after`)
 *   reads the next page;
 * - `GET /eddy/jobs/{id}` → the job;
 * - `POST /eddy/jobs/{id}/retry` → the job, queued again (a failed or cancelled one);
 * - `POST /eddy/jobs/{id}/cancel` → the job, cancelled (a queued one).
 *
 * A job id that is not a UUID is 400 `MALFORMED_ID`, an unknown one 404 `NOT_FOUND`, a retry or
 * cancel in the wrong state 400 `INVALID_OPERATION`.
 */
import type { FastifyInstance } from 'fastify';
import type { JsonValue } from '../../engine/index.js';
import { InvalidApiInputError, JobService } from '../../runtime/index.js';
import type { Job } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';

/** A job as the API answers it. */
export function jobJson(job: Job): Record<string, JsonValue> {
  return {
    Id: job.id,
    kind: job.kind,
    status: job.status,
    payload: job.payload,
    runAt: job.runAt,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    idempotencyKey: job.idempotencyKey,
    leaseOwner: job.leaseOwner,
    leaseUntil: job.leaseUntil,
    CreatedDate: job.createdDate,
    LastModifiedDate: job.updatedDate,
  };
}

function limitOf(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  const value = Number(text);
  if (!Number.isInteger(value)) throw new InvalidApiInputError(`limit must be a whole number, not "${text}".`, ['limit']);
  return value;
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

/** Registers the jobs resources inside the versioned API. */
export function registerJobRoutes(api: FastifyInstance, context: ServerContext): void {
  const jobs = new JobService(context.storage, context.clock);

  resource(api, '/eddy/jobs', {
    GET: async (request) => {
      const query = queryOf(request);
      const status = nonEmpty(query.status);
      const kind = nonEmpty(query.kind);
      const after = nonEmpty(query.after);
      const limit = limitOf(query.limit);
      const page = await jobs.list(actorOf(request).userId, {
        ...(status === undefined ? {} : { status }),
        ...(kind === undefined ? {} : { kind }),
        ...(after === undefined ? {} : { after }),
        ...(limit === undefined ? {} : { limit }),
      });
      const body: Record<string, JsonValue> = { totalSize: page.records.length, done: page.nextAfter === undefined, records: page.records.map(jobJson) };
      if (page.nextAfter !== undefined) {
        const next = new URLSearchParams({ ...(status === undefined ? {} : { status }), ...(kind === undefined ? {} : { kind }), ...(limit === undefined ? {} : { limit: String(limit) }), after: page.nextAfter });
        body.nextRecordsUrl = `/services/data/v${apiVersionOf(request)}/eddy/jobs?${next.toString()}`;
      }
      return body;
    },
  });

  resource(api, '/eddy/jobs/:id', {
    GET: async (request) => jobJson(await jobs.get(actorOf(request).userId, paramsOf(request).id ?? '')),
  });

  resource(api, '/eddy/jobs/:id/retry', {
    POST: async (request) => jobJson(await jobs.retry(actorOf(request).userId, paramsOf(request).id ?? '')),
  });

  resource(api, '/eddy/jobs/:id/cancel', {
    POST: async (request) => jobJson(await jobs.cancel(actorOf(request).userId, paramsOf(request).id ?? '')),
  });
}
