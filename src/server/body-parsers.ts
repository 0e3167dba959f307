/**
 * Request body parsers. JSON is lenient about emptiness — the sf CLI sends
 * `Content-Type: application/json` on GET and DELETE with no body, which Fastify's own parser
 * rejects — and strict about everything else, each 400 `JSON_PARSER_ERROR`: malformed JSON,
 * bytes that are not UTF-8 (never silently replaced by U+FFFD), text that no database or XML
 * file can hold (U+0000, a lone surrogate such as `"\ud800"`), and `__proto__` keys (prototype
 * poisoning). OAuth endpoints take `application/x-www-form-urlencoded`.
 */
import type { FastifyInstance } from 'fastify';
import { decodeUtf8 } from '../flow-model/index.js';
import { HttpError } from './http-errors.js';

/** U+0000, or a surrogate without its pair. */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function describeUnstorable(text: string): string | undefined {
  const match = UNSTORABLE.exec(text);
  if (match === null) return undefined;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return code === '0000' ? 'the character U+0000' : `a lone surrogate (U+${code})`;
}

function checkJsonValue(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('the key "__proto__" is not allowed');
  const bad = describeUnstorable(key) ?? (typeof value === 'string' ? describeUnstorable(value) : undefined);
  if (bad !== undefined) throw new SyntaxError(`text cannot contain ${bad}${key === '' ? '' : ` (in "${key.slice(0, 40)}")`}`);
  return value;
}

/** Parses JSON text; an empty or blank body is `undefined`; anything else wrong is 400 `JSON_PARSER_ERROR`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text, checkJsonValue) as unknown;
  } catch (error) {
    throw new HttpError('JSON_PARSER_ERROR', `Malformed JSON in the request body: ${(error as Error).message}`);
  }
}

/** A request body's bytes as UTF-8 text; invalid UTF-8 is 400 `JSON_PARSER_ERROR`. */
export function decodeUtf8Body(body: Buffer): string {
  const decoded = decodeUtf8(body);
  if (decoded.ok) return decoded.text;
  throw new HttpError('JSON_PARSER_ERROR', `The request body is not valid UTF-8 (line ${decoded.problem.line ?? 1}): send JSON encoded in UTF-8.`);
}

/** Replaces Fastify's parsers with the lenient JSON one (`application/json` and `+json` types). */
export function registerJsonParser(app: FastifyInstance): void {
  // JSON only: a text/plain body is 415, not a string handed to the routes.
  app.removeAllContentTypeParsers();
  const parse = (_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    try {
      done(null, parseJsonBody(typeof body === 'string' ? body : decodeUtf8Body(body)));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  // As bytes: Fastify's string mode would replace invalid UTF-8 with U+FFFD without a word.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parse);
  app.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'buffer' }, parse);
}

/** Adds an `application/x-www-form-urlencoded` parser (body → plain object of strings; last value wins). */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const form: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(body.toString())) form[key] = value;
    done(null, form);
  });
}
