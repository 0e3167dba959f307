/** The OpenAPI of the background jobs resources (`routes/job-routes.ts`), merged into Eddy's paths and schemas. */
import { ok, pathParam, queryParam, ref, STANDARD_ERRORS, type Json } from './openapi-parts.js';

const READ = 'Needs Customize Application or Manage Flow.';
const CHANGE = 'Needs Customize Application.';
const STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'];
const jobId = pathParam('id', 'The job ID (a UUID); anything else is 400 MALFORMED_ID');

/** `/eddy/jobs` and its items. */
export const JOB_PATHS: Json = {
  '/eddy/jobs': {
    get: {
      operationId: 'eddyListJobs',
      summary: 'Background jobs: wait alarms, email delivery, ...',
      description: `Newest first, a page at a time: follow nextRecordsUrl while done is false. ${READ}`,
      tags: ['Eddy Setup'],
      parameters: [
        queryParam('status', STATUSES.join(', '), { type: 'string', enum: STATUSES }),
        queryParam('kind', 'A job kind: wait.resume, email.send, email.alert, notification.send, ...'),
        queryParam('limit', 'At most this many (default 100)', { type: 'integer', minimum: 1, maximum: 1000 }),
        queryParam('after', 'The last job ID of the previous page'),
      ],
      responses: { '200': ok('A page of jobs', ref('EddyJobPage')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/jobs/{id}': {
    get: {
      operationId: 'eddyGetJob',
      summary: 'A background job',
      description: READ,
      tags: ['Eddy Setup'],
      parameters: [jobId],
      responses: { '200': ok('The job', ref('EddyJob')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/jobs/{id}/retry': {
    post: {
      operationId: 'eddyRetryJob',
      summary: 'Retry a failed or cancelled job',
      description: `Queues it again, due now, its attempts reset. Another state: 400 INVALID_OPERATION. ${CHANGE}`,
      tags: ['Eddy Setup'],
      parameters: [jobId],
      responses: { '200': ok('The job, queued', ref('EddyJob')), ...STANDARD_ERRORS },
    },
  },
  '/eddy/jobs/{id}/cancel': {
    post: {
      operationId: 'eddyCancelJob',
      summary: 'Cancel a queued job',
      description: `A running, done or failed job cannot be cancelled: 400 INVALID_OPERATION. ${CHANGE}`,
      tags: ['Eddy Setup'],
      parameters: [jobId],
      responses: { '200': ok('The job, cancelled', ref('EddyJob')), ...STANDARD_ERRORS },
    },
  },
};

const nullableText: Json = { type: ['string', 'null'] };

/** The schemas of those resources. */
export const JOB_SCHEMAS: Json = {
  EddyJob: {
    type: 'object',
    properties: {
      Id: { type: 'string', format: 'uuid' },
      kind: { type: 'string' },
      status: { type: 'string', enum: STATUSES },
      payload: { description: 'The job kind’s JSON payload' },
      runAt: { type: 'string', format: 'date-time', description: 'When it runs (again)' },
      attempts: { type: 'integer', minimum: 0 },
      maxAttempts: { type: 'integer', minimum: 1 },
      lastError: nullableText,
      idempotencyKey: nullableText,
      leaseOwner: { ...nullableText, description: 'The worker running it' },
      leaseUntil: { type: ['string', 'null'], format: 'date-time', description: 'Until when that worker holds it' },
      CreatedDate: { type: 'string', format: 'date-time' },
      LastModifiedDate: { type: 'string', format: 'date-time' },
    },
    required: ['Id', 'kind', 'status', 'runAt', 'attempts', 'maxAttempts', 'CreatedDate', 'LastModifiedDate'],
  },
  EddyJobPage: {
    type: 'object',
    properties: {
      totalSize: { type: 'integer', description: 'Jobs on this page' },
      done: { type: 'boolean' },
      records: { type: 'array', items: ref('EddyJob') },
      nextRecordsUrl: { type: 'string', description: 'The next page, while done is false' },
    },
    required: ['totalSize', 'done', 'records'],
  },
};

