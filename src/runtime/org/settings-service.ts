/**
 * Process Automation settings as Setup sees them, permission-checked: reading needs Customize
 * Application or Manage Flow, changing needs Customize Application (`InsufficientAccessError`
 * otherwise). Covers the org's flow settings (pause, resume of shared interviews, sender email,
 * the FlowInterview org-wide default), org-wide email addresses, FlowInterview sharing rules and
 * the outbox of emails and notifications.
 */
import type { JsonValue } from '../../engine/index.js';
import { listOutbox, type OutboxMessage, type OutboxStatus } from '../email/outbox.js';
import type { NewSharingRule, OrgSettingsChanges, OrgWideEmailAddressRecord, SharingRuleRecord, StorageSession } from '../ports/index.js';
import { requirePermission } from '../access/require-permission.js';
import type { PermissionName } from '../access/require-permission.js';
import type { SharingModel } from '../access/sharing.js';

const READ: readonly PermissionName[] = ['customizeApplication', 'manageFlow'];
const CHANGE: readonly PermissionName[] = ['customizeApplication'];

/** The flow settings Setup shows. */
export interface FlowSettingsView {
  readonly allowPause: boolean;
  readonly resumeSharedInterviews: boolean;
  readonly automatedProcessUserEmail: string | null;
  readonly flowInterviewSharingModel: SharingModel;
  readonly orgWideEmailAddresses: readonly { readonly Id: string; readonly Address: string; readonly DisplayName: string }[];
}

/** The flow settings {@link SettingsService.update} may change. */
export type FlowSettingsChanges = Pick<OrgSettingsChanges, 'allowPause' | 'resumeSharedInterviews' | 'automatedProcessUserEmail' | 'flowInterviewSharingModel'>;

/** An outbox message as Setup lists it. */
export interface OutboxEntry {
  readonly Id: string;
  readonly kind: string;
  readonly status: OutboxStatus;
  readonly to: string[];
  readonly subject: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly interviewId: string | null;
  readonly CreatedDate: string;
  readonly sentAt: string | null;
}

function field(payload: JsonValue, name: string): JsonValue | undefined {
  return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload[name] : undefined;
}

function toOutboxEntry(message: OutboxMessage): OutboxEntry {
  const to = field(message.payload, 'to');
  const subject = field(message.payload, 'subject') ?? field(message.payload, 'title');
  return {
    Id: message.id,
    kind: message.kind,
    status: message.status,
    to: Array.isArray(to) ? to.filter((address): address is string => typeof address === 'string') : [],
    subject: typeof subject === 'string' ? subject : null,
    attempts: message.attempts,
    lastError: message.lastError,
    interviewId: message.interviewId,
    CreatedDate: message.createdDate,
    sentAt: message.sentDate,
  };
}

function toAddressView(address: OrgWideEmailAddressRecord): FlowSettingsView['orgWideEmailAddresses'][number] {
  return { Id: address.Id, Address: address.Address, DisplayName: address.DisplayName };
}

/** Setup's flow settings, sharing rules and outbox over the storage ports. */
export class SettingsService {
  readonly #storage: StorageSession;

  constructor(storage: StorageSession) {
    this.#storage = storage;
  }

  /** The flow settings and the org-wide email addresses. */
  async get(actorId: string): Promise<FlowSettingsView> {
    await requirePermission(this.#storage.directory, actorId, READ, 'Viewing Process Automation settings');
    return this.#view();
  }

  /** Changes any of the flow settings (the storage validates them; nothing changes on error). */
  async update(actorId: string, changes: FlowSettingsChanges): Promise<FlowSettingsView> {
    const actor = await requirePermission(this.#storage.directory, actorId, CHANGE, 'Changing Process Automation settings');
    await this.#storage.settings.updateOrganization(changes, actor.user.Id);
    return this.#view();
  }

  /** Adds an org-wide email address (`INVALID_EMAIL_ADDRESS`, `DUPLICATE_VALUE`). */
  async addOrgWideEmailAddress(actorId: string, input: { readonly Address: string; readonly DisplayName: string }): Promise<OrgWideEmailAddressRecord> {
    const actor = await requirePermission(this.#storage.directory, actorId, CHANGE, 'Adding an org-wide email address');
    return this.#storage.settings.addOrgWideEmailAddress(input, actor.user.Id);
  }

  /** Removes an org-wide email address (`NOT_FOUND`). */
  async removeOrgWideEmailAddress(actorId: string, id: string): Promise<void> {
    await requirePermission(this.#storage.directory, actorId, CHANGE, 'Removing an org-wide email address');
    await this.#storage.settings.removeOrgWideEmailAddress(id);
  }

  /** The outbox, oldest first, optionally by status; at most `limit` messages. */
  async outbox(actorId: string, filter: { readonly status?: OutboxStatus; readonly limit?: number } = {}): Promise<OutboxEntry[]> {
    await requirePermission(this.#storage.directory, actorId, READ, 'Viewing the outbox');
    return (await listOutbox(this.#storage, filter)).map(toOutboxEntry);
  }

  /** The FlowInterview sharing rules. */
  async sharingRules(actorId: string): Promise<SharingRuleRecord[]> {
    await requirePermission(this.#storage.directory, actorId, READ, 'Viewing sharing rules');
    return this.#storage.interviews.sharingRules();
  }

  /** Adds a FlowInterview sharing rule (the storage checks names, groups and the access level). */
  async addSharingRule(actorId: string, rule: NewSharingRule): Promise<SharingRuleRecord> {
    const actor = await requirePermission(this.#storage.directory, actorId, CHANGE, 'Adding a sharing rule');
    return this.#storage.interviews.addSharingRule(rule, actor.user.Id);
  }

  /** Deletes a FlowInterview sharing rule (`NOT_FOUND`). */
  async deleteSharingRule(actorId: string, id: string): Promise<void> {
    await requirePermission(this.#storage.directory, actorId, CHANGE, 'Deleting a sharing rule');
    await this.#storage.interviews.deleteSharingRule(id);
  }

  async #view(): Promise<FlowSettingsView> {
    const org = await this.#storage.settings.getOrganization();
    return {
      allowPause: org.allowPause,
      resumeSharedInterviews: org.resumeSharedInterviews,
      automatedProcessUserEmail: org.automatedProcessUserEmail,
      flowInterviewSharingModel: org.flowInterviewSharingModel,
      orgWideEmailAddresses: (await this.#storage.settings.listOrgWideEmailAddresses()).map(toAddressView),
    };
  }
}
