/**
 * Small constructors for describe data, so the standard, system and custom object describes read
 * like a field list (`F.text('Name', 255, { required: true })`) rather than pages of flags.
 */
import type { FieldDescribe, FieldType, ObjectDescribe, ObjectStorage, PicklistValue } from './org-schema.js';

/** Options shared by every field constructor. */
export interface FieldOptions {
  readonly label?: string;
  /** Not nillable; a create must give a value unless the field is defaulted. */
  readonly required?: boolean;
  readonly createable?: boolean;
  readonly updateable?: boolean;
  readonly defaultedOnCreate?: boolean;
  readonly defaultValue?: string | number | boolean | null;
  readonly unique?: boolean;
  readonly externalId?: boolean;
  readonly custom?: boolean;
  readonly nameField?: boolean;
  readonly idLookup?: boolean;
  readonly calculated?: boolean;
  readonly autoNumber?: boolean;
}

/** A label from an API name: `AnnualRevenue` → `Annual Revenue`, `AccountId` → `Account ID`. */
export function labelFor(name: string): string {
  const bare = name.replace(/__c$/, '').replace(/_/g, ' ');
  const spaced = bare.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
  return spaced.endsWith(' Id') ? `${spaced.slice(0, -3)} ID` : spaced === 'Id' ? 'Record ID' : spaced;
}

function field(name: string, type: FieldType, options: FieldOptions, extra: Partial<FieldDescribe> = {}): FieldDescribe {
  const readOnly = options.calculated === true || options.autoNumber === true;
  return {
    name,
    label: options.label ?? labelFor(name),
    type,
    length: 0,
    precision: 0,
    scale: 0,
    digits: 0,
    nillable: !(options.required ?? false),
    createable: options.createable ?? !readOnly,
    updateable: options.updateable ?? !readOnly,
    defaultedOnCreate: options.defaultedOnCreate ?? (options.defaultValue !== undefined && options.defaultValue !== null),
    calculated: options.calculated ?? false,
    autoNumber: options.autoNumber ?? false,
    unique: options.unique ?? false,
    externalId: options.externalId ?? false,
    custom: options.custom ?? name.endsWith('__c'),
    nameField: options.nameField ?? false,
    idLookup: options.idLookup ?? false,
    referenceTo: [],
    relationshipName: null,
    picklistValues: [],
    restrictedPicklist: false,
    defaultValue: options.defaultValue ?? null,
    ...extra,
  };
}

/** Picklist values from plain strings; `defaultValue` marks the default. */
export function picklistValues(values: readonly string[], defaultValue?: string): PicklistValue[] {
  return values.map((value) => ({ value, label: value, active: true, defaultValue: value === defaultValue }));
}

/** Options of picklist constructors. */
export interface PicklistOptions extends FieldOptions {
  readonly restricted?: boolean;
  /** The default value (also sets `defaultedOnCreate`). */
  readonly default?: string;
}

function picklistField(type: 'picklist' | 'multipicklist' | 'combobox', name: string, values: readonly string[], options: PicklistOptions): FieldDescribe {
  const defaultValue = options.default ?? options.defaultValue ?? null;
  return field(name, type, { ...options, defaultValue }, {
    length: 255,
    picklistValues: picklistValues(values, options.default),
    restrictedPicklist: options.restricted ?? false,
  });
}

