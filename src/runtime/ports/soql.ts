/**
 * The SOQL port: queries for a viewer, shaped as Salesforce's REST API answers them, with
 * paging by query locators. Storage implements it (`SoqlEngine` compiles SOQL to SQL and applies
 * sharing); the runtime's query service and everything above it go through this port.
 */
import type { Viewer } from './interview-store.js';

/** A JSON value of a query row. */
export type SoqlValue = string | number | boolean | null | SObjectRow;

/** A record of a query result. */
export interface SObjectRow {
  readonly attributes: { readonly type: string; readonly url?: string };
  [field: string]: SoqlValue | { readonly type: string; readonly url?: string };
}

/** One column. */
export interface ColumnMetadata {
  readonly columnName: string;
  readonly displayName: string;
  readonly aggregate: boolean;
  readonly apexType: string | null;
  readonly joinColumns: ColumnMetadata[];
}

/** The column metadata of a query. */
export interface QueryColumns {
  readonly columnMetadata: ColumnMetadata[];
  readonly entityName: string;
  readonly groupBy: boolean;
  readonly idSelected: boolean;
  readonly keyPrefix: string | null;
}

/** A query result, shaped as Salesforce's REST API returns it. */
export interface QueryResult {
  readonly totalSize: number;
  readonly done: boolean;
  /** `/services/data/v{apiVersion}/{endpoint}/{locator}` while more rows remain. */
  readonly nextRecordsUrl?: string;
  readonly records: SObjectRow[];
}

/** Where `nextRecordsUrl` points: the REST resource that continues the query. */
export type QueryEndpoint = 'query' | 'queryAll' | 'tooling/query';

/** Options of {@link SoqlPort.query}. */
export interface SoqlQueryOptions {
  /** queryAll: include soft-deleted rows where the table keeps them (business records). */
  readonly includeDeleted?: boolean;
  /** Rows per page, 200–2,000 as Salesforce's `batchSize` (default 2,000). */
  readonly batchSize?: number;
  /** API version for `attributes.url` and `nextRecordsUrl` (`60.0` or `v60.0`; default `60.0`). */
  readonly apiVersion?: string;
  /** The resource in `nextRecordsUrl` (default `query`). */
  readonly endpoint?: QueryEndpoint;
  /** The instant date literals (`TODAY`, `LAST_N_DAYS:n`) are relative to (default: the engine's clock). */
  readonly now?: Date;
  /** IANA time zone of date literals (default: the viewer's `TimeZoneSidKey`, else the org's). */
  readonly timeZone?: string;
}

/** Options of {@link SoqlPort.queryMore}. */
export interface QueryMoreOptions {
  readonly apiVersion?: string;
  /** The resource in the next `nextRecordsUrl` (default: the one the query was run with). */
  readonly endpoint?: QueryEndpoint;
}

/** Runs SOQL for viewers (`'system'` skips sharing). */
export interface SoqlPort {
  /** The first page of `soql`'s result (errors: `MALFORMED_QUERY`, `INVALID_TYPE`, `INVALID_FIELD`, ...). */
  query(soql: string, viewer: Viewer, options?: SoqlQueryOptions): Promise<QueryResult>;
  /** The next page of a query, by the locator in `nextRecordsUrl` (or the URL itself). */
  queryMore(locator: string, viewer: Viewer, options?: QueryMoreOptions): Promise<QueryResult>;
  /** The query's column metadata (`?columns=true`). */
  columns(soql: string, viewer: Viewer): Promise<QueryColumns>;
  /** The object a query reads (its FROM), or undefined when it does not parse. */
  objectOf(soql: string): string | undefined;
}
