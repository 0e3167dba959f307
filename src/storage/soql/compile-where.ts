/**
 * Compiles a WHERE tree to a parameterised SQL condition with SOQL's semantics on both dialects:
 *
 * - text compares case-insensitively (`lower()` on both sides, byte order — `COLLATE "C"` on
 *   PostgreSQL); IDs compare exactly after normalising 15-character IDs to 18;
 * - a condition on a null field is false, and so `!=`, `<>` and `NOT IN` include nulls and `NOT`
 *   of a condition on a null field is true (two-valued logic, unlike SQL's unknown);
 * - `''` means null for text and ID fields, as in Salesforce;
 * - date literals (`TODAY`, `LAST_N_DAYS:7`) are ranges of days in the viewer's time zone;
 * - values are checked against the field's type with Salesforce's messages, and always bound as
 *   parameters: no query text reaches SQL.
 */
import type { ConditionWithValueQuery, FunctionExp, LiteralType, Query, ValueQueryCondition } from '@jetstreamapp/soql-parser-js';
import { sql } from 'kysely';
import { InvalidQueryFilterOperatorError, MalformedQueryError, parseId } from '../../runtime/index.js';
import type { FieldDescribe } from '../../runtime/index.js';
import { dateLiteralRange, startOfDayUtc } from './date-literals.js';
import type { DateRange } from './date-literals.js';
import type { ResolvedField } from './field-paths.js';
import { locateToken, soqlErrorMessage } from './parse-soql.js';
import type { SoqlContext, Sql } from './soql-context.js';
import { FALSE_SQL } from './soql-context.js';
import { decodeBoolean, decodeDate, decodeDateTime, decodeLikePattern, decodeNumber, decodeString, escapeLike } from './soql-literals.js';
import type { WhereNode } from './where-tree.js';

/** How a field's values compare. */
export type FieldClass = 'id' | 'text' | 'multipicklist' | 'number' | 'boolean' | 'date' | 'datetime' | 'time';

/** The comparison class of a describe field. */
export function classOf(field: FieldDescribe): FieldClass {
  switch (field.type) {
    case 'id':
    case 'reference':
      return 'id';
    case 'string':
    case 'textarea':
    case 'email':
    case 'phone':
    case 'url':
    case 'picklist':
    case 'combobox':
    case 'encryptedstring':
    case 'base64':
    case 'anyType':
    case 'complexvalue':
    case 'json':
    case 'address':
    case 'location':
      return 'text';
    case 'multipicklist':
      return 'multipicklist';
    case 'int':
    case 'long':
    case 'double':
    case 'currency':
    case 'percent':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'time':
      return 'time';
  }
}

/** Whether comparisons and sorting on `field` ignore case. */
export function ignoresCase(field: FieldDescribe): boolean {
  const kind = classOf(field);
  return kind === 'text' || kind === 'multipicklist';
}

/** What the compiler needs from its caller: field paths, semi-join subqueries, aggregates (HAVING). */
export interface WhereScope {
  resolve(path: string): ResolvedField;
  /** `SELECT <one field> FROM … WHERE …` as SQL returning that non-null field, for `IN (SELECT …)`. */
  semiJoin(query: Query, token: string): Sql;
  /** An aggregate function (`COUNT(Id)`) as a value to compare (HAVING only). */
  aggregate?(fn: FunctionExp): ResolvedField;
}

/** One decoded operand. */
type Operand =
  | { readonly kind: 'null' }
  | { readonly kind: 'value'; readonly value: string | number }
  | { readonly kind: 'range'; readonly start: string; readonly end: string };

type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'IN' | 'NOT IN' | 'INCLUDES' | 'EXCLUDES';

const TYPE_NAMES: Readonly<Record<FieldClass, string>> = {
  id: 'id', text: 'string', multipicklist: 'string', number: 'double', boolean: 'boolean', date: 'date', datetime: 'dateTime', time: 'time',
};

/** Compiles WHERE trees for one statement. */
export class WhereCompiler {
  readonly #ctx: SoqlContext;
  readonly #scope: WhereScope;

  constructor(ctx: SoqlContext, scope: WhereScope) {
    this.#ctx = ctx;
    this.#scope = scope;
  }

