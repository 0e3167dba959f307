/**
 * FlowInterview rows with their engine state, record and stage relations, shares and sharing
 * rules. Saves are optimistic (`update ... where Id = ? and version = ?`); lists apply the
 * FlowInterview access rule in SQL; the by-record list starts from the indexed
 * `FlowRecordRelation.RelatedRecordId` and joins interviews by primary key.
 */
import { sql } from 'kysely';
import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import type { InterviewState } from '../engine/index.js';
import { ConflictError, decideInterviewAccess, DuplicateValueError, FieldIntegrityError, INTERVIEW_STATUSES, interviewVisibility, InvalidCrossReferenceKeyError, InvalidPicklistValueError, KEY_PREFIXES, LimitExceededError, maxAccess, newId, NotFoundError, parseId, StorageBusyError } from '../runtime/index.js';
import type { AccessibleInterview, AccessLevel, AccessSubject, FlowInterviewShareRecord, FlowInterviewSummary, FlowRecordRelationRecord, FlowStageRelationRecord, GetForUserOptions, InterviewChanges, InterviewListQuery, InterviewSharingSettings, InterviewStatus, InterviewStore, NewInterview, NewSharingRule, NewStageRelation, RelationWriteOptions, SharingLookups, SharingModel, SharingRuleRecord, StoredInterview, Viewer } from '../runtime/index.js';
import type { Database, FlowInterviewSharesTable, FlowInterviewSharingRulesTable, FlowInterviewsTable } from './database-schema.js';
import { interviewVisibilitySql } from './interview-visibility.js';
import { readOrganization } from './kysely-settings-store.js';
import { developerNameFrom, formatAutonumber, fromBool, isValidDeveloperName, nextAutonumber, parseJson, toBool } from './sql-helpers.js';
import { runCompiled } from './compiled-queries.js';
import type { StoreContext } from './store-context.js';

/** Salesforce refuses to save a paused interview larger than 1 MB. */
export const MAX_STATE_BYTES = 1_000_000;
const DEFAULT_LIST_LIMIT = 200;
const MAX_LIST_LIMIT = 2000;

const SUMMARY_COLUMNS = [
  'Id', 'Name', 'Guid', 'InterviewLabel', 'PauseLabel', 'CurrentElement', 'InterviewStatus', 'OwnerId', 'WasPausedFromScreen',
  'FlowVersionViewId', 'Error', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'flow_definition_id', 'version',
] as const;

type SummaryRow = Pick<Selectable<FlowInterviewsTable>, (typeof SUMMARY_COLUMNS)[number]>;

function toSummary(row: SummaryRow): FlowInterviewSummary {
  return {
    Id: row.Id, Name: row.Name, Guid: row.Guid, InterviewLabel: row.InterviewLabel, PauseLabel: row.PauseLabel, CurrentElement: row.CurrentElement,
    InterviewStatus: row.InterviewStatus as InterviewStatus, OwnerId: row.OwnerId, WasPausedFromScreen: fromBool(row.WasPausedFromScreen),
    FlowVersionViewId: row.FlowVersionViewId, Error: row.Error, CreatedDate: row.CreatedDate, CreatedById: row.CreatedById,
    LastModifiedDate: row.LastModifiedDate, LastModifiedById: row.LastModifiedById, flowDefinitionId: row.flow_definition_id, version: Number(row.version),
  };
}

function toStored(row: Selectable<FlowInterviewsTable>): StoredInterview {
  return { ...toSummary(row), state: parseJson<InterviewState>(row.state) };
}

function toShare(row: Selectable<FlowInterviewSharesTable>): FlowInterviewShareRecord {
  return {
    Id: row.Id, ParentId: row.ParentId, UserOrGroupId: row.UserOrGroupId, AccessLevel: row.AccessLevel as FlowInterviewShareRecord['AccessLevel'],
    RowCause: row.RowCause as FlowInterviewShareRecord['RowCause'], LastModifiedDate: row.LastModifiedDate, LastModifiedById: row.LastModifiedById,
  };
}

function toRule(row: Selectable<FlowInterviewSharingRulesTable>): SharingRuleRecord {
  return {
    Id: row.Id, Name: row.Name, DeveloperName: row.DeveloperName, Description: row.Description, GroupId: row.GroupId, UserOrGroupId: row.UserOrGroupId,
    AccessLevel: row.AccessLevel as SharingRuleRecord['AccessLevel'], CreatedDate: row.CreatedDate, CreatedById: row.CreatedById,
    LastModifiedDate: row.LastModifiedDate, LastModifiedById: row.LastModifiedById,
  };
}

