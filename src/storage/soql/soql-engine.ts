/**
 * Runs SOQL against Eddy's database for a viewer: parses, compiles to parameterised SQL for the
 * dialect, applies the viewer's sharing, pages at `batchSize` rows (default 2,000) and hands out
 * query locators for the rest. The REST endpoints `/query`, `/queryAll`, `/query/{locator}` and
 * `/tooling/query`, and the CLI's `eddy query`, call this.
 *
 * ```ts
 * const soql = new SoqlEngine(storage);                      // one per process (it holds the cursors)
 * const first = await soql.query('SELECT Id, Owner.Name FROM FlowInterview', viewer, { apiVersion: '60.0' });
 * if (!first.done) await soql.queryMore(first.nextRecordsUrl!, viewer, { apiVersion: '59.0' });
 * ```
 */
import type { CompiledQuery, Kysely } from 'kysely';
import { interviewVisibility, InvalidQueryLocatorError } from '../../runtime/index.js';
import type { OrgSchema, QueryColumns, QueryMoreOptions, QueryResult, SObjectRow, SoqlPort, SoqlQueryOptions, Viewer } from '../../runtime/index.js';
import type { Database } from '../database-schema.js';
import { readSharingSettings } from '../kysely-interview-store.js';
import { toCount } from '../sql-helpers.js';
import type { DialectName } from '../store-context.js';
import { columnMetadataOf } from './column-metadata.js';
import { compileSoql } from './compile-soql.js';
import type { CompiledSoql } from './compile-soql.js';
import { localDay, resolveTimeZone } from './date-literals.js';
import { parseSoql } from './parse-soql.js';
import { formatLocator, MemoryQueryCursorStore, parseLocator } from './query-cursors.js';
import type { QueryCursor, QueryCursorStore } from './query-cursors.js';
import { SoqlContext } from './soql-context.js';
import type { Sql } from './soql-context.js';
import { shapeAggregates, shapeRecords } from './soql-rows.js';

/** What the engine needs of the storage: Kysely, the dialect, and the describe (`EddyDatabase` has all three). */
export interface SoqlDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly schema: { load(): Promise<OrgSchema> };
}

/** Options of {@link SoqlEngine}. */
export interface SoqlEngineOptions {
  /** Where locators live (default: in this process, {@link MemoryQueryCursorStore}). */
  readonly cursors?: QueryCursorStore;
  /** Time for date literals and cursor expiry (default: system time). */
  readonly clock?: () => Date;
}

/** The API version used when a call names none. */
export const DEFAULT_API_VERSION = '60.0';
/** Salesforce's default and largest batch. */
export const DEFAULT_BATCH_SIZE = 2000;
/** Salesforce's smallest batch. */
export const MIN_BATCH_SIZE = 200;

function apiVersionOf(version: string | undefined): string {
  const bare = (version ?? '').replace(/^v/i, '');
  return /^\d{1,3}\.\d$/.test(bare) ? bare : DEFAULT_API_VERSION;
}

function batchSizeOf(size: number | undefined): number {
  if (size === undefined || !Number.isFinite(size)) return DEFAULT_BATCH_SIZE;
  return Math.min(DEFAULT_BATCH_SIZE, Math.max(MIN_BATCH_SIZE, Math.floor(size)));
}

function viewerKeyOf(viewer: Viewer): string {
  return viewer === 'system' ? 'system' : viewer.userId;
}

type PagedSoql = Exclude<CompiledSoql, { mode: 'count' }>;

/** Runs SOQL for viewers, with paging. */
export class SoqlEngine implements SoqlPort {
  readonly #database: SoqlDatabase;
  readonly #cursors: QueryCursorStore;
  readonly #clock: () => Date;

  constructor(database: SoqlDatabase, options: SoqlEngineOptions = {}) {
    this.#database = database;
    this.#clock = options.clock ?? (() => new Date());
    this.#cursors = options.cursors ?? new MemoryQueryCursorStore({ clock: this.#clock });
  }

