/**
 * Setup's admin resources of Eddy's REST API (`/services/data/vNN.N/eddy/...`, Customize
 * Application): process automation settings and org-wide email addresses, the email outbox,
 * background jobs, Flow Interview sharing rules. Each function is one request through
 * {@link ApiClient}.
 */
import type { ApiClient } from './api-client.js';

/** Flow Interview org-wide default. */
export type InterviewSharingModel = 'Private' | 'Read' | 'ReadWrite';

/** The org-wide default values in the order Setup offers them, with their labels. */
export const INTERVIEW_SHARING_MODELS: readonly { readonly value: InterviewSharingModel; readonly label: string }[] = [
  { value: 'Private', label: 'Private' },
  { value: 'Read', label: 'Public Read Only' },
  { value: 'ReadWrite', label: 'Public Read/Write' },
];

/** An org-wide email address (a sender flows may use). */
export interface OrgWideEmailAddress {
  readonly Id: string;
  readonly Address: string;
  readonly DisplayName: string;
}

/** What `GET /eddy/settings` answers. */
export interface AutomationSettings {
  readonly allowPause: boolean;
  readonly resumeSharedInterviews: boolean;
  readonly automatedProcessUserEmail: string | null;
  readonly flowInterviewSharingModel: InterviewSharingModel;
  readonly orgWideEmailAddresses: readonly OrgWideEmailAddress[];
}

/** What `PATCH /eddy/settings` accepts: any subset of the four settings. */
export type AutomationSettingsChanges = Partial<Pick<AutomationSettings, 'allowPause' | 'resumeSharedInterviews' | 'automatedProcessUserEmail' | 'flowInterviewSharingModel'>>;

/** Outbox states the list filters on. */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'cancelled';

/** One message of the outbox. */
export interface OutboxRecord {
  readonly Id: string;
  readonly kind: string;
  readonly status: string;
  readonly to: string | readonly string[] | null;
  readonly subject: string | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly interviewId: string | null;
  readonly CreatedDate: string;
  readonly sentAt: string | null;
}

/** What `GET /eddy/outbox` answers. */
export interface OutboxPage {
  readonly totalSize: number;
  readonly done: boolean;
  readonly records: readonly OutboxRecord[];
}

/** A background job's state. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** A background job: a wait alarm, an email to deliver, ... */
export interface BackgroundJob {
  readonly Id: string;
  readonly kind: string;
  readonly status: JobStatus;
  readonly payload: unknown;
  readonly runAt: string;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lastError: string | null;
  readonly idempotencyKey: string | null;
  readonly leaseOwner: string | null;
  readonly leaseUntil: string | null;
  readonly CreatedDate: string;
  readonly LastModifiedDate: string;
}

/** What `GET /eddy/jobs` answers: a page, newest first. */
export interface JobPage {
  readonly totalSize: number;
  readonly done: boolean;
  readonly records: readonly BackgroundJob[];
  readonly nextRecordsUrl?: string;
}

/** Access a sharing rule grants. */
export type SharingRuleAccess = 'Read' | 'Edit';

/** A Flow Interview sharing rule: interviews owned by members of `GroupId` are shared with `UserOrGroupId`. */
export interface SharingRule {
  readonly Id: string;
  readonly Name: string;
  readonly DeveloperName: string;
  readonly Description: string | null;
  readonly GroupId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: string;
}

/** What `POST /eddy/sharing-rules` accepts. */
export interface NewSharingRule {
  readonly Name: string;
  readonly DeveloperName: string;
  readonly Description?: string;
  readonly GroupId: string;
  readonly UserOrGroupId: string;
  readonly AccessLevel: SharingRuleAccess;
}

/** Paths of the Setup resources, relative to `/services/data/vNN.N`. */
export const SETUP_PATHS = {
  settings: '/eddy/settings',
  orgWideEmailAddresses: '/eddy/settings/org-wide-email-addresses',
  orgWideEmailAddress: (id: string) => `/eddy/settings/org-wide-email-addresses/${encodeURIComponent(id)}`,
  outbox: '/eddy/outbox',
  jobs: '/eddy/jobs',
  jobRetry: (id: string) => `/eddy/jobs/${encodeURIComponent(id)}/retry`,
  jobCancel: (id: string) => `/eddy/jobs/${encodeURIComponent(id)}/cancel`,
  sharingRules: '/eddy/sharing-rules',
  sharingRule: (id: string) => `/eddy/sharing-rules/${encodeURIComponent(id)}`,
};

