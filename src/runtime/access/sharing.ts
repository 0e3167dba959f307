/**
 * Who may read, edit, resume and delete a FlowInterview — the one access rule every list, read,
 * resume and delete goes through (`shared/reference/salesforce-runtime.md` §1.1–1.2):
 *
 * - Nothing without Run Flows or Manage Flow.
 * - Record access is the best of: owner (All); member of the owning queue (Edit); the owner is
 *   below the user in the role hierarchy (Edit: "users inherit edit access from users lower in
 *   the role hierarchy"); the user is in a top role — Salesforce's "CEO role", a role without a
 *   parent — (Edit on every interview); the org-wide default (Private: none, Read: Read,
 *   ReadWrite: Edit); manual shares (FlowInterviewShare Read/Edit/All) to the user, one of their
 *   groups, or a subordinate; owner-based sharing rules; View All Data (Read); Manage Flow
 *   (Read: Salesforce's flow admins see and delete every interview in Setup).
 * - Resume (and navigate, which changes the interview the same way): the owner, or a Manage Flow
 *   user with read access, under either setting; with "Let users resume shared flow interviews"
 *   on, also anyone with edit access. Turning the setting off only ever takes access away.
 * - Delete: read access and either Manage Flow (the API's rule) or ownership (the Home
 *   component lets users delete their own paused interviews), on every path.
 * - A flow with "restrict access to enabled profiles or permission sets"
 *   (`isAdditionalPermissionRequiredToRun`) hides its interviews from users without a permission
 *   set enabling it; Manage Flow bypasses the restriction.
 *
 * `decideInterviewAccess` decides one interview from facts storage gathered;
 * `interviewVisibility` describes the same rule for lists, and storage compiles it into SQL.
 */

/** FlowInterview org-wide default, as metadata spells `sharingModel`. */
export type SharingModel = 'Private' | 'Read' | 'ReadWrite';

/** Record access, weakest first. */
export type AccessLevel = 'None' | 'Read' | 'Edit' | 'All';

/** `FlowInterviewShare.AccessLevel` and sharing-rule access levels. */
export type ShareAccessLevel = 'Read' | 'Edit' | 'All';

/** The user permissions that matter to flows (from all assigned permission sets). */
export interface UserPermissions {
  /** Run Flows (`PermissionsRunFlow`). */
  readonly runFlows: boolean;
  /** Manage Flow (`PermissionsManageInteraction`). */
  readonly manageFlow: boolean;
  /** Customize Application (`PermissionsCustomizeApplication`): edit process automation settings. */
  readonly customizeApplication: boolean;
  /** View All Data (`PermissionsViewAllData`). */
  readonly viewAllData: boolean;
  /** Manage Users (`PermissionsManageUsers`): create and edit users, assign permission sets, manage public groups and queues. */
  readonly manageUsers: boolean;
}

/** A user as the access rules see them. Built by the directory (`Directory.accessSubject`). */
export interface AccessSubject {
  readonly userId: string;
  readonly roleId: string | null;
  /** In a role without a parent role (Salesforce's "CEO role"). */
  readonly isTopRole: boolean;
  /** Every role below the user's role. */
  readonly subordinateRoleIds: readonly string[];
  /** Every group the user is in: directly, through nested groups, queues, their role's groups, the org group. */
  readonly groupIds: readonly string[];
  readonly permissions: UserPermissions;
  /** Flow definitions with the per-flow restriction that a permission set of the user enables. */
  readonly enabledFlowIds: readonly string[];
}

/** The org's FlowInterview sharing settings. */
export interface InterviewSharingSettings {
  readonly sharingModel: SharingModel;
  /** "Let users resume shared flow interviews" (default on). */
  readonly resumeSharedInterviews: boolean;
}

/** What storage found out about one interview for one subject. */
export interface SharingFacts {
  /** `OwnerId` is the subject. */
  readonly isOwner: boolean;
  /** `OwnerId` is a queue or group the subject is in. */
  readonly isOwnerGroupMember: boolean;
  /** The owner's role is below the subject's role. */
  readonly ownedBySubordinate: boolean;
  /** Best FlowInterviewShare level to the subject, their groups or subordinates ('None' if none). */
  readonly shareLevel: AccessLevel;
  /** Best owner-based sharing rule level that reaches the subject ('None' if none). */
  readonly ruleLevel: AccessLevel;
  /** The interview's flow definition. */
  readonly flowDefinitionId: string;
  /** The flow restricts access to enabled permission sets. */
  readonly flowRestricted: boolean;
}

/** The decision for one interview. */
export interface InterviewAccess {
  readonly level: AccessLevel;
  readonly read: boolean;
  readonly edit: boolean;
  readonly resume: boolean;
  readonly delete: boolean;
}

