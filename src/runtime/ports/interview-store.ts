/** The interview store: FlowInterview rows, their record and stage relations, shares and sharing rules. */
import type { InterviewState } from '../../engine/index.js';
import type { AccessSubject, InterviewAccess, InterviewSharingSettings, ShareAccessLevel } from '../access/sharing.js';
import type { AuditFields, IsoDateTime } from './common.js';

/** `FlowInterview.InterviewStatus`. A waiting interview is `Paused` with `WasPausedFromScreen = false`. */
export type InterviewStatus = 'Running' | 'Paused' | 'Completed' | 'Error';

/** A FlowInterview row without its engine state (what lists return). */
export interface FlowInterviewSummary extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly Guid: string;
  readonly InterviewLabel: string | null;
  readonly PauseLabel: string | null;
  readonly CurrentElement: string | null;
  readonly InterviewStatus: InterviewStatus;
  readonly OwnerId: string;
  readonly WasPausedFromScreen: boolean;
  /** The flow version (`Flow`, prefix 301) the interview runs on. */
  readonly FlowVersionViewId: string;
  readonly Error: string | null;
  /** The flow definition (prefix 300) of that version. */
  readonly flowDefinitionId: string;
  /** Optimistic-concurrency version: pass it back to `save`. */
  readonly version: number;
}

/** A FlowInterview with its engine state. */
export interface StoredInterview extends FlowInterviewSummary {
  readonly state: InterviewState;
}

/** What `create` needs; `Id`, `Name` and audit fields are assigned by storage. */
export interface NewInterview {
  readonly Guid: string;
  readonly FlowVersionViewId: string;
  readonly OwnerId: string;
  readonly InterviewStatus: InterviewStatus;
  readonly InterviewLabel?: string | null;
  readonly CurrentElement?: string | null;
  readonly PauseLabel?: string | null;
  readonly WasPausedFromScreen?: boolean;
  readonly Error?: string | null;
  readonly state: InterviewState;
}

/** Fields `save` may change. */
export type InterviewChanges = Partial<
  Pick<NewInterview, 'InterviewStatus' | 'InterviewLabel' | 'CurrentElement' | 'PauseLabel' | 'WasPausedFromScreen' | 'Error' | 'OwnerId' | 'state'>
>;

/** Filters of `InterviewStore.list`; all given filters apply (AND). */
export interface InterviewListQuery {
  /** "Mine": interviews owned by this user. */
  readonly ownerId?: string;
  /** Interviews related to this record through FlowRecordRelation. */
  readonly relatedRecordId?: string;
  readonly flowDefinitionId?: string;
  readonly flowVersionId?: string;
  readonly statuses?: readonly InterviewStatus[];
  /** `true`: only waiting interviews (Paused, not from a screen); `false`: only those paused from a screen. */
  readonly waiting?: boolean;
  /** Default 200, at most 2000. */
  readonly limit?: number;
  readonly offset?: number;
}

/** Whose sharing a list applies: a user's, or none (`'system'`: background jobs, admin tooling). */
export type Viewer = AccessSubject | 'system';

/** A FlowRecordRelation row. */
export interface FlowRecordRelationRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly ParentId: string;
  readonly RelatedRecordId: string;
}

/** A stage to record as FlowStageRelation when pausing (see reference §1.4 for `StageOrder`). */
export interface NewStageRelation {
  readonly StageLabel: string;
  readonly StageOrder: number;
  readonly StageType: 'Current' | 'Active';
}

/** A FlowStageRelation row. */
export interface FlowStageRelationRecord extends AuditFields, NewStageRelation {
  readonly Id: string;
  readonly Name: string;
  readonly ParentId: string;
}

/** A FlowInterviewShare row. */
export interface FlowInterviewShareRecord {
  readonly Id: string;
  readonly ParentId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: ShareAccessLevel;
  readonly RowCause: 'Manual' | 'Owner' | 'Rule' | 'GuestRule';
  readonly LastModifiedDate: IsoDateTime;
  readonly LastModifiedById: string;
}

/** A FlowInterviewOwnerSharingRule: interviews owned by members of `GroupId` are shared with `UserOrGroupId`. */
export interface SharingRuleRecord extends AuditFields {
  readonly Id: string;
  readonly Name: string;
  readonly DeveloperName: string;
  readonly Description: string | null;
  /** Share interviews owned by members of this group (a public group, a role group, the org group). */
  readonly GroupId: string;
  /** ... with the members of this group. */
  readonly UserOrGroupId: string;
  readonly AccessLevel: 'Read' | 'Edit';
}

