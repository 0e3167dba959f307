/**
 * Compiles a flow record query (filters with Salesforce's operators, condition logic, sort,
 * limit, fields) into one parameterised SQL statement that behaves the same on SQLite and
 * PostgreSQL: text compares case-insensitively as SOQL does, `!=` and `NOT IN` include nulls,
 * ascending sorts put nulls first and descending ones last, text sorts by lower-cased byte order.
 * Field names are resolved against the describe first, so no user text reaches SQL unbound.
 */
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { FlowRecord, FlowValue, JsonValue, ResolvedFilter } from '../engine/index.js';
import type { LogicNode } from '../flow-model/index.js';
import { isValidDate, MalformedQueryError, normalizeDateTime, parseId } from '../runtime/index.js';
import type { FieldDescribe, ObjectDescribe, OrgSchema, RecordFilterQuery, RecordQuery } from '../runtime/index.js';
import type { Database } from './database-schema.js';
import { fieldExpression, RECORD_COLUMNS, sourceOf, valueKindOf } from './object-sources.js';
import type { FieldExpression, ObjectSource } from './object-sources.js';
import { fromBool, parseJson } from './sql-helpers.js';
import type { DialectName } from './store-context.js';

/** Most rows one query returns (SOQL's limit for a transaction). */
export const MAX_QUERY_ROWS = 50_000;

const ALIAS = 't';
const TRUE = sql`1 = 1`;
const FALSE = sql`1 = 0`;

type Sql = RawBuilder<unknown>;

/** Whether text comparisons on `field` ignore case (names, picklists: yes; IDs and dates: no). */
function isCaseInsensitive(field: FieldDescribe): boolean {
  return valueKindOf(field) === 'text' && !['id', 'reference', 'date', 'datetime', 'time'].includes(field.type);
}

function badValue(field: FieldDescribe, value: unknown): MalformedQueryError {
  return new MalformedQueryError(`value of filter criterion for field '${field.name}' must be of type ${field.type}: ${JSON.stringify(value)}`, [field.name]);
}

/** A filter value converted to what the field's SQL expression compares with; null for empty. */
function filterValue(field: FieldDescribe, value: FlowValue | undefined): string | number | null {
  if (value === null || value === undefined || value === '') return null;
  switch (valueKindOf(field)) {
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw badValue(field, value);
      return n;
    }
    case 'boolean':
      if (value === true || value === 'true') return 1;
      if (value === false || value === 'false') return 0;
      throw badValue(field, value);
    case 'text':
      break;
  }
  if (typeof value === 'object') throw badValue(field, value);
  const text = String(value);
  if (field.type === 'id' || field.type === 'reference') return parseId(text, field.name);
  if (field.type === 'date') {
    const date = isValidDate(text) ? text : normalizeDateTime(text)?.slice(0, 10);
    if (date === undefined) throw badValue(field, value);
    return date;
  }
  if (field.type === 'datetime') {
    const dateTime = normalizeDateTime(text);
    if (dateTime === undefined) throw badValue(field, value);
    return dateTime;
  }
  return text;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Compiles one filter. */
