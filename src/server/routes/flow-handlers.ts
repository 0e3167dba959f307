/**
 * The `Flow` sObject (Tooling's flow version, prefix 301) as the seed serves it:
 * `GET /sobjects/Flow[?q=]` lists flow versions (`{ totalSize, done, records }`, plus Salesforce's
 * basic info `objectDescribe` and `recentItems` so `conn.recent()` works), `GET /sobjects/Flow/{id}`
 * reads one, `PATCH` activates (`Status: Active`) or deactivates (`Status: Obsolete`) it and
 * changes its `Description` (the seed's `FlowUpdateInput`; Manage Flow or Customize Application).
 *
 * `?q=` is either a SOQL query on Flow (`SELECT ... FROM Flow ...`, run with the caller's
 * access) or text matched, ignoring case, against the API name and label.
 */
import type { JsonValue } from '../../engine/index.js';
import { InvalidFieldError, InvalidFieldForInsertUpdateError, InvalidOperationError, InvalidPicklistValueError, normaliseFlowDescription } from '../../runtime/index.js';
import type { FlowDefinitionRecord, FlowVersionRecord } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { describeGlobalEntry, recordAttributes } from '../describe-shapes.js';
import { HttpError, notFound } from '../http-errors.js';
import { queryOf } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { canSeeFlow, requireFlowManager, requireFlowReader } from './flow-access.js';
import type { SObjectHandlers, SObjectRequest } from './sobject-routes.js';

/** The fields a PATCH may change. */
const UPDATABLE = new Set(['status', 'description']);

/** A flow version as the seed's `FlowSummary` (and Tooling `Flow` fields). Null text is left out (the seed types it as string). */
export function flowSummary(definition: FlowDefinitionRecord, version: FlowVersionRecord, apiVersion: string): Record<string, JsonValue> {
  return {
    attributes: recordAttributes('Flow', version.Id, apiVersion),
    Id: version.Id,
    ApiName: definition.DeveloperName,
    Label: version.MasterLabel,
    ProcessType: version.ProcessType,
    Status: version.Status,
    VersionNumber: version.VersionNumber,
    ...(version.Description === null ? {} : { Description: version.Description }),
  };
}

/** A flow version as the seed's `FlowDefinition`, with the Tooling `Flow` fields. */
export function flowRecord(definition: FlowDefinitionRecord, version: FlowVersionRecord, apiVersion: string): Record<string, JsonValue> {
  return {
    ...flowSummary(definition, version, apiVersion),
    DefinitionId: version.DefinitionId,
    MasterLabel: version.MasterLabel,
    FullName: version.FullName,
    ApiVersion: version.ApiVersion,
    RunInMode: version.RunInMode,
    IsAdditionalPermissionRequiredToRun: version.IsAdditionalPermissionRequiredToRun,
    IsActive: definition.ActiveVersionId === version.Id,
    CreatedDate: version.CreatedDate,
    CreatedById: version.CreatedById,
    LastModifiedDate: version.LastModifiedDate,
    LastModifiedById: version.LastModifiedById,
  };
}

