// Over 400 lines: the typed client of every API operation the UI calls, one short method each.
/**
 * The operations the UI performs, each one call (or a few) of Eddy's public REST API: the web
 * session, describes and records, flows, interviews (the seed's Flow REST operations and SOQL),
 * and Eddy's flow runtime API (screen model, navigation, resume). Every path the UI uses is here.
 */
import type { FlowValue, NavigationAction, ScreenModel } from '../../../engine/index.js';
import type { DeployFile, DeployResult } from '../../../runtime/index.js';
import type { ApiClient } from './api-client.js';
import { ApiError } from './api-error.js';
import { isSalesforceId, soqlId, soqlIdList, soqlName, soqlString } from './soql.js';

/** User permissions that gate parts of the UI (Setup, admin counts, delete). */
export interface UserPermissionFlags {
  readonly runFlows: boolean;
  readonly manageFlow: boolean;
  readonly customizeApplication: boolean;
  readonly viewAllData: boolean;
  /** Manage Users: create and edit users, assign permission sets, manage groups and queues. */
  readonly manageUsers: boolean;
}

/** The signed-in user. */
export interface CurrentUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly email: string | null;
  readonly organizationId: string | null;
  readonly permissions: UserPermissionFlags;
}

/** What `GET /web/session` answers when a session exists. */
export interface WebSession {
  readonly user: CurrentUser;
  readonly csrfToken: string;
}

/** An object of the global describe. */
export interface ObjectSummary {
  readonly name: string;
  readonly label: string;
  readonly labelPlural?: string;
  readonly keyPrefix: string | null;
  readonly queryable?: boolean;
}

/** A field of an object describe. */
export interface FieldDescribe {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly referenceTo?: readonly string[];
  readonly relationshipName?: string | null;
  readonly nameField?: boolean;
  readonly picklistValues?: readonly { readonly value: string; readonly label: string; readonly active?: boolean }[];
}

/** An object describe. */
export interface ObjectDescribe {
  readonly name: string;
  readonly label: string;
  readonly keyPrefix: string | null;
  readonly fields: readonly FieldDescribe[];
}

/** A record as the REST API returns it. */
export interface SObjectRecord {
  readonly attributes?: { readonly type: string; readonly url?: string };
  readonly Id: string;
  readonly [field: string]: unknown;
}

/** A flow a user can launch. */
export interface LaunchableFlow {
  readonly apiName: string;
  readonly label: string;
  readonly description: string | null;
}

/** What the runtime API says about an interview after a read or a navigation. */
export type InterviewView =
  | { readonly kind: 'screen'; readonly interviewId: string; readonly flowLabel: string | null; readonly screen: ScreenModel; readonly version: number | undefined }
  | { readonly kind: 'paused'; readonly interviewId: string; readonly flowLabel: string | null; readonly pausedText: string | null }
  | { readonly kind: 'waiting'; readonly interviewId: string; readonly flowLabel: string | null }
  | { readonly kind: 'finished'; readonly interviewId: string; readonly flowLabel: string | null; readonly outputs: Record<string, FlowValue> }
  | { readonly kind: 'failed'; readonly interviewId: string; readonly flowLabel: string | null; readonly message: string };

/** A FlowInterview row as the UI lists it. */
export interface InterviewRow {
  readonly id: string;
  readonly label: string | null;
  readonly pauseReason: string | null;
  /** When it was last paused (`LastModifiedDate` of a paused interview). */
  readonly pausedDate: string | null;
  readonly createdDate: string | null;
  readonly currentElement: string | null;
  readonly ownerId: string | null;
  readonly ownerName: string | null;
  readonly status: string | null;
  /** False for interviews waiting on a Wait element (they resume by themselves). */
  readonly wasPausedFromScreen: boolean;
  readonly flowVersionId: string | null;
}

/** Where a paused interview lives now. */
export interface InterviewRelation {
  readonly interviewId: string;
  readonly recordId: string;
}