  /** The SQL condition of `node`. */
  compile(node: WhereNode): Sql {
    switch (node.kind) {
      case 'and':
      case 'or':
        return sql`(${sql.join(node.children.map((c) => this.compile(c)), node.kind === 'and' ? sql` and ` : sql` or `)})`;
      case 'not':
        // Two-valued: NOT of a condition that is unknown in SQL (a null field) is true, as in SOQL.
        return sql`(case when ${this.compile(node.child)} then 0 else 1 end) = 1`;
      case 'condition':
        return this.#condition(node.condition);
    }
  }

  #fail(token: string, detail: string): MalformedQueryError {
    return new MalformedQueryError(soqlErrorMessage(this.#ctx.soql, locateToken(this.#ctx.soql, token), detail), [token]);
  }

  #condition(condition: ConditionWithValueQuery): Sql {
    let target: ResolvedField;
    let token: string;
    if ('fn' in condition) {
      const name = condition.fn.functionName ?? condition.fn.rawValue ?? 'function';
      if (!this.#scope.aggregate) throw this.#fail(name, `The function ${name}() is not supported in WHERE by Eddy.`);
      target = this.#scope.aggregate(condition.fn);
      token = condition.fn.rawValue ?? name;
    } else if ('field' in condition) {
      target = this.#scope.resolve(condition.field);
      token = condition.field;
    } else {
      throw new MalformedQueryError('unexpected condition in WHERE clause');
    }
    const operator = (condition.operator === ('<>' as string) ? '!=' : condition.operator) as Operator;
    if (condition.literalType === 'SUBQUERY' || 'valueQuery' in condition) return this.#semiJoin(target, operator, condition as ValueQueryCondition, token);
    const plain = condition as { readonly value?: string | string[]; readonly literalType?: LiteralType | LiteralType[]; readonly dateLiteralVariable?: number | number[] };
    const raws: string[] = Array.isArray(plain.value) ? plain.value : [plain.value ?? ''];
    const types: (LiteralType | undefined)[] = Array.isArray(plain.literalType) ? plain.literalType : raws.map(() => plain.literalType as LiteralType | undefined);
    const ns = Array.isArray(plain.dateLiteralVariable) ? plain.dateLiteralVariable : raws.map(() => plain.dateLiteralVariable as number | undefined);
    const list = operator === 'IN' || operator === 'NOT IN' || operator === 'INCLUDES' || operator === 'EXCLUDES';
    if (!list && raws.length !== 1) throw this.#fail(token, `unexpected list of values for operator ${operator}`);
    if (operator === 'LIKE') return this.#like(target, raws[0] ?? '', types[0], token);
    if (operator === 'INCLUDES' || operator === 'EXCLUDES') return this.#includes(target, operator, raws, types, token);
    const operands = raws.map((raw, i) => this.#operand(target, raw, types[i], ns[i], token));
    switch (operator) {
      case '=':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return this.#compare(target, operator, operands[0] as Operand, token);
      case 'IN':
      case 'NOT IN': {
        const matches = this.#in(target, operands);
        return operator === 'IN' ? matches : sql`(case when ${matches} then 0 else 1 end) = 1`;
      }
    }
  }

  /** Decodes `raw` for `target`, checking the literal's type against the field's. */
  #operand(target: ResolvedField, raw: string, type: LiteralType | undefined, n: number | undefined, token: string): Operand {
    const kind = classOf(target.field);
    const name = target.field.name;
    const wrongType = (): MalformedQueryError => {
      const quotes = kind === 'text' || kind === 'multipicklist' || kind === 'id' || kind === 'time' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
      const typeName = target.field.type === 'int' ? 'integer' : TYPE_NAMES[kind];
      const detail = `value of filter criterion for field '${name}' must be of type ${typeName} and ${quotes}`;
      return new MalformedQueryError(soqlErrorMessage(this.#ctx.soql, locateToken(this.#ctx.soql, raw) ?? locateToken(this.#ctx.soql, token), detail), [token]);
    };
    if (type === 'NULL' || raw.toUpperCase() === 'NULL') return { kind: 'null' };
    if (type === 'APEX_BIND_VARIABLE') throw this.#fail(token, 'Apex bind variables are not supported in API queries.');
    switch (kind) {
      case 'id': {
        if (type !== 'STRING') throw wrongType();
        const text = decodeString(raw);
        if (text === '') return { kind: 'null' };
        try {
          return { kind: 'value', value: parseId(text, name) };
        } catch {
          throw new InvalidQueryFilterOperatorError(soqlErrorMessage(this.#ctx.soql, locateToken(this.#ctx.soql, raw), `invalid ID field: ${text}`), [name]);
        }
      }
      case 'text':
      case 'multipicklist':
      case 'time': {
        if (type !== 'STRING') throw wrongType();
        const text = decodeString(raw);
        return text === '' && kind !== 'time' ? { kind: 'null' } : { kind: 'value', value: text };
      }
      case 'number':
        if (type !== 'INTEGER' && type !== 'DECIMAL' && type !== 'INTEGER_WITH_CURRENCY_PREFIX' && type !== 'DECIMAL_WITH_CURRENCY_PREFIX') throw wrongType();
        return { kind: 'value', value: decodeNumber(raw) };
      case 'boolean':
        if (type !== 'BOOLEAN') throw wrongType();
        return { kind: 'value', value: decodeBoolean(raw) ? 1 : 0 };
      case 'date':
      case 'datetime': {
        if (type === 'DATE_LITERAL' || type === 'DATE_N_LITERAL') {
          const range = dateLiteralRange(raw, type === 'DATE_N_LITERAL' ? n : undefined, this.#ctx.today);
          return kind === 'date' ? { kind: 'range', ...range } : { kind: 'range', ...this.#instants(range) };
        }
        if (kind === 'date') {
          if (type !== 'DATE') throw wrongType();
          return { kind: 'value', value: decodeDate(raw) };
        }
        if (type !== 'DATETIME') throw wrongType();
        return { kind: 'value', value: decodeDateTime(raw) };
      }
    }
  }

  #instants(range: DateRange): DateRange {
    return { start: startOfDayUtc(range.start, this.#ctx.timeZone), end: startOfDayUtc(range.end, this.#ctx.timeZone) };
  }

  /** The field as compared (lower-cased for text) and a parameter converted the same way. */
  #sides(target: ResolvedField): { left: Sql; param: (v: string | number) => Sql } {
    if (!ignoresCase(target.field)) return { left: target.sql, param: (v) => sql`${v}` };
    const left = this.#ctx.dialect === 'postgres' ? sql`lower(${target.sql}) collate "C"` : sql`lower(${target.sql})`;
    return { left, param: (v) => sql`lower(cast(${v} as text))` };
  }

  #compare(target: ResolvedField, operator: '=' | '!=' | '<' | '<=' | '>' | '>=', operand: Operand, token: string): Sql {
    const kind = classOf(target.field);
    if (operand.kind === 'null') {
      if (operator === '=') return sql`${target.sql} is null`;
      if (operator === '!=') return sql`${target.sql} is not null`;
      throw this.#fail(token, `invalid operator ${operator} with null for field '${target.field.name}'`);
    }
    if (kind === 'boolean' && operator !== '=' && operator !== '!=') {
      throw new InvalidQueryFilterOperatorError(soqlErrorMessage(this.#ctx.soql, locateToken(this.#ctx.soql, token), `invalid operator on boolean field: ${target.field.name}`), [target.field.name]);
    }
    if (operand.kind === 'range') {
      const f = target.sql;
      switch (operator) {
        case '=':
          return sql`(${f} >= ${operand.start} and ${f} < ${operand.end})`;
        case '!=':
          return sql`(${f} is null or ${f} < ${operand.start} or ${f} >= ${operand.end})`;
        case '<':
          return sql`${f} < ${operand.start}`;
        case '<=':
          return sql`${f} < ${operand.end}`;
        case '>':
          return sql`${f} >= ${operand.end}`;
        case '>=':
          return sql`${f} >= ${operand.start}`;
      }
    }
    const { left, param } = this.#sides(target);
    const value = param(operand.value);
    switch (operator) {
      case '=':
        return sql`${left} = ${value}`;
      case '!=':
        return sql`(${target.sql} is null or ${left} <> ${value})`;
      case '<':
        return sql`${left} < ${value}`;
      case '<=':
        return sql`${left} <= ${value}`;
      case '>':
        return sql`${left} > ${value}`;
      case '>=':
        return sql`${left} >= ${value}`;
    }
  }

  /** `IN`: any operand matches (a null operand matches a null field; a range matches its days). */
  #in(target: ResolvedField, operands: readonly Operand[]): Sql {
    const { left, param } = this.#sides(target);
    const values = operands.flatMap((o) => (o.kind === 'value' ? [o.value] : []));
    const parts: Sql[] = [];
    if (values.length > 0) parts.push(sql`${left} in (${sql.join(values.map(param))})`);
    if (operands.some((o) => o.kind === 'null')) parts.push(sql`${target.sql} is null`);
    for (const o of operands) if (o.kind === 'range') parts.push(sql`(${target.sql} >= ${o.start} and ${target.sql} < ${o.end})`);
    return parts.length === 0 ? FALSE_SQL : sql`(${sql.join(parts, sql` or `)})`;
  }

  #like(target: ResolvedField, raw: string, type: LiteralType | undefined, token: string): Sql {
    const kind = classOf(target.field);
    if (kind !== 'text' && kind !== 'multipicklist') {
      throw new InvalidQueryFilterOperatorError(
        soqlErrorMessage(this.#ctx.soql, locateToken(this.#ctx.soql, token), `invalid operator on ${TYPE_NAMES[kind]} field: LIKE cannot be used on ${target.field.name}`),
        [target.field.name],
      );
    }
    if (type !== 'STRING') throw this.#fail(token, `value of filter criterion for field '${target.field.name}' must be of type string and should be enclosed in quotes`);
    const pattern = decodeLikePattern(raw);
    return sql`lower(${target.sql}) like lower(cast(${pattern} as text)) escape ${sql.lit('\\')}`;
  }

  /** Multi-select picklists: `INCLUDES ('a;b', 'c')` is (a and b) or c; EXCLUDES is its negation. */
  #includes(target: ResolvedField, operator: 'INCLUDES' | 'EXCLUDES', raws: readonly string[], types: readonly (LiteralType | undefined)[], token: string): Sql {
    if (classOf(target.field) !== 'multipicklist') {
      throw new InvalidQueryFilterOperatorError(
        soqlErrorMessage(this.#ctx.soql, locateToken(this.#ctx.soql, token), `${operator} can only be used on multi-select picklist fields (${target.field.name} is ${target.field.type})`),
        [target.field.name],
      );
    }
    const padded = sql`(';' || lower(${target.sql}) || ';')`;
    const alternatives = raws.map((raw, i) => {
      if (types[i] !== 'STRING') throw this.#fail(token, `value of filter criterion for field '${target.field.name}' must be of type string and should be enclosed in quotes`);
      const values = decodeString(raw).split(';').map((v) => v.trim()).filter((v) => v !== '');
      if (values.length === 0) return FALSE_SQL;
      return sql`(${sql.join(values.map((v) => sql`${padded} like lower(cast(${`%;${escapeLike(v)};%`} as text)) escape ${sql.lit('\\')}`), sql` and `)})`;
    });
    const any = alternatives.length === 0 ? FALSE_SQL : sql`(${sql.join(alternatives, sql` or `)})`;
    return operator === 'INCLUDES' ? sql`(${target.sql} is not null and ${any})` : sql`(${target.sql} is null or (case when ${any} then 0 else 1 end) = 1)`;
  }

  #semiJoin(target: ResolvedField, operator: Operator, condition: ValueQueryCondition, token: string): Sql {
    if (operator !== 'IN' && operator !== 'NOT IN') throw this.#fail(token, `Semi-join subqueries need IN or NOT IN, not ${operator}.`);
    if (classOf(target.field) !== 'id') throw this.#fail(token, `Semi-join subqueries can only be used on ID or reference fields, not on '${target.field.name}'.`);
    const inner = this.#scope.semiJoin(condition.valueQuery, token);
    return operator === 'IN' ? sql`${target.sql} in (${inner})` : sql`(${target.sql} is null or ${target.sql} not in (${inner}))`;
  }
}

