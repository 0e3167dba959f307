/**
 * Checks a flow against an org's schema (objects, fields, relationship paths, picklist values)
 * and against the actions the org has: what Salesforce checks when a flow is deployed or
 * activated. The flow-model stays org-agnostic: the caller hands in a {@link FlowSchema} (the
 * runtime's describe satisfies it) and, optionally, whether an action exists.
 */
import { assertNever } from '../assert-never.js';
import { diagnostic } from '../diagnostic-codes.js';
import { collectUses } from '../flow-walk.js';
import type { Diagnostic, FlowDefinition, RecordFilter, Reference } from '../model.js';
import { missingMetadataFile } from './missing-metadata.js';

/** A field as the check needs it (a subset of Salesforce's describe). */
export interface SchemaField {
  readonly name: string;
  readonly type: string;
  readonly custom: boolean;
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  readonly picklistValues: readonly { readonly value: string }[];
  readonly restrictedPicklist: boolean;
}

/** An object as the check needs it. */
export interface SchemaObject {
  readonly name: string;
  readonly fields: readonly SchemaField[];
}

/** The org's objects, resolved case-insensitively (the runtime's `OrgSchema` is one). */
export interface FlowSchema {
  describe(object: string): SchemaObject | undefined;
  field(object: string, field: string): SchemaField | undefined;
}

/** What the org has besides its schema. */
export interface SchemaCheckOptions {
  /** Whether an action of this type and name exists; actions are not checked without it. */
  readonly hasAction?: (actionType: string, actionName: string) => boolean;
}

const EQUALITY = new Set(['EqualTo', 'NotEqualTo']);
const PICKLIST_TYPES = new Set(['picklist', 'multipicklist']);

/** One check run: the diagnostics so far, one per problem and element. */
class SchemaChecker {
  readonly diagnostics: Diagnostic[] = [];
  readonly #seen = new Set<string>();
  readonly #schema: FlowSchema;

  constructor(schema: FlowSchema) {
    this.#schema = schema;
  }