/** The Flow handlers. */
export function flowHandlers(context: ServerContext): SObjectHandlers {
  const flows = context.storage.flows;

  /** Every version of every flow the caller may see, by API name then version number. */
  const visibleVersions = async (call: SObjectRequest): Promise<{ definition: FlowDefinitionRecord; version: FlowVersionRecord }[]> => {
    const subject = actorOf(call.request).subject;
    requireFlowReader(subject);
    const out: { definition: FlowDefinitionRecord; version: FlowVersionRecord }[] = [];
    for (const definition of await flows.listDefinitions()) {
      if (!canSeeFlow(subject, definition)) continue;
      for (const version of await flows.listVersions(definition.Id)) out.push({ definition, version });
    }
    out.sort((a, b) => a.definition.DeveloperName.localeCompare(b.definition.DeveloperName) || a.version.VersionNumber - b.version.VersionNumber);
    return out;
  };

  /** The version and its definition, if the caller may see them (404 otherwise). */
  const visibleVersion = async (call: SObjectRequest, id: string): Promise<{ definition: FlowDefinitionRecord; version: FlowVersionRecord }> => {
    const subject = actorOf(call.request).subject;
    requireFlowReader(subject);
    const version = await flows.getVersion(id);
    const definition = version ? await flows.getDefinition(version.DefinitionId) : undefined;
    if (!version || !definition || !canSeeFlow(subject, definition)) throw notFound();
    return { definition, version };
  };

  return {
    extraFields: ['IsActive'],

    async basicInfo(call) {
      const q = queryOf(call.request).q?.trim() ?? '';
      const objectDescribe = describeGlobalEntry(call.object, call.version);
      if (/^select\b/i.test(q)) {
        const subject = actorOf(call.request).subject;
        requireFlowReader(subject);
        const result = await context.soql.queryObject('Flow', q, subject, { apiVersion: call.version });
        return { objectDescribe, recentItems: [], ...result };
      }
      const needle = q.toLowerCase();
      const rows = (await visibleVersions(call)).filter(
        ({ definition, version }) => needle === '' || definition.DeveloperName.toLowerCase().includes(needle) || version.MasterLabel.toLowerCase().includes(needle),
      );
      const recentItems = [...rows]
        .sort((a, b) => b.version.LastModifiedDate.localeCompare(a.version.LastModifiedDate))
        .slice(0, 10)
        .map(({ version }) => ({ attributes: recordAttributes('Flow', version.Id, call.version), Id: version.Id, Name: version.MasterLabel }));
      return {
        objectDescribe,
        recentItems,
        totalSize: rows.length,
        done: true,
        records: rows.map(({ definition, version }) => flowSummary(definition, version, call.version)),
      };
    },

    async get(call, id, fields) {
      const { definition, version } = await visibleVersion(call, id);
      const record = flowRecord(definition, version, call.version);
      if (fields.length === 0) return record;
      const picked: Record<string, JsonValue> = { attributes: record.attributes ?? null };
      for (const field of fields) picked[field] = record[field] ?? null;
      return picked;
    },

    async update(call, id, body) {
      const actor = actorOf(call.request);
      const { definition, version } = await visibleVersion(call, id);
      requireFlowManager(actor.subject);
      for (const name of Object.keys(body)) {
        if (name === 'attributes' || UPDATABLE.has(name.toLowerCase())) continue;
        if (call.schema.field('Flow', name) || name === 'ApiName' || name === 'Label') {
          throw new InvalidFieldForInsertUpdateError(`Unable to update the field ${name} of Flow: only Status and Description can be changed.`, [name]);
        }
        throw new InvalidFieldError(`No such column '${name}' on sobject of type Flow`, [name]);
      }
      const entry = (key: string): [string, unknown] | undefined => Object.entries(body).find(([name]) => name.toLowerCase() === key);
      const description = entry('description');
      if (description !== undefined && description[1] !== null && typeof description[1] !== 'string') {
        throw new HttpError('JSON_PARSER_ERROR', `Cannot deserialize instance of string from ${Array.isArray(description[1]) ? 'START_ARRAY' : typeof description[1] === 'object' ? 'START_OBJECT' : 'VALUE'} token at [Description]`, { fields: ['Description'] });
      }
      const status = entry('status');
      // Check the new Status before anything is written, so a refused PATCH changes nothing.
      if (status !== undefined && status[1] !== 'Active' && status[1] !== 'Obsolete') {
        if (status[1] === 'Draft' || status[1] === 'InvalidDraft') throw new InvalidOperationError('Status can be changed to Active or Obsolete only.', ['Status']);
        throw new InvalidPicklistValueError(`Status: bad value for restricted picklist field: ${String(status[1])}`, ['Status']);
      }
      if (status?.[1] === 'Obsolete' && definition.ActiveVersionId !== version.Id && version.Status !== 'Obsolete') {
        throw new InvalidOperationError(`Version ${version.VersionNumber} of ${definition.DeveloperName} is not active; only the active version can be made Obsolete.`, ['Status']);
      }
      const newDescription = description === undefined ? undefined : normaliseFlowDescription(description[1] as string | null);
      const descriptionChanges = newDescription !== undefined && newDescription !== version.Description;
      if (status === undefined && !descriptionChanges) return;
      const runtime = await context.runtime();
      const flowService = runtime.flows;
      if (!flowService) throw new InvalidOperationError('Flow management is not available on this server.');
      // Status first: an activation the service refuses (an InvalidDraft) leaves the description as it was.
      if (status?.[1] === 'Active' && version.Status !== 'Active') await flowService.activate(actor.userId, version.Id);
      if (status?.[1] === 'Obsolete' && definition.ActiveVersionId === version.Id) await flowService.deactivate(actor.userId, definition.DeveloperName);
      if (newDescription !== undefined && descriptionChanges) await flowService.updateDescription(actor.userId, version.Id, newDescription);
    },
  };
}
