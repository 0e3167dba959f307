/**
 * The versioned REST API, `/services/data/vNN.N/...`: a plugin whose hooks check the version
 * (404 `NOT_FOUND` for an unserved one, before anything else) and then authenticate the caller.
 * Route modules register paths relative to it.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseApiVersion } from './api-version.js';
import type { Authenticator } from './auth/authenticate.js';
import { paramsOf } from './resource.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API version of a `/services/data/vNN.N/...` request (`59.0`). */
    apiVersion: string | undefined;
  }
}

/** The request's API version (`59.0`). */
export function apiVersionOf(request: FastifyRequest): string {
  return request.apiVersion ?? parseApiVersion(paramsOf(request).version ?? '');
}

/** Registers `routes` under `/services/data/:version` with the version check and authentication. */
export function registerVersionedApi(app: FastifyInstance, authenticator: Authenticator, routes: (api: FastifyInstance) => void): void {
  void app.register(
    async (api) => {
      api.addHook('onRequest', (request, _reply, done) => {
        try {
          request.apiVersion = parseApiVersion(paramsOf(request).version ?? '');
        } catch (error) {
          done(error as Error);
          return;
        }
        done();
      });
      authenticator.install(api);
      routes(api);
    },
    { prefix: '/services/data/:version' },
  );
}
