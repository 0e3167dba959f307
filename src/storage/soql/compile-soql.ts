// Over 400 lines: the SOQL compiler is one pass over one query (SELECT, FROM, WHERE, GROUP BY, ORDER BY, LIMIT) sharing one context.
/**
 * Compiles a parsed SOQL query into parameterised SQL for SQLite and PostgreSQL: the page
 * statement (`… ORDER BY … , Id LIMIT ? OFFSET ?`), the count statement behind `totalSize`, and
 * the output columns the row shaper reads. Three modes:
 *
 * - `records`: fields and relationship paths (`FIELDS(ALL|STANDARD|CUSTOM)` expanded);
 * - `count`: `SELECT COUNT() …` — only `totalSize`;
 * - `aggregate`: `COUNT(f)`, `COUNT_DISTINCT`, `SUM`, `AVG`, `MIN`, `MAX`, with optional
 *   `GROUP BY` fields and `HAVING`; rows are `AggregateResult`s keyed by alias or `expr0`, `expr1`….
 *
 * Every row gets the base conditions: the object (`records.object_type`), not deleted (unless
 * queryAll), and the viewer's sharing — FlowInterview rows through `interviewVisibilitySql`, and
 * FlowRecordRelation / FlowStageRelation / FlowInterviewShare rows only when their parent
 * interview is visible. Paging order is always total: the query's ORDER BY, then the row `Id`.
 */
import type { FieldType as SelectItem, FunctionExp, OrderByClause, Query } from '@jetstreamapp/soql-parser-js';
import { sql } from 'kysely';
import type { FieldDescribe, MalformedQueryError, ObjectDescribe } from '../../runtime/index.js';
import { F, InvalidTypeError, NumberOutsideValidRangeError } from '../../runtime/index.js';
import type { ValueKind } from '../object-sources.js';
import { classOf, ignoresCase, WhereCompiler } from './compile-where.js';
import type { WhereScope } from './compile-where.js';
import { FieldPaths } from './field-paths.js';
import type { RelationshipHop, ResolvedField } from './field-paths.js';
import { locateToken, malformedAt, soqlErrorMessage } from './parse-soql.js';
import { FALSE_SQL, INTERVIEW_CHILDREN, TRUE_SQL } from './soql-context.js';
import type { SoqlContext, Sql } from './soql-context.js';
import { buildWhereTree } from './where-tree.js';

/** Salesforce's maximum OFFSET. */
export const MAX_OFFSET = 2000;
/** The largest LIMIT: Salesforce's integers are 32-bit, and the database must never see more. */
export const MAX_LIMIT = 2_147_483_647;
/** Salesforce's maximum LIMIT with `FIELDS(ALL)` or `FIELDS(CUSTOM)`. */
export const MAX_FIELDS_FUNCTION_LIMIT = 200;

/** A selected field of a records query. */
export interface FieldColumn {
  /** The SQL column alias (`c0`). */
  readonly alias: string;
  readonly resolved: ResolvedField;
  /** As written in the query (`Owner.Name`), for column metadata. */
  readonly display: string;
}

/** A column of an aggregate query. */
export interface AggregateColumn {
  readonly alias: string;
  /** The key in the result row: the alias, `expr0`…, or the grouped field's name. */
  readonly key: string;
  readonly aggregate: boolean;
  /** How to convert the value (the field's describe, or an int/double for counts and sums). */
  readonly field: FieldDescribe;
  readonly fromNameObject: boolean;
  /** As written in the query (`COUNT(Id)`). */
  readonly display: string;
}

/** A relationship whose related Id the page statement selects (for `attributes` and null checks). */
export interface HopColumn {
  readonly alias: string;
  readonly hop: RelationshipHop;
}

/** The compiled statement. */
export type CompiledSoql =
  | { readonly mode: 'count'; readonly object: ObjectDescribe; countSql(): Sql }
  | {
      readonly mode: 'records';
      readonly object: ObjectDescribe;
      readonly columns: readonly FieldColumn[];
      readonly hops: readonly HopColumn[];
      readonly limit: number | undefined;
      readonly offset: number;
      /** Rows `skip`… of the result (after the query's OFFSET), at most `take`. */
      pageSql(skip: number, take: number): Sql;
      countSql(): Sql;
    }
  | {
      readonly mode: 'aggregate';
      readonly object: ObjectDescribe;
      readonly columns: readonly AggregateColumn[];
      readonly limit: number | undefined;
      readonly offset: number;
      pageSql(skip: number, take: number): Sql;
      countSql(): Sql;
    };

