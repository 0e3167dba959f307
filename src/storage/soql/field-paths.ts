/**
 * Resolves SOQL field paths (`Name`, `Owner.Name`, `Parent.Owner.Name`, `Account__r.Name`) against
 * the describe and plans the LEFT JOINs they need. Every identifier that reaches SQL comes from
 * the describe (matched case-insensitively), never from the query text.
 *
 * A relationship is the `relationshipName` of a reference field. One with a single target object
 * joins that object's table. A polymorphic one (`referenceTo` with several objects, such as
 * FlowInterview's `Owner`: Group or User) becomes Salesforce's `Name` pseudo-object: one join per
 * target table, and the fields `Id`, `Name`, `Type`, `Alias`, `Email`, `FirstName`, `LastName`,
 * `IsActive`, `Phone`, `Title`, `UserRoleId`, `Username` taken from whichever target matched.
 * Joins into FlowInterview carry the viewer's sharing condition, so an interview the viewer cannot
 * see reads as a null relationship.
 */
import { sql } from 'kysely';
import { F, InvalidFieldError } from '../../runtime/index.js';
import type { FieldDescribe, ObjectDescribe } from '../../runtime/index.js';
import { fieldExpression, sourceOf, valueKindOf } from '../object-sources.js';
import type { ObjectSource, ValueKind } from '../object-sources.js';
import { locateToken, soqlErrorMessage } from './parse-soql.js';
import type { SoqlContext, Sql } from './soql-context.js';
import { INTERVIEW_CHILDREN } from './soql-context.js';

/** One relationship step of a path, as the result rows nest it. */
export interface RelationshipHop {
  /** Lower-cased path up to and including this relationship (`parent.owner`): one join per key. */
  readonly key: string;
  /** The relationship name as the describe spells it (`Owner`). */
  readonly name: string;
  /** The related record's Id (null when there is none or it is not visible). */
  readonly idSql: Sql;
  /** The related object, or `Name` for a polymorphic relationship. */
  readonly typeName: string;
  readonly polymorphic: boolean;
}

/** A field path resolved to an SQL expression. */
export interface ResolvedField {
  /** The describe of the final field (synthesised for the `Name` pseudo-object). */
  readonly field: FieldDescribe;
  readonly sql: Sql;
  readonly kind: ValueKind;
  /** The relationships walked, outermost first. */
  readonly hops: readonly RelationshipHop[];
  /** Canonical path (`Parent.Owner.Name`). */
  readonly path: string;
  /** The field belongs to the `Name` pseudo-object: a checkbox may be null (not a user). */
  readonly fromNameObject: boolean;
  /** The object that owns the final field (`Name` for polymorphic). */
  readonly objectName: string;
}

/** One target of a (possibly polymorphic) relationship join. */
interface Branch {
  readonly object: ObjectDescribe;
  readonly source: ObjectSource;
  readonly alias: string;
  /** True when the joined row is this object. */
  readonly present: Sql;
}

/** What a relationship leads to. */
type Target =
  | { readonly kind: 'single'; readonly branch: Branch }
  | { readonly kind: 'polymorphic'; readonly branches: readonly Branch[]; readonly fk: Sql };

/** The fields of Salesforce's `Name` pseudo-object that Eddy serves. */
const NAME_FIELDS: readonly string[] = ['Id', 'Name', 'Type', 'Alias', 'Email', 'FirstName', 'LastName', 'IsActive', 'Phone', 'Title', 'UserRoleId', 'Username'];

/** `No such column 'Foo' on entity 'Account'. If you are attempting to use a custom field, ...` */
export function noSuchColumn(soql: string, token: string, column: string, entity: string): InvalidFieldError {
  const detail = `No such column '${column}' on entity '${entity}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`;
  return new InvalidFieldError(soqlErrorMessage(soql, locateToken(soql, token), detail), [token]);
}

function unknownRelationship(soql: string, token: string, relationship: string): InvalidFieldError {
  const detail = `Didn't understand relationship '${relationship}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`;
  return new InvalidFieldError(soqlErrorMessage(soql, locateToken(soql, token), detail), [token]);
}

/**
 * The name a path uses for the relationship of reference field `field`: `Account__r` for a custom
 * `Account__c` (Salesforce's rule, whatever child relationship name the metadata gave), else the
 * describe's `relationshipName`.
 */
export function relationshipNameOf(field: FieldDescribe): string | null {
  if (field.type !== 'reference') return null;
  if (field.custom && field.name.endsWith('__c')) return `${field.name.slice(0, -3)}__r`;
  return field.relationshipName;
}

