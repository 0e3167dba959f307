/** The record store: business records of standard and custom objects. */
import type { FlowRecord, FlowValue, ResolvedFilter } from '../../engine/index.js';
import type { LogicNode } from '../../flow-model/index.js';
import type { OrgSchema } from '../org/org-schema.js';

/** A record query: the engine's `recordQuery` request without its `kind`. */
export interface RecordQuery {
  readonly object: string;
  readonly filters: readonly ResolvedFilter[];
  /** Logic over `filters` indexes; absent means AND of all. */
  readonly logic?: LogicNode | undefined;
  /** Fields to return besides `Id`; empty or absent means all. */
  readonly fields?: readonly string[];
  readonly sort?: { readonly field: string; readonly order: 'Asc' | 'Desc' } | undefined;
  /** At most 50,000 rows are returned. */
  readonly limit?: number | undefined;
}

/** The filter part of a query, for `updateWhere` / `deleteWhere`. */
export interface RecordFilterQuery {
  readonly object: string;
  readonly filters: readonly ResolvedFilter[];
  readonly logic?: LogicNode | undefined;
}

/** How record writes treat values of read-only fields (`CreatedDate`, formulas, auto-numbers, `Name` of a Contact). */
export interface RecordWriteOptions {
  /**
   * `ignore` (default): drop them, as Apex DML and flows do when a record read with all its
   * fields is written back. `reject`: `INVALID_FIELD_FOR_INSERT_UPDATE`, as the REST API does.
   */
  readonly readOnlyFields?: 'ignore' | 'reject';
}

/**
 * Records of business objects (standard and custom). Writes are type-checked against the
 * describe (`record-validation.ts`) and all-or-nothing: one bad record fails the call with
 * nothing written; a batch takes a constant number of statements, whatever its size. Business
 * writes go through the save pipeline (`runtime/triggers/`), which fires record-triggered
 * flows and calls these; only bootstrap and tests write here directly. System objects (User, FlowInterview, ...) can be queried
 * and read here but are written through their own ports. Record sharing is not enforced:
 * flows run in system context.
 */
export interface RecordStore {
  /** The org's describe (standard, system and deployed custom objects). */
  schema(): Promise<OrgSchema>;
  query(query: RecordQuery): Promise<FlowRecord[]>;
  /** The record with that Id (any object, 15 or 18 characters), or undefined (also for deleted ones). */
  getById(id: string, fields?: readonly string[]): Promise<FlowRecord | undefined>;
  /** Whether `id` names an existing, undeleted record of any object (false for malformed IDs). */
  exists(id: string): Promise<boolean>;
  /** Which of `ids` name no existing, undeleted record (malformed ones included): one query per table, however many. */
  missing(ids: readonly string[]): Promise<Set<string>>;
  /** Creates records (object from `attributes.type`); returns their new Ids in order. */
  create(records: readonly FlowRecord[], actorId: string, options?: RecordWriteOptions): Promise<string[]>;
  /** Updates records by `Id` with the fields given. */
  update(records: readonly FlowRecord[], actorId: string, options?: RecordWriteOptions): Promise<void>;
  /** Sets `values` on every record matching the filters; returns how many. */
  updateWhere(query: RecordFilterQuery, values: Readonly<Record<string, FlowValue>>, actorId: string): Promise<number>;
  /** Deletes records by Id (`ENTITY_IS_DELETED` for deleted ones, `NOT_FOUND` for unknown ones). */
  delete(ids: readonly string[]): Promise<void>;
  /** Deletes every record matching the filters; returns how many. */
  deleteWhere(query: RecordFilterQuery): Promise<number>;
}
