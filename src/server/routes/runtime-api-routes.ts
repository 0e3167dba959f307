/**
 * Eddy's flow runtime API (not Salesforce's; documented in the served OpenAPI under `/eddy`),
 * what the web UI and other screen clients use:
 *
 * - `POST /eddy/interviews` `{ flowApiName, inputs?, recordId? }` → 201 and the interview's view;
 * - `GET /eddy/interviews?scope=mine|record|flow|all&recordId=&flowApiName=&status=&limit=&offset=`;
 * - `GET /eddy/interviews/{id}/screen` → the view: what it awaits, its screen model (fields,
 *   values, errors, actions), its wait, its outputs or its fault;
 * - `POST /eddy/interviews/{id}/navigate` `{ action: NEXT|BACK|FINISH|PAUSE, values?,
 *   pauseReason?, version and/or screen }` — field errors come back in the screen model, without
 *   advancing; `version` or `screen` says which screen the request answers (one is required);
 * - `POST /eddy/interviews/{id}/preview` `{ values }` → the view with the screen rendered from
 *   those values (visibility, display text), storing nothing: for screens whose model says
 *   `reactive`, while the user types;
 * - `POST /eddy/interviews/{id}/resume` → the paused screen, values kept;
 * - `POST /eddy/deploy` `{ files: [{ path, content }], activate? }` → the deploy result.
 *
 * Sharing and permissions are the runtime's: Run Flows to start and resume, resume access
 * ("Let users resume shared flow interviews") to navigate and preview, 404 for interviews the caller may not
 * read. `version` or `screen` (optimistic concurrency) makes a stale submission 409 `CONFLICT`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FlowValue, JsonValue } from '../../engine/index.js';
import { InvalidApiInputError, InvalidCrossReferenceKeyError, InvalidOperationError, MAX_LIST_LIMIT, MAX_LIST_OFFSET, MissingArgumentError, NotFoundError } from '../../runtime/index.js';
import type { DeployFile, InterviewListRequest, InterviewView, Runtime, ScreenAnswered } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { integerParam, paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';
import { requireFlowRunner, visibleDefinitionByName } from './flow-access.js';
import { flowInputsOf } from './flow-inputs.js';
import { interviewRecord, runtimeView } from './interview-json.js';
import { objectBodyOf } from './sobject-routes.js';

const SCOPES: ReadonlySet<string> = new Set(['mine', 'record', 'flow', 'all']);

/** The flow label of an interview's version (the runner's title), or null. */
async function flowLabelOf(runtime: Runtime, view: InterviewView): Promise<string | null> {
  try {
    return (await runtime.flowCache.load(view.interview.FlowVersionViewId)).flow.definition.label;
  } catch {
    return null;
  }
}

function optionalText(body: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = body[name];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') throw new InvalidApiInputError(`${name} must be text.`, [name]);
    return value;
  }
  return undefined;
}

/**
 * Which screen a navigate answers: `version` (the interview's, from the view being answered) or
 * `screen` (the shown screen's name), one of them required. Without either, two copies of one
 * submit — a double click, a retry after a timeout, two tabs — would both apply, the second to a
 * screen its sender never saw; with one, the first wins and the others get 409 CONFLICT.
 */
function screenAnsweredOf(body: Record<string, unknown>): ScreenAnswered {
  const version = body.version ?? undefined;
  const screen = body.screen ?? undefined;
  if (version !== undefined && (typeof version !== 'number' || !Number.isInteger(version))) throw new InvalidApiInputError('version must be an integer.', ['version']);
  if (screen !== undefined && typeof screen !== 'string') throw new InvalidApiInputError('screen must be the name of the screen you answer.', ['screen']);
  if (version === undefined && screen === undefined) {
    throw new MissingArgumentError(
      'version is required: say which screen this navigate answers with "version" (interview.version of the view you are answering) or "screen" (its screen.name), so that a repeated submit cannot act on a screen you never saw.',
      ['version'],
    );
  }
  return { ...(version === undefined ? {} : { version }), ...(screen === undefined ? {} : { screen }) };
}

function valuesOf(body: Record<string, unknown>): Record<string, FlowValue> {
  const values = body.values;
  if (values === undefined || values === null) return {};
  if (typeof values !== 'object' || Array.isArray(values)) throw new InvalidApiInputError('values must be an object of field values by field name.', ['values']);
  return values as Record<string, FlowValue>;
}


