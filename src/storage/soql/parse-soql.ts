/**
 * Parses SOQL text with `@jetstreamapp/soql-parser-js` and turns its chevrotain exceptions into
 * `MALFORMED_QUERY` errors that name the offending token (and its row and column when they can be
 * found), in Salesforce's message style:
 *
 * ```
 * SELEKT Id FROM Flow
 * ^
 * ERROR at Row:1:Column:1
 * unexpected token: 'SELEKT'
 * ```
 */
import { createRequire } from 'node:module';
import type { parseQuery, Query } from '@jetstreamapp/soql-parser-js';
import { MalformedQueryError } from '../../runtime/index.js';

interface SoqlParser {
  readonly parseQuery: typeof parseQuery;
}
let parser: SoqlParser | undefined;

/**
 * The SOQL parser, loaded on first use: building its grammar costs most of a second of CPU,
 * which every CLI command and every process start would otherwise pay without running a query.
 */
function soqlParser(): SoqlParser {
  parser ??= createRequire(import.meta.url)('@jetstreamapp/soql-parser-js') as SoqlParser;
  return parser;
}

/** Salesforce's limit on the length of a SOQL statement. */
export const MAX_SOQL_LENGTH = 100_000;

/** A position in the SOQL text, 1-based as Salesforce reports it. */
export interface SoqlPosition {
  readonly row: number;
  readonly column: number;
}

/** The row and column of character `offset` of `soql`. */
export function positionAt(soql: string, offset: number): SoqlPosition {
  const before = soql.slice(0, Math.max(0, offset));
  const lines = before.split('\n');
  return { row: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where `token` first occurs in `soql` as a whole word (case-insensitive), or undefined. */
export function locateToken(soql: string, token: string): SoqlPosition | undefined {
  if (token.length === 0) return undefined;
  const word = /^\w/.test(token) ? '(?<![\\w.])' : '';
  const end = /\w$/.test(token) ? '(?![\\w])' : '';
  const match = new RegExp(`${word}${escapeRegExp(token)}${end}`, 'i').exec(soql);
  return match ? positionAt(soql, match.index) : undefined;
}

/**
 * A message in Salesforce's SOQL error style: the query line, a caret under the position,
 * `ERROR at Row:r:Column:c`, then `detail`. Without a position, just `detail`.
 */
export function soqlErrorMessage(soql: string, position: SoqlPosition | undefined, detail: string): string {
  if (!position) return detail;
  const line = soql.split('\n')[position.row - 1] ?? '';
  // Long lines are cut around the position so the caret still points at the token.
  const start = Math.max(0, position.column - 1 - 60);
  const shown = line.slice(start, start + 200);
  const caret = `${' '.repeat(position.column - 1 - start)}^`;
  return `${start > 0 ? '...' : ''}${shown}\n${start > 0 ? '   ' : ''}${caret}\nERROR at Row:${position.row}:Column:${position.column}\n${detail}`;
}

/** A `MALFORMED_QUERY` error naming `token`, positioned at its first occurrence. */
export function malformedAt(soql: string, token: string, detail: string): MalformedQueryError {
  return new MalformedQueryError(soqlErrorMessage(soql, locateToken(soql, token), detail), [token]);
}

/** The offending token of a chevrotain parser exception, if its message names one. */
function tokenOf(name: string, message: string): string | undefined {
  const found =
    name === 'MismatchedTokenException'
      ? /but found --> '(.*)' <--/s.exec(message)
      : name === 'NotAllInputParsedException'
        ? /but found: (.*)$/s.exec(message)
        : /but found: '(.*)'$/s.exec(message);
  return found?.[1];
}

/** Parses `soql`; throws `MALFORMED_QUERY` naming the offending token. */
export function parseSoql(soql: string): Query {
  if (soql.length > MAX_SOQL_LENGTH) {
    throw new MalformedQueryError(`The SOQL statement is ${soql.length} characters long; the maximum is ${MAX_SOQL_LENGTH}.`);
  }
  if (soql.trim().length === 0) throw new MalformedQueryError('The query is empty.');
  try {
    return soqlParser().parseQuery(soql);
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    if (error.name === 'LexingError') {
      // "unexpected character: ->"<- at offset: 30, skipped 1 characters. (1:31)"
      const lexed = /->(.*)<- at offset: (\d+)/s.exec(error.message);
      const character = lexed?.[1] ?? '';
      const position = lexed ? positionAt(soql, Number(lexed[2])) : undefined;
      throw new MalformedQueryError(soqlErrorMessage(soql, position, `unexpected character: '${character}'`), character ? [character] : []);
    }
    if (/Exception$/.test(error.name)) {
      const token = tokenOf(error.name, error.message);
      if (token === undefined || token === '') {
        throw new MalformedQueryError(/expecting EOF/i.test(error.message) ? 'unexpected input at the end of the query' : 'unexpected end of query');
      }
      const expected = /Expecting token of type --> (\w+) <--/.exec(error.message)?.[1];
      const detail = expected ? `unexpected token: '${token}' (expecting ${expected})` : `unexpected token: '${token}'`;
      const position = error.name === 'MismatchedTokenException' ? locateToken(soql, token) : lastPosition(soql, token);
      throw new MalformedQueryError(soqlErrorMessage(soql, position, detail), [token]);
    }
    throw error;
  }
}

/**
 * Where the parser most likely stopped when it found unusable input: the last occurrence of the
 * token (chevrotain does not report the offset; the stray token is usually the last of its kind).
 */
function lastPosition(soql: string, token: string): SoqlPosition | undefined {
  const lower = soql.toLowerCase();
  const index = lower.lastIndexOf(token.toLowerCase());
  return index >= 0 ? positionAt(soql, index) : undefined;
}
