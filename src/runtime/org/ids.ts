/**
 * Salesforce-style record IDs.
 *
 * An ID is 15 case-sensitive characters — a 3-character key prefix naming the object (`001`
 * Account, `0Fo` FlowInterview), a 2-character instance part (`0E` for Eddy) and 10 random
 * base-62 characters — followed, in the 18-character form, by a 3-character case-safe suffix
 * computed with Salesforce's algorithm so that the ID survives case-insensitive systems.
 * The random part comes from `crypto`, so IDs made by several processes at once never collide in
 * practice (62^10 ≈ 8.4·10^17 values per prefix).
 */
import { randomBytes } from 'node:crypto';
import { MalformedIdError } from '../errors.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const INSTANCE = '0E';
const ID15 = /^[0-9A-Za-z]{15}$/;
const ID18 = /^[0-9A-Za-z]{18}$/;
const PREFIX = /^[0-9A-Za-z]{3}$/;

/** Key prefixes of the objects Eddy knows, by object API name (custom objects get `a00`, `a01`, ... at deploy). */
export const KEY_PREFIXES = {
  Account: '001',
  Note: '002',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  Organization: '00D',
  UserRole: '00E',
  Group: '00G',
  OpportunityLineItem: '00k',
  Attachment: '00P',
  Lead: '00Q',
  Task: '00T',
  Event: '00U',
  CampaignMember: '00v',
  GroupMember: '011',
  RecordType: '012',
  ContentDocument: '069',
  Pricebook2: '01s',
  Product2: '01t',
  PricebookEntry: '01u',
  FlowInterviewOwnerSharingRule: '02c',
  Asset: '02i',
  EmailMessage: '02s',
  SetupEntityAccess: '0J0',
  OrgWideEmailAddress: '0D2',
  FeedItem: '0D5',
  FlowInterview: '0Fo',
  FlowInterviewShare: '0Fp',
  PermissionSetAssignment: '0Pa',
  PermissionSet: '0PS',
  FlowRecordRelation: '0jE',
  FlowStageRelation: '0jF',
  FlowDefinition: '300',
  Flow: '301',
  Case: '500',
  Campaign: '701',
  Contract: '800',
  Order: '801',
  OrderItem: '802',
} as const;

/** An object with a fixed key prefix. */
export type KnownObject = keyof typeof KEY_PREFIXES;

const OBJECT_BY_PREFIX: ReadonlyMap<string, KnownObject> = new Map(
  Object.entries(KEY_PREFIXES).map(([object, prefix]) => [prefix, object as KnownObject]),
);

/** `count` random base-62 characters from a cryptographic source (rejection sampling: no bias). */
function randomBase62(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      // 248 = 4 * 62: bytes above it would favour the first characters.
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === count) break;
    }
  }
  return out;
}

/** The 3-character case-safe suffix of a 15-character ID (Salesforce's algorithm). */
export function checksumOf(id15: string): string {
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return suffix;
}

/** A new, unique 18-character ID with the given 3-character key prefix. */
export function newId(prefix: string): string {
  if (!PREFIX.test(prefix)) throw new Error(`Invalid key prefix "${prefix}": three letters or digits expected.`);
  const id15 = prefix + INSTANCE + randomBase62(10);
  return id15 + checksumOf(id15);
}

/** Whether `text` is a well-formed ID: 15 alphanumerics, or 18 whose suffix matches the first 15. */
export function isValidId(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  if (ID15.test(text)) return true;
  return ID18.test(text) && checksumOf(text.slice(0, 15)) === text.slice(15);
}

/** The 18-character form of a 15- or 18-character ID; throws `MalformedIdError` otherwise. */
export function to18(id: string): string {
  if (!isValidId(id)) throw new MalformedIdError(`Invalid ID: ${id}`);
  return id.length === 18 ? id : id + checksumOf(id);
}

/**
 * Normalises an ID given by a client: 15 or 18 characters; an 18-character ID whose suffix is
 * wrong only because of case is repaired from the suffix (as Salesforce accepts lower-cased IDs).
 * Throws `MalformedIdError` (`fields` names the field when given) for anything else.
 */
export function parseId(text: unknown, field?: string): string {
  if (typeof text === 'string') {
    if (isValidId(text)) return to18(text);
    if (ID18.test(text)) {
      const repaired = repairCase(text);
      if (repaired !== undefined) return repaired;
    }
  }
  const label = field ? `${field}: ` : '';
  throw new MalformedIdError(`${label}invalid ID: ${String(text)}`, field ? [field] : []);
}

/** Restores the case of an 18-character ID from its suffix, or undefined if the suffix is not valid. */
function repairCase(id: string): string | undefined {
  const suffix = id.slice(15).toUpperCase();
  let out = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    const bits = SUFFIX_ALPHABET.indexOf(suffix[chunk] ?? '');
    if (bits < 0) return undefined;
    for (let i = 0; i < 5; i++) {
      const c = id[chunk * 5 + i] ?? '';
      out += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
    }
  }
  return isValidId(out + suffix) ? out + suffix : undefined;
}

/** The key prefix (first three characters) of an ID. */
export function keyPrefixOf(id: string): string {
  return id.slice(0, 3);
}

/** The object with a fixed key prefix (custom objects are resolved by the org schema). */
export function objectForPrefix(prefix: string): KnownObject | undefined {
  return OBJECT_BY_PREFIX.get(prefix);
}

/** Whether two IDs name the same record (15- and 18-character forms compare equal). */
export function sameId(a: string, b: string): boolean {
  return a.slice(0, 15) === b.slice(0, 15);
}

/** The key prefix of the n-th custom object (0 → `a00`, 1 → `a01`, ... 62 → `a10`). */
export function customObjectPrefix(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= 62 * 62) throw new Error(`No custom object prefix for index ${index}.`);
  return `a${BASE62[Math.floor(index / 62)]}${BASE62[index % 62]}`;
}
