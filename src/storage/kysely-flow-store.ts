/**
 * Flow definitions (300) and versions (301): deploy creates a version, one version per flow is
 * active, versions are deleted only when inactive and without unfinished interviews.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Diagnostic } from '../flow-model/index.js';
import { DeleteFailedError, FieldIntegrityError, InvalidOperationError, KEY_PREFIXES, LimitExceededError, newId, NotFoundError, parseId } from '../runtime/index.js';
import type { FlowDefinitionRecord, FlowStore, FlowVersionRecord, FlowVersionStatus, NewFlowVersion, StoredFlowVersion } from '../runtime/index.js';
import type { Database, FlowDefinitionsTable, FlowVersionsTable } from './database-schema.js';
import { fromBool, isValidDeveloperName, parseJson, toBool, toCount } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

/** Most versions a flow may have (Salesforce's limit). */
export const MAX_FLOW_VERSIONS = 50;

function audit(row: { CreatedDate: string; CreatedById: string; LastModifiedDate: string; LastModifiedById: string }) {
  return { CreatedDate: row.CreatedDate, CreatedById: row.CreatedById, LastModifiedDate: row.LastModifiedDate, LastModifiedById: row.LastModifiedById };
}

function toDefinition(row: Selectable<FlowDefinitionsTable>): FlowDefinitionRecord {
  return {
    Id: row.Id, DeveloperName: row.DeveloperName, MasterLabel: row.MasterLabel, Description: row.Description, ActiveVersionId: row.ActiveVersionId,
    LatestVersionId: row.LatestVersionId, NamespacePrefix: row.NamespacePrefix, ProcessType: row.ProcessType,
    IsAdditionalPermissionRequiredToRun: fromBool(row.IsAdditionalPermissionRequiredToRun), ...audit(row),
  };
}

function toVersion(row: Omit<Selectable<FlowVersionsTable>, 'source' | 'diagnostics'>): FlowVersionRecord {
  return {
    Id: row.Id, DefinitionId: row.DefinitionId, VersionNumber: Number(row.VersionNumber), Status: row.Status as FlowVersionStatus, MasterLabel: row.MasterLabel,
    ProcessType: row.ProcessType, Description: row.Description, ApiVersion: row.ApiVersion === null ? null : Number(row.ApiVersion), RunInMode: row.RunInMode,
    IsAdditionalPermissionRequiredToRun: fromBool(row.IsAdditionalPermissionRequiredToRun), FullName: row.FullName, ...audit(row),
  };
}

function toStoredVersion(row: Selectable<FlowVersionsTable>): StoredFlowVersion {
  return { ...toVersion(row), source: row.source, diagnostics: parseJson<Diagnostic[]>(row.diagnostics) };
}

const VERSION_COLUMNS = [
  'Id', 'DefinitionId', 'VersionNumber', 'Status', 'MasterLabel', 'ProcessType', 'Description', 'ApiVersion', 'RunInMode',
  'IsAdditionalPermissionRequiredToRun', 'FullName', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted',
] as const;

