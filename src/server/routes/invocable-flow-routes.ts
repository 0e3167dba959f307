/**
 * Active autolaunched flows as invocable actions, as Salesforce serves them:
 * `GET /actions/custom/flow` lists them, `GET /actions/custom/flow/{api}` describes their inputs
 * and outputs, `POST /actions/custom/flow/{api}` with `{ "inputs": [{...}, {...}] }` runs one
 * interview per input and answers 200 with one result per input — `isSuccess`, `errors`,
 * `outputValues` (the flow's outputs plus `Flow__InterviewGuid` and `Flow__InterviewStatus`:
 * Finished, Waiting or Error). A failing input does not fail the others or the call (jsforce
 * cannot parse a 400 whose body is a result list). Listing and invoking need Run Flows (403);
 * flows the caller may not see, screen flows and inactive flows are 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FlowValue, JsonValue } from '../../engine/index.js';
import type { FlowDataType, VariableResource } from '../../flow-model/index.js';
import { InvalidApiInputError, isRequestError, LimitExceededError, MissingArgumentError } from '../../runtime/index.js';
import type { FlowDefinitionRecord } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { notFound } from '../http-errors.js';
import { paramsOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';
import { canSeeFlow, requireFlowRunner } from './flow-access.js';
import { flowInputsOf } from './flow-inputs.js';
import { objectBodyOf } from './sobject-routes.js';

/** At most this many inputs per call (Salesforce's limit). */
export const MAX_INVOCATION_INPUTS = 200;

/** Process types that run without screens and can be invoked. */
const INVOCABLE_PROCESS_TYPES: ReadonlySet<string> = new Set(['AutoLaunchedFlow']);

/** The invocable action parameter type of a flow data type. */
export function actionTypeOf(dataType: FlowDataType): string {
  switch (dataType) {
    case 'String':
    case 'Picklist':
    case 'Multipicklist':
    case 'Stage':
      return 'STRING';
    case 'Number':
      return 'DOUBLE';
    case 'Currency':
      return 'CURRENCY';
    case 'Long':
      return 'LONG';
    case 'Boolean':
      return 'BOOLEAN';
    case 'Date':
      return 'DATE';
    case 'DateTime':
      return 'DATETIME';
    case 'Time':
      return 'TIME';
    case 'SObject':
      return 'SOBJECT';
    case 'Apex':
      return 'APEX';
    case 'Reference':
      return 'ID';
  }
}

/** One input or output parameter. `description` is left out when the variable has none. */
function parameter(variable: VariableResource, input: boolean): Record<string, JsonValue> {
  return {
    name: variable.name,
    label: variable.name,
    type: actionTypeOf(variable.dataType),
    ...(input ? { required: false, byteLength: 0 } : {}),
    maxOccurs: variable.isCollection ? 2000 : 1,
    ...(variable.description === undefined ? {} : { description: variable.description }),
    picklistValues: null,
    sobjectType: variable.dataType === 'SObject' ? (variable.objectType ?? null) : null,
  };
}

function isInvocable(definition: FlowDefinitionRecord): boolean {
  return definition.ActiveVersionId !== null && INVOCABLE_PROCESS_TYPES.has(definition.ProcessType);
}

