/** Small conversions shared by the Kysely adapters (booleans as 0/1, JSON text, auto-numbers). */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { JsonValue } from '../engine/index.js';
import type { Database } from './database-schema.js';

/** A boolean as stored (0/1). */
export function toBool(value: boolean | null | undefined): number {
  return value ? 1 : 0;
}

/** A stored 0/1 (or a driver's boolean) as a boolean. */
export function fromBool(value: unknown): boolean {
  return value === 1 || value === true || value === '1' || value === 't';
}

/** JSON from a text column (SQLite) or an already parsed jsonb value (PostgreSQL). */
export function parseJson<T = JsonValue>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** A count as returned by either driver (PostgreSQL returns bigint counts as strings). */
export function toCount(value: unknown): number {
  return typeof value === 'bigint' ? Number(value) : Number(value ?? 0);
}

/** The next value (1, 2, 3...) of a named counter; concurrency-safe (one upsert statement). */
export async function nextAutonumber(db: Kysely<Database>, name: string): Promise<number> {
  const row = await db
    .insertInto('autonumbers')
    .values({ name, last_value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_value: sql<number>`autonumbers.last_value + 1` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

/** Adds `count` to a named counter in one statement; returns its new last value (the batch has `last - count + 1 .. last`). */
export async function addToAutonumber(db: Kysely<Database>, name: string, count: number): Promise<number> {
  const row = await db
    .insertInto('autonumbers')
    .values({ name, last_value: count })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_value: sql<number>`autonumbers.last_value + ${count}` }))
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

/**
 * Formats an auto-number like Salesforce's `displayFormat`: `{0000}` is the number zero-padded to
 * four digits; `{YY}`, `{YYYY}`, `{MM}`, `{DD}` are the date's parts; other text is kept.
 */
export function formatAutonumber(format: string, value: number, nowIso: string): string {
  return format.replace(/\{(0+|YYYY|YY|MM|DD)\}/g, (_, token: string) => {
    switch (token) {
      case 'YYYY':
        return nowIso.slice(0, 4);
      case 'YY':
        return nowIso.slice(2, 4);
      case 'MM':
        return nowIso.slice(5, 7);
      case 'DD':
        return nowIso.slice(8, 10);
      default:
        return String(value).padStart(token.length, '0');
    }
  });
}

/** A developer name from a label: letters, digits and single underscores, starting with a letter. */
export function developerNameFrom(label: string): string {
  const name = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  return /^[A-Za-z]/.test(name) ? name : `X${name}`;
}

/** Whether `name` is a valid API name (letter first; letters, digits, single underscores; no trailing underscore). */
export function isValidDeveloperName(name: string): boolean {
  return /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(name) && !name.endsWith('_') && name.length <= 80;
}

/** `items` in chunks of `size` (for IN lists and multi-row inserts). */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

let lastMs = 0;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter that keeps ids
 * made in the same millisecond by this process in creation order, then random bits. Queues and the
 * outbox order by (created date, id), so rows written in one millisecond keep their order.
 */
export function orderedUuid(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    sequence = 0;
  } else if (++sequence > 0xfff) {
    lastMs += 1;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (sequence >>> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