/** {@link FlowStore} on Kysely. */
export class KyselyFlowStore implements FlowStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async deployVersion(input: NewFlowVersion, actorId: string): Promise<{ definition: FlowDefinitionRecord; version: StoredFlowVersion }> {
    if (!isValidDeveloperName(input.DeveloperName)) {
      throw new FieldIntegrityError(`DeveloperName: "${input.DeveloperName}" must begin with a letter and use only letters, digits and single underscores.`, ['DeveloperName']);
    }
    const diagnostics = input.diagnostics ?? [];
    if (input.Status === 'Active' && diagnostics.some((d) => d.severity === 'error')) {
      throw new InvalidOperationError(`Flow ${input.DeveloperName} has validation errors; it can be saved as InvalidDraft but not activated.`, ['Status']);
    }
    return this.#ctx.atomic(async (db) => {
      const now = this.#ctx.now();
      const key = input.DeveloperName.toLowerCase();
      let definition = await db.selectFrom('flow_definitions').selectAll().where('developer_name_key', '=', key).executeTakeFirst();
      if (!definition) {
        definition = {
          Id: newId(KEY_PREFIXES.FlowDefinition), DeveloperName: input.DeveloperName, developer_name_key: key, MasterLabel: input.MasterLabel,
          Description: input.Description ?? null, ActiveVersionId: null, LatestVersionId: null, NamespacePrefix: null, ProcessType: input.ProcessType,
          IsAdditionalPermissionRequiredToRun: toBool(input.IsAdditionalPermissionRequiredToRun),
          CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
        };
        await db.insertInto('flow_definitions').values(definition).execute();
      }
      const stats = await db
        .selectFrom('flow_versions')
        .select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('VersionNumber').as('latest')])
        .where('DefinitionId', '=', definition.Id)
        .executeTakeFirst();
      if (toCount(stats?.count) >= MAX_FLOW_VERSIONS) {
        throw new LimitExceededError(`Flow ${definition.DeveloperName} already has ${MAX_FLOW_VERSIONS} versions; delete one before deploying.`);
      }
      const number = toCount(stats?.latest) + 1;
      const version = {
        Id: newId(KEY_PREFIXES.Flow), DefinitionId: definition.Id, VersionNumber: number, Status: input.Status === 'InvalidDraft' ? 'InvalidDraft' : 'Draft',
        MasterLabel: input.MasterLabel, ProcessType: input.ProcessType, Description: input.Description ?? null, ApiVersion: input.ApiVersion ?? null,
        RunInMode: input.RunInMode ?? null, IsAdditionalPermissionRequiredToRun: toBool(input.IsAdditionalPermissionRequiredToRun),
        FullName: `${definition.DeveloperName}-${number}`, source: input.source, diagnostics: JSON.stringify(diagnostics),
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('flow_versions').values(version).execute();
      await db
        .updateTable('flow_definitions')
        .set({ LatestVersionId: version.Id, MasterLabel: input.MasterLabel, Description: input.Description ?? null, ProcessType: input.ProcessType, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now })
        .where('Id', '=', definition.Id)
        .execute();
      if (input.Status === 'Active') await this.#activateIn(db, version.Id, actorId);
      else await this.#refreshRestriction(db, definition.Id);
      return {
        definition: toDefinition(await db.selectFrom('flow_definitions').selectAll().where('Id', '=', definition.Id).executeTakeFirstOrThrow()),
        version: toStoredVersion(await db.selectFrom('flow_versions').selectAll().where('Id', '=', version.Id).executeTakeFirstOrThrow()),
      };
    });
  }

  async getDefinition(id: string): Promise<FlowDefinitionRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('flow_definitions').selectAll().where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    return row ? toDefinition(row) : undefined;
  }

  async getDefinitionByName(developerName: string): Promise<FlowDefinitionRecord | undefined> {
    const row = await this.#ctx.db.selectFrom('flow_definitions').selectAll().where('developer_name_key', '=', developerName.toLowerCase()).executeTakeFirst();
    return row ? toDefinition(row) : undefined;
  }

  async listDefinitions(): Promise<FlowDefinitionRecord[]> {
    return (await this.#ctx.db.selectFrom('flow_definitions').selectAll().orderBy('DeveloperName').execute()).map(toDefinition);
  }

  async getVersion(id: string): Promise<StoredFlowVersion | undefined> {
    const row = await this.#ctx.db.selectFrom('flow_versions').selectAll().where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    return row ? toStoredVersion(row) : undefined;
  }

  async listVersions(definitionId: string): Promise<FlowVersionRecord[]> {
    const rows = await this.#ctx.db
      .selectFrom('flow_versions')
      .select([...VERSION_COLUMNS])
      .where('DefinitionId', '=', parseId(definitionId, 'DefinitionId'))
      .orderBy('VersionNumber', 'desc')
      .execute();
    return rows.map(toVersion);
  }

  async activate(versionId: string, actorId: string): Promise<FlowDefinitionRecord> {
    const id = parseId(versionId, 'Id');
    return this.#ctx.atomic(async (db) => {
      const definitionId = await this.#activateIn(db, id, actorId);
      return toDefinition(await db.selectFrom('flow_definitions').selectAll().where('Id', '=', definitionId).executeTakeFirstOrThrow());
    });
  }

  async deactivate(definitionId: string, actorId: string): Promise<FlowDefinitionRecord> {
    const id = parseId(definitionId, 'Id');
    return this.#ctx.atomic(async (db) => {
      const definition = await db.selectFrom('flow_definitions').selectAll().where('Id', '=', id).executeTakeFirst();
      if (!definition) throw new NotFoundError(`No flow definition with Id ${id}.`, ['Id']);
      const now = this.#ctx.now();
      if (definition.ActiveVersionId) {
        await db.updateTable('flow_versions').set({ Status: 'Obsolete', LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now }).where('Id', '=', definition.ActiveVersionId).execute();
        await db.updateTable('flow_definitions').set({ ActiveVersionId: null, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now }).where('Id', '=', id).execute();
        await this.#refreshRestriction(db, id);
      }
      return toDefinition(await db.selectFrom('flow_definitions').selectAll().where('Id', '=', id).executeTakeFirstOrThrow());
    });
  }

  async setVersionDescription(versionId: string, description: string | null, actorId: string): Promise<FlowVersionRecord> {
    const id = parseId(versionId, 'Id');
    return this.#ctx.atomic(async (db) => {
      const version = await db.selectFrom('flow_versions').select(['Id', 'DefinitionId']).where('Id', '=', id).executeTakeFirst();
      if (!version) throw new NotFoundError(`No flow version with Id ${id}.`, ['Id']);
      const now = this.#ctx.now();
      const stamp = { LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now };
      await db.updateTable('flow_versions').set({ Description: description, ...stamp }).where('Id', '=', id).execute();
      await db.updateTable('flow_definitions').set({ Description: description, ...stamp }).where('Id', '=', version.DefinitionId).where('LatestVersionId', '=', id).execute();
      return toVersion(await db.selectFrom('flow_versions').select([...VERSION_COLUMNS]).where('Id', '=', id).executeTakeFirstOrThrow());
    });
  }

  async deleteVersion(versionId: string): Promise<void> {
    const id = parseId(versionId, 'Id');
    await this.#ctx.atomic(async (db) => {
      const version = await db.selectFrom('flow_versions').select(['Id', 'DefinitionId', 'Status', 'FullName']).where('Id', '=', id).executeTakeFirst();
      if (!version) throw new NotFoundError(`No flow version with Id ${id}.`, ['Id']);
      if (version.Status === 'Active') throw new DeleteFailedError(`Flow version ${version.FullName} is active; deactivate it before deleting it.`);
      const unfinished = await db
        .selectFrom('flow_interviews')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('FlowVersionViewId', '=', id)
        .where('InterviewStatus', 'in', ['Running', 'Paused'])
        .executeTakeFirst();
      const count = toCount(unfinished?.n);
      if (count > 0) {
        throw new DeleteFailedError(`Flow version ${version.FullName} has ${count} paused, waiting or running interview(s); let them finish or delete them first.`);
      }
      // A subflow frame records the version it runs (`Frame.version`) and resumes on it. Finding
      // those reads the unfinished interviews' states: a scan, but of an admin's rare operation.
      const inSubflows = await db
        .selectFrom('flow_interviews')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('InterviewStatus', 'in', ['Running', 'Paused'])
        .where('state', 'like', `%"version":"${id}"%`)
        .executeTakeFirst();
      const subflowCount = toCount(inSubflows?.n);
      if (subflowCount > 0) {
        throw new DeleteFailedError(`Flow version ${version.FullName} runs as a subflow in ${subflowCount} paused, waiting or running interview(s); let them finish or delete them first.`);
      }
      // Finished interviews do not keep a version alive (Salesforce does not keep them at all).
      await db.deleteFrom('flow_interviews').where('FlowVersionViewId', '=', id).execute();
      await db.deleteFrom('flow_versions').where('Id', '=', id).execute();
      const latest = await db.selectFrom('flow_versions').select('Id').where('DefinitionId', '=', version.DefinitionId).orderBy('VersionNumber', 'desc').executeTakeFirst();
      if (!latest) {
        await db.deleteFrom('setup_entity_access').where('SetupEntityId', '=', version.DefinitionId).execute();
        await db.deleteFrom('flow_definitions').where('Id', '=', version.DefinitionId).execute();
        return;
      }
      const definition = await db.selectFrom('flow_definitions').select('LatestVersionId').where('Id', '=', version.DefinitionId).executeTakeFirstOrThrow();
      if (definition.LatestVersionId === id) {
        const row = await db.selectFrom('flow_versions').select('ProcessType').where('Id', '=', latest.Id).executeTakeFirstOrThrow();
        await db.updateTable('flow_definitions').set({ LatestVersionId: latest.Id, ProcessType: row.ProcessType }).where('Id', '=', version.DefinitionId).execute();
      }
      await this.#refreshRestriction(db, version.DefinitionId);
    });
  }

  /** Activates a version inside a transaction; returns its definition Id. */
  async #activateIn(db: Kysely<Database>, versionId: string, actorId: string): Promise<string> {
    const version = await db.selectFrom('flow_versions').select(['Id', 'DefinitionId', 'Status', 'FullName']).where('Id', '=', versionId).executeTakeFirst();
    if (!version) throw new NotFoundError(`No flow version with Id ${versionId}.`, ['Id']);
    if (version.Status === 'InvalidDraft') throw new InvalidOperationError(`Flow version ${version.FullName} has validation errors and cannot be activated.`, ['Status']);
    const now = this.#ctx.now();
    const stamp = { LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now };
    await db.updateTable('flow_versions').set({ Status: 'Obsolete', ...stamp }).where('DefinitionId', '=', version.DefinitionId).where('Status', '=', 'Active').where('Id', '!=', versionId).execute();
    await db.updateTable('flow_versions').set({ Status: 'Active', ...stamp }).where('Id', '=', versionId).execute();
    await db.updateTable('flow_definitions').set({ ActiveVersionId: versionId, ...stamp }).where('Id', '=', version.DefinitionId).execute();
    await this.#refreshRestriction(db, version.DefinitionId);
    return version.DefinitionId;
  }

  /** The definition's restriction follows its active version, else its latest. */
  async #refreshRestriction(db: Kysely<Database>, definitionId: string): Promise<void> {
    const definition = await db.selectFrom('flow_definitions').select(['ActiveVersionId', 'LatestVersionId']).where('Id', '=', definitionId).executeTakeFirstOrThrow();
    const versionId = definition.ActiveVersionId ?? definition.LatestVersionId;
    if (!versionId) return;
    const version = await db.selectFrom('flow_versions').select('IsAdditionalPermissionRequiredToRun').where('Id', '=', versionId).executeTakeFirstOrThrow();
    await db.updateTable('flow_definitions').set({ IsAdditionalPermissionRequiredToRun: version.IsAdditionalPermissionRequiredToRun }).where('Id', '=', definitionId).execute();
  }
}
