/**
 * SOQL for the API and the CLI: the runtime's door to the storage's {@link SoqlPort}. Every
 * query runs for a viewer (sharing applies unless the viewer is `'system'`); the checks that do
 * not need the database (an empty query, a query of the wrong object) are made here, with
 * Salesforce's error codes.
 */
import { InvalidTypeError, MalformedQueryError } from '../errors.js';
import type { Viewer } from '../ports/interview-store.js';
import type { QueryColumns, QueryMoreOptions, QueryResult, SoqlPort, SoqlQueryOptions } from '../ports/soql.js';

/** Runs SOQL for viewers through the storage's SOQL port. */
export class QueryService {
  readonly #port: SoqlPort;

  constructor(port: SoqlPort) {
    this.#port = port;
  }

  /** The first page of `soql` (`MALFORMED_QUERY` for an empty query). */
  query(soql: string, viewer: Viewer, options: SoqlQueryOptions = {}): Promise<QueryResult> {
    return this.#port.query(requireQuery(soql), viewer, options);
  }

  /** The next page, by a locator or a `nextRecordsUrl`. */
  queryMore(locator: string, viewer: Viewer, options: QueryMoreOptions = {}): Promise<QueryResult> {
    return this.#port.queryMore(locator, viewer, options);
  }

  /** The column metadata of `soql`. */
  columns(soql: string, viewer: Viewer): Promise<QueryColumns> {
    return this.#port.columns(requireQuery(soql), viewer);
  }

  /** The first page of a query that must read `object` (`INVALID_TYPE` naming `parameter` otherwise). */
  queryObject(object: string, soql: string, viewer: Viewer, options: SoqlQueryOptions & { readonly parameter?: string } = {}): Promise<QueryResult> {
    const { parameter = 'q', ...queryOptions } = options;
    if (this.#port.objectOf(soql)?.toLowerCase() !== object.toLowerCase()) {
      throw new InvalidTypeError(`The ${parameter} parameter of /sobjects/${object} must query ${object} (SELECT ... FROM ${object}).`, [parameter]);
    }
    return this.#port.query(soql, viewer, queryOptions);
  }

  /** Every page of `soql`, as one result with `done: true`, and its columns (the CLI prints them all). */
  async queryAllPages(soql: string, viewer: Viewer, options: SoqlQueryOptions = {}): Promise<{ readonly result: QueryResult; readonly columns: QueryColumns }> {
    const columns = await this.columns(soql, viewer);
    const first = await this.query(soql, viewer, options);
    const records = [...first.records];
    let page = first;
    while (!page.done && page.nextRecordsUrl !== undefined) {
      page = await this.#port.queryMore(page.nextRecordsUrl, viewer);
      records.push(...page.records);
    }
    return { result: { totalSize: first.totalSize, done: true, records }, columns };
  }
}

function requireQuery(soql: string): string {
  if (soql.trim() === '') throw new MalformedQueryError('A query string has to be specified (the q parameter).', ['q']);
  return soql;
}
