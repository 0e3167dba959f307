/**
 * `eddy query "SOQL" [--json] [--all] [--database URL] [--as username]`: runs SOQL with the SOQL
 * engine as the acting user (FlowInterview sharing applies, as on `/query`), follows every page
 * (`queryMore`) and prints the rows as a table — one column per selected field, relationship
 * fields as paths (`Parent.Owner.Name`) — or, with `--json`, the REST API's result
 * `{ totalSize, done, records }` with all records. `--all` is `/queryAll`: soft-deleted business
 * records too.
 */
import type { Command } from 'commander';
import type { QueryColumns, QueryResult, SObjectRow } from '../../runtime/index.js';
import { EXIT_CODES, UsageError, type CommandContext } from '../command-context.js';
import { formatTable } from '../format-table.js';
import { addRuntimeOptions, runWithRuntime, type CliSession, type RuntimeOptions } from '../open-runtime.js';

/** Options of `eddy query`. */
export interface QueryCommandOptions extends RuntimeOptions {
  /** Print the result as JSON. */
  readonly json?: boolean;
  /** queryAll: include soft-deleted records. */
  readonly all?: boolean;
}

type Column = QueryColumns['columnMetadata'][number];

/** The leaf columns of a query as key paths (`['Parent', 'Owner', 'Name']`), in SELECT order. */
export function columnPaths(columns: QueryColumns): string[][] {
  const paths: string[][] = [];
  const walk = (level: readonly Column[], prefix: readonly string[]): void => {
    for (const column of level) {
      const path = [...prefix, column.columnName];
      if (column.joinColumns.length > 0) walk(column.joinColumns, path);
      else paths.push(path);
    }
  };
  walk(columns.columnMetadata, []);
  return paths;
}

function valueAt(record: SObjectRow, path: readonly string[]): unknown {
  let value: unknown = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value ?? null;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.replace(/\r?\n/g, '\\n');
}

/** The rows as a table under their field paths, then the number of rows. */
export function renderQueryText(result: QueryResult, columns: QueryColumns): string {
  const paths = columnPaths(columns);
  const total = `Total number of records retrieved: ${result.totalSize}.\n`;
  if (paths.length === 0) return total;
  const table = formatTable(
    paths.map((path) => path.join('.')),
    result.records.map((record) => paths.map((path) => cellText(valueAt(record, path)))),
    'No records.',
  );
  return `${table}${total}`;
}

/** Runs the query with every page; the result has all records and `done: true`. */
export async function queryAllPages(session: CliSession, soql: string, options: QueryCommandOptions): Promise<{ result: QueryResult; columns: QueryColumns }> {
  const viewer = await session.storage.directory.accessSubject(session.actor.Id);
  const runtime = await session.runtime();
  return runtime.query.queryAllPages(soql, viewer, { includeDeleted: options.all === true, endpoint: options.all === true ? 'queryAll' : 'query' });
}

/** Registers `query` on the program. */
export function registerQueryCommand(program: Command, context: CommandContext): void {
  addRuntimeOptions(
    program
      .command('query')
      .description('Run a SOQL query as the acting user (sharing applies) and print every row.')
      .argument('<soql>', 'the query, e.g. "SELECT Id, ApiName, Status FROM Flow"')
      .option('--json', 'print the JSON result (as the REST API returns it, with every page)', false)
      .option('--all', 'include deleted records (queryAll)', false),
  ).action(async (soql: string, options: QueryCommandOptions) => {
    if (soql.trim() === '') throw new UsageError('the query is empty; pass a SOQL query such as "SELECT Id FROM Flow".');
    await runWithRuntime(context, options, async (session) => {
      const { result, columns } = await queryAllPages(session, soql, options);
      context.stdout.write(options.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderQueryText(result, columns));
      return EXIT_CODES.ok;
    });
  });
}
