/**
 * The org's describe: every object Eddy knows — Salesforce's standard objects (the generated
 * catalogue, `catalog/`, reconciled with Eddy's hand-written describes of the objects it knows
 * best), the system objects of the flow runtime (FlowInterview, FlowRecordRelation, ...), and
 * custom objects and fields deployed from SFDX metadata — with Salesforce's describe shape
 * (`name`, `type`, `length`, `nillable`, `picklistValues`, `referenceTo`, ...). Names resolve
 * case-insensitively, as in Salesforce. Standard objects are listed from the catalogue's index
 * and their fields read on first use, so start-up does not grow with the catalogue.
 */
import { InvalidFieldError, InvalidTypeError } from '../errors.js';
import { keyPrefixOf } from './ids.js';
import { STANDARD_OBJECTS } from './standard-objects.js';
import { SYSTEM_OBJECTS } from './system-objects.js';
import { auditFields, F } from './field-builders.js';
import { describeFromCatalog } from './catalog/reconcile.js';
import type { StandardCatalog } from './catalog/standard-catalog.js';
import { standardCatalog } from './catalog/standard-catalog.js';

/** Salesforce describe field types Eddy uses. */
export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'boolean'
  | 'int'
  | 'double'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'time'
  | 'reference'
  | 'encryptedstring'
  /** Compound address (`BillingAddress`): read-only, made of its component fields. */
  | 'address'
  /** Compound geolocation: read-only, made of its latitude and longitude fields. */
  | 'location'
  | 'base64'
  | 'anyType'
  | 'long'
  | 'complexvalue'
  | 'json';

/** One value of a picklist. */
export interface PicklistValue {
  readonly value: string;
  readonly label: string;
  readonly active: boolean;
  readonly defaultValue: boolean;
}

/** A field as Salesforce's describe reports it (the subset Eddy uses). */
export interface FieldDescribe {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  /** Maximum characters for text types; 0 otherwise. */
  readonly length: number;
  /** Total digits for `double`, `currency`, `percent`; 0 otherwise. */
  readonly precision: number;
  /** Digits after the decimal point. */
  readonly scale: number;
  /** Digits for `int`. */
  readonly digits: number;
  readonly nillable: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly defaultedOnCreate: boolean;
  readonly calculated: boolean;
  readonly autoNumber: boolean;
  readonly unique: boolean;
  readonly externalId: boolean;
  readonly custom: boolean;
  readonly nameField: boolean;
  readonly idLookup: boolean;
  /** Objects a `reference` may point to (several for polymorphic fields such as `OwnerId`, `WhatId`). */
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  readonly picklistValues: readonly PicklistValue[];
  readonly restrictedPicklist: boolean;
  /** The value a create gets when none is given (also the picklist default). */
  readonly defaultValue: string | number | boolean | null;
  /** Auto-number fields: the display format, e.g. `INV-{0000}` (Salesforce's metadata `displayFormat`). */
  readonly displayFormat?: string;
  /** The compound field this field is a component of (`BillingCity` → `BillingAddress`, `FirstName` → `Name`). */
  readonly compoundFieldName?: string;
}

/** A reference from another object's field to this one, as the describe's `childRelationships` lists it. */
export interface ChildRelationship {
  readonly childSObject: string;
  readonly field: string;
  readonly relationshipName: string | null;
  readonly cascadeDelete: boolean;
}

/** Where an object's rows live: the generic `records` table, or a dedicated system table. */
export type ObjectStorage = 'records' | 'system';

/** An object as Salesforce's describe reports it (the subset Eddy uses). */
export interface ObjectDescribe {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string | null;
  readonly custom: boolean;
  readonly createable: boolean;
  readonly updateable: boolean;
  readonly deletable: boolean;
  readonly queryable: boolean;
  readonly fields: readonly FieldDescribe[];
  readonly storage: ObjectStorage;
  /** Child relationships Salesforce's catalogue knows (references from other standard objects); see {@link OrgSchema.childRelationships}. */
  readonly childRelationships?: readonly ChildRelationship[];
}

/** An object without its fields: what `describeGlobal` lists. */
export type ObjectSummary = Omit<ObjectDescribe, 'fields' | 'childRelationships'>;

/** A reference to `target` from a field that is not in memory yet (a custom field on a standard object). */
export interface ExtraChild {
  readonly target: string;
  readonly relationship: ChildRelationship;
}

/** An object whose describe is built on first use. */
export interface LazyObject {
  readonly summary: ObjectSummary;
  readonly load: () => ObjectDescribe;
}

/** A custom object as deployed (`objects/X__c/X__c.object-meta.xml`), before fields are merged in. */
export interface CustomObjectDefinition {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly description: string | null;
  /** The `Name` field (Text or AutoNumber). */
  readonly nameField: FieldDescribe;
  /** `sharingModel` from metadata (kept for describe; record sharing is not enforced yet). */
  readonly sharingModel: string;
}

