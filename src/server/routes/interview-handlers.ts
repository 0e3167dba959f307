/**
 * The `FlowInterview` sObject as the seed serves it, and platform events:
 *
 * - `POST /sobjects/FlowInterview` starts an interview (`{ FlowDefinitionView: { ApiName },
 *   inputs: [{ name, value }] }`; jsforce's `{ FlowApiName }` also works): a screen flow stops at
 *   its first screen; 201 `{ id, success, errors }`. An unknown flow — or one the caller may not
 *   see — is 400 `INVALID_CROSS_REFERENCE_KEY` (the seed's "Flow not found" is a 400); without
 *   Run Flows, 403.
 * - `GET /sobjects/FlowInterview/{id}` reads it (FlowInterview sharing: 404 when not readable).
 * - `DELETE` deletes it: 404 when not readable, 403 unless the caller has Manage Flow or owns it
 *   (the interview access rule, `docs/interview-access.md`).
 * - `POST /sobjects/{Event__e}` publishes a platform event: waiting interviews whose wait matches
 *   resume. Needs Run Flows or Manage Flow.
 */
import type { FlowValue, JsonValue } from '../../engine/index.js';
import { InvalidApiInputError, InvalidCrossReferenceKeyError, InvalidFieldError, newId, NotFoundError, RequiredFieldMissingError } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { describeGlobalEntry, recordAttributes } from '../describe-shapes.js';
import type { ServerContext } from '../server-context.js';
import { requireFlowRunner, visibleDefinitionByName } from './flow-access.js';
import { flowInputsOf } from './flow-inputs.js';
import { seedFlowInterview } from './interview-json.js';
import type { SObjectHandlers } from './sobject-routes.js';

/** Salesforce's key prefix of published platform events. */
const PLATFORM_EVENT_PREFIX = 'e00';

/** Keys a create body may have. */
const CREATE_KEYS = new Set(['attributes', 'flowdefinitionview', 'flowapiname', 'inputs', 'recordid']);

/** The flow API name of a create body. */
function flowApiNameOf(body: Record<string, unknown>): string {
  const view = body.FlowDefinitionView;
  if (view !== undefined && view !== null) {
    if (typeof view !== 'object' || Array.isArray(view)) throw new InvalidApiInputError('FlowDefinitionView must be an object such as { "ApiName": "My_Flow" }.', ['FlowDefinitionView']);
    for (const key of Object.keys(view)) {
      if (key !== 'ApiName' && key !== 'attributes') throw new InvalidFieldError(`No such column '${key}' on FlowDefinitionView in a FlowInterview create`, [`FlowDefinitionView.${key}`]);
    }
    const apiName = (view as { ApiName?: unknown }).ApiName;
    if (typeof apiName === 'string' && apiName.trim() !== '') return apiName;
  }
  if (typeof body.FlowApiName === 'string' && body.FlowApiName.trim() !== '') return body.FlowApiName;
  throw new RequiredFieldMissingError('Required fields are missing: [FlowDefinitionView.ApiName]', ['FlowDefinitionView']);
}

/** The FlowInterview handlers. */
export function flowInterviewHandlers(context: ServerContext): SObjectHandlers {
  return {
    extraFields: ['GuidedFlowName', 'HasFinished', 'outputs', 'IsDeleted'],

    async basicInfo(call) {
      const actor = actorOf(call.request);
      const runtime = await context.runtime();
      const mine = await runtime.interviews.list(actor.userId, { scope: 'mine', limit: 10 });
      return {
        objectDescribe: describeGlobalEntry(call.object, call.version),
        recentItems: mine.map((row) => ({ attributes: recordAttributes('FlowInterview', row.Id, call.version), Id: row.Id, Name: row.Name })),
      };
    },

    async create(call, body) {
      for (const key of Object.keys(body)) {
        if (!CREATE_KEYS.has(key.toLowerCase())) throw new InvalidFieldError(`No such column '${key}' on sobject of type FlowInterview`, [key]);
      }
      const apiName = flowApiNameOf(body);
      const inputs = flowInputsOf(body.inputs);
      const recordId = body.recordId;
      if (recordId !== undefined && recordId !== null && typeof recordId !== 'string') throw new InvalidApiInputError('recordId must be a record Id.', ['recordId']);
      const actor = actorOf(call.request);
      const noSuchFlow = (): InvalidCrossReferenceKeyError =>
        new InvalidCrossReferenceKeyError(`FlowDefinitionView.ApiName: no flow named "${apiName}" that you can run.`, ['FlowDefinitionView']);
      if (!(await visibleDefinitionByName(context.storage.flows, actor.subject, apiName))) throw noSuchFlow();
      requireFlowRunner(actor.subject);
      const runtime = await context.runtime();
      try {
        const view = await runtime.interviews.start(actor.userId, apiName, { inputs, ...(typeof recordId === 'string' ? { recordId } : {}) });
        return call.reply.code(201).send({ id: view.interview.Id, success: true, errors: [] });
      } catch (error) {
        if (error instanceof NotFoundError && error.fields.includes('flowApiName')) throw noSuchFlow();
        throw error;
      }
    },

    async get(call, id, fields) {
      const runtime = await context.runtime();
      const body = seedFlowInterview(await runtime.interviews.get(actorOf(call.request).userId, id, { screen: false, cache: actorOf(call.request).cache }), call.version);
      if (fields.length === 0) return body;
      const picked: Record<string, JsonValue> = { attributes: body.attributes ?? null };
      for (const field of fields) picked[field] = body[field] ?? null;
      return picked;
    },

    async delete(call, id) {
      const runtime = await context.runtime();
      await runtime.interviews.delete(actorOf(call.request).userId, id);
    },
  };
}

/** Platform events (`POST /sobjects/{X__e}`). */
export function platformEventHandlers(context: ServerContext): SObjectHandlers {
  return {
    async create(call, body) {
      const actor = actorOf(call.request);
      requireFlowRunner(actor.subject);
      const payload: Record<string, FlowValue> = {};
      for (const [name, value] of Object.entries(body)) if (name !== 'attributes') payload[name] = value as FlowValue;
      const runtime = await context.runtime();
      await runtime.interviews.publishEvent(actor.userId, call.object.name, payload);
      // Salesforce answers a publish with an event Id (prefix e00) and no way to read it back.
      return call.reply.code(201).send({ id: newId(PLATFORM_EVENT_PREFIX), success: true, errors: [] });
    },
  };
}