/** What `addSharingRule` needs. */
export interface NewSharingRule {
  readonly Name: string;
  readonly DeveloperName?: string;
  readonly Description?: string | null;
  readonly GroupId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: 'Read' | 'Edit';
}

/** An interview with what the asking user may do with it. */
export interface AccessibleInterview {
  readonly interview: StoredInterview;
  readonly access: InterviewAccess;
}

/**
 * The org-level facts an access check needs beside the interview's own row and shares. Storage
 * reads them when none are given; the runtime passes its cached copies (`runtime/access-cache.ts`).
 */
export interface SharingLookups {
  settings(): Promise<InterviewSharingSettings>;
  /** The user's role (`null` for none or an unknown user). */
  roleOf(userId: string): Promise<string | null>;
  /** Every group the user is in (flattened, as `AccessSubject.groupIds`). */
  groupsOf(userId: string): Promise<readonly string[]>;
  sharingRules(): Promise<readonly SharingRuleRecord[]>;
  /** The flow restricts access to enabled permission sets. */
  flowRestricted(definitionId: string): Promise<boolean>;
}

/** How relations are written. */
export interface RelationWriteOptions {
  /** The caller wrote the interview in this transaction: skip checking that it exists. */
  readonly parentChecked?: boolean;
}

/** How `getForUser` reads. */
export interface GetForUserOptions {
  /** Cached org-level facts (default: read them). */
  readonly lookups?: SharingLookups;
  /**
   * Lock the row for the rest of the transaction (a writer about to change it): `true` refuses at
   * once with `ConflictError` when another writer holds it; `'wait'` waits for that writer to
   * commit, for callers that then check the row is still what they expect (PostgreSQL; SQLite
   * serialises writers either way).
   */
  readonly forUpdate?: boolean | 'wait';
}

/** FlowInterview rows, their relations, shares and sharing rules. */
export interface InterviewStore {
  /** Stores a new interview (`Id` 0Fo..., autonumber `Name`, `version` 1). */
  create(input: NewInterview, actorId: string): Promise<StoredInterview>;
  /** The interview, without any access check. */
  get(id: string): Promise<StoredInterview | undefined>;
  getByGuid(guid: string): Promise<StoredInterview | undefined>;
  /**
   * The interview and what `subject` may do with it; `undefined` when it does not exist or the
   * subject may not read it (callers answer NOT_FOUND either way, revealing nothing).
   */
  getForUser(id: string, subject: AccessSubject, options?: GetForUserOptions): Promise<AccessibleInterview | undefined>;
  /**
   * Optimistic update: applies `changes` when the stored version is `expectedVersion` and returns
   * the new row (version + 1). Throws `ConflictError` when someone saved first, `NotFoundError`
   * when the interview is gone.
   */
  save(id: string, expectedVersion: number, changes: InterviewChanges, actorId: string): Promise<StoredInterview>;
  /** Deletes the interview with its record and stage relations, shares and wait subscriptions (`NotFoundError` if missing). */
  delete(id: string): Promise<void>;
  /**
   * Interviews matching `query` that `viewer` may read, most recently modified first. `settings`
   * are the org's sharing settings when the caller has them (read otherwise).
   */
  list(query: InterviewListQuery, viewer: Viewer, settings?: InterviewSharingSettings): Promise<FlowInterviewSummary[]>;
  /** Replaces the interview's FlowRecordRelations (empty: removes them). IDs must be well-formed (`MALFORMED_ID`). */
  setRecordRelations(interviewId: string, relatedRecordIds: readonly string[], actorId: string, options?: RelationWriteOptions): Promise<FlowRecordRelationRecord[]>;
  recordRelations(interviewId: string): Promise<FlowRecordRelationRecord[]>;
  /** Replaces the interview's FlowStageRelations. */
  setStageRelations(interviewId: string, stages: readonly NewStageRelation[], actorId: string, options?: RelationWriteOptions): Promise<FlowStageRelationRecord[]>;
  stageRelations(interviewId: string): Promise<FlowStageRelationRecord[]>;
  /** Shares the interview manually (RowCause `Manual`); sharing again with the same user or group changes the level. */
  share(interviewId: string, userOrGroupId: string, accessLevel: 'Read' | 'Edit', actorId: string): Promise<FlowInterviewShareRecord>;
  /** Removes a manual share (no error when there is none). */
  unshare(interviewId: string, userOrGroupId: string): Promise<void>;
  shares(interviewId: string): Promise<FlowInterviewShareRecord[]>;
  addSharingRule(rule: NewSharingRule, actorId: string): Promise<SharingRuleRecord>;
  sharingRules(): Promise<SharingRuleRecord[]>;
  deleteSharingRule(id: string): Promise<void>;
}
