/** Builders of the OpenAPI fragments Eddy's own paths are written with (`eddy-openapi.ts`, `jobs-openapi.ts`, `composite-openapi.ts`). */
import type { JsonValue } from '../../engine/index.js';

/** A JSON object of the document. */
export type Json = Record<string, JsonValue>;

/** A reference to a schema of `components.schemas`. */
export const ref = (name: string): Json => ({ $ref: `#/components/schemas/${name}` });
/** A JSON body of `schema`. */
export const json = (schema: Json): Json => ({ 'application/json': { schema } });
/** A success response with a JSON body. */
export const ok = (description: string, schema: Json): Json => ({ description, content: json(schema) });
/** An error response: Salesforce's error list. */
export const errors = (description: string): Json => ({ description, content: json(ref('ErrorList')) });
/** A required path parameter. */
export const pathParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });
/** An optional query parameter. */
export const queryParam = (name: string, description: string, schema: Json = { type: 'string' }): Json => ({ name, in: 'query', required: false, description, schema });

/** The errors every authenticated operation may answer. */
export const STANDARD_ERRORS: Json = {
  '400': errors('Bad request: MALFORMED_ID, INVALID_FIELD, JSON_PARSER_ERROR, INVALID_API_INPUT, ...'),
  '401': errors('INVALID_SESSION_ID: no token, or an invalid, expired or revoked one'),
  '403': errors('INSUFFICIENT_ACCESS: the permission the operation needs is missing'),
  '404': errors('NOT_FOUND: it does not exist, or the caller may not see it'),
};
