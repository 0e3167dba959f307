/**
 * Request body parsers. JSON is lenient about emptiness — the sf CLI sends
 * `Content-Type: application/json` on GET and DELETE with no body, which Fastify's own parser
 * rejects — and strict about syntax: malformed JSON is 400 `JSON_PARSER_ERROR`. `__proto__` keys
 * are refused (prototype poisoning). OAuth endpoints take `application/x-www-form-urlencoded`.
 */
import type { FastifyInstance } from 'fastify';
import { HttpError } from './http-errors.js';

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('the key "__proto__" is not allowed');
  return value;
}

/** Parses JSON text; an empty or blank body is `undefined`; bad syntax is 400 `JSON_PARSER_ERROR`. */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text, refusePrototypeKeys) as unknown;
  } catch (error) {
    throw new HttpError('JSON_PARSER_ERROR', `Malformed JSON in the request body: ${(error as Error).message}`);
  }
}

/** Replaces Fastify's parsers with the lenient JSON one (`application/json` and `+json` types). */
export function registerJsonParser(app: FastifyInstance): void {
  // JSON only: a text/plain body is 415, not a string handed to the routes.
  app.removeAllContentTypeParsers();
  const parse = (_request: unknown, body: string | Buffer, done: (error: Error | null, value?: unknown) => void): void => {
    try {
      done(null, parseJsonBody(body.toString()));
    } catch (error) {
      done(error as Error, undefined);
    }
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parse);
  app.addContentTypeParser(/^application\/[\w.-]+\+json$/, { parseAs: 'string' }, parse);
}

/** Adds an `application/x-www-form-urlencoded` parser (body → plain object of strings; last value wins). */
export function registerFormParser(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    const form: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(body.toString())) form[key] = value;
    done(null, form);
  });
}
