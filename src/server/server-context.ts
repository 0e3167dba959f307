/**
 * What every route module gets: the storage, the OAuth service, the clock, the runtime, the SOQL
 * engine, and how to tell the server's public URL (`instance_url`, identity URLs).
 */
import type { FastifyRequest } from 'fastify';
import type { Clock, OAuthService, OAuthStorage, QueryService, Runtime, Storage } from '../runtime/index.js';
import type { SoqlDatabase } from '../storage/index.js';

/** The storage the server needs: every port, OAuth, and what SOQL runs on (`openDatabase()` gives all). */
export type ServerStorage = Storage & OAuthStorage & SoqlDatabase;

/** Shared by the route modules. */
export interface ServerContext {
  readonly storage: ServerStorage;
  readonly oauth: OAuthService;
  readonly clock: Clock;
  /** The runtime (interviews, flows, actions). */
  runtime(): Promise<Runtime>;
  /** SOQL for `/query` and friends (the runtime's query service over one SOQL engine per server, which holds the query locators). */
  readonly soql: QueryService;
  /** The base URL clients reach the server at, without a trailing slash. */
  instanceUrl(request: FastifyRequest): string;
}

/** `instanceUrl` from a configured public URL, else from the request's protocol and Host header. */
export function instanceUrlResolver(publicUrl: string | undefined): (request: FastifyRequest) => string {
  if (publicUrl !== undefined) {
    const fixed = publicUrl.replace(/\/+$/, '');
    return () => fixed;
  }
  return (request) => `${request.protocol}://${request.host}`;
}