const RANK: Readonly<Record<AccessLevel, number>> = { None: 0, Read: 1, Edit: 2, All: 3 };

/** The stronger of two access levels. */
export function maxAccess(...levels: readonly AccessLevel[]): AccessLevel {
  return levels.reduce<AccessLevel>((best, level) => (RANK[level] > RANK[best] ? level : best), 'None');
}

/** Whether `level` is at least `minimum`. */
export function hasAccess(level: AccessLevel, minimum: AccessLevel): boolean {
  return RANK[level] >= RANK[minimum];
}

/** Access the org-wide default gives everyone. */
export function sharingModelAccess(model: SharingModel): AccessLevel {
  switch (model) {
    case 'Private':
      return 'None';
    case 'Read':
      return 'Read';
    case 'ReadWrite':
      return 'Edit';
  }
}

function canUseFlows(permissions: UserPermissions): boolean {
  return permissions.runFlows || permissions.manageFlow;
}

function flowAllowed(subject: AccessSubject, facts: SharingFacts): boolean {
  return !facts.flowRestricted || subject.permissions.manageFlow || subject.enabledFlowIds.includes(facts.flowDefinitionId);
}

const NO_ACCESS: InterviewAccess = { level: 'None', read: false, edit: false, resume: false, delete: false };

/** Decides what `subject` may do with one interview. */
export function decideInterviewAccess(subject: AccessSubject, facts: SharingFacts, settings: InterviewSharingSettings): InterviewAccess {
  if (!canUseFlows(subject.permissions) || !flowAllowed(subject, facts)) return NO_ACCESS;
  const level = maxAccess(
    facts.isOwner ? 'All' : 'None',
    facts.isOwnerGroupMember || facts.ownedBySubordinate || subject.isTopRole ? 'Edit' : 'None',
    sharingModelAccess(settings.sharingModel),
    facts.shareLevel,
    facts.ruleLevel,
    subject.permissions.viewAllData || subject.permissions.manageFlow ? 'Read' : 'None',
  );
  const read = hasAccess(level, 'Read');
  const edit = hasAccess(level, 'Edit');
  // The restricted setting's rule holds under both settings, so turning it off never grants more.
  const ownerOrAdmin = facts.isOwner || (subject.permissions.manageFlow && read);
  const resume = ownerOrAdmin || (settings.resumeSharedInterviews && edit);
  return { level, read, edit, resume, delete: read && (subject.permissions.manageFlow || facts.isOwner) };
}

/** Which rows a list may return, before the per-flow restriction. */
export type VisibleRows =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  /**
   * Owned by the user, a group of theirs or a subordinate; or shared (manual share or rule) at one
   * of `levels` to the user, a subordinate, or one of `groupIds`.
   */
  | {
      readonly kind: 'shared';
      readonly userId: string;
      readonly groupIds: readonly string[];
      readonly subordinateRoleIds: readonly string[];
      readonly levels: readonly ShareAccessLevel[];
    };

/** A list's access filter, which storage turns into SQL. */
export interface InterviewVisibility {
  readonly rows: VisibleRows;
  /**
   * `undefined`: interviews of every flow. Otherwise interviews of flows with the per-flow
   * restriction are visible only when their definition Id is listed.
   */
  readonly restrictedFlowsAllowed: readonly string[] | undefined;
}

/** The list filter matching {@link decideInterviewAccess}'s `read` (or `edit`) for `subject`. */
export function interviewVisibility(subject: AccessSubject, settings: InterviewSharingSettings, need: 'read' | 'edit' = 'read'): InterviewVisibility {
  const restrictedFlowsAllowed = subject.permissions.manageFlow ? undefined : subject.enabledFlowIds;
  if (!canUseFlows(subject.permissions)) return { rows: { kind: 'none' }, restrictedFlowsAllowed };
  const minimum: AccessLevel = need === 'read' ? 'Read' : 'Edit';
  const everyone = maxAccess(
    sharingModelAccess(settings.sharingModel),
    subject.isTopRole ? 'Edit' : 'None',
    subject.permissions.viewAllData || subject.permissions.manageFlow ? 'Read' : 'None',
  );
  if (hasAccess(everyone, minimum)) return { rows: { kind: 'all' }, restrictedFlowsAllowed };
  return {
    rows: {
      kind: 'shared',
      userId: subject.userId,
      groupIds: subject.groupIds,
      subordinateRoleIds: subject.subordinateRoleIds,
      levels: need === 'read' ? ['Read', 'Edit', 'All'] : ['Edit', 'All'],
    },
    restrictedFlowsAllowed,
  };
}