function serializeState(state: InterviewState): string {
  const json = JSON.stringify(state);
  if (Buffer.byteLength(json, 'utf8') > MAX_STATE_BYTES) {
    throw new LimitExceededError(`The interview's state is larger than 1 MB (${Buffer.byteLength(json, 'utf8')} bytes) and cannot be saved.`);
  }
  return json;
}

function checkStatus(status: string | undefined): void {
  if (status !== undefined && !(INTERVIEW_STATUSES as readonly string[]).includes(status)) {
    throw new InvalidPicklistValueError(`InterviewStatus: bad value for restricted picklist field: ${status}`, ['InterviewStatus']);
  }
}

/** The org's FlowInterview sharing settings. */
export async function readSharingSettings(db: Kysely<Database>): Promise<InterviewSharingSettings> {
  const org = await readOrganization(db);
  return { sharingModel: org.flow_interview_sharing_model as SharingModel, resumeSharedInterviews: fromBool(org.resume_shared_interviews) };
}

/** {@link InterviewStore} on Kysely. */
export class KyselyInterviewStore implements InterviewStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async create(input: NewInterview, actorId: string): Promise<StoredInterview> {
    const versionId = parseId(input.FlowVersionViewId, 'FlowVersionViewId');
    const ownerId = parseId(input.OwnerId, 'OwnerId');
    checkStatus(input.InterviewStatus);
    const state = serializeState(input.state);
    return this.#ctx.atomic(async (db) => {
      const version = await db.selectFrom('flow_versions').select('DefinitionId').where('Id', '=', versionId).executeTakeFirst();
      if (!version) throw new InvalidCrossReferenceKeyError(`FlowVersionViewId: invalid cross reference id: ${versionId}`, ['FlowVersionViewId']);
      const now = this.#ctx.now();
      const row = {
        Id: newId(KEY_PREFIXES.FlowInterview), Name: formatAutonumber('FI-{00000000}', await nextAutonumber(db, 'FlowInterview.Name'), now),
        Guid: input.Guid, InterviewLabel: input.InterviewLabel ?? null, PauseLabel: input.PauseLabel ?? null, CurrentElement: input.CurrentElement ?? null,
        InterviewStatus: input.InterviewStatus, OwnerId: ownerId, WasPausedFromScreen: toBool(input.WasPausedFromScreen), FlowVersionViewId: versionId,
        Error: input.Error ?? null, flow_definition_id: version.DefinitionId, state, version: 1,
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('flow_interviews').values(row).execute();
      return toStored(row);
    });
  }

  async get(id: string): Promise<StoredInterview | undefined> {
    const [row] = await runCompiled(this.#ctx, 'interviewById', (db) => db.selectFrom('flow_interviews').selectAll().where('Id', '=', ''), [parseId(id, 'Id')]);
    return row ? toStored(row) : undefined;
  }

  async getByGuid(guid: string): Promise<StoredInterview | undefined> {
    const row = await this.#ctx.db.selectFrom('flow_interviews').selectAll().where('Guid', '=', guid).executeTakeFirst();
    return row ? toStored(row) : undefined;
  }

  async getForUser(id: string, subject: AccessSubject, options: GetForUserOptions = {}): Promise<AccessibleInterview | undefined> {
    const interviewId = parseId(id, 'Id');
    // FOR UPDATE NOWAIT (PostgreSQL): a writer locks the row as it reads it; a second writer of
    // the same interview meanwhile is refused at once (CONFLICT) rather than waiting and then
    // applying its step to whatever the first one left. A writer that checks what it reads
    // (the version a navigate answers) waits instead, and finds out exactly where the first one
    // left it. SQLite's BEGIN IMMEDIATE serialises writers instead.
    const lock = options.forUpdate !== undefined && options.forUpdate !== false && this.#ctx.dialect === 'postgres';
    const byId = (d: Kysely<Database>) => d.selectFrom('flow_interviews').selectAll().where('Id', '=', '');
    const [row] = await (!lock
      ? runCompiled(this.#ctx, 'interviewById', byId, [interviewId])
      : options.forUpdate === 'wait'
        ? runCompiled(this.#ctx, 'interviewByIdForUpdateWait', (d) => byId(d).forUpdate(), [interviewId])
        : runCompiled(this.#ctx, 'interviewByIdForUpdate', (d) => byId(d).forUpdate().noWait(), [interviewId]).catch((error: unknown) => {
            if (error instanceof StorageBusyError) throw new ConflictError(`Interview ${interviewId} is being changed by another request; reload it and try again.`);
            throw error;
          }));
    if (!row) return undefined;
    const interview = toStored(row);
    const lookups = options.lookups ?? this.#lookups();
    const settings = await lookups.settings();
    const isOwner = interview.OwnerId === subject.userId;
    const groups = new Set(subject.groupIds);
    const subordinateRoles = new Set(subject.subordinateRoleIds);
    const ownerRole = isOwner ? subject.roleId : await lookups.roleOf(interview.OwnerId);
    let shareLevel: AccessLevel = 'None';
    let ruleLevel: AccessLevel = 'None';
    // The owner has full access: shares and sharing rules cannot add to it.
    if (!isOwner) {
      const shares = await runCompiled(this.#ctx, 'sharesOfInterview', (d) => d.selectFrom('flow_interview_shares').select(['UserOrGroupId', 'AccessLevel']).where('ParentId', '=', ''), [interview.Id]);
      const reaching: AccessLevel[] = [];
      for (const share of shares) {
        const target = share.UserOrGroupId;
        const toSubject = target === subject.userId || groups.has(target);
        const toSubordinate = !toSubject && subordinateRoles.size > 0 && subordinateRoles.has((await lookups.roleOf(target)) ?? '');
        if (toSubject || toSubordinate) reaching.push(share.AccessLevel as AccessLevel);
      }
      shareLevel = maxAccess(...reaching);
      if (groups.size > 0) {
        const ownerGroups = new Set(await lookups.groupsOf(interview.OwnerId));
        ruleLevel = maxAccess(
          ...(await lookups.sharingRules()).filter((r) => ownerGroups.has(r.GroupId) && groups.has(r.UserOrGroupId)).map((r) => r.AccessLevel as AccessLevel),
        );
      }
    }
    const access = decideInterviewAccess(
      subject,
      {
        isOwner,
        isOwnerGroupMember: groups.has(interview.OwnerId),
        ownedBySubordinate: ownerRole != null && subordinateRoles.has(ownerRole),
        shareLevel,
        ruleLevel,
        flowDefinitionId: interview.flowDefinitionId,
        flowRestricted: await lookups.flowRestricted(interview.flowDefinitionId),
      },
      settings,
    );
    return access.read ? { interview, access } : undefined;
  }

  /** {@link SharingLookups} read from the database on every call (no cache given). */
  #lookups(): SharingLookups {
    const db = this.#ctx.db;
    return {
      settings: () => readSharingSettings(db),
      roleOf: async (userId) => (await db.selectFrom('users').select('UserRoleId').where('Id', '=', userId).executeTakeFirst())?.UserRoleId ?? null,
      groupsOf: async (userId) => (await db.selectFrom('group_membership').select('group_id').where('user_id', '=', userId).execute()).map((g) => g.group_id),
      sharingRules: () => this.sharingRules(),
      flowRestricted: async (definitionId) =>
        fromBool((await db.selectFrom('flow_definitions').select('IsAdditionalPermissionRequiredToRun').where('Id', '=', definitionId).executeTakeFirst())?.IsAdditionalPermissionRequiredToRun),
    };
  }

  async save(id: string, expectedVersion: number, changes: InterviewChanges, actorId: string): Promise<StoredInterview> {
    const interviewId = parseId(id, 'Id');
    checkStatus(changes.InterviewStatus);
    const state = changes.state !== undefined ? serializeState(changes.state) : undefined;
    const ownerId = changes.OwnerId !== undefined ? parseId(changes.OwnerId, 'OwnerId') : undefined;
    // One statement: atomic on its own, and no lock is held across awaits.
    const db = this.#ctx.db;
    const now = this.#ctx.now();
    const row = await db
      .updateTable('flow_interviews')
      .set({
        ...(changes.InterviewStatus !== undefined ? { InterviewStatus: changes.InterviewStatus } : {}),
        ...(changes.InterviewLabel !== undefined ? { InterviewLabel: changes.InterviewLabel } : {}),
        ...(changes.CurrentElement !== undefined ? { CurrentElement: changes.CurrentElement } : {}),
        ...(changes.PauseLabel !== undefined ? { PauseLabel: changes.PauseLabel } : {}),
        ...(changes.WasPausedFromScreen !== undefined ? { WasPausedFromScreen: toBool(changes.WasPausedFromScreen) } : {}),
        ...(changes.Error !== undefined ? { Error: changes.Error } : {}),
        ...(ownerId !== undefined ? { OwnerId: ownerId } : {}),
        ...(state !== undefined ? { state } : {}),
        version: sql<number>`version + 1`,
        LastModifiedDate: now,
        LastModifiedById: actorId,
        SystemModstamp: now,
      })
      .where('Id', '=', interviewId)
      .where('version', '=', expectedVersion)
      .returningAll()
      .executeTakeFirst();
    if (row) return toStored(row);
    const current = await db.selectFrom('flow_interviews').select('version').where('Id', '=', interviewId).executeTakeFirst();
    if (!current) throw new NotFoundError(`No interview with Id ${interviewId}.`, ['Id']);
    throw new ConflictError(`Interview ${interviewId} was changed by someone else (version ${current.version}, expected ${expectedVersion}); reload it and try again.`);
  }

  async delete(id: string): Promise<void> {
    const result = await this.#ctx.db.deleteFrom('flow_interviews').where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`No interview with Id ${id}.`, ['Id']);
  }

  async list(query: InterviewListQuery, viewer: Viewer, settings?: InterviewSharingSettings): Promise<FlowInterviewSummary[]> {
    const rows = await this.listQuery(query, viewer === 'system' ? undefined : await this.#visibility(viewer, settings)).execute();
    return rows.map(toSummary);
  }

  /** The compiled list statement (for query-plan checks). */
  async compileList(query: InterviewListQuery, viewer: Viewer): Promise<CompiledQuery> {
    return this.listQuery(query, viewer === 'system' ? undefined : await this.#visibility(viewer)).compile();
  }

  /** The list statement; `visibility` undefined means no sharing filter. */
  listQuery(query: InterviewListQuery, visibility: ReturnType<typeof interviewVisibility> | undefined) {
    const limit = Math.max(1, Math.min(query.limit ?? DEFAULT_LIST_LIMIT, MAX_LIST_LIMIT));
    let q = this.#ctx.db.selectFrom('flow_interviews as fi').select(SUMMARY_COLUMNS.map((c) => `fi.${c}` as const));
    if (query.relatedRecordId !== undefined) {
      q = q.innerJoin('flow_record_relations as frr', 'frr.ParentId', 'fi.Id').where('frr.RelatedRecordId', '=', parseId(query.relatedRecordId, 'RelatedRecordId'));
    }
    if (query.ownerId !== undefined) q = q.where('fi.OwnerId', '=', parseId(query.ownerId, 'OwnerId'));
    if (query.flowDefinitionId !== undefined) q = q.where('fi.flow_definition_id', '=', parseId(query.flowDefinitionId, 'flowDefinitionId'));
    if (query.flowVersionId !== undefined) q = q.where('fi.FlowVersionViewId', '=', parseId(query.flowVersionId, 'FlowVersionViewId'));
    if (query.statuses !== undefined) q = query.statuses.length === 0 ? q.where(sql<boolean>`1 = 0`) : q.where('fi.InterviewStatus', 'in', [...query.statuses]);
    if (query.waiting !== undefined) {
      q = q.where('fi.InterviewStatus', '=', 'Paused').where('fi.WasPausedFromScreen', '=', query.waiting ? 0 : 1);
    }
    if (visibility) q = q.where(sql<boolean>`${interviewVisibilitySql(visibility, 'fi')}`);
    return q.orderBy('fi.LastModifiedDate', 'desc').orderBy('fi.Id', 'desc').limit(limit).offset(Math.max(0, query.offset ?? 0));
  }

  async setRecordRelations(interviewId: string, relatedRecordIds: readonly string[], actorId: string, options: RelationWriteOptions = {}): Promise<FlowRecordRelationRecord[]> {
    const parentId = parseId(interviewId, 'ParentId');
    const ids = [...new Set(relatedRecordIds.map((id) => parseId(id, 'RelatedRecordId')))];
    return this.#ctx.atomic(async (db) => {
      if (options.parentChecked !== true) await this.#assertInterview(db, parentId);
      await db.deleteFrom('flow_record_relations').where('ParentId', '=', parentId).execute();
      const now = this.#ctx.now();
      const rows = [];
      for (const relatedId of ids) {
        const row = {
          Id: newId(KEY_PREFIXES.FlowRecordRelation), Name: formatAutonumber('FRR-{00000000}', await nextAutonumber(db, 'FlowRecordRelation.Name'), now),
          ParentId: parentId, RelatedRecordId: relatedId,
          CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
        };
        await db.insertInto('flow_record_relations').values(row).execute();
        rows.push(row);
      }
      return rows.map(({ Id, Name, ParentId, RelatedRecordId, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById }) => ({
        Id, Name, ParentId, RelatedRecordId, CreatedDate, CreatedById, LastModifiedDate, LastModifiedById,
      }));
    });
  }

  async recordRelations(interviewId: string): Promise<FlowRecordRelationRecord[]> {
    return this.#ctx.db
      .selectFrom('flow_record_relations')
      .select(['Id', 'Name', 'ParentId', 'RelatedRecordId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'])
      .where('ParentId', '=', parseId(interviewId, 'ParentId'))
      .orderBy('Name')
      .execute();
  }

  async setStageRelations(interviewId: string, stages: readonly NewStageRelation[], actorId: string, options: RelationWriteOptions = {}): Promise<FlowStageRelationRecord[]> {
    const parentId = parseId(interviewId, 'ParentId');
    for (const stage of stages) {
      if (stage.StageType !== 'Current' && stage.StageType !== 'Active') throw new InvalidPicklistValueError(`StageType: bad value for restricted picklist field: ${String(stage.StageType)}`, ['StageType']);
    }
    return this.#ctx.atomic(async (db) => {
      if (options.parentChecked !== true) await this.#assertInterview(db, parentId);
      await db.deleteFrom('flow_stage_relations').where('ParentId', '=', parentId).execute();
      const now = this.#ctx.now();
      const rows: FlowStageRelationRecord[] = [];
      for (const stage of stages) {
        const row = {
          Id: newId(KEY_PREFIXES.FlowStageRelation), Name: formatAutonumber('FSR-{00000000}', await nextAutonumber(db, 'FlowStageRelation.Name'), now),
          ParentId: parentId, StageLabel: stage.StageLabel, StageOrder: stage.StageOrder, StageType: stage.StageType,
          CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
        };
        await db.insertInto('flow_stage_relations').values(row).execute();
        rows.push({ Id: row.Id, Name: row.Name, ParentId: parentId, StageLabel: row.StageLabel, StageOrder: row.StageOrder, StageType: stage.StageType, CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId });
      }
      return rows;
    });
  }

  async stageRelations(interviewId: string): Promise<FlowStageRelationRecord[]> {
    const rows = await this.#ctx.db
      .selectFrom('flow_stage_relations')
      .select(['Id', 'Name', 'ParentId', 'StageLabel', 'StageOrder', 'StageType', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById'])
      .where('ParentId', '=', parseId(interviewId, 'ParentId'))
      .orderBy('StageType', 'desc')
      .orderBy('StageOrder')
      .execute();
    return rows.map((r) => ({ ...r, StageOrder: Number(r.StageOrder), StageType: r.StageType as NewStageRelation['StageType'] }));
  }

  async share(interviewId: string, userOrGroupId: string, accessLevel: 'Read' | 'Edit', actorId: string): Promise<FlowInterviewShareRecord> {
    const parentId = parseId(interviewId, 'ParentId');
    const target = parseId(userOrGroupId, 'UserOrGroupId');
    if (accessLevel !== 'Read' && accessLevel !== 'Edit') throw new InvalidPicklistValueError(`AccessLevel: bad value for restricted picklist field: ${String(accessLevel)}`, ['AccessLevel']);
    return this.#ctx.atomic(async (db) => {
      await this.#assertInterview(db, parentId);
      const isUser = await db.selectFrom('users').select('Id').where('Id', '=', target).executeTakeFirst();
      const isGroup = !isUser && (await db.selectFrom('groups').select('Id').where('Id', '=', target).executeTakeFirst());
      if (!isUser && !isGroup) throw new InvalidCrossReferenceKeyError(`UserOrGroupId: invalid cross reference id: ${target}`, ['UserOrGroupId']);
      const now = this.#ctx.now();
      await db
        .insertInto('flow_interview_shares')
        .values({ Id: newId(KEY_PREFIXES.FlowInterviewShare), ParentId: parentId, UserOrGroupId: target, AccessLevel: accessLevel, RowCause: 'Manual', LastModifiedDate: now, LastModifiedById: actorId, IsDeleted: 0 })
        .onConflict((oc) => oc.columns(['ParentId', 'UserOrGroupId', 'RowCause']).doUpdateSet({ AccessLevel: accessLevel, LastModifiedDate: now, LastModifiedById: actorId }))
        .execute();
      return toShare(
        await db.selectFrom('flow_interview_shares').selectAll().where('ParentId', '=', parentId).where('UserOrGroupId', '=', target).where('RowCause', '=', 'Manual').executeTakeFirstOrThrow(),
      );
    });
  }

  async unshare(interviewId: string, userOrGroupId: string): Promise<void> {
    await this.#ctx.db
      .deleteFrom('flow_interview_shares')
      .where('ParentId', '=', parseId(interviewId, 'ParentId'))
      .where('UserOrGroupId', '=', parseId(userOrGroupId, 'UserOrGroupId'))
      .where('RowCause', '=', 'Manual')
      .execute();
  }

  async shares(interviewId: string): Promise<FlowInterviewShareRecord[]> {
    const rows = await this.#ctx.db.selectFrom('flow_interview_shares').selectAll().where('ParentId', '=', parseId(interviewId, 'ParentId')).orderBy('Id').execute();
    return rows.map(toShare);
  }

  async addSharingRule(rule: NewSharingRule, actorId: string): Promise<SharingRuleRecord> {
    const developerName = rule.DeveloperName ?? developerNameFrom(rule.Name);
    if (!isValidDeveloperName(developerName)) throw new FieldIntegrityError(`DeveloperName: "${developerName}" is not a valid API name.`, ['DeveloperName']);
    if (rule.AccessLevel !== 'Read' && rule.AccessLevel !== 'Edit') throw new InvalidPicklistValueError(`AccessLevel: bad value for restricted picklist field: ${String(rule.AccessLevel)}`, ['AccessLevel']);
    const source = parseId(rule.GroupId, 'GroupId');
    const target = parseId(rule.UserOrGroupId, 'UserOrGroupId');
    return this.#ctx.atomic(async (db) => {
      for (const [field, id] of [['GroupId', source], ['UserOrGroupId', target]] as const) {
        if (!(await db.selectFrom('groups').select('Id').where('Id', '=', id).executeTakeFirst())) throw new InvalidCrossReferenceKeyError(`${field}: invalid cross reference id: ${id}`, [field]);
      }
      if (await db.selectFrom('flow_interview_sharing_rules').select('Id').where('DeveloperName', '=', developerName).executeTakeFirst()) {
        throw new DuplicateValueError(`duplicate value found: DeveloperName ${developerName}`, ['DeveloperName']);
      }
      const now = this.#ctx.now();
      const row = {
        Id: newId(KEY_PREFIXES.FlowInterviewOwnerSharingRule), Name: rule.Name, DeveloperName: developerName, Description: rule.Description ?? null,
        GroupId: source, UserOrGroupId: target, AccessLevel: rule.AccessLevel,
        CreatedDate: now, CreatedById: actorId, LastModifiedDate: now, LastModifiedById: actorId, SystemModstamp: now, IsDeleted: 0,
      };
      await db.insertInto('flow_interview_sharing_rules').values(row).execute();
      return toRule(row);
    });
  }

  async sharingRules(): Promise<SharingRuleRecord[]> {
    return (await this.#ctx.db.selectFrom('flow_interview_sharing_rules').selectAll().orderBy('DeveloperName').execute()).map(toRule);
  }

  async deleteSharingRule(id: string): Promise<void> {
    const result = await this.#ctx.db.deleteFrom('flow_interview_sharing_rules').where('Id', '=', parseId(id, 'Id')).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new NotFoundError(`No sharing rule with Id ${id}.`, ['Id']);
  }

  async #visibility(subject: AccessSubject, settings?: InterviewSharingSettings) {
    return interviewVisibility(subject, settings ?? (await readSharingSettings(this.#ctx.db)));
  }

  async #assertInterview(db: Kysely<Database>, id: string): Promise<void> {
    if (!(await db.selectFrom('flow_interviews').select('Id').where('Id', '=', id).executeTakeFirst())) throw new NotFoundError(`No interview with Id ${id}.`, ['ParentId']);
  }
}