function compileFilter(expression: FieldExpression, field: FieldDescribe, filter: ResolvedFilter, dialect: DialectName): Sql {
  const ci = isCaseInsensitive(field);
  const left = ci ? sql`lower(${expression.sql})` : expression.sql;
  const ordered = ci && dialect === 'postgres' ? sql`${left} collate "C"` : left;
  const param = (v: string | number): Sql => (ci && typeof v === 'string' ? sql`${v.toLowerCase()}` : sql`${v}`);
  const truthy = filter.value === true || filter.value === 'true';
  switch (filter.operator) {
    case 'EqualTo': {
      const v = filterValue(field, filter.value);
      return v === null ? sql`${expression.sql} is null` : sql`${left} = ${param(v)}`;
    }
    case 'NotEqualTo': {
      const v = filterValue(field, filter.value);
      return v === null ? sql`${expression.sql} is not null` : sql`(${expression.sql} is null or ${left} <> ${param(v)})`;
    }
    case 'GreaterThan':
    case 'GreaterThanOrEqualTo':
    case 'LessThan':
    case 'LessThanOrEqualTo': {
      const v = filterValue(field, filter.value);
      if (v === null) return FALSE;
      const op = { GreaterThan: '>', GreaterThanOrEqualTo: '>=', LessThan: '<', LessThanOrEqualTo: '<=' }[filter.operator];
      return sql`${ordered} ${sql.raw(op)} ${param(v)}`;
    }
    case 'StartsWith':
    case 'EndsWith':
    case 'Contains': {
      if (expression.kind !== 'text') throw new MalformedQueryError(`${filter.operator} cannot be used on ${field.type} field ${field.name}`, [field.name]);
      const text = filter.value === null || filter.value === undefined ? '' : typeof filter.value === 'object' ? (() => { throw badValue(field, filter.value); })() : String(filter.value);
      const escaped = escapeLike(text.toLowerCase());
      const pattern = filter.operator === 'StartsWith' ? `${escaped}%` : filter.operator === 'EndsWith' ? `%${escaped}` : `%${escaped}%`;
      return sql`lower(${expression.sql}) like ${pattern} escape ${sql.lit('\\')}`;
    }
    case 'IsNull':
    case 'IsBlank':
      return truthy ? sql`${expression.sql} is null` : sql`${expression.sql} is not null`;
    case 'In':
    case 'NotIn': {
      const list = Array.isArray(filter.value) ? filter.value : [filter.value];
      const values = list.map((v) => filterValue(field, v));
      const nonNull = values.filter((v): v is string | number => v !== null);
      const hasNull = values.length !== nonNull.length;
      const inList = nonNull.length > 0 ? sql`${left} in (${sql.join(nonNull.map(param))})` : FALSE;
      if (filter.operator === 'In') return hasNull ? sql`(${inList} or ${expression.sql} is null)` : inList;
      const notIn = nonNull.length > 0 ? sql`${left} not in (${sql.join(nonNull.map(param))})` : TRUE;
      return hasNull ? sql`(${expression.sql} is not null and ${notIn})` : sql`(${expression.sql} is null or ${notIn})`;
    }
    case 'IsEmpty':
    case 'WasSet':
    case 'WasSelected':
    case 'WasVisited':
    case 'IsChanged':
      throw new MalformedQueryError(`The ${filter.operator} operator cannot filter records (field ${field.name}).`, [field.name]);
  }
}

function compileLogic(node: LogicNode, conditions: readonly Sql[]): Sql {
  switch (node.op) {
    case 'and':
    case 'or': {
      if (node.children.length === 0) return node.op === 'and' ? TRUE : FALSE;
      return sql`(${sql.join(node.children.map((c) => compileLogic(c, conditions)), sql.raw(` ${node.op} `))})`;
    }
    case 'not':
      // A condition on a null field is unknown in SQL but false in SOQL, so its negation is true.
      return sql`(case when ${compileLogic(node.child, conditions)} then 0 else 1 end) = 1`;
    case 'condition': {
      const condition = conditions[node.index];
      if (!condition) throw new MalformedQueryError(`Filter logic refers to condition ${node.index + 1}, but there are ${conditions.length}.`);
      return condition;
    }
  }
}

/** The describe, SQL home and WHERE clause (on alias `t`) of a filter query. */
export function compileWhere(schema: OrgSchema, query: RecordFilterQuery, dialect: DialectName): { object: ObjectDescribe; source: ObjectSource; where: Sql } {
  const object = schema.describeOrThrow(query.object);
  const source = sourceOf(object);
  const conditions = query.filters.map((filter) => {
    const field = schema.fieldOrThrow(object.name, filter.field);
    return compileFilter(fieldExpression(source, ALIAS, field, dialect), field, filter, dialect);
  });
  const logic: LogicNode = query.logic ?? { op: 'and', children: conditions.map((_, index) => ({ op: 'condition', index })) };
  const filterSql = conditions.length === 0 && query.logic === undefined ? TRUE : compileLogic(logic, conditions);
  const where = source.kind === 'records' ? sql`${sql.ref(`${ALIAS}.object_type`)} = ${object.name} and ${sql.ref(`${ALIAS}.IsDeleted`)} = 0 and ${filterSql}` : filterSql;
  return { object, source, where };
}

