/**
 * Flow deployment and versions, permission-checked, for the CLI and the API (reference §1.5–1.6):
 * deploying a flow file stores a new version (its status from the file, else Draft; with
 * validation errors an InvalidDraft, which cannot be activated); one version per flow is active,
 * and activating another makes the previous one Obsolete; a version can be deleted only when it is
 * not active and has no paused or waiting interviews. Object metadata in a deploy is stored before
 * the flows. The service reads no files: callers pass the files' paths and contents.
 */
import { hasErrors, parseFlowXml } from '../../flow-model/index.js';
import type { Diagnostic, FlowDataType, FlowDefinition } from '../../flow-model/index.js';
import { deployObjectFiles, NO_OBJECTS } from '../org/deploy-objects.js';
import { describeErrors, prepareFlowVersion } from './deploy-flow.js';
import { groupDeployFiles } from './deploy-files.js';
import { triggerOfSource, triggerRunOrder, type TriggerRunOrder, type TriggerSummary } from './trigger-report.js';
import { componentFailures, type DeployFile, type DeployResult, type FlowDeployResult, type IgnoredFile, summariseDeploy } from './deploy-result.js';
import { checkFlowAgainstOrg } from './org-check.js';
import type { ActionRegistry } from '../actions/action-registry.js';
import { DeleteFailedError, InvalidOperationError, isRequestError, NotFoundError, StringTooLongError } from '../errors.js';
import type { FlowDefinitionRecord, FlowVersionRecord, Storage, StoredFlowVersion } from '../ports/index.js';
import { type Actor, PERMISSION_LABELS, type PermissionName, requirePermission } from '../access/require-permission.js';

/** Options of {@link FlowService.deploy}. */
export interface DeployOptions {
  /** Activate every deployed flow version (as `<status>Active</status>` in the file does). */
  readonly activate?: boolean;
  /** Do not store a new version of a flow whose source equals its latest version's (`unchanged`). */
  readonly skipUnchanged?: boolean;
  /** Called after each file is handled, for a progress bar. */
  readonly onProgress?: (progress: { readonly done: number; readonly total: number; readonly path: string }) => void;
}

/** A flow definition with its active and latest versions (what `eddy flows` lists). */
export interface FlowSummary {
  readonly definition: FlowDefinitionRecord;
  readonly activeVersion: FlowVersionRecord | null;
  readonly latestVersion: FlowVersionRecord | null;
  readonly versionCount: number;
  /**
   * Set by {@link FlowService.activate} for a record-triggered flow: its trigger, and the run
   * order of the active flows of its object and timing after the activation.
   */
  readonly trigger?: TriggerSummary & { readonly runOrder: TriggerRunOrder['flows'] };
}

/** An input variable of a flow (`isInput`), for callers that turn text into typed inputs. */
export interface FlowInputVariable {
  readonly name: string;
  readonly dataType: FlowDataType;
  readonly isCollection: boolean;
  readonly objectType: string | undefined;
}

/** Longest flow description (the Description field of Flow and FlowDefinition). */
export const MAX_FLOW_DESCRIPTION_LENGTH = 4000;

/**
 * A flow description as stored: empty text is null (as Salesforce treats text fields);
 * `STRING_TOO_LONG` above {@link MAX_FLOW_DESCRIPTION_LENGTH} characters.
 */
export function normaliseFlowDescription(description: string | null): string | null {
  if (description === null || description === '') return null;
  if (description.length > MAX_FLOW_DESCRIPTION_LENGTH) {
    throw new StringTooLongError(`Description: data value too large: ${description.length} characters (max length=${MAX_FLOW_DESCRIPTION_LENGTH})`, ['Description']);
  }
  return description;
}

const DEPLOY: readonly PermissionName[] = ['customizeApplication', 'manageFlow'];
const MANAGE: readonly PermissionName[] = ['manageFlow', 'customizeApplication'];
const READ: readonly PermissionName[] = ['runFlows', 'manageFlow', 'customizeApplication'];

/** What the flow service checks flows against besides the org's schema. */
export interface FlowServiceOptions {
  /** The invocable actions of the runtime: deploy and activation refuse flows calling others. Without it, actions are not checked. */
  readonly actions?: ActionRegistry;
}

/** Deploys flows and object metadata and manages flow versions. */
export class FlowService {
  readonly #storage: Storage;
  readonly #actions: ActionRegistry | undefined;

  constructor(storage: Storage, options: FlowServiceOptions = {}) {
    this.#storage = storage;
    this.#actions = options.actions;
  }

  /** The org-dependent errors of a flow against the org as it is now (objects deployed so far). */
  async #orgErrors(definition: FlowDefinition): Promise<Diagnostic[]> {
    return checkFlowAgainstOrg(definition, await this.#storage.schema.load(), this.#actions);
  }

