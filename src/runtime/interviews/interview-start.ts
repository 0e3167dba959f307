/**
 * What starting an interview settles before the flow runs: that the user may run flows, which
 * version of the flow they get, and the start inputs checked and coerced against the flow's
 * input variables. Each reads inside the start's transaction and throws a typed error, so a bad
 * start runs nothing and writes nothing.
 */
import type { CompiledFlow, FlowValue } from '../../engine/index.js';
import { coerceValue, FlowFault } from '../../engine/index.js';
import { InsufficientAccessError, InvalidApiInputError, InvalidOperationError, NotFoundError } from '../errors.js';
import { parseId } from '../org/ids.js';
import { checkValues } from './interview-input.js';
import type { StorageSession } from '../ports/index.js';
import type { AccessSubject } from '../access/sharing.js';

/** Starting an interview needs Run Flows (or Manage Flow). */
export function requireRunFlows(subject: AccessSubject): void {
  if (!subject.permissions.runFlows && !subject.permissions.manageFlow) throw new InsufficientAccessError('Running flows needs the Run Flows permission.');
}

/**
 * The version of `flowApiName` the user starts: the active one (the latest for an admin when
 * none is active), or `versionId` for an admin. A flow that needs additional permission runs
 * only for users whose permission sets enable it.
 */
export async function chooseVersionId(tx: StorageSession, subject: AccessSubject, flowApiName: string, versionId: string | undefined): Promise<string> {
  const definition = await tx.flows.getDefinitionByName(flowApiName);
  if (definition === undefined) throw new NotFoundError(`No flow named "${flowApiName}".`, ['flowApiName']);
  const { manageFlow, customizeApplication } = subject.permissions;
  const isAdmin = manageFlow || customizeApplication;
  if (definition.IsAdditionalPermissionRequiredToRun && !manageFlow && !subject.enabledFlowIds.includes(definition.Id)) {
    throw new InsufficientAccessError(`Flow "${definition.DeveloperName}" may be run only by users whose permission sets enable it.`);
  }
  let chosen: string | null;
  if (versionId !== undefined) {
    if (!isAdmin) throw new InsufficientAccessError('Only flow admins (Manage Flow or Customize Application) may run a specific flow version.');
    const version = await tx.flows.getVersion(parseId(versionId, 'versionId'));
    if (version === undefined || version.DefinitionId !== definition.Id) throw new NotFoundError(`Flow "${definition.DeveloperName}" has no version ${versionId}.`, ['versionId']);
    chosen = version.Id;
  } else {
    chosen = definition.ActiveVersionId ?? (isAdmin ? definition.LatestVersionId : null);
  }
  if (chosen === null) throw new InvalidOperationError(`Flow "${definition.DeveloperName}" has no active version.`);
  return chosen;
}

/**
 * The start inputs: `inputs` checked against the flow's input variables and coerced (a wrong
 * name or type is `InvalidApiInputError`, before anything runs), plus `recordId` (which must
 * name an existing record) as the `recordId` input variable when the flow has one.
 */
export async function startInputs(tx: StorageSession, flow: CompiledFlow, options: { readonly inputs?: unknown; readonly recordId?: string }): Promise<Record<string, FlowValue>> {
  const given = checkValues(options.inputs, 'inputs');
  const inputs: Record<string, FlowValue> = {};
  for (const [name, value] of Object.entries(given)) {
    const variable = flow.resource(name);
    if (variable?.kind !== 'variable' || !variable.isInput) {
      const names = flow.inputVariables.map((v) => v.name).join(', ') || '(none)';
      throw new InvalidApiInputError(`Flow "${flow.apiName}" has no input variable named "${name}". Its input variables are: ${names}.`, [name]);
    }
    try {
      inputs[variable.name] = coerceValue(value, variable.dataType, { isCollection: variable.isCollection, scale: variable.scale, objectType: variable.objectType });
    } catch (error) {
      if (error instanceof FlowFault) {
        const expected = `${variable.isCollection ? 'a collection of ' : ''}${variable.dataType}${variable.objectType === undefined ? '' : ` (${variable.objectType})`}`;
        throw new InvalidApiInputError(`Input "${variable.name}" of flow "${flow.apiName}" must be ${expected}: ${error.message}`, [variable.name]);
      }
      throw error;
    }
    if (variable.isCollection && value !== null && !Array.isArray(value)) {
      throw new InvalidApiInputError(`Input "${variable.name}" of flow "${flow.apiName}" is a collection: pass a list.`, [variable.name]);
    }
  }
  if (options.recordId !== undefined) {
    const recordId = parseId(options.recordId, 'recordId');
    if (!(await tx.records.exists(recordId))) throw new NotFoundError(`No record with Id ${recordId}.`, ['recordId']);
    const variable = flow.resource('recordId');
    if (variable?.kind === 'variable' && variable.isInput && !Object.keys(inputs).some((name) => name.toLowerCase() === 'recordid')) {
      // A record variable named recordId gets the record itself (read with all its fields).
      const record = variable.dataType === 'SObject' && !variable.isCollection ? await tx.records.getById(recordId) : undefined;
      // A FlowRecord's optional fields are never undefined once read from storage: it is a FlowValue.
      inputs[variable.name] = record === undefined ? recordId : (record as unknown as FlowValue);
    }
  }
  return inputs;
}
