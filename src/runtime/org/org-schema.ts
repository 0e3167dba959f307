/**
 * The org's describe: every object Eddy knows — standard objects flows use most, the system
 * objects of the flow runtime (FlowInterview, FlowRecordRelation, ...), and custom objects and
 * fields deployed from SFDX metadata — with Salesforce's describe shape (`name`, `type`,
 * `length`, `nillable`, `picklistValues`, `referenceTo`, ...). Names resolve case-insensitively,
 * as in Salesforce.
 */
import { InvalidFieldError, InvalidTypeError } from '../errors.js';
import { keyPrefixOf } from './ids.js';
import { STANDARD_OBJECTS } from './standard-objects.js';
import { SYSTEM_OBJECTS } from './system-objects.js';
import { auditFields, F } from './field-builders.js';

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
  | 'encryptedstring';

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

/** The describe of all objects of an org, resolved case-insensitively. */
export class OrgSchema {
  readonly #objects = new Map<string, ObjectDescribe>();
  readonly #fields = new Map<string, Map<string, FieldDescribe>>();
  readonly #byPrefix = new Map<string, ObjectDescribe>();

  constructor(objects: readonly ObjectDescribe[]) {
    for (const object of objects) {
      const key = object.name.toLowerCase();
      this.#objects.set(key, object);
      this.#fields.set(key, new Map(object.fields.map((f) => [f.name.toLowerCase(), f])));
      if (object.keyPrefix) this.#byPrefix.set(object.keyPrefix, object);
    }
  }

  /** All objects, in declaration order. */
  objects(): readonly ObjectDescribe[] {
    return [...this.#objects.values()];
  }

  /** The object named `name` (any case), or undefined. */
  describe(name: string): ObjectDescribe | undefined {
    return this.#objects.get(name.toLowerCase());
  }

  /** The object named `name`; throws `InvalidTypeError` (`INVALID_TYPE`) when unknown. */
  describeOrThrow(name: string): ObjectDescribe {
    const object = this.describe(name);
    if (!object) throw new InvalidTypeError(`sObject type '${name}' is not supported.`);
    return object;
  }

  /** The field `field` (any case) of `object`, or undefined. */
  field(object: string, field: string): FieldDescribe | undefined {
    return this.#fields.get(object.toLowerCase())?.get(field.toLowerCase());
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
    return this.#byPrefix.get(keyPrefixOf(id));
  }

  /** The object with key prefix `prefix`, or undefined. */
  objectForPrefix(prefix: string): ObjectDescribe | undefined {
    return this.#byPrefix.get(prefix);
  }
}

/** Polymorphic references that accept any custom object as well (`Task.WhatId`, `FeedItem.ParentId`). */
const OPEN_REFERENCES: ReadonlySet<string> = new Set(['Task.WhatId', 'Event.WhatId', 'FeedItem.ParentId', 'FlowRecordRelation.RelatedRecordId']);

/**
 * Builds the org's describe: standard and system objects, then deployed custom objects (with
 * their standard fields: Id, Name, OwnerId, audit fields), then custom fields on any object.
 * A custom field on an unknown object is ignored (the deploy reports it).
 */
export function buildOrgSchema(customObjects: readonly StoredCustomObject[] = [], customFields: readonly CustomFieldDefinition[] = []): OrgSchema {
  const fieldsByObject = new Map<string, FieldDescribe[]>();
  for (const { object, field } of customFields) {
    const key = object.toLowerCase();
    fieldsByObject.set(key, [...(fieldsByObject.get(key) ?? []), field]);
  }
  const customNames = customObjects.map((o) => o.name);
  const objects: ObjectDescribe[] = [];
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
  for (const object of [...STANDARD_OBJECTS, ...SYSTEM_OBJECTS]) objects.push(merge(object));
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
  return new OrgSchema(objects);
}