/** Registers the runtime API inside the versioned API. */
export function registerRuntimeApiRoutes(api: FastifyInstance, context: ServerContext): void {
  const answer = async (request: FastifyRequest, view: InterviewView): Promise<Record<string, JsonValue>> =>
    runtimeView(view, await flowLabelOf(await context.runtime(), view), apiVersionOf(request));

  resource(api, '/eddy/interviews', {
    GET: async (request) => {
      const query = queryOf(request);
      const scope = query.scope ?? 'mine';
      if (!SCOPES.has(scope)) throw new InvalidApiInputError(`scope must be mine, record, flow or all, not "${scope}".`, ['scope']);
      const limit = integerParam(query.limit, 'limit', { min: 1, max: MAX_LIST_LIMIT });
      const offset = integerParam(query.offset, 'offset', { min: 0, max: MAX_LIST_OFFSET });
      const listQuery: InterviewListRequest = {
        scope: scope as InterviewListRequest['scope'],
        ...(query.recordId === undefined ? {} : { recordId: query.recordId }),
        ...(query.flowApiName === undefined ? {} : { flowApiName: query.flowApiName }),
        ...(query.status === undefined ? {} : { statuses: query.status.split(',').map((s) => s.trim()).filter((s) => s !== '') }),
        ...(limit === undefined ? {} : { limit }),
        ...(offset === undefined ? {} : { offset }),
      };
      const runtime = await context.runtime();
      const rows = await runtime.interviews.list(actorOf(request).userId, listQuery);
      const version = apiVersionOf(request);
      return {
        totalSize: rows.length,
        done: true,
        records: rows.map((row) => interviewRecord(row, version)),
      };
    },
    POST: async (request, reply) => {
      const body = objectBodyOf(request);
      for (const key of Object.keys(body)) {
        if (!['flowApiName', 'inputs', 'recordId'].includes(key)) throw new InvalidApiInputError(`Unknown property "${key}": expected flowApiName, inputs, recordId.`, [key]);
      }
      const apiName = optionalText(body, 'flowApiName');
      if (apiName === undefined || apiName.trim() === '') throw new MissingArgumentError('flowApiName is required.', ['flowApiName']);
      const recordId = optionalText(body, 'recordId');
      const actor = actorOf(request);
      const noSuchFlow = (): InvalidCrossReferenceKeyError => new InvalidCrossReferenceKeyError(`flowApiName: no flow named "${apiName}" that you can run.`, ['flowApiName']);
      if (!(await visibleDefinitionByName(context.storage.flows, actor.subject, apiName))) throw noSuchFlow();
      requireFlowRunner(actor.subject);
      const runtime = await context.runtime();
      try {
        const view = await runtime.interviews.start(actor.userId, apiName, { inputs: flowInputsOf(body.inputs), ...(recordId === undefined ? {} : { recordId }) });
        return reply.code(201).send(await answer(request, view));
      } catch (error) {
        if (error instanceof NotFoundError && error.fields.includes('flowApiName')) throw noSuchFlow();
        throw error;
      }
    },
  });

  resource(api, '/eddy/interviews/:id/screen', {
    GET: async (request) => {
      const runtime = await context.runtime();
      return answer(request, await runtime.interviews.get(actorOf(request).userId, paramsOf(request).id ?? ''));
    },
  });

  resource(api, '/eddy/interviews/:id/navigate', {
    POST: async (request) => {
      const body = objectBodyOf(request);
      const action = body.action;
      const id = paramsOf(request).id ?? '';
      const userId = actorOf(request).userId;
      if (action !== 'NEXT' && action !== 'BACK' && action !== 'FINISH' && action !== 'PAUSE') {
        throw new InvalidApiInputError(`action must be NEXT, BACK, PAUSE or FINISH, not ${JSON.stringify(action)}.`, ['action']);
      }
      const values = valuesOf(body);
      const answered = screenAnsweredOf(body);
      const runtime = await context.runtime();
      switch (action) {
        case 'NEXT':
        case 'BACK':
        case 'FINISH':
          return answer(request, await runtime.interviews.navigate(userId, id, { action, values, ...answered }));
        case 'PAUSE': {
          const reason = optionalText(body, 'pauseReason', 'reason');
          return answer(request, await runtime.interviews.pause(userId, id, { values, ...(reason === undefined ? {} : { reason }), ...answered }));
        }
      }
    },
  });

  resource(api, '/eddy/interviews/:id/preview', {
    POST: async (request) => {
      const body = objectBodyOf(request);
      const runtime = await context.runtime();
      return answer(request, await runtime.interviews.preview(actorOf(request).userId, paramsOf(request).id ?? '', valuesOf(body)));
    },
  });

  resource(api, '/eddy/interviews/:id/resume', {
    POST: async (request) => {
      const runtime = await context.runtime();
      return answer(request, await runtime.interviews.resume(actorOf(request).userId, paramsOf(request).id ?? ''));
    },
  });

  resource(api, '/eddy/deploy', {
    POST: async (request) => {
      const body = objectBodyOf(request);
      const files = body.files;
      if (!Array.isArray(files) || files.length === 0) throw new MissingArgumentError('files: give a list of { path, content }.', ['files']);
      const checked: DeployFile[] = files.map((file: unknown, index) => {
        const { path, content } = (file ?? {}) as { path?: unknown; content?: unknown };
        if (typeof path !== 'string' || typeof content !== 'string') throw new InvalidApiInputError(`files[${index}] must be { "path": "...", "content": "..." }.`, ['files']);
        return { path, content };
      });
      if (body.activate !== undefined && typeof body.activate !== 'boolean') throw new InvalidApiInputError('activate must be true or false.', ['activate']);
      const runtime = await context.runtime();
      if (!runtime.flows) throw new InvalidOperationError('Deploying is not available on this server.');
      return runtime.flows.deploy(actorOf(request).userId, checked, { activate: body.activate === true });
    },
  });
}
