/**
 * What almost every operation reads and almost nothing changes — the acting user and their access
 * subject, the org's settings, `$Label` values, the role tree, the describe, the sharing rules,
 * users' roles and groups, flow definitions' restriction — kept in memory per database, valid
 * while the database's access revision stays where it was when they were read.
 *
 * The revision is moved by database triggers in the same transaction as any change to those
 * tables (migration `0004-access-revision`), whoever makes it: this process, another Eddy process
 * on the same PostgreSQL database, the CLI. An operation reads the revision first (one
 * statement), then everything else; a value is kept only under the revision read before it, so
 * a cache can be older than the database for no longer than one operation that started before
 * the change committed — the same as reading the rows themselves at that moment.
 *
 * Only settled values are kept (never a pending load): a load inside one transaction must not
 * wait on a load through another connection.
 */
import { InsufficientAccessError, NotFoundError } from '../errors.js';
import { parseId } from '../org/ids.js';
import type { OrgSchema } from '../org/org-schema.js';
import type { OrgSettings, SharingLookups, SharingRuleRecord, Storage, StorageSession, UserRecord, UserRoleRecord } from '../ports/index.js';
import type { AccessSubject, InterviewSharingSettings } from './sharing.js';

/** A user who may act, with what the access rules need to know about them. */
export interface CachedActor {
  readonly user: UserRecord;
  readonly subject: AccessSubject;
}

/** Entries kept before the cache starts over (users, tokens and flows are per-key entries). */
const MAX_ENTRIES = 20_000;

const CACHES = new WeakMap<Storage, AccessCache>();

/** The cache of one database, shared by everything that uses this storage in the process. */
export function accessCacheFor(storage: Storage): AccessCache {
  let cache = CACHES.get(storage);
  if (cache === undefined) {
    cache = new AccessCache();
    CACHES.set(storage, cache);
  }
  return cache;
}

/** Values by key, valid for one access revision. */
export class AccessCache {
  #revision: string | undefined;
  readonly #values = new Map<string, unknown>();

  /**
   * Reads the access revision through `session` (one statement), dropping every value if it
   * moved, and returns this operation's view of the cache.
   */
  async open(session: StorageSession): Promise<AccessView> {
    const revision = await session.settings.accessRevision();
    if (revision !== this.#revision) {
      this.#values.clear();
      this.#revision = revision;
    }
    return new AccessView(this, session, revision);
  }

  /** The value under `key`, loading (and keeping) it when missing. Public for {@link AccessView}. */
  async memo<T>(revision: string, key: string, load: () => Promise<T>): Promise<T> {
    if (revision === this.#revision && this.#values.has(key)) return this.#values.get(key) as T;
    const value = await load();
    // Kept only if no newer revision was seen while loading.
    if (revision === this.#revision) {
      if (this.#values.size >= MAX_ENTRIES) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }

  /** Drops one value. */
  forget(key: string): void {
    this.#values.delete(key);
  }

  /** Drops everything (tests; a process that changed data outside the triggers' tables). */
  clear(): void {
    this.#values.clear();
    this.#revision = undefined;
  }
}

/**
 * One operation's reads through the cache, loading misses through its session. It is also the
 * {@link SharingLookups} of `getForUser`.
 */
export class AccessView implements SharingLookups {
  readonly #cache: AccessCache;
  readonly #session: StorageSession;
  readonly revision: string;

  constructor(cache: AccessCache, session: StorageSession, revision: string) {
    this.#cache = cache;
    this.#session = session;
    this.revision = revision;
  }

  #memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.#cache.memo(this.revision, key, load);
  }

  /**
   * A value of the caller's own under `key` (prefix it with its kind), loaded when missing. An
   * `undefined` answer is not kept: the next call asks again.
   */
  async remember<T>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    const value = await this.#memo<T | undefined>(key, load);
    if (value === undefined) this.#cache.forget(key);
    return value;
  }

  /** The user, or `undefined` when there is none with that Id. */
  user(userId: string): Promise<UserRecord | undefined> {
    return this.#memo(`user:${userId}`, () => this.#session.directory.getUser(userId));
  }

  /** The acting user with their access subject: must exist (`NotFoundError`) and be active. */
  async actor(actorId: string): Promise<CachedActor> {
    const id = parseId(actorId, 'actorId');
    const user = await this.user(id);
    if (user === undefined) throw new NotFoundError(`No user with Id ${id}.`, ['actorId']);
    if (!user.IsActive) throw new InsufficientAccessError(`User ${user.Username} is inactive.`);
    return { user, subject: await this.subject(id) };
  }

  /** The user's access subject (permissions, role, groups, enabled flows). */
  subject(userId: string): Promise<AccessSubject> {
    return this.#memo(`subject:${userId}`, () => this.#session.directory.accessSubject(userId));
  }

  organization(): Promise<OrgSettings> {
    return this.#memo('organization', () => this.#session.settings.getOrganization());
  }

  labels(): Promise<Record<string, string>> {
    return this.#memo('labels', () => this.#session.settings.getLabels());
  }

  roles(): Promise<UserRoleRecord[]> {
    return this.#memo('roles', () => this.#session.directory.listRoles());
  }

  /** The describe (its own cache checks the schema revision, which moves the access revision too). */
  schema(): Promise<OrgSchema> {
    return this.#memo('schema', () => this.#session.records.schema());
  }

  sharingRules(): Promise<readonly SharingRuleRecord[]> {
    return this.#memo('sharingRules', () => this.#session.interviews.sharingRules());
  }

  /** The org's FlowInterview sharing settings. */
  async settings(): Promise<InterviewSharingSettings> {
    const org = await this.organization();
    return { sharingModel: org.flowInterviewSharingModel, resumeSharedInterviews: org.resumeSharedInterviews };
  }

  async roleOf(userId: string): Promise<string | null> {
    return (await this.user(userId))?.UserRoleId ?? null;
  }

  /** The groups of a user (none for a queue or group Id, or an unknown user). */
  async groupsOf(userId: string): Promise<readonly string[]> {
    return (await this.user(userId)) === undefined ? [] : (await this.subject(userId)).groupIds;
  }

  flowRestricted(definitionId: string): Promise<boolean> {
    return this.#memo(`restricted:${definitionId}`, async () => (await this.#session.flows.getDefinition(definitionId))?.IsAdditionalPermissionRequiredToRun === true);
  }
}