interface RelationRow {
  readonly ParentId: string;
  readonly RelatedRecordId?: string;
  readonly Parent?: InterviewFields | null;
}

interface InterviewFields {
  readonly Id?: string;
  readonly InterviewLabel?: string | null;
  readonly PauseLabel?: string | null;
  readonly CurrentElement?: string | null;
  readonly CreatedDate?: string | null;
  readonly LastModifiedDate?: string | null;
  readonly OwnerId?: string | null;
  readonly Owner?: { readonly Name?: string | null } | null;
  readonly InterviewStatus?: string | null;
  readonly WasPausedFromScreen?: boolean | null;
  readonly FlowVersionViewId?: string | null;
}

const INTERVIEW_FIELDS = ['InterviewLabel', 'PauseLabel', 'CurrentElement', 'CreatedDate', 'LastModifiedDate', 'OwnerId', 'Owner.Name', 'InterviewStatus', 'WasPausedFromScreen', 'FlowVersionViewId'];

function interviewRow(id: string, fields: InterviewFields): InterviewRow {
  return {
    id,
    label: fields.InterviewLabel ?? null,
    pauseReason: fields.PauseLabel ?? null,
    pausedDate: fields.LastModifiedDate ?? fields.CreatedDate ?? null,
    createdDate: fields.CreatedDate ?? null,
    currentElement: fields.CurrentElement ?? null,
    ownerId: fields.OwnerId ?? null,
    ownerName: fields.Owner?.Name ?? null,
    status: fields.InterviewStatus ?? null,
    wasPausedFromScreen: fields.WasPausedFromScreen ?? true,
    flowVersionId: fields.FlowVersionViewId ?? null,
  };
}

/** Paths of Eddy's flow runtime API, relative to `/services/data/vNN.N`. */
export const RUNTIME_PATHS = {
  start: '/eddy/interviews',
  screen: (id: string) => `/eddy/interviews/${encodeURIComponent(id)}/screen`,
  navigate: (id: string) => `/eddy/interviews/${encodeURIComponent(id)}/navigate`,
  resume: (id: string) => `/eddy/interviews/${encodeURIComponent(id)}/resume`,
  preview: (id: string) => `/eddy/interviews/${encodeURIComponent(id)}/preview`,
  deploy: '/eddy/deploy',
};

/** The UI's API: typed operations over an {@link ApiClient}. */
export class EddyApi {
  readonly client: ApiClient;
  #objects: Promise<ObjectSummary[]> | undefined;
  readonly #describes = new Map<string, Promise<ObjectDescribe>>();

  constructor(client: ApiClient) {
    this.client = client;
  }

  // -------------------------------------------------------------------------------------------
  // Web session (cookie sign-in of the web UI)

  /** The current web session, or undefined when signed out. */
  async session(): Promise<WebSession | undefined> {
    try {
      return await this.client.request<WebSession>('GET', '/web/session');
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return undefined;
      throw error;
    }
  }

  /** Signs in with a username and password; the server sets the session cookie. */
  signIn(username: string, password: string): Promise<WebSession> {
    return this.client.request<WebSession>('POST', '/web/session', { username, password });
  }

  /** Signs out: the server revokes the session's token and clears the cookie. */
  async signOut(): Promise<void> {
    await this.client.request<void>('DELETE', '/web/session');
  }

  // -------------------------------------------------------------------------------------------
  // Describes and records

  /** The global describe (cached). */
  objects(): Promise<ObjectSummary[]> {
    this.#objects ??= this.client.get<{ sobjects: ObjectSummary[] }>('/sobjects').then((body) => body.sobjects);
    this.#objects.catch(() => (this.#objects = undefined));
    return this.#objects;
  }

  /** The object whose key prefix starts `id`, if the describe knows it. */
  async objectOfId(id: string): Promise<ObjectSummary | undefined> {
    const prefix = id.slice(0, 3);
    return (await this.objects()).find((object) => object.keyPrefix === prefix);
  }

