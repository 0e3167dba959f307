/**
 * The format of the generated standard object catalogue (`data/`, written by
 * `scripts/standard-objects/generate.ts`): a small index read at start, and one file per object
 * read on first use. Attributes equal to their usual value are left out to keep the files small;
 * {@link expandField} restores a full {@link FieldDescribe}.
 */
import type { FieldDescribe, FieldType, PicklistValue } from '../org-schema.js';

/** Version of the catalogue's file format. */
export const CATALOG_SCHEMA_VERSION = 1;

/**
 * Where each attribute of a field came from, one letter per position —
 * type, label, size (length/precision/scale), nillable, createable/updateable, picklist values,
 * reference targets: `J` the sobject-types jar (API 65), `D` the API 61 describe, `O` the API 65
 * documentation, `T` Salesforce's default for the type or derived from the name, `H` Eddy's hand
 * override table.
 */
export type FieldProvenance = string;

/** A field as stored: a {@link FieldDescribe} without the attributes that have their usual value. */
export interface CatalogField {
  readonly name: string;
  readonly label: string;
  readonly type: FieldType;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly digits?: number;
  /** Omitted: true. */
  readonly nillable?: false;
  /** Omitted: true. */
  readonly createable?: false;
  /** Omitted: true. */
  readonly updateable?: false;
  readonly defaultedOnCreate?: true;
  readonly defaultValue?: string | number | boolean;
  readonly calculated?: true;
  readonly autoNumber?: true;
  readonly unique?: true;
  readonly externalId?: true;
  readonly nameField?: true;
  readonly idLookup?: true;
  readonly referenceTo?: readonly string[];
  readonly relationshipName?: string;
  /** A value whose label is the value itself, `[value, label]`, or `[value, label, 1]` for the default value; inactive values are not kept. */
  readonly picklistValues?: readonly (string | readonly [string, string] | readonly [string, string, 1])[];
  readonly restrictedPicklist?: true;
  /** The compound field this one is part of (`BillingLatitude` → `BillingAddress`). */
  readonly compoundFieldName?: string;
  readonly src?: FieldProvenance;
}

/** A child relationship of an object: a reference field of `childSObject` pointing to it. */
export interface CatalogChildRelationship {
  readonly childSObject: string;
  readonly field: string;
  readonly relationshipName: string | null;
  readonly cascadeDelete?: true;
}

/** Object-level flags; omitted means true. */
export interface CatalogObjectFlags {
  readonly createable?: false;
  readonly updateable?: false;
  readonly deletable?: false;
  readonly queryable?: false;
}

/** One entry of the index: what `describeGlobal` lists, without fields. */
export interface CatalogIndexEntry extends CatalogObjectFlags {
  readonly name: string;
  readonly label: string;
  readonly labelPlural: string;
  readonly keyPrefix: string | null;
}

/** `data/index.json`. */
export interface CatalogIndex {
  readonly schemaVersion: number;
  /** The Salesforce API version the catalogue describes. */
  readonly apiVersion: string;
  readonly objects: readonly CatalogIndexEntry[];
}

/** `data/objects/<Name>.json`. */
export interface CatalogObject extends CatalogIndexEntry {
  readonly schemaVersion: number;
  readonly fields: readonly CatalogField[];
  readonly childRelationships: readonly CatalogChildRelationship[];
  /** Where the object's label, plural label and key prefix came from (letters as in {@link FieldProvenance}). */
  readonly src?: string;
}

type Size = { readonly length: number; readonly precision: number; readonly scale: number; readonly digits: number };
const text = (length: number): Size => ({ length, precision: 0, scale: 0, digits: 0 });
const decimal: Size = { length: 0, precision: 18, scale: 2, digits: 0 };
const none: Size = text(0);
const SIZE_DEFAULTS: Readonly<Record<FieldType, Size>> = {
  id: text(18), reference: text(18), string: text(255), url: text(255), picklist: text(255), combobox: text(255), textarea: text(32000),
  email: text(80), phone: text(40), multipicklist: text(4099), encryptedstring: text(175), double: decimal, currency: decimal, percent: decimal,
  int: { ...none, digits: 9 }, long: { ...none, digits: 18 }, boolean: none, date: none, datetime: none, time: none, address: none,
  location: none, base64: none, anyType: none, complexvalue: none, json: none,
};

/** Length, precision, scale and digits of each type when the stored field leaves them out. */
export function sizeDefaults(type: FieldType): Size {
  return SIZE_DEFAULTS[type];
}

/** The full describe of a stored field. */
export function expandField(field: CatalogField): FieldDescribe {
  const picklistValues: PicklistValue[] = (field.picklistValues ?? []).map((entry) => {
    const [value, label, isDefault] = typeof entry === 'string' ? [entry, entry, 0] : entry;
    return { value, label, active: true, defaultValue: isDefault === 1 };
  });
  const size = sizeDefaults(field.type);
  return {
    name: field.name,
    label: field.label,
    type: field.type,
    length: field.length ?? size.length,
    precision: field.precision ?? size.precision,
    scale: field.scale ?? size.scale,
    digits: field.digits ?? size.digits,
    nillable: field.nillable ?? true,
    createable: field.createable ?? true,
    updateable: field.updateable ?? true,
    defaultedOnCreate: field.defaultedOnCreate ?? false,
    calculated: field.calculated ?? false,
    autoNumber: field.autoNumber ?? false,
    unique: field.unique ?? false,
    externalId: field.externalId ?? false,
    custom: false,
    nameField: field.nameField ?? false,
    idLookup: field.idLookup ?? false,
    referenceTo: field.referenceTo ?? [],
    relationshipName: field.relationshipName ?? null,
    picklistValues,
    restrictedPicklist: field.restrictedPicklist ?? false,
    defaultValue: field.defaultValue ?? null,
    ...(field.compoundFieldName === undefined ? {} : { compoundFieldName: field.compoundFieldName }),
  };
}