function orderBy(schema: OrgSchema, object: ObjectDescribe, source: ObjectSource, query: RecordQuery, dialect: DialectName): Sql {
  const hasId = object.fields.some((f) => f.name === 'Id');
  const tieBreak = hasId ? [sql`${fieldExpression(source, ALIAS, schema.fieldOrThrow(object.name, 'Id'), dialect).sql} asc`] : [];
  if (!query.sort) return tieBreak.length > 0 ? sql`order by ${sql.join(tieBreak)}` : sql``;
  const field = schema.fieldOrThrow(object.name, query.sort.field);
  const expression = fieldExpression(source, ALIAS, field, dialect).sql;
  const key = isCaseInsensitive(field) ? (dialect === 'postgres' ? sql`lower(${expression}) collate "C"` : sql`lower(${expression})`) : expression;
  const direction = query.sort.order === 'Desc' ? sql`desc nulls last` : sql`asc nulls first`;
  return sql`order by ${sql.join([sql`${key} ${direction}`, ...tieBreak])}`;
}

/** The describe fields a query returns: the requested ones (canonical names) plus `Id`, or all. */
export function selectedFields(schema: OrgSchema, object: ObjectDescribe, fields: readonly string[] | undefined): FieldDescribe[] {
  if (!fields || fields.length === 0) return [...object.fields];
  const out = new Map<string, FieldDescribe>();
  const id = object.fields.find((f) => f.name === 'Id');
  if (id) out.set('Id', id);
  for (const name of fields) {
    const field = schema.fieldOrThrow(object.name, name);
    out.set(field.name, field);
  }
  return [...out.values()];
}

function convert(field: FieldDescribe, value: unknown): JsonValue {
  if (value === undefined || value === null) return field.type === 'boolean' ? false : null;
  switch (valueKindOf(field)) {
    case 'boolean':
      return fromBool(value);
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'text':
      return value as JsonValue;
  }
}

/** A `records` row as a flow record with the given fields. */
export function recordFromRow(object: ObjectDescribe, fields: readonly FieldDescribe[], row: Record<string, unknown>): FlowRecord {
  const data = parseJson<Record<string, JsonValue>>(row.data ?? '{}');
  const record: FlowRecord = { attributes: { type: object.name } };
  for (const field of fields) {
    record[field.name] = convert(field, RECORD_COLUMNS.has(field.name) ? row[field.name] : data[field.name]);
  }
  return record;
}

function selectList(source: ObjectSource, fields: readonly FieldDescribe[], dialect: DialectName): Sql {
  if (source.kind === 'records') {
    return sql.join([...RECORD_COLUMNS, 'object_type', 'data'].map((c) => sql.ref(`${ALIAS}.${c}`)));
  }
  return sql.join(fields.map((f) => sql`${fieldExpression(source, ALIAS, f, dialect).sql} as ${sql.ref(f.name)}`));
}

/** Runs a record query. */
export async function selectRecords(db: Kysely<Database>, schema: OrgSchema, query: RecordQuery, dialect: DialectName): Promise<FlowRecord[]> {
  const { object, source, where } = compileWhere(schema, query, dialect);
  const fields = selectedFields(schema, object, query.fields);
  const limit = Math.max(0, Math.min(query.limit ?? MAX_QUERY_ROWS, MAX_QUERY_ROWS));
  const statement = sql<Record<string, unknown>>`select ${selectList(source, fields, dialect)} from ${source.from} as ${sql.ref(ALIAS)} where ${where} ${orderBy(schema, object, source, query, dialect)} limit ${limit}`;
  const { rows } = await statement.execute(db);
  if (source.kind === 'records') return rows.map((row) => recordFromRow(object, fields, row));
  return rows.map((row) => {
    const record: FlowRecord = { attributes: { type: object.name } };
    for (const field of fields) record[field.name] = convert(field, row[field.name]);
    return record;
  });
}

/** Ids of the `records` rows matching a filter query (business objects only). */
export async function selectRecordIds(db: Kysely<Database>, schema: OrgSchema, query: RecordFilterQuery, dialect: DialectName): Promise<string[]> {
  const { where } = compileWhere(schema, query, dialect);
  const statement = sql<{ Id: string }>`select ${sql.ref(`${ALIAS}.Id`)} from records as ${sql.ref(ALIAS)} where ${where} order by ${sql.ref(`${ALIAS}.Id`)} limit ${MAX_QUERY_ROWS}`;
  const { rows } = await statement.execute(db);
  return rows.map((r) => r.Id);
}
