/**
 * An in-memory {@link RecordPort} for engine tests: Salesforce-like Ids (object key prefixes,
 * 18 characters), filters with the engine's operators and logic, sorting, limits and field
 * projection. Records are copied in and out, so tests see what a database would hold.
 */
import { caseSafeId } from '../../../src/engine/values.js';
import { compareValues, FlowFault, getPath, matchesFilters, type FaultCode } from '../../../src/engine/index.js';
import type { FlowRecord, FlowValue, RecordDeleteWhere, RecordPort, RecordQuery, RecordUpdateWhere } from '../../../src/engine/index.js';

const PREFIXES: Readonly<Record<string, string>> = {
  account: '001',
  contact: '003',
  user: '005',
  opportunity: '006',
  lead: '00Q',
  task: '00T',
  event: '00U',
  case: '500',
  campaign: '701',
  feeditem: '0D5',
  contentdocument: '069',
  group: '00G',
};

/** A record operation refused with a DML status code: a fault of the flow, as record ports report them. */
export class RecordError extends FlowFault {
  constructor(code: FaultCode, message: string) {
    super(code, message);
    this.name = 'RecordError';
  }
}

function copy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Records by object, in insertion order. */
export class MemoryRecords implements RecordPort {
  readonly #objects = new Map<string, FlowRecord[]>();
  readonly #prefixes = new Map<string, string>();
  #counter = 0;
  /** Every operation, in order (for assertions). */
  readonly log: string[] = [];
  /** Makes the next operations of that kind fail with this error (`query`, `create`, ...). */
  readonly failures = new Map<string, RecordError>();

  constructor(seed: Record<string, readonly Record<string, FlowValue>[]> = {}) {
    for (const [object, records] of Object.entries(seed)) for (const record of records) this.insert(object, record);
  }

  #prefix(object: string): string {
    const lower = object.toLowerCase();
    const known = PREFIXES[lower] ?? this.#prefixes.get(lower);
    if (known !== undefined) return known;
    const made = `a0${String.fromCharCode(65 + (this.#prefixes.size % 26))}`;
    this.#prefixes.set(lower, made);
    return made;
  }

  /** A new 18-character Id for the object. */
  newId(object: string): string {
    this.#counter += 1;
    const id15 = `${this.#prefix(object)}${'0'.repeat(6)}${String(this.#counter).padStart(6, '0')}`;
    return caseSafeId(id15);
  }

  #table(object: string): FlowRecord[] {
    const key = object.toLowerCase();
    let table = this.#objects.get(key);
    if (table === undefined) {
      table = [];
      this.#objects.set(key, table);
    }
    return table;
  }

  /** Seeds a record (an Id is made when missing); returns its Id. */
  insert(object: string, fields: Record<string, FlowValue>): string {
    const id = typeof fields.Id === 'string' ? fields.Id : this.newId(object);
    this.#table(object).push({ ...copy(fields), attributes: { type: object }, Id: id });
    return id;
  }

  /** Copies of every record of an object. */
  all(object: string): FlowRecord[] {
    return copy(this.#table(object));
  }

  /** Copies of every record, by object (lower-case), objects sorted by name: the whole store, to compare two runs. */
  snapshot(): Record<string, FlowRecord[]> {
    const tables: Record<string, FlowRecord[]> = {};
    for (const key of [...this.#objects.keys()].sort()) tables[key] = copy(this.#objects.get(key) ?? []);
    return tables;
  }

  /** A copy of a record by Id, if any. */
  byId(id: string): FlowRecord | undefined {
    for (const table of this.#objects.values()) {
      const found = table.find((record) => record.Id === id);
      if (found !== undefined) return copy(found);
    }
    return undefined;
  }

  #fail(operation: string): void {
    const failure = this.failures.get(operation);
    if (failure !== undefined) throw failure;
  }

  #matching(object: string, filters: RecordQuery['filters'], logic: RecordQuery['logic']): FlowRecord[] {
    return this.#table(object).filter((record) => matchesFilters(record as unknown as FlowValue, filters, logic));
  }

  query(request: RecordQuery): FlowRecord[] {
    this.log.push(`query ${request.object}`);
    this.#fail('query');
    let records = this.#matching(request.object, request.filters, request.logic);
    if (request.sort !== undefined) {
      const { field, order } = request.sort;
      const path = field.split('.');
      records = [...records].sort((a, b) => {
        const left = getPath(a as unknown as FlowValue, path);
        const right = getPath(b as unknown as FlowValue, path);
        const comparison =
          left === null || right === null
            ? Number(right === null) - Number(left === null)
            : (compareValues({ value: left, dataType: undefined, isCollection: false }, { value: right, dataType: undefined, isCollection: false }) ?? 0);
        // SOQL: ascending puts nulls first, descending puts them last.
        return order === 'Desc' ? -comparison : comparison;
      });
    }
    if (request.limit !== undefined) records = records.slice(0, request.limit);
    return records.map((record) => {
      if (request.fields.length === 0) return copy(record);
      const projected: FlowRecord = { attributes: record.attributes, Id: record.Id };
      for (const field of request.fields) projected[field] = copy(getPath(record as unknown as FlowValue, field.split('.')));
      return projected;
    });
  }

  create(records: readonly FlowRecord[]): string[] {
    this.log.push(`create ${records.map((record) => record.attributes.type).join(',')}`);
    this.#fail('create');
    return records.map((record) => {
      const { attributes, Id: _id, ...fields } = record;
      return this.insert(attributes.type, fields as Record<string, FlowValue>);
    });
  }

  update(records: readonly FlowRecord[]): void {
    this.log.push(`update ${records.length}`);
    this.#fail('update');
    for (const record of records) {
      const { attributes: _attributes, Id: id, ...fields } = record;
      const target = [...this.#objects.values()].flat().find((candidate) => candidate.Id === id);
      if (target === undefined) throw new RecordError('INVALID_CROSS_REFERENCE_KEY', `No record with Id "${String(id)}" to update.`);
      Object.assign(target, copy(fields));
    }
  }

  updateWhere(request: RecordUpdateWhere): number {
    this.log.push(`updateWhere ${request.object}`);
    this.#fail('updateWhere');
    const records = this.#matching(request.object, request.filters, request.logic);
    for (const record of records) Object.assign(record, copy(request.values));
    return records.length;
  }

  delete(_object: string | undefined, ids: readonly string[]): void {
    this.log.push(`delete ${ids.length}`);
    this.#fail('delete');
    for (const [key, table] of this.#objects) this.#objects.set(key, table.filter((record) => !ids.includes(record.Id ?? '')));
  }

  deleteWhere(request: RecordDeleteWhere): number {
    this.log.push(`deleteWhere ${request.object}`);
    this.#fail('deleteWhere');
    const doomed = new Set(this.#matching(request.object, request.filters, request.logic));
    const table = this.#table(request.object);
    this.#objects.set(request.object.toLowerCase(), table.filter((record) => !doomed.has(record)));
    return doomed.size;
  }
}
