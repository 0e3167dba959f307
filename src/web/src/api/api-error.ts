/**
 * Errors from Eddy's REST API as the UI handles them: Salesforce's `[{ message, errorCode, fields }]`
 * body plus the HTTP status.
 */

/** One entry of Salesforce's error body. */
export interface SalesforceErrorEntry {
  readonly message: string;
  readonly errorCode: string;
  readonly fields?: readonly string[];
}

/** A failed API call: the HTTP status and the first error of the body. */
export class ApiError extends Error {
  readonly status: number;
  readonly errorCode: string;
  readonly fields: readonly string[];
  readonly entries: readonly SalesforceErrorEntry[];

  constructor(status: number, entries: readonly SalesforceErrorEntry[]) {
    const first = entries[0];
    super(first?.message ?? `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.errorCode = first?.errorCode ?? (status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`);
    this.fields = first?.fields ?? [];
    this.entries = entries;
  }
}

function isEntry(value: unknown): value is SalesforceErrorEntry {
  return typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string';
}

/** The error entries of a response body, whatever shape it has (Salesforce's array, OAuth's `{ error, error_description }`, text). */
export function errorEntriesOf(body: unknown, status: number): SalesforceErrorEntry[] {
  if (Array.isArray(body)) {
    return body.filter(isEntry).map((entry) => ({ message: entry.message, errorCode: typeof entry.errorCode === 'string' ? entry.errorCode : `HTTP_${status}`, fields: entry.fields ?? [] }));
  }
  if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>;
    if (typeof record.error === 'string') {
      const description = typeof record.error_description === 'string' ? record.error_description : record.error;
      return [{ message: description, errorCode: record.error, fields: [] }];
    }
    if (isEntry(body)) return [{ message: body.message, errorCode: typeof body.errorCode === 'string' ? body.errorCode : `HTTP_${status}`, fields: [] }];
  }
  if (typeof body === 'string' && body.trim() !== '') return [{ message: body.trim().slice(0, 500), errorCode: `HTTP_${status}`, fields: [] }];
  return [];
}

/** A message fit to show a user for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return error.message || 'It does not exist, or you do not have access to it.';
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
