/**
 * The UI's HTTP client for Eddy's public REST API: JSON in and out, the session cookie or a
 * bearer token, the CSRF header on state-changing requests, Salesforce-shaped errors as
 * {@link ApiError}, SOQL with paging. The UI uses no endpoint other clients cannot use.
 */
import { ApiError, errorEntriesOf } from './api-error.js';

/** What the client needs to know. */
export interface ApiClientOptions {
  /** Origin of the Eddy server (`''`: same origin). */
  readonly baseUrl?: string;
  /** A bearer token (embedded components); without one the session cookie authenticates. */
  readonly accessToken?: string;
  /** The session's CSRF token, sent as `X-CSRF-Token` on state-changing cookie requests. */
  readonly csrfToken?: () => string | undefined;
  /** Called when the API answers 401 (the session expired or was revoked). */
  readonly onUnauthorized?: () => void;
  readonly fetch?: typeof fetch;
}

/** A SOQL result page. */
export interface QueryResult<T> {
  readonly totalSize: number;
  readonly done: boolean;
  readonly nextRecordsUrl?: string;
  readonly records: T[];
}

/** The API version the UI asks for when the server does not say (any version from 50.0 works). */
export const DEFAULT_API_VERSION = '62.0';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A thin, typed wrapper around `fetch` for Eddy's REST API. */
export class ApiClient {
  readonly #options: ApiClientOptions;
  #version: string = DEFAULT_API_VERSION;
  #versionKnown: Promise<void> | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.#options = options;
  }

  /** The server's origin (`''` for same origin). */
  get baseUrl(): string {
    return this.#options.baseUrl ?? '';
  }

  /** The REST path of a data resource: `/services/data/v62.0` + `path`. */
  dataPath(path: string): string {
    return `/services/data/v${this.#version}${path}`;
  }

  /** Learns the newest API version the server offers (once); keeps the default when it cannot. */
  async ready(): Promise<void> {
    this.#versionKnown ??= (async () => {
      try {
        const versions = await this.request<{ version: string }[]>('GET', '/services/data');
        const newest = versions.map((entry) => entry.version).sort((a, b) => Number(a) - Number(b)).at(-1);
        if (newest !== undefined) this.#version = newest;
      } catch {
        // An older server or a transient failure: the default version works on every Eddy server.
      }
    })();
    return this.#versionKnown;
  }

  /** Sends a request; resolves with the parsed JSON body (undefined for 204), rejects with {@link ApiError}. */
  async request<T>(method: string, path: string, body?: unknown, init: { readonly headers?: Record<string, string>; readonly signal?: AbortSignal } = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...init.headers };
    if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
    if (this.#options.accessToken !== undefined) headers.Authorization = `Bearer ${this.#options.accessToken}`;
    else if (STATE_CHANGING.has(method)) {
      const csrf = this.#options.csrfToken?.();
      if (csrf !== undefined) headers['X-CSRF-Token'] = csrf;
    }
    const doFetch = this.#options.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(`${this.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
        credentials: this.#options.accessToken === undefined ? 'same-origin' : 'omit',
        signal: init.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, [{ message: 'The server cannot be reached. Check your connection and try again.', errorCode: 'NETWORK_ERROR' }]);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text !== '') {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (!response.ok) {
      if (response.status === 401) this.#options.onUnauthorized?.();
      throw new ApiError(response.status, errorEntriesOf(parsed, response.status));
    }
    return parsed as T;
  }

  /** `GET` of a data resource (`/sobjects/Contact/describe`...). */
  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>('GET', this.dataPath(path), undefined, { signal });
  }

  /** Runs a SOQL query and follows `nextRecordsUrl` until `maxRecords` rows are read (default: all). */
  async query<T>(soql: string, options: { readonly maxRecords?: number; readonly tooling?: boolean; readonly signal?: AbortSignal } = {}): Promise<T[]> {
    const base = options.tooling === true ? '/tooling/query' : '/query';
    let page = await this.request<QueryResult<T>>('GET', this.dataPath(`${base}?q=${encodeURIComponent(soql)}`), undefined, { signal: options.signal });
    const records = [...page.records];
    const max = options.maxRecords ?? Number.POSITIVE_INFINITY;
    while (!page.done && page.nextRecordsUrl !== undefined && records.length < max) {
      page = await this.request<QueryResult<T>>('GET', page.nextRecordsUrl, undefined, { signal: options.signal });
      records.push(...page.records);
    }
    return records.slice(0, max);
  }
}