/** Registers the invocable action resources inside the versioned API. */
export function registerInvocableFlowRoutes(api: FastifyInstance, context: ServerContext): void {
  const flows = context.storage.flows;

  /**
   * Whether the flow's active version starts on its own (a record-triggered, scheduled or
   * platform-event flow): Salesforce lists only flows without a trigger as invocable actions,
   * so a triggered flow is 404 here, as it is there.
   */
  const isTriggered = async (definition: FlowDefinitionRecord): Promise<boolean> => {
    const { flow } = await (await context.runtime()).flowCache.load(definition.ActiveVersionId as string);
    return flow.definition.start?.triggerType !== undefined;
  };

  /** The invocable flow named in the path, if the caller may see it (404 otherwise). */
  const invocable = async (request: FastifyRequest): Promise<FlowDefinitionRecord> => {
    const subject = actorOf(request).subject;
    requireFlowRunner(subject);
    const definition = await flows.getDefinitionByName(paramsOf(request).api ?? '');
    if (!definition || !canSeeFlow(subject, definition) || !isInvocable(definition) || (await isTriggered(definition))) throw notFound();
    return definition;
  };

  resource(api, '/actions', {
    GET: async (request) => ({ custom: `/services/data/v${apiVersionOf(request)}/actions/custom` }),
  });
  resource(api, '/actions/custom', {
    GET: async (request) => ({ flow: `/services/data/v${apiVersionOf(request)}/actions/custom/flow` }),
  });

  resource(api, '/actions/custom/flow', {
    GET: async (request) => {
      const subject = actorOf(request).subject;
      requireFlowRunner(subject);
      const version = apiVersionOf(request);
      const candidates = (await flows.listDefinitions()).filter((d) => isInvocable(d) && canSeeFlow(subject, d));
      const triggered = await Promise.all(candidates.map((d) => isTriggered(d).catch(() => false)));
      const definitions = candidates.filter((_, i) => triggered[i] !== true);
      definitions.sort((a, b) => a.DeveloperName.localeCompare(b.DeveloperName));
      return {
        actions: definitions.map((d) => ({ label: d.MasterLabel, name: d.DeveloperName, type: 'FLOW', url: `/services/data/v${version}/actions/custom/flow/${d.DeveloperName}` })),
      };
    },
  });

  resource(api, '/actions/custom/flow/:api', {
    GET: async (request) => {
      const definition = await invocable(request);
      const runtime = await context.runtime();
      const { flow } = await runtime.flowCache.load(definition.ActiveVersionId as string);
      return {
        name: definition.DeveloperName,
        label: definition.MasterLabel,
        type: 'FLOW',
        category: 'Flow',
        description: definition.Description,
        standard: false,
        targetEntityName: null,
        inputs: flow.inputVariables.map((v) => parameter(v, true)),
        outputs: flow.outputVariables.map((v) => parameter(v, false)),
      };
    },

    POST: async (request) => {
      const definition = await invocable(request);
      const body = objectBodyOf(request);
      const list = body.inputs;
      if (!Array.isArray(list) || list.length === 0) throw new MissingArgumentError('inputs: give a list with one object of input values per interview, e.g. {"inputs":[{}]}.', ['inputs']);
      if (list.length > MAX_INVOCATION_INPUTS) throw new LimitExceededError(`inputs: at most ${MAX_INVOCATION_INPUTS} inputs per call, not ${list.length}.`, ['inputs']);
      list.forEach((entry: unknown, index) => {
        if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new InvalidApiInputError(`inputs[${index}] must be an object of input values.`, ['inputs']);
      });
      const actor = actorOf(request);
      const runtime = await context.runtime();
      const results: JsonValue[] = [];
      for (const entry of list as Record<string, FlowValue>[]) {
        const result: Record<string, JsonValue> = { actionName: definition.DeveloperName, errors: null, isSuccess: true, outputValues: null, version: 1 };
        try {
          const view = await runtime.interviews.start(actor.userId, definition.DeveloperName, { inputs: flowInputsOf(entry) });
          const guid = view.interview.Guid;
          switch (view.awaiting) {
            case 'finished':
              result.outputValues = { ...(view.outputs ?? {}), Flow__InterviewGuid: guid, Flow__InterviewStatus: 'Finished' };
              break;
            case 'waiting':
            case 'paused':
            case 'screen':
              result.outputValues = { Flow__InterviewGuid: guid, Flow__InterviewStatus: 'Waiting' };
              break;
            case 'failed':
              result.isSuccess = false;
              result.errors = [{ statusCode: view.fault?.code ?? 'UNKNOWN_EXCEPTION', message: view.fault?.message ?? 'The flow failed.', fields: [] }];
              result.outputValues = { Flow__InterviewGuid: guid, Flow__InterviewStatus: 'Error' };
              break;
          }
        } catch (error) {
          if (!isRequestError(error)) throw error;
          result.isSuccess = false;
          result.errors = [{ statusCode: error.code, message: error.message, fields: [...error.fields] }];
        }
        results.push(result);
      }
      return results;
    },
  });
}