/** The process automation settings with the org-wide email addresses. */
export function getAutomationSettings(client: ApiClient, signal?: AbortSignal): Promise<AutomationSettings> {
  return client.get<AutomationSettings>(SETUP_PATHS.settings, signal);
}

/** Changes some of the settings; resolves when saved. */
export async function updateAutomationSettings(client: ApiClient, changes: AutomationSettingsChanges): Promise<void> {
  await client.request<unknown>('PATCH', client.dataPath(SETUP_PATHS.settings), changes);
}

/** Adds an org-wide email address; resolves with what the server answered (its Id when it sends one). */
export function addOrgWideEmailAddress(client: ApiClient, address: { readonly Address: string; readonly DisplayName: string }): Promise<unknown> {
  return client.request<unknown>('POST', client.dataPath(SETUP_PATHS.orgWideEmailAddresses), address);
}

/** Removes an org-wide email address. */
export async function deleteOrgWideEmailAddress(client: ApiClient, id: string): Promise<void> {
  await client.request<unknown>('DELETE', client.dataPath(SETUP_PATHS.orgWideEmailAddress(id)));
}

/** Outbox messages, newest first as the server orders them, optionally of one status. */
export function listOutbox(client: ApiClient, options: { readonly status?: OutboxStatus; readonly limit?: number; readonly signal?: AbortSignal } = {}): Promise<OutboxPage> {
  const query = new URLSearchParams();
  if (options.status !== undefined) query.set('status', options.status);
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  const text = query.toString();
  const suffix = text === '' ? '' : `?${text}`;
  return client.get<OutboxPage>(`${SETUP_PATHS.outbox}${suffix}`, options.signal);
}

/** A page of background jobs, newest first: of one status when given, after a job (the next page) when given. */
export function listJobs(client: ApiClient, options: { readonly status?: JobStatus; readonly limit?: number; readonly after?: string; readonly signal?: AbortSignal } = {}): Promise<JobPage> {
  const query = new URLSearchParams();
  if (options.status !== undefined) query.set('status', options.status);
  if (options.limit !== undefined) query.set('limit', String(options.limit));
  if (options.after !== undefined) query.set('after', options.after);
  const text = query.toString();
  return client.get<JobPage>(`${SETUP_PATHS.jobs}${text === '' ? '' : `?${text}`}`, options.signal);
}

/** Queues a failed or cancelled job again; resolves with the job. */
export function retryJob(client: ApiClient, id: string): Promise<BackgroundJob> {
  return client.request<BackgroundJob>('POST', client.dataPath(SETUP_PATHS.jobRetry(id)));
}

/** Cancels a queued job; resolves with the job. */
export function cancelJob(client: ApiClient, id: string): Promise<BackgroundJob> {
  return client.request<BackgroundJob>('POST', client.dataPath(SETUP_PATHS.jobCancel(id)));
}

/** The Flow Interview sharing rules. */
export async function listSharingRules(client: ApiClient, signal?: AbortSignal): Promise<SharingRule[]> {
  const body = await client.get<{ records: SharingRule[] }>(SETUP_PATHS.sharingRules, signal);
  return body.records;
}

/** Creates a sharing rule; resolves with what the server answered. */
export function createSharingRule(client: ApiClient, rule: NewSharingRule): Promise<unknown> {
  return client.request<unknown>('POST', client.dataPath(SETUP_PATHS.sharingRules), rule);
}

/** Deletes a sharing rule. */
export async function deleteSharingRule(client: ApiClient, id: string): Promise<void> {
  await client.request<unknown>('DELETE', client.dataPath(SETUP_PATHS.sharingRule(id)));
}

/** A DeveloperName made from a label: letters, digits and single underscores, starting with a letter. */
export function developerNameOf(label: string): string {
  const name = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  if (name === '') return '';
  return /^[A-Za-z]/.test(name) ? name.slice(0, 80) : `X${name}`.slice(0, 80);
}
