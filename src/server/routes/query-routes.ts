/**
 * SOQL over REST: `GET /query?q=`, `/queryAll?q=` (deleted records too) and `/tooling/query?q=`,
 * and their next pages `GET /query/{locator}` (accepted under every API version — jsforce
 * rebuilds `nextRecordsUrl` with its own version). Results always carry `records`; sharing is the
 * caller's (`SoqlEngine` applies FlowInterview sharing). `?columns=true` answers the column
 * metadata `sf data query` asks for. `Sforce-Query-Options: batchSize=N` sets the page size
 * (200–2,000).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { QueryEndpoint } from '../../runtime/index.js';
import { actorOf } from '../auth/authenticate.js';
import { paramsOf, queryOf, resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';

/** The `batchSize` of a `Sforce-Query-Options` header, if any. */
export function batchSizeOf(request: FastifyRequest): number | undefined {
  const header = request.headers['sforce-query-options'];
  const text = Array.isArray(header) ? header.join(',') : header;
  const match = typeof text === 'string' ? /(?:^|[,;\s])batchSize\s*=\s*(\d+)/i.exec(text) : null;
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

/** Registers the query resources inside the versioned API. */
export function registerQueryRoutes(api: FastifyInstance, context: ServerContext): void {
  const endpoints: readonly { readonly path: string; readonly endpoint: QueryEndpoint; readonly includeDeleted: boolean }[] = [
    { path: '/query', endpoint: 'query', includeDeleted: false },
    { path: '/queryAll', endpoint: 'queryAll', includeDeleted: true },
    { path: '/tooling/query', endpoint: 'tooling/query', includeDeleted: false },
  ];
  for (const { path, endpoint, includeDeleted } of endpoints) {
    resource(api, path, {
      GET: async (request) => {
        const { q, columns } = queryOf(request);
        const viewer = actorOf(request).subject;
        if (columns === 'true') return context.soql.columns(q ?? '', viewer);
        const batchSize = batchSizeOf(request);
        return context.soql.query(q ?? '', viewer, {
          apiVersion: apiVersionOf(request),
          endpoint,
          includeDeleted,
          ...(batchSize === undefined ? {} : { batchSize }),
        });
      },
    });
    resource(api, `${path}/:locator`, {
      GET: async (request) => context.soql.queryMore(paramsOf(request).locator ?? '', actorOf(request).subject, { apiVersion: apiVersionOf(request), endpoint }),
    });
  }
}