  /**
   * Runs `soql` for `viewer` (`'system'` skips sharing) and returns the first page. Errors:
   * `MALFORMED_QUERY` (syntax, AND/OR without parentheses, wrong value types),
   * `INVALID_TYPE` (unknown object), `INVALID_FIELD` (unknown field or relationship),
   * `INVALID_QUERY_FILTER_OPERATOR` (`invalid ID field`, an operator the field cannot take),
   * `NUMBER_OUTSIDE_VALID_RANGE` (OFFSET above 2,000).
   */
  async query(soql: string, viewer: Viewer, options: SoqlQueryOptions = {}): Promise<QueryResult> {
    const cursor: QueryCursor = {
      soql,
      viewerKey: viewerKeyOf(viewer),
      includeDeleted: options.includeDeleted ?? false,
      now: (options.now ?? this.#clock()).toISOString(),
      timeZone: resolveTimeZone(options.timeZone ?? (await this.#viewerTimeZone(viewer))),
      batchSize: batchSizeOf(options.batchSize),
      totalSize: 0,
      endpoint: options.endpoint ?? 'query',
    };
    const { compiled, schema } = await this.#compile(cursor, viewer);
    if (compiled.mode === 'count') {
      return { totalSize: await this.#count(compiled.countSql()), done: true, records: [] };
    }
    const apiVersion = apiVersionOf(options.apiVersion);
    const batch = cursor.batchSize;
    const take = compiled.limit === undefined ? batch + 1 : Math.min(batch + 1, compiled.limit);
    const rows = await this.#rows(compiled.pageSql(0, take));
    if (rows.length <= batch) {
      return { totalSize: rows.length, done: true, records: this.#shape(compiled, rows, schema, apiVersion) };
    }
    const totalSize = await this.#count(compiled.countSql());
    const id = this.#cursors.save({ ...cursor, totalSize });
    const records = this.#shape(compiled, rows.slice(0, batch), schema, apiVersion);
    return { totalSize, done: false, nextRecordsUrl: this.#nextUrl(id, batch, apiVersion, cursor.endpoint), records };
  }

  /**
   * The page at `locator` (`01g…-2000`, or a whole `nextRecordsUrl`), for the viewer who ran the
   * query; `INVALID_QUERY_LOCATOR` when it is unknown, expired, another viewer's, or past the end.
   */
  async queryMore(locator: string, viewer: Viewer, options: QueryMoreOptions = {}): Promise<QueryResult> {
    const { id, position } = parseLocator(locator);
    const cursor = this.#cursors.get(id);
    if (!cursor || cursor.viewerKey !== viewerKeyOf(viewer) || position <= 0 || position >= cursor.totalSize) {
      throw new InvalidQueryLocatorError(`invalid query locator: ${formatLocator(id, position)}`);
    }
    const { compiled, schema } = await this.#compile(cursor, viewer);
    if (compiled.mode === 'count') throw new InvalidQueryLocatorError(`invalid query locator: ${formatLocator(id, position)}`);
    const apiVersion = apiVersionOf(options.apiVersion);
    const take = Math.min(cursor.batchSize, cursor.totalSize - position);
    const rows = await this.#rows(compiled.pageSql(position, take));
    const next = position + rows.length;
    const records = this.#shape(compiled, rows, schema, apiVersion);
    if (rows.length < take || next >= cursor.totalSize) return { totalSize: cursor.totalSize, done: true, records };
    return { totalSize: cursor.totalSize, done: false, nextRecordsUrl: this.#nextUrl(id, next, apiVersion, options.endpoint ?? cursor.endpoint), records };
  }

  /** The column metadata of `soql` (`?columns=true`), without running it. Same errors as {@link query}. */
  /** The object a query reads (its FROM), or undefined when it does not parse. */
  objectOf(soql: string): string | undefined {
    try {
      return parseSoql(soql).sObject;
    } catch {
      return undefined;
    }
  }

  async columns(soql: string, viewer: Viewer): Promise<QueryColumns> {
    const cursor: QueryCursor = { soql, viewerKey: viewerKeyOf(viewer), includeDeleted: false, now: this.#clock().toISOString(), timeZone: 'UTC', batchSize: DEFAULT_BATCH_SIZE, totalSize: 0, endpoint: 'query' };
    return columnMetadataOf((await this.#compile(cursor, viewer)).compiled);
  }

  /** The SQL statement of the first page of `soql` (for query-plan checks and diagnostics). */
  async compileFirstPage(soql: string, viewer: Viewer, options: SoqlQueryOptions = {}): Promise<CompiledQuery> {
    const cursor: QueryCursor = {
      soql, viewerKey: viewerKeyOf(viewer), includeDeleted: options.includeDeleted ?? false, now: (options.now ?? this.#clock()).toISOString(),
      timeZone: resolveTimeZone(options.timeZone), batchSize: batchSizeOf(options.batchSize), totalSize: 0, endpoint: 'query',
    };
    const { compiled } = await this.#compile(cursor, viewer);
    const statement = compiled.mode === 'count' ? compiled.countSql() : compiled.pageSql(0, cursor.batchSize + 1);
    return statement.compile(this.#database.db);
  }

  async #compile(cursor: QueryCursor, viewer: Viewer): Promise<{ compiled: CompiledSoql; schema: OrgSchema }> {
    const parsed = parseSoql(cursor.soql);
    const schema = await this.#database.schema.load();
    const visibility = viewer === 'system' ? undefined : interviewVisibility(viewer, await readSharingSettings(this.#database.db));
    const ctx = new SoqlContext({
      soql: cursor.soql,
      schema,
      dialect: this.#database.dialect,
      visibility,
      includeDeleted: cursor.includeDeleted,
      today: localDay(new Date(cursor.now), cursor.timeZone),
      timeZone: cursor.timeZone,
      viewerId: viewer === 'system' ? undefined : viewer.userId,
    });
    return { compiled: compileSoql(ctx, parsed), schema };
  }

  async #viewerTimeZone(viewer: Viewer): Promise<string | undefined> {
    const db = this.#database.db;
    if (viewer !== 'system') {
      const user = await db.selectFrom('users').select('TimeZoneSidKey').where('Id', '=', viewer.userId).executeTakeFirst();
      if (user) return user.TimeZoneSidKey;
    }
    const org = await db.selectFrom('organization').select('TimeZoneSidKey').executeTakeFirst();
    return org?.TimeZoneSidKey;
  }

  async #rows(statement: Sql): Promise<Record<string, unknown>[]> {
    const { rows } = await statement.execute(this.#database.db);
    return rows as Record<string, unknown>[];
  }

  async #count(statement: Sql): Promise<number> {
    const [row] = await this.#rows(statement);
    return toCount(row?.n);
  }

  #shape(compiled: PagedSoql, rows: readonly Record<string, unknown>[], schema: OrgSchema, apiVersion: string): SObjectRow[] {
    return compiled.mode === 'records' ? shapeRecords(rows, compiled.object.name, compiled.columns, compiled.hops, schema, apiVersion) : shapeAggregates(rows, compiled.columns);
  }

  #nextUrl(id: string, position: number, apiVersion: string, endpoint: string): string {
    return `/services/data/v${apiVersion}/${endpoint}/${formatLocator(id, position)}`;
  }
}