/** A deployed custom object with the key prefix storage gave it. */
export interface StoredCustomObject extends CustomObjectDefinition {
  readonly keyPrefix: string;
}

/** A custom field of any object (custom or standard). */
export interface CustomFieldDefinition {
  readonly object: string;
  readonly field: FieldDescribe;
}

/** The describe of all objects of an org, resolved case-insensitively; lazy objects are built on first use. */
export class OrgSchema {
  readonly #summaries = new Map<string, ObjectSummary>();
  readonly #objects = new Map<string, ObjectDescribe>();
  readonly #lazy = new Map<string, LazyObject>();
  readonly #fields = new Map<string, Map<string, FieldDescribe>>();
  readonly #byPrefix = new Map<string, string>();
  readonly #eager: ObjectDescribe[] = [];
  readonly #extraChildren: readonly ExtraChild[];

  /**
   * `objects` are described now and win over `lazy` objects of the same name or key prefix.
   * `extraChildren` are references from fields of lazy objects (deployed custom fields) that
   * their catalogue entries do not list.
   */
  constructor(objects: readonly ObjectDescribe[], lazy: readonly LazyObject[] = [], extraChildren: readonly ExtraChild[] = []) {
    const eagerNames = new Set(objects.map((o) => o.name.toLowerCase()));
    const eagerPrefixes = new Set(objects.map((o) => o.keyPrefix).filter((p) => p !== null));
    for (const entry of lazy) {
      const key = entry.summary.name.toLowerCase();
      if (eagerNames.has(key) || this.#lazy.has(key)) continue;
      this.#lazy.set(key, entry);
      this.#summaries.set(key, entry.summary);
      const prefix = entry.summary.keyPrefix;
      if (prefix && !eagerPrefixes.has(prefix) && !this.#byPrefix.has(prefix)) this.#byPrefix.set(prefix, key);
    }
    for (const object of objects) {
      const key = object.name.toLowerCase();
      this.#summaries.set(key, object);
      this.#remember(key, object);
      this.#eager.push(object);
      if (object.keyPrefix) this.#byPrefix.set(object.keyPrefix, key);
    }
    this.#extraChildren = extraChildren;
  }

  #remember(key: string, object: ObjectDescribe): void {
    this.#objects.set(key, object);
    this.#fields.set(key, new Map(object.fields.map((f) => [f.name.toLowerCase(), f])));
  }

  /** All objects, without their fields (standard objects first, then system and custom objects). */
  objects(): readonly ObjectSummary[] {
    return [...this.#summaries.values()];
  }

  /** The objects whose fields are in memory now (system and custom objects, and standard objects described so far). */
  describedObjects(): readonly ObjectDescribe[] {
    return [...this.#objects.values()];
  }

  /** The object named `name` (any case), or undefined; a standard object's fields are read on first use. */
  describe(name: string): ObjectDescribe | undefined {
    const key = name.toLowerCase();
    const known = this.#objects.get(key);
    if (known !== undefined) return known;
    const lazy = this.#lazy.get(key);
    if (lazy === undefined) return undefined;
    const object = lazy.load();
    this.#remember(key, object);
    return object;
  }

  /** The object named `name`; throws `InvalidTypeError` (`INVALID_TYPE`) when unknown. */
  describeOrThrow(name: string): ObjectDescribe {
    const object = this.describe(name);
    if (!object) throw new InvalidTypeError(`sObject type '${name}' is not supported.`);
    return object;
  }

  /** The field `field` (any case) of `object`, or undefined. */
  field(object: string, field: string): FieldDescribe | undefined {
    const key = object.toLowerCase();
    if (!this.#fields.has(key)) this.describe(object);
    return this.#fields.get(key)?.get(field.toLowerCase());
  }

  /** The field; throws `InvalidFieldError` (`INVALID_FIELD`) naming the object when unknown. */
  fieldOrThrow(object: string, field: string): FieldDescribe {
    const found = this.field(object, field);
    if (!found) {
      const describe = this.describeOrThrow(object);
      throw new InvalidFieldError(`No such column '${field}' on sobject of type ${describe.name}`, [field]);
    }
    return found;
  }

  /** The object whose key prefix starts `id`, or undefined. */
  objectForId(id: string): ObjectDescribe | undefined {
    return this.objectForPrefix(keyPrefixOf(id));
  }

  /** The object with key prefix `prefix`, or undefined. */
  objectForPrefix(prefix: string): ObjectDescribe | undefined {
    const key = this.#byPrefix.get(prefix);
    return key === undefined ? undefined : this.describe(key);
  }

  /**
   * The child relationships of `object`: those the catalogue lists for it, and every reference
   * to it from a system or custom object, or from a deployed custom field.
   */
  childRelationships(object: ObjectDescribe): readonly ChildRelationship[] {
    const out: ChildRelationship[] = [...(object.childRelationships ?? [])];
    const seen = new Set(out.map((r) => `${r.childSObject}.${r.field}`.toLowerCase()));
    const target = object.name.toLowerCase();
    const add = (relationship: ChildRelationship): void => {
      const key = `${relationship.childSObject}.${relationship.field}`.toLowerCase();
      if (seen.has(key)) return;
      seen.add(key);
      out.push(relationship);
    };
    for (const child of this.#eager) {
      for (const field of child.fields) {
        if (field.type === 'reference' && field.referenceTo.some((name) => name.toLowerCase() === target)) {
          add({ childSObject: child.name, field: field.name, relationshipName: null, cascadeDelete: false });
        }
      }
    }
    for (const extra of this.#extraChildren) if (extra.target.toLowerCase() === target) add(extra.relationship);
    return out;
  }
}

/** Polymorphic references that accept any custom object as well (`Task.WhatId`, `FeedItem.ParentId`). */
const OPEN_REFERENCES: ReadonlySet<string> = new Set(['Task.WhatId', 'Event.WhatId', 'FeedItem.ParentId', 'FlowRecordRelation.RelatedRecordId']);

/** Eddy's hand-written describes of the standard objects it knows best, by lower-case name. */
const HAND_WRITTEN: ReadonlyMap<string, ObjectDescribe> = new Map(STANDARD_OBJECTS.map((o) => [o.name.toLowerCase(), o]));

/**
 * Builds the org's describe: the standard catalogue (lazily), system objects, then deployed
 * custom objects (with their standard fields: Id, Name, OwnerId, audit fields), then custom
 * fields on any object. A custom field on an unknown object is ignored (the deploy reports it).
 */
export function buildOrgSchema(
  customObjects: readonly StoredCustomObject[] = [],
  customFields: readonly CustomFieldDefinition[] = [],
  catalog: StandardCatalog = standardCatalog(),
): OrgSchema {
  const fieldsByObject = new Map<string, FieldDescribe[]>();
  for (const { object, field } of customFields) {
    const key = object.toLowerCase();
    fieldsByObject.set(key, [...(fieldsByObject.get(key) ?? []), field]);
  }
  const customNames = customObjects.map((o) => o.name);
  const merge = (object: ObjectDescribe): ObjectDescribe => {
    const extra = fieldsByObject.get(object.name.toLowerCase()) ?? [];
    const known = new Set(object.fields.map((f) => f.name.toLowerCase()));
    const fields = object.fields.map((f) =>
      OPEN_REFERENCES.has(`${object.name}.${f.name}`) ? { ...f, referenceTo: [...f.referenceTo, ...customNames] } : f,
    );
    for (const field of extra) {
      if (known.has(field.name.toLowerCase())) continue;
      fields.push(field);
    }
    return { ...object, fields };
  };
  const lazy: LazyObject[] = [];
  const catalogued = new Set<string>();
  for (const entry of catalog.entries()) {
    const key = entry.name.toLowerCase();
    catalogued.add(key);
    const hand = HAND_WRITTEN.get(key);
    lazy.push({
      summary: {
        name: entry.name,
        label: entry.label,
        labelPlural: entry.labelPlural,
        keyPrefix: entry.keyPrefix ?? hand?.keyPrefix ?? null,
        custom: false,
        createable: entry.createable ?? true,
        updateable: entry.updateable ?? true,
        deletable: entry.deletable ?? true,
        queryable: entry.queryable ?? true,
        storage: hand?.storage ?? 'records',
      },
      load: () => {
        const object = catalog.load(entry.name);
        return merge(object ? describeFromCatalog(object, hand) : (hand ?? describeFromCatalog({ ...entry, schemaVersion: 1, fields: [], childRelationships: [] })));
      },
    });
  }
  const objects: ObjectDescribe[] = [];
  for (const object of STANDARD_OBJECTS) if (!catalogued.has(object.name.toLowerCase())) objects.push(merge(object));
  for (const object of SYSTEM_OBJECTS) objects.push(merge(object));
  for (const custom of customObjects) {
    objects.push(
      merge({
        name: custom.name,
        label: custom.label,
        labelPlural: custom.labelPlural,
        keyPrefix: custom.keyPrefix,
        custom: true,
        createable: true,
        updateable: true,
        deletable: true,
        queryable: true,
        storage: 'records',
        fields: [F.id(custom.name), custom.nameField, F.owner(['User', 'Group']), ...auditFields()],
      }),
    );
  }
  // References from custom fields on standard objects, whose fields are not in memory until described.
  const eagerNames = new Set(objects.map((o) => o.name.toLowerCase()));
  const lazyNames = new Map(lazy.map((o) => [o.summary.name.toLowerCase(), o.summary.name]));
  const extraChildren: ExtraChild[] = [];
  for (const { object, field } of customFields) {
    if (field.type !== 'reference' || eagerNames.has(object.toLowerCase())) continue;
    const childSObject = lazyNames.get(object.toLowerCase()) ?? object;
    for (const target of field.referenceTo) extraChildren.push({ target, relationship: { childSObject, field: field.name, relationshipName: field.relationshipName, cascadeDelete: false } });
  }
  return new OrgSchema(objects, lazy, extraChildren);
}
