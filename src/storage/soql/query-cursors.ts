/**
 * Query cursors behind `nextRecordsUrl`. A locator is `<cursor id>-<position>`, e.g.
 * `01g0EAbCdEfGhIjQ2X-2000`, as Salesforce's: it carries no API version and no query parameters,
 * so jsforce may fetch it under any version. The cursor holds what re-running the query needs —
 * the SOQL, the viewer, queryAll or not, and the `now` and time zone its date literals were
 * evaluated with — so every page sees the same query. A locator is usable only by the viewer
 * who ran the query. Cursors expire after 15 minutes without use and each viewer keeps at most 10
 * (the oldest is dropped), as in Salesforce.
 *
 * {@link MemoryQueryCursorStore} keeps them in the process: a server restart, or a second server
 * process, answers `INVALID_QUERY_LOCATOR`. A shared store can implement {@link QueryCursorStore}.
 */
import { InvalidQueryLocatorError, newId } from '../../runtime/index.js';

/** Salesforce's key prefix of query locators. */
export const QUERY_LOCATOR_PREFIX = '01g';
/** Idle time after which a cursor is gone (Salesforce: 15 minutes). */
export const CURSOR_IDLE_TIMEOUT_MS = 15 * 60 * 1000;
/** Open cursors per viewer (Salesforce: 10; the oldest is released). */
export const MAX_CURSORS_PER_VIEWER = 10;

/** What a cursor remembers. */
export interface QueryCursor {
  readonly soql: string;
  /** `system` or the viewing user's Id. */
  readonly viewerKey: string;
  readonly includeDeleted: boolean;
  /** ISO instant the date literals were evaluated at. */
  readonly now: string;
  readonly timeZone: string;
  readonly batchSize: number;
  readonly totalSize: number;
  /** The resource `nextRecordsUrl` continues under (`query`, `queryAll`, `tooling/query`). */
  readonly endpoint: string;
}

/** Where cursors live. */
export interface QueryCursorStore {
  /** Stores `cursor`; returns its id (`01g…`, 18 characters). */
  save(cursor: QueryCursor): string;
  /** The cursor, refreshing its idle timer; undefined when unknown or expired. */
  get(id: string): QueryCursor | undefined;
}

interface Entry {
  readonly cursor: QueryCursor;
  lastUsedMs: number;
}

/** Cursors in a `Map`, with Salesforce's expiry and per-viewer limit. */
export class MemoryQueryCursorStore implements QueryCursorStore {
  readonly #entries = new Map<string, Entry>();
  readonly #clock: () => Date;
  readonly #idleTimeoutMs: number;
  readonly #maxPerViewer: number;

  constructor(options: { clock?: () => Date; idleTimeoutMs?: number; maxPerViewer?: number } = {}) {
    this.#clock = options.clock ?? (() => new Date());
    this.#idleTimeoutMs = options.idleTimeoutMs ?? CURSOR_IDLE_TIMEOUT_MS;
    this.#maxPerViewer = options.maxPerViewer ?? MAX_CURSORS_PER_VIEWER;
  }

  save(cursor: QueryCursor): string {
    const now = this.#clock().getTime();
    this.#expire(now);
    const mine = [...this.#entries.entries()].filter(([, e]) => e.cursor.viewerKey === cursor.viewerKey).sort((a, b) => a[1].lastUsedMs - b[1].lastUsedMs);
    for (const [id] of mine.slice(0, Math.max(0, mine.length - this.#maxPerViewer + 1))) this.#entries.delete(id);
    const id = newId(QUERY_LOCATOR_PREFIX);
    this.#entries.set(id, { cursor, lastUsedMs: now });
    return id;
  }

  get(id: string): QueryCursor | undefined {
    const now = this.#clock().getTime();
    this.#expire(now);
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    entry.lastUsedMs = now;
    return entry.cursor;
  }

  /** How many cursors are open (for tests and diagnostics). */
  get size(): number {
    return this.#entries.size;
  }

  #expire(now: number): void {
    for (const [id, entry] of this.#entries) if (now - entry.lastUsedMs > this.#idleTimeoutMs) this.#entries.delete(id);
  }
}

/** A locator for position `position` of cursor `id`. */
export function formatLocator(id: string, position: number): string {
  return `${id}-${position}`;
}

/**
 * The cursor id and position of a locator. Accepts the bare locator or a whole `nextRecordsUrl`
 * (its last path segment). `INVALID_QUERY_LOCATOR` for anything else.
 */
export function parseLocator(locatorOrUrl: string): { readonly id: string; readonly position: number } {
  const last = locatorOrUrl.split('?')[0]?.split('/').filter((s) => s !== '').pop() ?? '';
  const match = /^(01g[0-9A-Za-z]{15})-(\d{1,9})$/.exec(last);
  if (!match) throw new InvalidQueryLocatorError(`invalid query locator: ${last.slice(0, 64)}`);
  return { id: match[1] as string, position: Number(match[2]) };
}