const AGGREGATES: ReadonlySet<string> = new Set(['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX']);

function asArray<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function unsupported(soql: string, token: string, what: string): MalformedQueryError {
  return malformedAt(soql, token, `${what} is not supported by Eddy's SOQL.`);
}

/** `sObject type 'Foo' is not supported.` (Salesforce's INVALID_TYPE message). */
function unknownObject(soql: string, name: string): InvalidTypeError {
  const detail = `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`;
  return new InvalidTypeError(soqlErrorMessage(soql, locateToken(soql, name), detail), [name]);
}

/** Compiles one query (and its semi-joins). */
class Compiler {
  readonly #ctx: SoqlContext;

  constructor(ctx: SoqlContext) {
    this.#ctx = ctx;
  }

  #object(name: string | undefined): ObjectDescribe {
    const object = name ? this.#ctx.schema.describe(name) : undefined;
    if (!object || !object.queryable) throw unknownObject(this.#ctx.soql, name ?? '');
    return object;
  }

  /** Conditions every row of `paths`' FROM object must meet: type, not deleted, sharing, scope. */
  #baseConditions(paths: FieldPaths, scope: string | undefined): Sql[] {
    const { object, alias, source } = paths;
    const parts: Sql[] = [];
    const deleted = object.fields.some((f) => f.name === 'IsDeleted');
    if (source.kind === 'records') parts.push(sql`${sql.ref(`${alias}.object_type`)} = ${object.name}`);
    if (deleted && !this.#ctx.includeDeleted) parts.push(sql`${sql.ref(`${alias}.IsDeleted`)} = 0`);
    if (this.#ctx.needsSharing(object)) {
      if (object.name === 'FlowInterview') {
        parts.push(this.#ctx.interviewVisible(alias));
      } else if (INTERVIEW_CHILDREN.has(object.name)) {
        const parent = this.#ctx.alias('s');
        parts.push(
          sql`exists (select 1 from flow_interviews as ${sql.ref(parent)} where ${sql.ref(`${parent}.Id`)} = ${sql.ref(`${alias}.ParentId`)} and ${this.#ctx.interviewVisible(parent)})`,
        );
      }
    }
    if (scope !== undefined) {
      switch (scope.toLowerCase()) {
        case 'everything':
          break;
        case 'mine': {
          const owner = object.fields.find((f) => f.name === 'OwnerId');
          if (!owner) throw malformedAt(this.#ctx.soql, scope, `USING SCOPE mine needs an OwnerId field; ${object.name} has none.`);
          parts.push(this.#ctx.viewerId === undefined ? FALSE_SQL : sql`${paths.resolve('OwnerId').sql} = ${this.#ctx.viewerId}`);
          break;
        }
        default:
          throw unsupported(this.#ctx.soql, scope, `USING SCOPE ${scope}`);
      }
    }
    return parts;
  }

  #checkClauses(query: Query, inner: boolean): void {
    const soql = this.#ctx.soql;
    if (query.withDataCategory) throw unsupported(soql, 'DATA', 'WITH DATA CATEGORY');
    if (query.update) throw unsupported(soql, 'UPDATE', `UPDATE ${query.update}`);
    if (query.for === 'UPDATE') throw unsupported(soql, 'FOR', 'FOR UPDATE (Apex only)');
    if (inner && (query.orderBy || query.limit !== undefined || query.offset !== undefined || query.groupBy || query.having)) {
      throw malformedAt(soql, 'SELECT', 'A semi-join subquery cannot have ORDER BY, LIMIT, OFFSET, GROUP BY or HAVING.');
    }
    if (query.offset !== undefined && query.offset > MAX_OFFSET) {
      throw new NumberOutsideValidRangeError(soqlErrorMessage(soql, locateToken(soql, 'OFFSET'), `Maximum SOQL offset allowed is ${MAX_OFFSET}`), ['OFFSET']);
    }
    if (query.limit !== undefined && !(Number.isSafeInteger(query.limit) && query.limit >= 0 && query.limit <= MAX_LIMIT)) {
      throw new NumberOutsideValidRangeError(soqlErrorMessage(soql, locateToken(soql, 'LIMIT'), `Maximum SOQL limit allowed is ${MAX_LIMIT}`), ['LIMIT']);
    }
  }

  /** The scope for WHERE and HAVING on `paths`; `depth` 0 allows one level of semi-join. */
  #scope(paths: FieldPaths, depth: number, aggregate?: (fn: FunctionExp) => ResolvedField): WhereScope {
    return {
      resolve: (path) => paths.resolve(path),
      semiJoin: (inner, token) => {
        if (depth > 0) throw malformedAt(this.#ctx.soql, token, 'Nesting of semi join sub-selects is not supported');
        return this.#semiJoin(inner, token);
      },
      ...(aggregate ? { aggregate } : {}),
    };
  }

  #semiJoin(query: Query, token: string): Sql {
    this.#checkClauses(query, true);
    const object = this.#object(query.sObject);
    const paths = new FieldPaths(this.#ctx, object, this.#ctx.alias('s'), query.sObjectAlias);
    const fields = query.fields ?? [];
    const [only] = fields;
    if (fields.length !== 1 || !only || (only.type !== 'Field' && only.type !== 'FieldRelationship')) {
      throw malformedAt(this.#ctx.soql, token, 'A semi-join subquery must select exactly one ID or reference field.');
    }
    const selected = paths.resolve(only.type === 'Field' ? only.field : [...only.relationships, only.field].join('.'));
    if (classOf(selected.field) !== 'id') throw malformedAt(this.#ctx.soql, selected.field.name, `A semi-join subquery must select an ID or reference field, not '${selected.path}'.`);
    const conditions = this.#baseConditions(paths, query.usingScope);
    if (query.where) conditions.push(new WhereCompiler(this.#ctx, this.#scope(paths, 1)).compile(buildWhereTree(query.where, this.#ctx.soql)));
    conditions.push(sql`${selected.sql} is not null`);
    return sql`select ${selected.sql} from ${paths.source.from} as ${sql.ref(paths.alias)} ${paths.joinsSql()} where ${sql.join(conditions, sql` and `)}`;
  }

  #orderKey(resolved: ResolvedField): Sql {
    if (!ignoresCase(resolved.field)) return resolved.sql;
    return this.#ctx.dialect === 'postgres' ? sql`lower(${resolved.sql}) collate "C"` : sql`lower(${resolved.sql})`;
  }

  #orderItem(key: Sql, clause: OrderByClause): Sql {
    const descending = clause.order === 'DESC';
    const nullsFirst = clause.nulls === undefined ? !descending : clause.nulls === 'FIRST';
    return sql`${key} ${descending ? sql`desc` : sql`asc`} ${nullsFirst ? sql`nulls first` : sql`nulls last`}`;
  }

  #limitSql(take: number | undefined, skip: number): Sql {
    if (take === undefined) return this.#ctx.dialect === 'sqlite' ? sql`limit -1 offset ${skip}` : sql`offset ${skip}`;
    return sql`limit ${take} offset ${skip}`;
  }

  compile(query: Query): CompiledSoql {
    this.#checkClauses(query, false);
    const object = this.#object(query.sObject);
    const paths = new FieldPaths(this.#ctx, object, this.#ctx.alias('t'), query.sObjectAlias);
    const items = query.fields ?? [];
    if (items.length === 0) throw malformedAt(this.#ctx.soql, 'FROM', 'unexpected token: FROM (no fields selected)');
    const isCountOnly = items.some((i) => i.type === 'FieldFunctionExpression' && i.functionName.toUpperCase() === 'COUNT' && i.parameters.length === 0);
    const isAggregate = query.groupBy !== undefined || items.some((i) => i.type === 'FieldFunctionExpression' && AGGREGATES.has(i.functionName.toUpperCase()));
    if (isCountOnly) return this.#compileCount(query, paths, items);
    if (isAggregate) return this.#compileAggregate(query, paths, items);
    return this.#compileRecords(query, paths, items);
  }

  #where(query: Query, paths: FieldPaths, aggregate?: (fn: FunctionExp) => ResolvedField): Sql {
    const conditions = this.#baseConditions(paths, query.usingScope);
    if (query.where) conditions.push(new WhereCompiler(this.#ctx, this.#scope(paths, 0, aggregate)).compile(buildWhereTree(query.where, this.#ctx.soql)));
    return conditions.length === 0 ? TRUE_SQL : sql.join(conditions, sql` and `);
  }

  #compileCount(query: Query, paths: FieldPaths, items: readonly SelectItem[]): CompiledSoql {
    if (items.length > 1 || query.groupBy) throw malformedAt(this.#ctx.soql, 'COUNT', 'COUNT() must be the only element in the SELECT list and cannot be used with GROUP BY.');
    if (query.orderBy) throw malformedAt(this.#ctx.soql, 'ORDER', 'ORDER BY cannot be used with COUNT().');
    const where = this.#where(query, paths);
    const from = sql`from ${paths.source.from} as ${sql.ref(paths.alias)} ${paths.joinsSql()} where ${where}`;
    const limit = query.limit;
    const offset = query.offset ?? 0;
    const countSql = (): Sql =>
      limit === undefined && offset === 0 ? sql`select count(*) as n ${from}` : sql`select count(*) as n from (select 1 as one ${from} ${this.#limitSql(limit, offset)}) as q`;
    return { mode: 'count', object: paths.object, countSql };
  }

  #compileRecords(query: Query, paths: FieldPaths, items: readonly SelectItem[]): CompiledSoql {
    const soql = this.#ctx.soql;
    const columns: FieldColumn[] = [];
    const seen = new Set<string>();
    const add = (path: string, display: string, fromFieldsFunction: boolean): void => {
      const resolved = paths.resolve(path);
      const key = resolved.path.toLowerCase();
      if (seen.has(key)) {
        if (fromFieldsFunction) return;
        throw malformedAt(soql, display, `duplicate field selected: ${resolved.path}`);
      }
      seen.add(key);
      columns.push({ alias: `c${columns.length}`, resolved, display });
    };
    for (const item of items) {
      switch (item.type) {
        case 'Field':
          if (item.alias) throw malformedAt(soql, item.alias, `Only aggregate expressions use field aliasing (alias '${item.alias}').`);
          add(item.field, 'rawValue' in item && typeof item.rawValue === 'string' ? item.rawValue : item.field, false);
          break;
        case 'FieldRelationship': {
          const path = [...item.relationships, item.field].join('.');
          if ('alias' in item && typeof item.alias === 'string' && item.alias) throw malformedAt(soql, item.alias, 'Only aggregate expressions use field aliasing.');
          add(path, item.rawValue ?? path, false);
          break;
        }
        case 'FieldFunctionExpression': {
          const name = item.functionName.toUpperCase();
          if (name === 'FIELDS') {
            const which = String(item.parameters[0] ?? '').toUpperCase();
            if (which !== 'ALL' && which !== 'STANDARD' && which !== 'CUSTOM') throw malformedAt(soql, 'FIELDS', `FIELDS(${which}) is not valid: use ALL, STANDARD or CUSTOM.`);
            if (which !== 'STANDARD' && (query.limit === undefined || query.limit > MAX_FIELDS_FUNCTION_LIMIT)) {
              throw malformedAt(soql, 'FIELDS', `The SOQL FIELDS function must have a LIMIT of at most ${MAX_FIELDS_FUNCTION_LIMIT}`);
            }
            for (const field of paths.object.fields) {
              if (which === 'ALL' || (which === 'CUSTOM') === field.custom) add(field.name, field.name, true);
            }
            break;
          }
          if (name === 'TOLABEL' && item.parameters.length === 1 && typeof item.parameters[0] === 'string') {
            // Picklist labels are their values in Eddy's describes.
            add(item.parameters[0], item.parameters[0], false);
            break;
          }
          throw unsupported(soql, item.functionName, `The function ${item.functionName}()`);
        }
        case 'FieldSubquery': {
          const name = item.subquery.relationshipName;
          const detail = `Didn't understand relationship '${name}' in FROM part of query call. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;
          throw new InvalidTypeError(soqlErrorMessage(soql, locateToken(soql, name), detail), [name]);
        }
        case 'FieldTypeof':
          throw unsupported(soql, 'TYPEOF', 'TYPEOF');
      }
    }
    const where = this.#where(query, paths);
    const order: Sql[] = [];
    let orderedById = false;
    for (const clause of asArray(query.orderBy)) {
      if (!('field' in clause)) throw unsupported(soql, clause.fn.rawValue ?? 'ORDER', 'ORDER BY a function outside an aggregate query');
      const resolved = paths.resolve(clause.field);
      if (resolved.hops.length === 0 && resolved.field.name === 'Id') orderedById = true;
      if (classOf(resolved.field) === 'multipicklist') throw malformedAt(soql, clause.field, `multi-select picklist field '${resolved.path}' cannot be sorted`);
      order.push(this.#orderItem(this.#orderKey(resolved), clause));
    }
    const id = paths.resolve('Id');
    if (!orderedById) order.push(sql`${id.sql} asc`);
    const hops = new Map<string, HopColumn>();
    for (const column of columns) {
      for (const hop of column.resolved.hops) if (!hops.has(hop.key)) hops.set(hop.key, { alias: `r${hops.size}`, hop });
    }
    const selectList = [
      sql`${id.sql} as ${sql.ref('row_id')}`,
      ...columns.map((c) => sql`${c.resolved.sql} as ${sql.ref(c.alias)}`),
      ...[...hops.values()].map((h) => sql`${h.hop.idSql} as ${sql.ref(h.alias)}`),
    ];
    const table = sql`${paths.source.from} as ${sql.ref(paths.alias)}`;
    const limit = query.limit;
    const offset = query.offset ?? 0;
    // Joins are read after every path is resolved, so the FROM clause has them all.
    const joins = paths.joinsSql();
    return {
      mode: 'records',
      object: paths.object,
      columns,
      hops: [...hops.values()],
      limit,
      offset,
      pageSql: (skip, take) => sql`select ${sql.join(selectList)} from ${table} ${joins} where ${where} order by ${sql.join(order)} ${this.#limitSql(take, offset + skip)}`,
      countSql: () =>
        limit === undefined && offset === 0
          ? sql`select count(*) as n from ${table} ${joins} where ${where}`
          : sql`select count(*) as n from (select 1 as one from ${table} ${joins} where ${where} ${this.#limitSql(limit, offset)}) as q`,
    };
  }

  /** An aggregate function over `paths` (`COUNT(Id)`, `MAX(CreatedDate)`) with its result's describe. */
  #aggregate(paths: FieldPaths, fn: FunctionExp, key: string): ResolvedField {
    const soql = this.#ctx.soql;
    const name = (fn.functionName ?? '').toUpperCase();
    const display = fn.rawValue ?? name;
    const [parameter] = fn.parameters ?? [];
    if (!AGGREGATES.has(name)) throw unsupported(soql, display, `The function ${fn.functionName ?? ''}()`);
    if (typeof parameter !== 'string' || (fn.parameters ?? []).length !== 1) throw malformedAt(soql, display, `${name}() takes one field.`);
    const target = paths.resolve(parameter);
    const kind = classOf(target.field);
    const count = (expression: Sql): ResolvedField => ({ ...target, field: F.int(key, 18), sql: expression, kind: 'number' as ValueKind, fromNameObject: false });
    switch (name) {
      case 'COUNT':
        return count(sql`count(${target.sql})`);
      case 'COUNT_DISTINCT':
        return count(sql`count(distinct ${ignoresCase(target.field) ? sql`lower(${target.sql})` : target.sql})`);
      case 'SUM':
      case 'AVG':
        if (kind !== 'number') throw malformedAt(soql, display, `field ${target.path} does not support aggregate operator ${name}`);
        return { ...target, field: F.number(key, 18, 6), sql: name === 'SUM' ? sql`sum(${target.sql})` : sql`avg(${target.sql})`, kind: 'number', fromNameObject: false };
      default:
        if (kind === 'boolean' || kind === 'multipicklist') throw malformedAt(soql, display, `field ${target.path} does not support aggregate operator ${name}`);
        return { ...target, sql: name === 'MIN' ? sql`min(${target.sql})` : sql`max(${target.sql})` };
    }
  }

  #compileAggregate(query: Query, paths: FieldPaths, items: readonly SelectItem[]): CompiledSoql {
    const soql = this.#ctx.soql;
    const groups: ResolvedField[] = [];
    for (const clause of asArray(query.groupBy)) {
      if (!('field' in clause)) throw unsupported(soql, clause.fn.rawValue ?? 'GROUP', 'GROUP BY a function (ROLLUP, CUBE, date functions)');
      groups.push(paths.resolve(clause.field));
    }
    const grouped = (resolved: ResolvedField): boolean => groups.some((g) => g.path.toLowerCase() === resolved.path.toLowerCase());
    const columns: AggregateColumn[] = [];
    const selects: Sql[] = [];
    let unnamed = 0;
    for (const item of items) {
      let resolved: ResolvedField;
      let key: string;
      let aggregate = false;
      let display: string;
      switch (item.type) {
        case 'Field':
        case 'FieldRelationship': {
          const path = item.type === 'Field' ? item.field : [...item.relationships, item.field].join('.');
          resolved = paths.resolve(path);
          if (!grouped(resolved)) throw malformedAt(soql, path, `Field must be grouped or aggregated: ${resolved.path}`);
          key = ('alias' in item && typeof item.alias === 'string' && item.alias) || resolved.field.name;
          display = resolved.path;
          break;
        }
        case 'FieldFunctionExpression': {
          key = item.alias ?? `expr${unnamed++}`;
          resolved = this.#aggregate(paths, item, key);
          aggregate = true;
          display = item.rawValue ?? item.functionName;
          break;
        }
        case 'FieldSubquery':
        case 'FieldTypeof':
          throw unsupported(soql, 'SELECT', 'A subquery or TYPEOF in an aggregate query');
      }
      if (columns.some((c) => c.key.toLowerCase() === key.toLowerCase())) throw malformedAt(soql, key, `duplicate alias: ${key}`);
      const alias = `c${columns.length}`;
      columns.push({ alias, key, aggregate, field: resolved.field, fromNameObject: resolved.fromNameObject, display });
      selects.push(sql`${resolved.sql} as ${sql.ref(alias)}`);
    }
    const aggregateOf = (fn: FunctionExp): ResolvedField => this.#aggregate(paths, fn, 'expr');
    const where = this.#where(query, paths);
    const having = query.having ? new WhereCompiler(this.#ctx, this.#scope(paths, 1, aggregateOf)).compile(buildWhereTree(query.having, this.#ctx.soql)) : undefined;
    const order: Sql[] = [];
    for (const clause of asArray(query.orderBy)) {
      const resolved = 'field' in clause ? paths.resolve(clause.field) : aggregateOf(clause.fn);
      order.push(this.#orderItem(this.#orderKey(resolved), clause));
    }
    for (const group of groups) order.push(sql`${group.sql} asc`);
    const table = sql`${paths.source.from} as ${sql.ref(paths.alias)}`;
    const joins = paths.joinsSql();
    const groupBy = groups.length > 0 ? sql`group by ${sql.join(groups.map((g) => g.sql))}` : sql``;
    const havingSql = having ? sql`having ${having}` : sql``;
    const orderSql = order.length > 0 ? sql`order by ${sql.join(order)}` : sql``;
    const body = sql`from ${table} ${joins} where ${where} ${groupBy} ${havingSql}`;
    const limit = query.limit;
    const offset = query.offset ?? 0;
    return {
      mode: 'aggregate',
      object: paths.object,
      columns,
      limit,
      offset,
      pageSql: (skip, take) => sql`select ${sql.join(selects)} ${body} ${orderSql} ${this.#limitSql(take, offset + skip)}`,
      countSql: () => sql`select count(*) as n from (select ${sql.join(selects)} ${body} ${this.#limitSql(limit, offset)}) as q`,
    };
  }
}

/** Compiles `query` (parsed from `ctx.soql`). */
export function compileSoql(ctx: SoqlContext, query: Query): CompiledSoql {
  return new Compiler(ctx).compile(query);
}