  /** An object's describe (cached). */
  describe(objectName: string): Promise<ObjectDescribe> {
    const key = objectName.toLowerCase();
    let describe = this.#describes.get(key);
    if (describe === undefined) {
      describe = this.client.get<ObjectDescribe>(`/sobjects/${encodeURIComponent(soqlName(objectName))}/describe`);
      describe.catch(() => this.#describes.delete(key));
      this.#describes.set(key, describe);
    }
    return describe;
  }

  /** A record with all its fields. */
  async record(objectName: string, id: string): Promise<SObjectRecord> {
    soqlId(id);
    try {
      return await this.client.get<SObjectRecord>(`/sobjects/${encodeURIComponent(soqlName(objectName))}/${encodeURIComponent(id)}`);
    } catch (error) {
      // Servers without a record retrieve resource still answer SOQL over the described fields.
      if (!(error instanceof ApiError) || (error.status !== 404 && error.status !== 405) || error.errorCode !== 'NOT_FOUND_RESOURCE') throw error;
    }
    const describe = await this.describe(objectName);
    const fields = describe.fields.filter((field) => field.type !== 'address' && field.type !== 'location').map((field) => field.name);
    const rows = await this.client.query<SObjectRecord>(`SELECT ${fields.join(', ')} FROM ${soqlName(describe.name)} WHERE Id = ${soqlId(id)}`);
    const row = rows[0];
    if (row === undefined) throw new ApiError(404, [{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
    return row;
  }

  /** The display names of records by Id (`Name`, or a Case's `CaseNumber`...), for links. */
  async recordNames(ids: readonly string[]): Promise<Map<string, { objectName: string; name: string }>> {
    const names = new Map<string, { objectName: string; name: string }>();
    const byObject = new Map<string, string[]>();
    for (const id of new Set(ids.filter(isSalesforceId))) {
      const object = await this.objectOfId(id);
      if (object === undefined) continue;
      byObject.set(object.name, [...(byObject.get(object.name) ?? []), id]);
    }
    for (const [objectName, objectIds] of byObject) {
      try {
        const describe = await this.describe(objectName);
        const nameField = describe.fields.find((field) => field.nameField === true)?.name ?? 'Name';
        const rows = await this.client.query<SObjectRecord>(`SELECT Id, ${soqlName(nameField)} FROM ${soqlName(objectName)} WHERE Id IN ${soqlIdList(objectIds)}`);
        for (const row of rows) names.set(row.Id, { objectName, name: String(row[nameField] ?? row.Id) });
      } catch {
        for (const id of objectIds) names.set(id, { objectName, name: id });
      }
    }
    return names;
  }

  // -------------------------------------------------------------------------------------------
  // Flows

  /** Active screen flows the user may launch. */
  async launchableFlows(): Promise<LaunchableFlow[]> {
    const rows = await this.client.query<{ ApiName: string; Label: string; Description: string | null }>(
      "SELECT ApiName, Label, Description FROM FlowDefinitionView WHERE IsActive = true AND ProcessType = 'Flow' ORDER BY Label",
    );
    return rows.map((row) => ({ apiName: row.ApiName, label: row.Label, description: row.Description ?? null }));
  }

  /** A flow's label by API name (for the runner's title), or null. */
  async flowLabel(apiName: string): Promise<string | null> {
    const rows = await this.client.query<{ Label: string }>(`SELECT Label FROM FlowDefinitionView WHERE ApiName = ${soqlString(apiName)}`);
    return rows[0]?.Label ?? null;
  }

  // -------------------------------------------------------------------------------------------
  // Interviews: start, read, navigate, resume, delete

  /** Starts a flow through the runtime API (`recordId` becomes its `recordId` input when it has one); a screen flow stops at its first screen. */
  async startInterview(apiName: string, recordId: string | undefined): Promise<InterviewView> {
    const body = await this.client.request<RuntimeBody>('POST', this.client.dataPath(RUNTIME_PATHS.start), { flowApiName: apiName, ...(recordId === undefined ? {} : { recordId }) });
    return toInterviewView('', body);
  }

  /** The interview's current screen (or its end) through the runtime API. */
  async interviewView(id: string): Promise<InterviewView> {
    return toInterviewView(id, await this.client.get<RuntimeBody>(RUNTIME_PATHS.screen(id)));
  }

  /**
   * NEXT, BACK, PAUSE (with a reason) or FINISH with the values entered on `screen` (its name),
   * seen at the interview's `version`: a screen changed meanwhile — another tab or a second click
   * submitted it first — is refused (409 `CONFLICT`) instead of submitting a screen not shown.
   */
  async navigate(id: string, action: NavigationAction, values: Record<string, FlowValue>, options: { readonly screen: string; readonly pauseReason?: string; readonly version?: number | undefined }): Promise<InterviewView> {
    const body: Record<string, unknown> = { action, values, screen: options.screen };
    const pauseReason = options.pauseReason;
    if (options.version !== undefined) body.version = options.version;
    if (action === 'PAUSE' && pauseReason !== undefined && pauseReason.trim() !== '') body.pauseReason = pauseReason;
    return toInterviewView(id, await this.client.request<RuntimeBody>('POST', this.client.dataPath(RUNTIME_PATHS.navigate(id)), body));
  }

  /** The shown screen as it would be with `values` entered (visibility, display text); nothing is stored. */
  async previewScreen(id: string, values: Record<string, FlowValue>, signal?: AbortSignal): Promise<ScreenModel | undefined> {
    const body = await this.client.request<RuntimeBody>('POST', this.client.dataPath(RUNTIME_PATHS.preview(id)), { values }, signal === undefined ? {} : { signal });
    return body.screen;
  }

  /** Resumes a paused interview; answers its screen. */
  async resume(id: string): Promise<InterviewView> {
    return toInterviewView(id, await this.client.request<RuntimeBody>('POST', this.client.dataPath(RUNTIME_PATHS.resume(id)), {}));
  }

  /** Deletes an interview (the seed's `DELETE /sobjects/FlowInterview/{id}`). */
  async deleteInterview(id: string): Promise<void> {
    await this.client.request<void>('DELETE', this.client.dataPath(`/sobjects/FlowInterview/${encodeURIComponent(id)}`));
  }

  /** One interview row, or undefined when it does not exist or is not visible. */
  async interview(id: string): Promise<InterviewRow | undefined> {
    const rows = await this.client.query<InterviewFields & { Id: string }>(`SELECT Id, ${INTERVIEW_FIELDS.join(', ')} FROM FlowInterview WHERE Id = ${soqlId(id)}`);
    const row = rows[0];
    return row === undefined ? undefined : interviewRow(row.Id, row);
  }

  /** Interviews related to a record through FlowRecordRelation that the user may see (paused or waiting). */
  async pausedInterviewsOfRecord(recordId: string): Promise<InterviewRow[]> {
    const fields = INTERVIEW_FIELDS.map((field) => `Parent.${field}`).join(', ');
    const rows = await this.client.query<RelationRow>(`SELECT ParentId, ${fields} FROM FlowRecordRelation WHERE RelatedRecordId = ${soqlId(recordId)}`);
    return sortByPausedDate(
      rows.filter((row) => row.Parent !== null && row.Parent !== undefined && (row.Parent.InterviewStatus ?? 'Paused') === 'Paused').map((row) => interviewRow(row.ParentId, row.Parent ?? {})),
    );
  }

  /** Where each of these interviews is related now (interviews without a relation are left out). */
  async relationsOf(interviewIds: readonly string[]): Promise<InterviewRelation[]> {
    const ids = interviewIds.filter(isSalesforceId);
    if (ids.length === 0) return [];
    const rows = await this.client.query<RelationRow>(`SELECT ParentId, RelatedRecordId FROM FlowRecordRelation WHERE ParentId IN ${soqlIdList(ids)}`);
    return rows.filter((row) => row.RelatedRecordId !== undefined).map((row) => ({ interviewId: row.ParentId, recordId: row.RelatedRecordId ?? '' }));
  }

  /** Paused interviews (from screens or waiting) the user may see, optionally only theirs. */
  async pausedInterviews(options: { readonly ownerId?: string; readonly limit?: number } = {}): Promise<InterviewRow[]> {
    const where = ["InterviewStatus = 'Paused'"];
    if (options.ownerId !== undefined) where.push(`OwnerId = ${soqlId(options.ownerId)}`);
    const rows = await this.client.query<InterviewFields & { Id: string }>(
      `SELECT Id, ${INTERVIEW_FIELDS.join(', ')} FROM FlowInterview WHERE ${where.join(' AND ')} ORDER BY LastModifiedDate DESC`,
      { maxRecords: options.limit ?? 2000 },
    );
    return rows.map((row) => interviewRow(row.Id, row));
  }

  // -------------------------------------------------------------------------------------------
  // Setup

  /** Flow versions with their definitions (Tooling `Flow`). */
  async flowVersions(): Promise<FlowVersionRow[]> {
    const rows = await this.client.query<{
      Id: string;
      MasterLabel: string;
      VersionNumber: number;
      Status: string;
      ProcessType: string;
      LastModifiedDate?: string;
      Definition?: { DeveloperName?: string } | null;
      DefinitionId?: string;
    }>('SELECT Id, MasterLabel, VersionNumber, Status, ProcessType, LastModifiedDate, DefinitionId, Definition.DeveloperName FROM Flow', { tooling: true });
    return rows.map((row) => ({
      id: row.Id,
      label: row.MasterLabel,
      apiName: row.Definition?.DeveloperName ?? null,
      definitionId: row.DefinitionId ?? null,
      versionNumber: row.VersionNumber,
      status: row.Status,
      processType: row.ProcessType,
      lastModifiedDate: row.LastModifiedDate ?? null,
    }));
  }

  /** Activates (`Active`) or deactivates (`Obsolete`) a flow version (the seed's `PATCH /sobjects/Flow/{id}`). */
  async setFlowStatus(versionId: string, status: 'Active' | 'Obsolete'): Promise<void> {
    await this.client.request<void>('PATCH', this.client.dataPath(`/sobjects/Flow/${encodeURIComponent(versionId)}`), { Status: status });
  }

  /** Deploys flow and object metadata files (flows become new versions; `activate` activates them). */
  deploy(files: readonly DeployFile[], options: { readonly activate: boolean }): Promise<DeployResult> {
    return this.client.request<DeployResult>('POST', this.client.dataPath(RUNTIME_PATHS.deploy), { files, activate: options.activate });
  }

  /** Users (SOQL on User). */
  users(): Promise<UserRow[]> {
    return this.client.query<UserRow>('SELECT Id, Name, Username, Email, IsActive, UserRoleId, UserType FROM User ORDER BY Name');
  }

  /** Roles (SOQL on UserRole). */
  roles(): Promise<RoleRow[]> {
    return this.client.query<RoleRow>('SELECT Id, Name FROM UserRole ORDER BY Name');
  }

  /** Permission sets (SOQL on PermissionSet). */
  permissionSets(): Promise<PermissionSetRow[]> {
    return this.client.query<PermissionSetRow>('SELECT Id, Name, Label FROM PermissionSet ORDER BY Label');
  }

  /** Who holds which permission set (SOQL on PermissionSetAssignment). */
  permissionSetAssignments(): Promise<PermissionSetAssignmentRow[]> {
    return this.client.query<PermissionSetAssignmentRow>('SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment');
  }

  /** Creates a user (`POST /sobjects/User`, Manage Users); answers the new Id. */
  async createUser(fields: NewUserFields): Promise<string> {
    return (await this.client.request<SaveResult>('POST', this.client.dataPath('/sobjects/User'), fields)).id;
  }

  /** Activates or deactivates a user (`PATCH /sobjects/User/{id}` `IsActive`); a deactivated user's sessions end. */
  async setUserActive(userId: string, active: boolean): Promise<void> {
    await this.client.request<void>('PATCH', this.client.dataPath(`/sobjects/User/${encodeURIComponent(userId)}`), { IsActive: active });
  }

  /** Assigns a permission set (`POST /sobjects/PermissionSetAssignment`); answers the assignment Id. */
  async assignPermissionSet(userId: string, permissionSetId: string): Promise<string> {
    return (await this.client.request<SaveResult>('POST', this.client.dataPath('/sobjects/PermissionSetAssignment'), { AssigneeId: userId, PermissionSetId: permissionSetId })).id;
  }

  /** Takes a permission set back (`DELETE /sobjects/PermissionSetAssignment/{id}`). */
  async removePermissionSetAssignment(assignmentId: string): Promise<void> {
    await this.client.request<void>('DELETE', this.client.dataPath(`/sobjects/PermissionSetAssignment/${encodeURIComponent(assignmentId)}`));
  }

  /** Creates a public group (`Regular`) or a queue (`POST /sobjects/Group`); answers the new Id. */
  async createGroup(name: string, type: 'Regular' | 'Queue'): Promise<string> {
    return (await this.client.request<SaveResult>('POST', this.client.dataPath('/sobjects/Group'), { Name: name, Type: type })).id;
  }

  /** Deletes a public group or queue (`DELETE /sobjects/Group/{id}`). */
  async deleteGroup(groupId: string): Promise<void> {
    await this.client.request<void>('DELETE', this.client.dataPath(`/sobjects/Group/${encodeURIComponent(groupId)}`));
  }

  /** Adds a user or group to a group or queue (`POST /sobjects/GroupMember`). */
  async addGroupMember(groupId: string, userOrGroupId: string): Promise<string> {
    return (await this.client.request<SaveResult>('POST', this.client.dataPath('/sobjects/GroupMember'), { GroupId: groupId, UserOrGroupId: userOrGroupId })).id;
  }

  /** Removes a membership (`DELETE /sobjects/GroupMember/{id}`). */
  async removeGroupMember(memberId: string): Promise<void> {
    await this.client.request<void>('DELETE', this.client.dataPath(`/sobjects/GroupMember/${encodeURIComponent(memberId)}`));
  }

  /** Public groups and queues with their members (SOQL on Group and GroupMember). */
  async groups(): Promise<{ groups: GroupRow[]; members: GroupMemberRow[] }> {
    const groups = await this.client.query<GroupRow>("SELECT Id, Name, DeveloperName, Type FROM Group WHERE Type IN ('Regular', 'Queue') ORDER BY Name");
    const members = groups.length === 0 ? [] : await this.client.query<GroupMemberRow>(`SELECT Id, GroupId, UserOrGroupId FROM GroupMember WHERE GroupId IN ${soqlIdList(groups.map((group) => group.Id))}`);
    return { groups, members };
  }

  /** Manual and rule shares of interviews (SOQL on FlowInterviewShare; the owners' rows are left out). */
  interviewShares(): Promise<ShareRow[]> {
    return this.client.query<ShareRow>("SELECT Id, ParentId, UserOrGroupId, AccessLevel, RowCause FROM FlowInterviewShare WHERE RowCause != 'Owner'");
  }
}

/** A flow version row of Setup → Flows. */
export interface FlowVersionRow {
  readonly id: string;
  readonly label: string;
  readonly apiName: string | null;
  readonly definitionId: string | null;
  readonly versionNumber: number;
  readonly status: string;
  readonly processType: string;
  readonly lastModifiedDate: string | null;
}

/** A User row of Setup → Users. */
export interface UserRow {
  readonly Id: string;
  readonly Name: string;
  readonly Username: string;
  readonly Email: string;
  readonly IsActive: boolean;
  readonly UserRoleId: string | null;
  /** `Standard`, or `AutomatedProcess` for the org's own user (which cannot be changed). */
  readonly UserType?: string;
}

/** A UserRole row. */
export interface RoleRow {
  readonly Id: string;
  readonly Name: string;
}

/** A PermissionSet row. */
export interface PermissionSetRow {
  readonly Id: string;
  readonly Name: string;
  readonly Label: string;
}

/** A PermissionSetAssignment row. */
export interface PermissionSetAssignmentRow {
  readonly Id: string;
  readonly AssigneeId: string;
  readonly PermissionSetId: string;
}

/** What the New User form sends. */
export interface NewUserFields {
  readonly FirstName?: string;
  readonly LastName: string;
  readonly Username: string;
  readonly Email: string;
  readonly UserRoleId?: string;
}

/** Salesforce's answer to a create. */
interface SaveResult {
  readonly id: string;
}

/** A Group row. */
export interface GroupRow {
  readonly Id: string;
  readonly Name: string;
  readonly DeveloperName: string;
  readonly Type: string;
}

/** A GroupMember row. */
export interface GroupMemberRow {
  readonly Id: string;
  readonly GroupId: string;
  readonly UserOrGroupId: string;
}

/** A FlowInterviewShare row. */
export interface ShareRow {
  readonly Id: string;
  readonly ParentId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: string;
  readonly RowCause: string;
}

/** The runtime API's body (the runtime's `InterviewView`), read leniently. */
interface RuntimeBody {
  readonly awaiting?: string;
  readonly status?: string;
  readonly interview?: { readonly Id?: string; readonly InterviewLabel?: string | null; readonly flowApiName?: string; readonly version?: number } | null;
  readonly interviewId?: string;
  readonly id?: string;
  readonly flowLabel?: string | null;
  readonly screen?: ScreenModel;
  readonly pausedText?: string | null;
  readonly outputs?: Record<string, FlowValue> | readonly { name: string; value: FlowValue }[];
  readonly fault?: { readonly message?: string } | null;
  readonly error?: string | null;
}

function outputsOf(outputs: RuntimeBody['outputs']): Record<string, FlowValue> {
  if (outputs === undefined) return {};
  if (Array.isArray(outputs)) return Object.fromEntries((outputs as readonly { name: string; value: FlowValue }[]).map((entry) => [entry.name, entry.value]));
  return outputs as Record<string, FlowValue>;
}

/** Reads the runtime API's answer into an {@link InterviewView}. */
export function toInterviewView(requestedId: string, body: RuntimeBody): InterviewView {
  const interviewId = body.interview?.Id ?? body.interviewId ?? body.id ?? requestedId;
  const flowLabel = body.flowLabel ?? body.interview?.InterviewLabel ?? null;
  const status = (body.awaiting ?? body.status ?? (body.screen !== undefined ? 'screen' : 'finished')).toLowerCase();
  switch (status) {
    case 'screen':
    case 'running':
      if (body.screen !== undefined) return { kind: 'screen', interviewId, flowLabel, screen: body.screen, version: body.interview?.version };
      return { kind: 'failed', interviewId, flowLabel, message: 'The server sent no screen to show.' };
    case 'paused':
      return { kind: 'paused', interviewId, flowLabel, pausedText: body.pausedText ?? body.screen?.pausedText ?? null };
    case 'waiting':
      return { kind: 'waiting', interviewId, flowLabel };
    case 'error':
    case 'failed':
      return { kind: 'failed', interviewId, flowLabel, message: body.fault?.message ?? body.error ?? 'The flow failed.' };
    default:
      return { kind: 'finished', interviewId, flowLabel, outputs: outputsOf(body.outputs) };
  }
}

function sortByPausedDate(rows: InterviewRow[]): InterviewRow[] {
  return rows.sort((a, b) => (b.pausedDate ?? '').localeCompare(a.pausedDate ?? ''));
}