  /**
   * Deploys flow files and object metadata files (others are reported as ignored). Objects and
   * fields go first (they need Customize Application), then each flow file becomes a new
   * version. Per file, refused files store nothing; the rest are stored. Needs Customize
   * Application or Manage Flow (`INSUFFICIENT_ACCESS`).
   */
  async deploy(actorId: string, files: readonly DeployFile[], options: DeployOptions = {}): Promise<DeployResult> {
    const actor = await requirePermission(this.#storage.directory, actorId, DEPLOY, 'Deploying flows');
    const groups = groupDeployFiles(files);
    const total = files.length;
    let done = 0;
    const progress = (path: string): void => {
      done += 1;
      options.onProgress?.({ done, total, path });
    };

    const ignored: IgnoredFile[] = groups.other.map((file) => ({ path: file.path, reason: 'not a flow or object metadata file' }));
    for (const file of groups.other) progress(file.path);

    const objectFiles = [...groups.object, ...groups.field];
    const objects =
      objectFiles.length === 0
        ? NO_OBJECTS
        : await deployObjectFiles(
            this.#storage.schema,
            objectFiles,
            actor.permissions.customizeApplication ? undefined : `deploying objects and fields needs the ${PERMISSION_LABELS.customizeApplication} permission`,
          );
    for (const file of objectFiles) progress(file.path);

    const flows: FlowDeployResult[] = [];
    for (const file of groups.flow) {
      flows.push(await this.#deployFlow(actor, file, options));
      progress(file.path);
    }
    const triggerObjects = flows.flatMap((flow) => (flow.trigger === undefined ? [] : [flow.trigger.object]));
    const triggers = triggerObjects.length === 0 ? [] : await triggerRunOrder(this.#storage, triggerObjects);
    return { flows, objects, ignored, triggers, summary: summariseDeploy(flows, objects, ignored), details: { componentFailures: componentFailures(flows) } };
  }

  async #deployFlow(actor: Actor, file: DeployFile, options: DeployOptions): Promise<FlowDeployResult> {
    const prepared = prepareFlowVersion(file);
    if (prepared.kind === 'refused') {
      return { path: file.path, apiName: prepared.apiName, status: 'refused', activationRequested: false, activated: false, reason: prepared.reason, diagnostics: prepared.diagnostics };
    }
    const { apiName, version } = prepared;
    const triggered = triggerOfSource(file.content, apiName);
    const trigger = triggered === undefined ? {} : { trigger: triggered };
    const activationRequested = options.activate === true || prepared.activeInFile;
    const invalid = version.Status === 'InvalidDraft';
    // Checked against the org only when the flow is otherwise valid and is to be activated: a
    // Draft may name objects deployed later; activation (here or later) needs them.
    const orgErrors = activationRequested && !invalid ? await this.#orgErrors(prepared.definition) : [];
    const diagnostics = [...prepared.diagnostics, ...orgErrors];
    const blocked = invalid || orgErrors.length > 0;
    const notActivated = blocked && activationRequested ? { reason: `not activated: ${describeErrors(diagnostics)}` } : {};
    const existing = await this.#storage.flows.getDefinitionByName(apiName);

    if (options.skipUnchanged === true && existing?.LatestVersionId) {
      const latest = await this.#storage.flows.getVersion(existing.LatestVersionId);
      if (latest !== undefined && latest.source === file.content) {
        let status = latest.Status;
        if (activationRequested && !blocked && latest.Status !== 'Active') {
          await this.#storage.flows.activate(latest.Id, actor.user.Id);
          status = 'Active';
        }
        return {
          path: file.path, apiName: existing.DeveloperName, status: 'unchanged', versionId: latest.Id, versionNumber: latest.VersionNumber, versionStatus: status,
          activationRequested, activated: status === 'Active', ...notActivated, diagnostics, ...trigger,
        };
      }
    }

    try {
      const stored = await this.#storage.flows.deployVersion({ ...version, Status: activationRequested && !blocked ? 'Active' : version.Status }, actor.user.Id);
      return {
        path: file.path, apiName: stored.definition.DeveloperName, status: existing === undefined ? 'created' : 'updated', versionId: stored.version.Id,
        versionNumber: stored.version.VersionNumber, versionStatus: stored.version.Status, activationRequested, activated: stored.version.Status === 'Active',
        ...notActivated, diagnostics, ...trigger,
      };
    } catch (error) {
      // A name storage refuses, the 50-version limit: this file is refused, the others go on.
      if (!isRequestError(error)) throw error;
      return { path: file.path, apiName, status: 'refused', activationRequested, activated: false, reason: `${error.code}: ${error.message}`, diagnostics };
    }
  }

  /**
   * Activates a version: the flow's previously active version becomes Obsolete. An InvalidDraft
   * cannot be activated, nor a version naming objects, fields, picklist values or actions the org
   * does not have (`INVALID_OPERATION`, each problem named). Needs Manage Flow or Customize Application.
   */
  async activate(actorId: string, versionId: string): Promise<FlowSummary> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE, 'Activating a flow');
    const version = await this.#versionOrThrow(versionId);
    if (version.Status === 'InvalidDraft') {
      throw new InvalidOperationError(`Flow version ${version.FullName} has validation errors and cannot be activated (${describeErrors(version.diagnostics)}).`, ['Status']);
    }
    if (version.Status !== 'Active') {
      const parsed = parseFlowXml(version.source, { fileName: `${version.FullName.replace(/-\d+$/, '')}.flow-meta.xml` }).definition;
      const orgErrors = parsed === undefined ? [] : await this.#orgErrors(parsed);
      if (hasErrors(orgErrors)) {
        throw new InvalidOperationError(`Flow version ${version.FullName} cannot be activated: ${describeErrors(orgErrors)}.`, ['Status']);
      }
    }
    const definition = version.Status === 'Active' ? await this.#definitionOrThrow(version.DefinitionId) : await this.#storage.flows.activate(version.Id, actor.user.Id);
    const summary = await this.#summary(definition);
    const trigger = triggerOfSource(version.source, definition.DeveloperName);
    if (trigger === undefined) return summary;
    const group = (await triggerRunOrder(this.#storage, [trigger.object])).find((g) => g.timing === trigger.timing);
    return { ...summary, trigger: { ...trigger, runOrder: group?.flows ?? [] } };
  }

  /** Deactivates the flow's active version (it becomes Obsolete); `INVALID_OPERATION` when none is active. */
  async deactivate(actorId: string, flowApiName: string): Promise<FlowSummary> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE, 'Deactivating a flow');
    const definition = await this.#definitionByNameOrThrow(flowApiName);
    if (definition.ActiveVersionId === null) throw new InvalidOperationError(`Flow ${definition.DeveloperName} has no active version.`);
    return this.#summary(await this.#storage.flows.deactivate(definition.Id, actor.user.Id));
  }