/** Plans the joins of one FROM object and resolves paths through them. */
export class FieldPaths {
  readonly #ctx: SoqlContext;
  readonly #object: ObjectDescribe;
  readonly #alias: string;
  readonly #source: ObjectSource;
  /** The FROM object's alias as written in the query (`FROM Account a`), lower-cased. */
  readonly #queryAlias: string | undefined;
  readonly #targets = new Map<string, Target>();
  readonly #joins: Sql[] = [];

  constructor(ctx: SoqlContext, object: ObjectDescribe, alias: string, queryAlias: string | undefined) {
    this.#ctx = ctx;
    this.#object = object;
    this.#alias = alias;
    this.#source = sourceOf(object);
    this.#queryAlias = queryAlias?.toLowerCase();
  }

  /** The FROM object. */
  get object(): ObjectDescribe {
    return this.#object;
  }

  /** The FROM object's SQL alias. */
  get alias(): string {
    return this.#alias;
  }

  /** The FROM object's SQL home. */
  get source(): ObjectSource {
    return this.#source;
  }

  /** The LEFT JOINs planned so far, in order. */
  joinsSql(): Sql {
    return this.#joins.length === 0 ? sql`` : sql.join(this.#joins, sql` `);
  }

  /** Resolves `path` (`Name`, `Owner.Name`, ...); `INVALID_FIELD` naming the token when unknown. */
  resolve(path: string): ResolvedField {
    let segments = path.split('.');
    if (segments.length > 1 && this.#queryAlias !== undefined && segments[0]?.toLowerCase() === this.#queryAlias) segments = segments.slice(1);
    const fieldName = segments[segments.length - 1] ?? '';
    let object = this.#object;
    let alias = this.#alias;
    let source = this.#source;
    let key = '';
    const hops: RelationshipHop[] = [];
    const names: string[] = [];
    for (const [index, segment] of segments.slice(0, -1).entries()) {
      const reference = object.fields.find((f) => relationshipNameOf(f)?.toLowerCase() === segment.toLowerCase());
      const relationshipName = reference ? relationshipNameOf(reference) : null;
      if (!reference || relationshipName === null) throw unknownRelationship(this.#ctx.soql, path, segment);
      key = `${key}.${relationshipName.toLowerCase()}`;
      const target = this.#target(key, object, source, alias, reference, path, segment);
      names.push(relationshipName);
      if (target.kind === 'polymorphic') {
        const rest = segments.slice(index + 1);
        if (rest.length > 1) throw noSuchColumn(this.#ctx.soql, path, rest[0] ?? '', 'Name');
        const idSql = sql`case when ${sql.join(target.branches.map((b) => b.present), sql` or `)} then ${target.fk} end`;
        hops.push({ key, name: relationshipName, idSql, typeName: 'Name', polymorphic: true });
        return this.#nameField(target, fieldName, path, hops, names);
      }
      const branch = target.branch;
      hops.push({ key, name: relationshipName, idSql: this.#idOf(branch), typeName: branch.object.name, polymorphic: false });
      object = branch.object;
      alias = branch.alias;
      source = branch.source;
    }
    const field = this.#ctx.schema.field(object.name, fieldName);
    if (!field) throw noSuchColumn(this.#ctx.soql, path, fieldName, object.name);
    names.push(field.name);
    const expression = fieldExpression(source, alias, field, this.#ctx.dialect);
    return { field, sql: expression.sql, kind: expression.kind, hops, path: names.join('.'), fromNameObject: false, objectName: object.name };
  }

  #idOf(branch: Branch): Sql {
    const id = this.#ctx.schema.field(branch.object.name, 'Id');
    if (!id) return sql`null`;
    return fieldExpression(branch.source, branch.alias, id, this.#ctx.dialect).sql;
  }

  /** The join(s) behind relationship `key`, planned once. */
  #target(key: string, object: ObjectDescribe, source: ObjectSource, alias: string, reference: FieldDescribe, path: string, segment: string): Target {
    const known = this.#targets.get(key);
    if (known) return known;
    const fk = fieldExpression(source, alias, reference, this.#ctx.dialect).sql;
    const objects = reference.referenceTo.map((name) => this.#ctx.schema.describe(name)).filter((o): o is ObjectDescribe => o !== undefined);
    if (objects.length === 0) throw unknownRelationship(this.#ctx.soql, path, segment);
    // The FROM row of an interview child is already filtered by its parent's visibility.
    const parentAlreadyVisible = alias === this.#alias && INTERVIEW_CHILDREN.has(object.name) && reference.name === 'ParentId';
    const branches: Branch[] = [];
    const recordObjects = objects.filter((o) => o.storage === 'records');
    const tableObjects = objects.filter((o) => o.storage !== 'records');
    for (const target of tableObjects) {
      const targetSource = sourceOf(target);
      const joinAlias = this.#ctx.alias('j');
      const conditions: Sql[] = [sql`${this.#idExpression(target, targetSource, joinAlias)} = ${fk}`];
      if (!this.#ctx.includeDeleted && target.fields.some((f) => f.name === 'IsDeleted')) conditions.push(sql`${sql.ref(`${joinAlias}.IsDeleted`)} = 0`);
      if (target.name === 'FlowInterview' && !parentAlreadyVisible && this.#ctx.visibility) conditions.push(this.#ctx.interviewVisible(joinAlias));
      this.#joins.push(sql`left join ${targetSource.from} as ${sql.ref(joinAlias)} on ${sql.join(conditions, sql` and `)}`);
      branches.push({ object: target, source: targetSource, alias: joinAlias, present: sql`${sql.ref(`${joinAlias}.Id`)} is not null` });
    }
    if (recordObjects.length > 0) {
      const joinAlias = this.#ctx.alias('j');
      const types = recordObjects.map((o) => sql`${o.name}`);
      const conditions: Sql[] = [sql`${sql.ref(`${joinAlias}.Id`)} = ${fk}`, sql`${sql.ref(`${joinAlias}.object_type`)} in (${sql.join(types)})`];
      if (!this.#ctx.includeDeleted) conditions.push(sql`${sql.ref(`${joinAlias}.IsDeleted`)} = 0`);
      this.#joins.push(sql`left join records as ${sql.ref(joinAlias)} on ${sql.join(conditions, sql` and `)}`);
      for (const target of recordObjects) {
        // A literal, not a parameter: PostgreSQL matches GROUP BY expressions textually.
        const present = recordObjects.length === 1 ? sql`${sql.ref(`${joinAlias}.Id`)} is not null` : sql`${sql.ref(`${joinAlias}.object_type`)} = ${sql.lit(target.name)}`;
        branches.push({ object: target, source: sourceOf(target), alias: joinAlias, present });
      }
    }
    const [only] = branches;
    const result: Target = reference.referenceTo.length === 1 && only && branches.length === 1 ? { kind: 'single', branch: only } : { kind: 'polymorphic', branches, fk };
    this.#targets.set(key, result);
    return result;
  }

  #idExpression(object: ObjectDescribe, source: ObjectSource, alias: string): Sql {
    const id = this.#ctx.schema.field(object.name, 'Id');
    return id ? fieldExpression(source, alias, id, this.#ctx.dialect).sql : sql.ref(`${alias}.Id`);
  }

  /** A field of the `Name` pseudo-object over the branches of a polymorphic relationship. */
  #nameField(target: Extract<Target, { kind: 'polymorphic' }>, fieldName: string, path: string, hops: RelationshipHop[], names: string[]): ResolvedField {
    const canonical = NAME_FIELDS.find((n) => n.toLowerCase() === fieldName.toLowerCase());
    if (!canonical) throw noSuchColumn(this.#ctx.soql, path, fieldName, 'Name');
    names.push(canonical);
    const fullPath = names.join('.');
    if (canonical === 'Type') {
      const cases = target.branches.map((b) => sql`when ${b.present} then ${sql.lit(b.object.name)}`);
      return { field: F.text('Type', 40), sql: sql`case ${sql.join(cases, sql` `)} end`, kind: 'text', hops, path: fullPath, fromNameObject: true, objectName: 'Name' };
    }
    if (canonical === 'Id') {
      const last = hops[hops.length - 1];
      return { field: F.reference('Id', [], null), sql: last ? last.idSql : sql`null`, kind: 'text', hops, path: fullPath, fromNameObject: true, objectName: 'Name' };
    }
    let describe: FieldDescribe | undefined;
    const cases: Sql[] = [];
    for (const branch of target.branches) {
      const field = this.#ctx.schema.field(branch.object.name, canonical) ?? (canonical === 'Name' ? branch.object.fields.find((f) => f.nameField) : undefined);
      if (!field) continue;
      describe ??= canonical === 'Name' ? F.text('Name', 255) : field;
      cases.push(sql`when ${branch.present} then ${fieldExpression(branch.source, branch.alias, field, this.#ctx.dialect).sql}`);
    }
    if (!describe || cases.length === 0) return { field: F.text(canonical, 255), sql: sql`null`, kind: 'text', hops, path: fullPath, fromNameObject: true, objectName: 'Name' };
    return { field: describe, sql: sql`case ${sql.join(cases, sql` `)} end`, kind: valueKindOf(describe), hops, path: fullPath, fromNameObject: true, objectName: 'Name' };
  }
}
