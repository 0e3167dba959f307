/** Org settings, org-wide email addresses and labels. */
import type { SharingModel } from '../access/sharing.js';
import type { AuditFields } from './common.js';

/** The org and its process automation settings. */
export interface OrgSettings {
  /** Organization Id (prefix 00D). */
  readonly Id: string;
  readonly Name: string;
  readonly TimeZoneSidKey: string;
  /** "Let users pause flows" (Eddy's default: on). */
  readonly allowPause: boolean;
  /** "Let users resume shared flow interviews" (default on). */
  readonly resumeSharedInterviews: boolean;
  /** Sender of emails sent by automated processes, when set. */
  readonly automatedProcessUserEmail: string | null;
  /** FlowInterview org-wide default (default `Private`). */
  readonly flowInterviewSharingModel: SharingModel;
  /** The "Automated Process" user created with the org: the actor of system work. */
  readonly automatedProcessUserId: string;
}

/** Settings `updateOrganization` may change. */
export type OrgSettingsChanges = Partial<
  Pick<OrgSettings, 'Name' | 'TimeZoneSidKey' | 'allowPause' | 'resumeSharedInterviews' | 'automatedProcessUserEmail' | 'flowInterviewSharingModel'>
>;

/** An OrgWideEmailAddress row (prefix 0D2). */
export interface OrgWideEmailAddressRecord extends AuditFields {
  readonly Id: string;
  readonly Address: string;
  readonly DisplayName: string;
  readonly IsAllowAllProfiles: boolean;
}

/** The org row, its settings, org-wide email addresses and `$Label` values. */
export interface SettingsStore {
  /**
   * The access revision: moves forward (in the same transaction) with every change to users,
   * roles, groups, permission sets, labels, flow definitions, sharing rules, org settings or a
   * token's revocation. Caches of those are valid while it stays the same.
   */
  accessRevision(): Promise<string>;
  getOrganization(): Promise<OrgSettings>;
  updateOrganization(changes: OrgSettingsChanges, actorId: string): Promise<OrgSettings>;
  listOrgWideEmailAddresses(): Promise<OrgWideEmailAddressRecord[]>;
  addOrgWideEmailAddress(input: { readonly Address: string; readonly DisplayName: string; readonly IsAllowAllProfiles?: boolean }, actorId: string): Promise<OrgWideEmailAddressRecord>;
  removeOrgWideEmailAddress(id: string): Promise<void>;
  /** `$Label` values by API name. */
  getLabels(): Promise<Record<string, string>>;
  /** Creates or replaces labels. */
  setLabels(labels: Readonly<Record<string, string>>): Promise<void>;
  deleteLabel(name: string): Promise<void>;
}