  /**
   * Changes a version's Description (empty text or null clears it; at most
   * {@link MAX_FLOW_DESCRIPTION_LENGTH} characters, `STRING_TOO_LONG` otherwise) and returns the
   * version. The flow's own description follows its latest version's. Needs Manage Flow or
   * Customize Application.
   */
  async updateDescription(actorId: string, versionId: string, description: string | null): Promise<FlowVersionRecord> {
    const actor = await requirePermission(this.#storage.directory, actorId, MANAGE, "Changing a flow's description");
    const value = normaliseFlowDescription(description);
    const version = await this.#versionOrThrow(versionId);
    if (value === version.Description) return version;
    return this.#storage.flows.setVersionDescription(version.Id, value, actor.user.Id);
  }

  /**
   * Deletes a version that is not active and has no paused, waiting or running interviews
   * (`DELETE_FAILED` otherwise, naming the fix); deleting a flow's last version deletes the flow.
   * Needs Manage Flow or Customize Application.
   */
  async deleteVersion(actorId: string, versionId: string): Promise<void> {
    await requirePermission(this.#storage.directory, actorId, MANAGE, 'Deleting a flow version');
    const version = await this.#versionOrThrow(versionId);
    if (version.Status === 'Active') {
      throw new DeleteFailedError(`Flow version ${version.FullName} is active; deactivate it (or activate another version) before deleting it.`);
    }
    const unfinished = await this.#storage.interviews.list({ flowVersionId: version.Id, statuses: ['Paused', 'Running'], limit: 1 }, 'system');
    if (unfinished.length > 0) {
      const all = await this.#storage.interviews.list({ flowVersionId: version.Id, statuses: ['Paused', 'Running'], limit: 2000 }, 'system');
      const ids = all.slice(0, 5).map((i) => i.Id).join(', ');
      throw new DeleteFailedError(
        `Flow version ${version.FullName} has ${all.length} paused, waiting or running interview${all.length === 1 ? '' : 's'} (${ids}${all.length > 5 ? ', ...' : ''}); let them finish or delete them first.`,
      );
    }
    await this.#storage.flows.deleteVersion(version.Id);
  }

  /**
   * The flows the actor may see, by API name, with their active and latest versions. Users with
   * only Run Flows do not see flows restricted to enabled permission sets they lack.
   */
  async list(actorId: string): Promise<FlowSummary[]> {
    const visible = await this.#visibility(actorId);
    const definitions = (await this.#storage.flows.listDefinitions()).filter(visible);
    return Promise.all(definitions.map((definition) => this.#summary(definition)));
  }

  /** The versions of a flow, newest first (`NOT_FOUND` for an unknown or hidden flow). */
  async versions(actorId: string, apiName: string): Promise<FlowVersionRecord[]> {
    const definition = await this.#visibleDefinition(actorId, apiName);
    return this.#storage.flows.listVersions(definition.Id);
  }

  /** One flow, with its active and latest versions (`NOT_FOUND` for an unknown or hidden flow). */
  async get(actorId: string, apiName: string): Promise<FlowSummary> {
    return this.#summary(await this.#visibleDefinition(actorId, apiName));
  }

  /**
   * A version of a flow with its source and diagnostics: `versionNumber`, else the latest
   * version (`NOT_FOUND` naming the versions there are).
   */
  async findVersion(actorId: string, apiName: string, versionNumber?: number): Promise<StoredFlowVersion> {
    const definition = await this.#visibleDefinition(actorId, apiName);
    const versions = await this.#storage.flows.listVersions(definition.Id);
    const found = versionNumber === undefined ? versions[0] : versions.find((v) => v.VersionNumber === versionNumber);
    if (found === undefined) {
      const numbers = versions.map((v) => v.VersionNumber).reverse();
      throw new NotFoundError(`Flow ${definition.DeveloperName} has no version ${versionNumber ?? ''} (its versions: ${numbers.join(', ') || 'none'}).`, ['VersionNumber']);
    }
    return this.#versionOrThrow(found.Id);
  }

  /** The input variables (`isInput`) of a flow version: by default the active one, else the latest. */
  async inputVariables(actorId: string, apiName: string, versionId?: string): Promise<FlowInputVariable[]> {
    const definition = await this.#visibleDefinition(actorId, apiName);
    const id = versionId ?? definition.ActiveVersionId ?? definition.LatestVersionId;
    if (id === null) throw new NotFoundError(`Flow ${definition.DeveloperName} has no versions.`);
    const version = await this.#versionOrThrow(id);
    if (version.DefinitionId !== definition.Id) throw new NotFoundError(`Flow version ${id} is not a version of ${definition.DeveloperName}.`, ['versionId']);
    const parsed = parseFlowXml(version.source, { fileName: `${definition.DeveloperName}.flow-meta.xml` }).definition;
    return (parsed?.resources ?? []).flatMap((resource): FlowInputVariable[] =>
      resource.kind === 'variable' && resource.isInput
        ? [{ name: resource.name, dataType: resource.dataType, isCollection: resource.isCollection, objectType: resource.objectType }]
        : [],
    );
  }

  async #visibility(actorId: string): Promise<(definition: FlowDefinitionRecord) => boolean> {
    const actor = await requirePermission(this.#storage.directory, actorId, READ, 'Viewing flows');
    if (actor.permissions.manageFlow || actor.permissions.customizeApplication) return () => true;
    const enabled = new Set((await this.#storage.directory.accessSubject(actor.user.Id)).enabledFlowIds);
    return (definition) => !definition.IsAdditionalPermissionRequiredToRun || enabled.has(definition.Id);
  }

  async #visibleDefinition(actorId: string, apiName: string): Promise<FlowDefinitionRecord> {
    const visible = await this.#visibility(actorId);
    const definition = await this.#definitionByNameOrThrow(apiName);
    if (!visible(definition)) throw new NotFoundError(`No flow named ${apiName}.`, ['ApiName']);
    return definition;
  }

  async #summary(definition: FlowDefinitionRecord): Promise<FlowSummary> {
    const versions = await this.#storage.flows.listVersions(definition.Id);
    return {
      definition,
      activeVersion: versions.find((v) => v.Id === definition.ActiveVersionId) ?? null,
      latestVersion: versions.find((v) => v.Id === definition.LatestVersionId) ?? null,
      versionCount: versions.length,
    };
  }

  async #versionOrThrow(versionId: string): Promise<StoredFlowVersion> {
    const version = /^[0-9A-Za-z]{15}(?:[0-9A-Za-z]{3})?$/.test(versionId) ? await this.#storage.flows.getVersion(versionId) : undefined;
    if (version === undefined) throw new NotFoundError(`No flow version with Id ${versionId}.`, ['Id']);
    return version;
  }

  async #definitionOrThrow(definitionId: string): Promise<FlowDefinitionRecord> {
    const definition = await this.#storage.flows.getDefinition(definitionId);
    if (definition === undefined) throw new NotFoundError(`No flow definition with Id ${definitionId}.`, ['Id']);
    return definition;
  }

  async #definitionByNameOrThrow(apiName: string): Promise<FlowDefinitionRecord> {
    const definition = await this.#storage.flows.getDefinitionByName(apiName);
    if (definition === undefined) throw new NotFoundError(`No flow named ${apiName}.`, ['ApiName']);
    return definition;
  }
}
