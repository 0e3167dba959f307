/**
 * The OpenAPI document served at `/services/data/openapi.json`: the seed's document
 * (`seed-openapi.yml`, a verbatim copy of the YAML in `shared/seeds/002_...`) with Eddy's paths,
 * schemas and tags merged in, servers pointing at this server, and the places where Eddy
 * knowingly answers differently from the seed marked `x-eddy-deviation`:
 *
 * - `invokeFlow` answers Salesforce's list of per-input results (what jsforce and Salesforce
 *   return), not the seed's `{ outputs: [...] }` object;
 * - `createFlowInterview` also answers 403 (no Run Flows) — the seed lists 201 and 400 only;
 * - the bearer token is opaque, not a JWT.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { JsonValue } from '../../engine/index.js';
import { CURRENT_API_VERSION, MIN_API_VERSION } from '../api-version.js';
import { EDDY_PATHS, EDDY_SCHEMAS, EDDY_TAGS } from './eddy-openapi.js';

type Json = Record<string, JsonValue>;

/** Where the vendored copy of the seed's OpenAPI YAML is. */
export const SEED_OPENAPI_FILE = join(dirname(fileURLToPath(import.meta.url)), 'seed-openapi.yml');

/** The operation ids of the seed. */
export const SEED_OPERATION_IDS = [
  'listFlows', 'getFlow', 'updateFlow', 'createFlowInterview', 'getFlowInterview', 'deleteFlowInterview',
  'listInvocableFlows', 'getInvocableFlowMetadata', 'invokeFlow', 'queryFlows',
] as const;

function asObject(value: JsonValue | undefined): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** The seed's document, parsed. */
export function loadSeedDocument(): Json {
  return asObject(parseYaml(readFileSync(SEED_OPENAPI_FILE, 'utf8')) as JsonValue);
}

/** Builds the merged document (a fresh object each call). */
export function buildOpenApiDocument(seed: Json = loadSeedDocument()): Json {
  const doc = JSON.parse(JSON.stringify(seed)) as Json;
  const info = asObject(doc.info);
  doc.info = {
    ...info,
    title: 'Eddy Flow REST API',
    version: `${CURRENT_API_VERSION}.0`,
    description:
      `${String(info.description ?? '').trim()}\n\n` +
      `Served by Eddy, an open runtime for Salesforce flows. Every version from v${MIN_API_VERSION}.0 to v${CURRENT_API_VERSION}.0 is served with the same behaviour. ` +
      "Get a token at /services/oauth2/token and send it as 'Authorization: Bearer <token>'. Errors are Salesforce's [{ message, errorCode, fields }]. " +
      'Operations tagged "Eddy Flow Runtime" are Eddy\'s own; places where Eddy answers differently from the seed are marked x-eddy-deviation.',
  };
  doc.servers = [
    {
      url: '/services/data/v{version}',
      description: 'This Eddy server',
      variables: { version: { default: `${CURRENT_API_VERSION}.0`, description: `Any version from ${MIN_API_VERSION}.0 to ${CURRENT_API_VERSION}.0` } },
    },
  ];
  doc.tags = [...(Array.isArray(doc.tags) ? doc.tags : []), ...(Array.isArray(EDDY_TAGS) ? EDDY_TAGS : [])];

  const paths = asObject(doc.paths);
  const invoke = asObject(asObject(asObject(paths['/actions/custom/flow/{flowApiName}']).post).responses);
  invoke['200'] = {
    description: 'One result per input, in order (Salesforce\'s shape)',
    'x-eddy-deviation': "The seed declares InvokeFlowResponse ({ outputs: [...] }); Eddy answers Salesforce's list of InvocableActionResult, which jsforce and existing clients expect.",
    content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/InvocableActionResult' } } } },
  };
  const create = asObject(asObject(asObject(paths['/sobjects/FlowInterview']).post).responses);
  create['403'] = { description: 'INSUFFICIENT_ACCESS: the caller lacks Run Flows', 'x-eddy-deviation': 'Not listed by the seed.', content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorList' } } } };
  for (const [path, item] of Object.entries(EDDY_PATHS)) {
    paths[path] = { ...asObject(paths[path]), ...asObject(item) };
  }
  doc.paths = paths;

  const components = asObject(doc.components);
  components.schemas = { ...asObject(components.schemas), ...EDDY_SCHEMAS };
  const schemes = asObject(components.securitySchemes);
  schemes.oauth2 = {
    type: 'oauth2',
    description: "Eddy's OAuth 2.0 token endpoint (connected apps with client id and secret).",
    flows: {
      password: { tokenUrl: '/services/oauth2/token', refreshUrl: '/services/oauth2/token', scopes: { api: 'Access and manage your data', refresh_token: 'Get refresh tokens' } },
      clientCredentials: { tokenUrl: '/services/oauth2/token', scopes: { api: 'Access and manage your data' } },
    },
  };
  schemes.bearerAuth = { type: 'http', scheme: 'bearer', bearerFormat: 'opaque', 'x-eddy-deviation': 'Tokens are opaque Salesforce-style tokens (<orgId>!...), not JWTs.' };
  components.securitySchemes = schemes;
  doc.components = components;
  return doc;
}
