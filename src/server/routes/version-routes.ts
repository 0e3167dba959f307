/**
 * `GET /services/data` (the versions list; no token needed — the sf CLI calls it first) and
 * `GET /services/data/vNN.N` (the resources of a version; jsforce's `identity()` reads
 * `identity` from it).
 */
import type { FastifyInstance } from 'fastify';
import { actorOf } from '../auth/authenticate.js';
import { apiVersions } from '../api-version.js';
import { resource } from '../resource.js';
import type { ServerContext } from '../server-context.js';
import { apiVersionOf } from '../versioned-api.js';

/** Registers the versions list (on the root instance). */
export function registerVersionListRoute(app: FastifyInstance): void {
  resource(app, '/services/data', { GET: () => Promise.resolve(apiVersions()) }, { public: true });
}

/** Registers the resources map (inside the versioned plugin). */
export function registerResourcesRoute(api: FastifyInstance, context: ServerContext): void {
  resource(api, '/', {
    GET: async (request) => {
      const base = `/services/data/v${apiVersionOf(request)}`;
      const orgId = await context.oauth.orgId();
      return {
        sobjects: `${base}/sobjects`,
        query: `${base}/query`,
        queryAll: `${base}/queryAll`,
        tooling: `${base}/tooling`,
        actions: `${base}/actions`,
        composite: `${base}/composite`,
        identity: `${context.instanceUrl(request)}/id/${orgId}/${actorOf(request).userId}`,
        openapi: '/services/data/openapi.json',
      };
    },
  });
}