/** Field constructors, by Salesforce type. */
export const F = {
  /** The `Id` field. */
  id: (object: string): FieldDescribe =>
    field('Id', 'id', { label: `${object} ID`, createable: false, updateable: false, idLookup: true, defaultedOnCreate: true, required: true }, { length: 18 }),
  text: (name: string, length: number, options: FieldOptions = {}): FieldDescribe => field(name, 'string', options, { length }),
  textarea: (name: string, length: number, options: FieldOptions = {}): FieldDescribe => field(name, 'textarea', options, { length }),
  email: (name: string, options: FieldOptions = {}): FieldDescribe => field(name, 'email', options, { length: 80 }),
  phone: (name: string, options: FieldOptions = {}): FieldDescribe => field(name, 'phone', options, { length: 40 }),
  url: (name: string, options: FieldOptions = {}, length = 255): FieldDescribe => field(name, 'url', options, { length }),
  picklist: (name: string, values: readonly string[], options: PicklistOptions = {}): FieldDescribe => picklistField('picklist', name, values, options),
  multipicklist: (name: string, values: readonly string[], options: PicklistOptions = {}): FieldDescribe =>
    ({ ...picklistField('multipicklist', name, values, options), length: 4099 }),
  combobox: (name: string, values: readonly string[], options: PicklistOptions = {}): FieldDescribe => picklistField('combobox', name, values, options),
  checkbox: (name: string, options: FieldOptions = {}): FieldDescribe =>
    field(name, 'boolean', { defaultValue: false, ...options, required: true, defaultedOnCreate: true }),
  int: (name: string, digits: number, options: FieldOptions = {}): FieldDescribe => field(name, 'int', options, { digits }),
  number: (name: string, precision: number, scale: number, options: FieldOptions = {}): FieldDescribe => field(name, 'double', options, { precision, scale }),
  currency: (name: string, precision = 18, scale = 2, options: FieldOptions = {}): FieldDescribe => field(name, 'currency', options, { precision, scale }),
  percent: (name: string, precision = 3, scale = 0, options: FieldOptions = {}): FieldDescribe => field(name, 'percent', options, { precision, scale }),
  date: (name: string, options: FieldOptions = {}): FieldDescribe => field(name, 'date', options),
  datetime: (name: string, options: FieldOptions = {}): FieldDescribe => field(name, 'datetime', options),
  time: (name: string, options: FieldOptions = {}): FieldDescribe => field(name, 'time', options),
  reference: (name: string, referenceTo: readonly string[], relationshipName: string | null, options: FieldOptions = {}): FieldDescribe =>
    field(name, 'reference', options, { length: 18, referenceTo, relationshipName }),
  /** `OwnerId`: defaults to the creating user. */
  owner: (referenceTo: readonly string[] = ['User']): FieldDescribe =>
    field('OwnerId', 'reference', { label: 'Owner ID', required: true, defaultedOnCreate: true }, { length: 18, referenceTo, relationshipName: 'Owner' }),
  /** A read-only copy of `f` (formula, system-maintained). */
  readOnly: (f: FieldDescribe): FieldDescribe => ({ ...f, createable: false, updateable: false }),
} as const;

/** `CreatedDate`, `CreatedById`, `LastModifiedDate`, `LastModifiedById`, `SystemModstamp`, `IsDeleted`: system-maintained. */
export function auditFields(): FieldDescribe[] {
  const system: FieldOptions = { createable: false, updateable: false, defaultedOnCreate: true, required: true };
  return [
    F.datetime('CreatedDate', system),
    F.reference('CreatedById', ['User'], 'CreatedBy', { ...system, label: 'Created By ID' }),
    F.datetime('LastModifiedDate', system),
    F.reference('LastModifiedById', ['User'], 'LastModifiedBy', { ...system, label: 'Last Modified By ID' }),
    F.datetime('SystemModstamp', system),
    F.checkbox('IsDeleted', { createable: false, updateable: false, label: 'Deleted' }),
  ];
}

/** Options of {@link defineObject}. */
export interface ObjectOptions {
  readonly label?: string;
  readonly labelPlural?: string;
  readonly keyPrefix: string | null;
  readonly storage?: ObjectStorage;
  /** Adds `OwnerId` referring to these objects. */
  readonly owner?: readonly string[];
  /** Adds the audit fields (default true). */
  readonly audit?: boolean;
  readonly createable?: boolean;
  readonly updateable?: boolean;
  readonly deletable?: boolean;
}

/** An object describe with `Id`, optional `OwnerId` and the audit fields added around `fields`. */
export function defineObject(name: string, options: ObjectOptions, fields: readonly FieldDescribe[]): ObjectDescribe {
  const label = options.label ?? labelFor(name);
  return {
    name,
    label,
    labelPlural: options.labelPlural ?? `${label}s`,
    keyPrefix: options.keyPrefix,
    custom: name.endsWith('__c'),
    createable: options.createable ?? true,
    updateable: options.updateable ?? true,
    deletable: options.deletable ?? true,
    queryable: true,
    storage: options.storage ?? 'records',
    fields: [F.id(name), ...fields, ...(options.owner ? [F.owner(options.owner)] : []), ...(options.audit === false ? [] : auditFields())],
  };
}