  #report(code: 'OBJECT_UNKNOWN' | 'FIELD_UNKNOWN' | 'PICKLIST_VALUE_UNKNOWN' | 'ACTION_UNKNOWN', owner: string | undefined, message: string, missingFile?: string): void {
    const key = `${code}|${owner ?? ''}|${message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    const found = diagnostic(code, 'error', owner, missingFile === undefined ? message : `${message} The project has no ${missingFile}.`);
    this.diagnostics.push(missingFile === undefined ? found : { ...found, missingFile });
  }

  /** The object, or undefined after reporting it unknown. */
  object(name: string | undefined, owner: string | undefined): SchemaObject | undefined {
    if (name === undefined || name === '') return undefined;
    const found = this.#schema.describe(name);
    if (found === undefined) this.#report('OBJECT_UNKNOWN', owner, `The object "${name}" doesn't exist or isn't supported.`, missingMetadataFile(name));
    return found;
  }

  /** The field of a known object, or undefined after reporting it unknown. */
  field(object: SchemaObject, name: string, owner: string | undefined, shownAs?: string): SchemaField | undefined {
    const found = this.#schema.field(object.name, name);
    if (found === undefined) {
      const what = shownAs === undefined ? `"${name}"` : `"${name}" (in ${shownAs})`;
      this.#report('FIELD_UNKNOWN', owner, `The field ${what} for the object "${object.name}" doesn't exist.`, missingMetadataFile(object.name, name));
    }
    return found;
  }

  /** Fields named on `object` (queried, sorted, assigned). */
  fields(objectName: string | undefined, names: readonly (string | undefined)[], owner: string | undefined): void {
    const object = this.object(objectName, owner);
    if (object === undefined) return;
    for (const name of names) if (name !== undefined && name !== '') this.field(object, name, owner);
  }

  /** Filters of a record element or start: each field exists; literal picklist values are among the field's. */
  filters(objectName: string | undefined, filters: readonly RecordFilter[], owner: string | undefined): void {
    const object = this.object(objectName, owner);
    if (object === undefined) return;
    for (const filter of filters) {
      const field = this.field(object, filter.field, owner);
      if (field === undefined || !PICKLIST_TYPES.has(field.type) || !EQUALITY.has(filter.operator) || filter.value.kind !== 'string') continue;
      // Values of standard picklists vary by org (Eddy's catalogue has the defaults): only fields
      // whose values the project defines (custom) or that are restricted are checked.
      if (!field.custom && !field.restrictedPicklist) continue;
      const values = new Set(field.picklistValues.map((v) => v.value.toLowerCase()));
      const wanted = field.type === 'multipicklist' ? filter.value.value.split(';') : [filter.value.value];
      for (const value of wanted) {
        if (value !== '' && !values.has(value.trim().toLowerCase())) {
          this.#report('PICKLIST_VALUE_UNKNOWN', owner, `The picklist value "${value}" isn't valid for the field "${field.name}" of the object "${object.name}".`);
        }
      }
    }
  }

  /**
   * A dotted path from `object` (`Owner.Manager.Name`): each step a relationship, the last a
   * field or a relationship (a whole related record). A polymorphic step may name its target
   * (`Owner:User`).
   */
  path(objectName: string, path: readonly string[], owner: string | undefined, text: string): void {
    const start = this.#schema.describe(objectName);
    if (start === undefined) return; // reported where the variable or trigger names it
    let objects: SchemaObject[] = [start];
    for (const [index, raw] of path.entries()) {
      if (raw.startsWith('[')) return;
      const [segment = raw, target] = raw.split(':');
      const lower = segment.toLowerCase();
      const relationships = objects.flatMap((o) => o.fields.filter((f) => f.relationshipName?.toLowerCase() === lower));
      if (index === path.length - 1 && target === undefined) {
        if (relationships.length === 0 && !objects.some((o) => this.#schema.field(o.name, segment) !== undefined)) this.field(objects[0] as SchemaObject, segment, owner, text);
        return;
      }
      if (relationships.length === 0) {
        const first = objects[0] as SchemaObject;
        this.#report('FIELD_UNKNOWN', owner, `The relationship "${segment}" (in ${text}) for the object "${first.name}" doesn't exist.`, relationshipFile(first.name, segment));
        return;
      }
      const targets = relationships.flatMap((f) => f.referenceTo).filter((name) => target === undefined || name.toLowerCase() === target.toLowerCase());
      objects = targets.map((name) => this.#schema.describe(name)).filter((o): o is SchemaObject => o !== undefined);
      if (objects.length === 0) return;
    }
  }

  notPicklist(object: SchemaObject, field: SchemaField, owner: string): void {
    this.#report('FIELD_UNKNOWN', owner, `The field "${field.name}" for the object "${object.name}" isn't a picklist field, so a picklist choice set can't use it.`);
  }

  action(element: string, actionType: string, actionName: string, hasAction: (type: string, name: string) => boolean): void {
    if (!hasAction(actionType, actionName)) {
      this.#report('ACTION_UNKNOWN', element, `The action "${actionName}" of type "${actionType}" doesn't exist: Eddy has no built-in for it and no registered action module provides it.`);
    }
  }
}

/** The file a custom relationship `Foo__r` comes from (its lookup field `Foo__c`). */
function relationshipFile(object: string, relationship: string): string | undefined {
  return /__r$/i.test(relationship) ? missingMetadataFile(object, `${relationship.slice(0, -3)}__c`) : undefined;
}

/** The object type a reference's root holds as a single record, or undefined. */
function rootObjects(definition: FlowDefinition): Map<string, string> {
  const roots = new Map<string, string>();
  const triggerObject = definition.start?.object;
  if (triggerObject !== undefined && definition.start?.triggerType !== undefined) {
    roots.set('$record', triggerObject);
    roots.set('$record__prior', triggerObject);
  }
  for (const resource of definition.resources) {
    if (resource.kind === 'variable' && resource.dataType === 'SObject' && !resource.isCollection && resource.objectType !== undefined) {
      roots.set(resource.name.toLowerCase(), resource.objectType);
    }
  }
  for (const element of definition.elements) {
    if (element.kind === 'recordLookup' && element.storeOutputAutomatically && element.getFirstRecordOnly) roots.set(element.name.toLowerCase(), element.object);
  }
  return roots;
}

/**
 * The org-dependent problems of a flow, each an error naming its element: unknown objects and
 * fields (with the project file that would define a custom one), relationship paths of record
 * references, picklist values in record filters and picklist choice sets, and unknown actions.
 */
export function checkAgainstSchema(definition: FlowDefinition, schema: FlowSchema, options: SchemaCheckOptions = {}): Diagnostic[] {
  const check = new SchemaChecker(schema);
  const start = definition.start;
  if (start?.object !== undefined && start.triggerType !== undefined) check.filters(start.object, start.filters, undefined);

  for (const resource of definition.resources) {
    if (resource.kind === 'variable' && resource.dataType === 'SObject' && resource.objectType !== undefined) check.object(resource.objectType, resource.name);
    if (resource.kind === 'dynamicChoiceSet') {
      if (resource.picklistObject !== undefined) {
        const object = check.object(resource.picklistObject, resource.name);
        const field = object === undefined || resource.picklistField === undefined ? undefined : check.field(object, resource.picklistField, resource.name);
        if (field !== undefined && object !== undefined && !PICKLIST_TYPES.has(field.type)) check.notPicklist(object, field, resource.name);
      } else if (resource.object !== undefined) {
        check.filters(resource.object, resource.filters, resource.name);
        check.fields(resource.object, [resource.displayField, resource.valueField, resource.sortField, ...resource.outputAssignments.map((a) => a.field)], resource.name);
      }
    }
  }

  for (const element of definition.elements) {
    switch (element.kind) {
      case 'recordLookup':
        check.filters(element.object, element.filters, element.name);
        check.fields(element.object, [...element.queriedFields, element.sortField, ...element.outputAssignments.map((a) => a.field)], element.name);
        break;
      case 'recordCreate':
        check.fields(element.object, element.inputAssignments.map((a) => a.field), element.name);
        break;
      case 'recordUpdate':
        check.filters(element.object, element.filters, element.name);
        check.fields(element.object, element.inputAssignments.map((a) => a.field), element.name);
        break;
      case 'recordDelete':
        check.filters(element.object, element.filters, element.name);
        break;
      case 'actionCall':
        if (options.hasAction !== undefined) check.action(element.name, element.actionType, element.actionName, options.hasAction);
        break;
      case 'assignment':
      case 'collectionProcessor':
      case 'customError':
      case 'decision':
      case 'loop':
      case 'orchestratedStage':
      case 'screen':
      case 'subflow':
      case 'transform':
      case 'unsupported':
      case 'wait':
        // Their record references are checked below, with every other reference.
        break;
      default:
        assertNever(element);
    }
  }

  const roots = rootObjects(definition);
  const { references } = collectUses(definition);
  for (const { ref, owner } of references) checkReference(check, roots, ref, owner);
  return check.diagnostics;
}

function checkReference(check: SchemaChecker, roots: ReadonlyMap<string, string>, ref: Reference, owner: string | undefined): void {
  if (ref.path.length === 0) return;
  const object = roots.get(ref.root.toLowerCase());
  if (object !== undefined) check.path(object, ref.path, owner, ref.text);
}
