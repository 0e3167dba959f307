/**
 * Merges the three sources into catalogue objects (docs/standard-objects.md, "Merge"):
 * the jar's skeleton, overlaid by the API 61 describe, then the API 65 documentation, then
 * Salesforce's defaults for each type, then the hand override table. Each field records where
 * each attribute came from (`src`, see `CatalogField`).
 */
import type { CatalogChildRelationship, CatalogField, CatalogObject } from '../../src/runtime/org/catalog/catalog-format.js';
import { CATALOG_SCHEMA_VERSION, sizeDefaults } from '../../src/runtime/org/catalog/catalog-format.js';
import type { FieldType } from '../../src/runtime/org/org-schema.js';
import { AUTO_NUMBERS, CREATE_ONLY, DEFAULTED_ON_CREATE, DROPPED_FIELDS, KEY_PREFIX_OVERRIDES, NAME_FIELDS, PLURAL_OVERRIDES, READ_ONLY } from './overrides.js';
import type { DescribeField, DescribeObject, DocField, DocObject, JarField, JarObject } from './sources.js';

/** The three sources, read. */
export interface Sources {
  readonly jar: ReadonlyMap<string, JarObject>;
  readonly describes: ReadonlyMap<string, DescribeObject>;
  readonly docs: ReadonlyMap<string, DocObject>;
}

const AUDIT = new Set(['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted', 'LastViewedDate', 'LastReferencedDate', 'LastActivityDate', 'MasterRecordId']);
const PERSON_NAME_PARTS = ['Salutation', 'FirstName', 'MiddleName', 'LastName', 'Suffix', 'InformalName'];
const ADDRESS_PARTS = ['Street', 'City', 'State', 'PostalCode', 'Country', 'StateCode', 'CountryCode', 'Latitude', 'Longitude', 'GeocodeAccuracy'];
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Picklists longer than this are org-specific enumerations and are stored without values (any value is accepted). */
const MAX_PICKLIST_VALUES = 300;

/** Whether an object is left out of the catalogue (managed-package, sharing, history, feed and change-event objects). */
export function isExcludedObject(name: string): boolean {
  return name.includes('__') || /(?:Share|History|Feed|ChangeEvent)$/.test(name);
}

/** A label from an API name, as Salesforce derives most standard labels: `BillingLatitude` → `Billing Latitude`, `AccountId` → `Account ID`. */
export function labelFromName(name: string): string {
  const spaced = name.replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced === 'Id' ? 'Record ID' : spaced.endsWith(' Id') ? `${spaced.slice(0, -3)} ID` : spaced;
}

/** English plural of a label (`Case Milestone` → `Case Milestones`, `Opportunity` → `Opportunities`). */
export function pluralOf(label: string): string {
  if (/[^aeiou]y$/i.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(label)) return `${label}es`;
  return `${label}s`;
}

/** The documentation's mixed type vocabulary, normalised to describe types; undefined when it says nothing usable. */
export function docType(field: DocField, name: string): FieldType | undefined {
  const raw = (field.type ?? '').toLowerCase();
  if (name === 'Id') return 'id';
  if (/^(?:string|text(?:\(\d+\))?)$/.test(raw)) {
    // The type is often "string" with the real kind in `format`.
    switch (field.format) {
      case 'salesforce-id':
        return 'reference';
      case 'date-time':
        return 'datetime';
      case 'date':
        return 'date';
      case 'time':
        return 'time';
      case 'enum':
        return 'picklist';
      case 'email':
        return 'email';
      case 'phone':
        return 'phone';
      case 'uri':
        return 'url';
      default:
        return 'string';
    }
  }
  if (raw === 'textarea') return 'textarea';
  if (raw === 'boolean') return 'boolean';
  if (/^(?:reference|lookup.*|master-detail.*|polymorphic .*|id|external lookup)$/.test(raw)) return 'reference';
  if (raw === 'picklist' || raw === 'enum') return 'picklist';
  if (raw === 'multipicklist') return 'multipicklist';
  if (raw === 'datetime') return 'datetime';
  if (raw === 'date') return 'date';
  if (raw === 'time' || raw === 'timeonly') return 'time';
  if (raw === 'double' || raw === 'number') return 'double';
  if (raw === 'int' || raw === 'integer') return 'int';
  const same: readonly FieldType[] = ['long', 'currency', 'percent', 'url', 'phone', 'email', 'address', 'location', 'base64', 'encryptedstring', 'combobox', 'complexvalue'];
  if ((same as readonly string[]).includes(raw)) return raw as FieldType;
  if (raw === 'anytype' || raw === 'any type') return 'anyType';
  return undefined;
}

/** The describe type of a jar field from its Apex type. */
function jarType(field: JarField): FieldType {
  switch (field.apexType) {
    case 'Id':
      return field.name === 'Id' ? 'id' : 'reference';
    case 'Boolean':
      return 'boolean';
    case 'Datetime':
      return 'datetime';
    case 'Date':
      return 'date';
    case 'Time':
      return 'time';
    case 'Decimal':
      return 'double';
    case 'Integer':
      return 'int';
    case 'Long':
      return 'long';
    case 'Blob':
      return 'base64';
    case 'Address':
      return 'address';
    case 'Location':
      return 'location';
    case 'Object':
      return 'anyType';
    default:
      return 'string';
  }
}

const DESCRIBE_TYPES: ReadonlySet<string> = new Set(['id', 'string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime', 'time', 'reference', 'encryptedstring', 'address', 'location', 'base64', 'anyType', 'long', 'complexvalue', 'json']);

const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox', 'encryptedstring']);
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['double', 'currency', 'percent']);

interface FieldSources {
  readonly jar: JarField | undefined;
  readonly describe: DescribeField | undefined;
  readonly doc: DocField | undefined;
  /** False when the documentation marks nearly every field of a createable object read-only (Campaign: a permission note read as a property). */
  readonly trustReadOnly: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function mergeField(object: string, name: string, from: FieldSources): CatalogField {
  const key = `${object}.${name}`;
  const docT = from.doc ? docType(from.doc, name) : undefined;
  const describeT = from.describe && DESCRIBE_TYPES.has(from.describe.type) ? (from.describe.type as FieldType) : undefined;
  const type: FieldType = describeT ?? docT ?? (from.jar ? jarType(from.jar) : 'string');
  const typeSrc = describeT ? 'D' : docT ? 'O' : from.jar ? 'J' : 'T';
  const label = from.describe?.label ?? labelFromName(name);
  const labelSrc = from.describe ? 'D' : 'T';

  const field: Mutable<CatalogField> = { name, label, type };
  // Size: only what differs from the type's default is stored.
  const defaults = sizeDefaults(type);
  let sizeSrc = 'T';
  if (TEXT_TYPES.has(type) && from.doc?.maxLength !== undefined && from.doc.maxLength > 0) {
    if (from.doc.maxLength !== defaults.length) field.length = from.doc.maxLength;
    sizeSrc = 'O';
  }
  const step = from.doc?.multipleOf;
  if (NUMBER_TYPES.has(type) && step !== undefined && step > 0 && step <= 1) {
    const scale = Math.round(-Math.log10(step));
    if (scale !== defaults.scale) field.scale = scale;
    sizeSrc = 'O';
  }
  // Nillable.
  let nillable = true;
  let nillableSrc = 'T';
  if (type === 'boolean' || type === 'id' || AUDIT.has(name) && name !== 'LastViewedDate' && name !== 'LastReferencedDate' && name !== 'LastActivityDate' && name !== 'MasterRecordId') {
    nillable = false;
  } else if (from.describe) {
    nillable = from.describe.nillable;
    nillableSrc = 'D';
  } else if (from.doc?.nullable !== undefined) {
    nillable = from.doc.nullable;
    nillableSrc = 'O';
  }
  if (!nillable) field.nillable = false;
  // Createable / updateable.
  let createable = true;
  let updateable = true;
  let accessSrc = 'T';
  if (type === 'id' || AUDIT.has(name) || type === 'address' || type === 'location') {
    createable = false;
    updateable = false;
  } else if (READ_ONLY.has(key) || AUTO_NUMBERS.has(key)) {
    createable = false;
    updateable = false;
    accessSrc = 'H';
  } else if (from.doc?.readOnly === true && from.trustReadOnly) {
    // The documentation's "read-only" also covers create-only fields; those are nearly all parent
    // lookups (CaseComment.ParentId, OpportunityContactRole.OpportunityId), set once on create.
    createable = type === 'reference';
    updateable = false;
    accessSrc = 'O';
  }
  if (CREATE_ONLY.has(key) && createable) {
    updateable = false;
    accessSrc = 'H';
  }
  if (!createable) field.createable = false;
  if (!updateable) field.updateable = false;
  // Defaults.
  if (type === 'id' || AUDIT.has(name) || name === 'OwnerId' || DEFAULTED_ON_CREATE.has(key) || AUTO_NUMBERS.has(key)) field.defaultedOnCreate = true;
  if (type === 'boolean') {
    field.defaultedOnCreate = true;
    field.defaultValue = from.describe?.defaultValue === true;
  } else if (from.describe?.defaultValue !== null && from.describe?.defaultValue !== undefined && typeof from.describe.defaultValue !== 'object') {
    field.defaultValue = from.describe.defaultValue;
    field.defaultedOnCreate = true;
  }
  if (AUTO_NUMBERS.has(key)) field.autoNumber = true;
  if (type === 'id') field.idLookup = true;
  // Picklist values.
  let picklistSrc = '-';
  if (type === 'picklist' || type === 'multipicklist' || type === 'combobox') {
    const active = (from.describe?.picklistValues ?? []).filter((v) => v.active);
    if (active.length > MAX_PICKLIST_VALUES || (from.doc?.enum?.length ?? 0) > MAX_PICKLIST_VALUES) {
      // Org-specific enumerations (every component, field or object of the source org): not a standard value set.
      picklistSrc = 'X';
    } else if (active.length > 0) {
      field.picklistValues = active.map((v) => (v.defaultValue ? [v.value, v.label ?? v.value, 1] : v.label === null || v.label === v.value ? v.value : [v.value, v.label]));
      const initial = active.find((v) => v.defaultValue);
      if (initial && type === 'picklist') {
        field.defaultValue = initial.value;
        field.defaultedOnCreate = true;
      }
      picklistSrc = 'D';
    } else if (from.doc?.enum && from.doc.enum.length > 0) {
      field.picklistValues = [...from.doc.enum];
      picklistSrc = 'O';
    } else picklistSrc = 'T';
  }
  // References.
  let referenceSrc = '-';
  if (type === 'reference') {
    const docTargets = from.doc?.['x-objects'] ?? (from.doc?.['x-object'] !== undefined ? [from.doc['x-object']] : []);
    const jarTarget = from.jar?.target !== undefined && from.jar.target !== 'Name' ? [from.jar.target] : [];
    if (from.describe && from.describe.referenceTo.length > 0) {
      field.referenceTo = from.describe.referenceTo;
      referenceSrc = 'D';
    } else if (jarTarget.length > 0) {
      field.referenceTo = jarTarget;
      referenceSrc = 'J';
    } else if (docTargets.length > 0) {
      field.referenceTo = docTargets.filter((t) => FIELD_NAME.test(t));
      referenceSrc = 'O';
    } else referenceSrc = 'T';
    const relationship = from.describe?.relationshipName ?? from.jar?.relationshipName ?? (name.endsWith('Id') && name.length > 2 ? name.slice(0, -2) : undefined);
    if (relationship) field.relationshipName = relationship;
  }
  field.src = `${typeSrc}${labelSrc}${sizeSrc}${nillableSrc}${accessSrc}${picklistSrc}${referenceSrc}`;
  return field;
}

/** The merged catalogue object `name`, or undefined when it has no fields in any source. */
export function mergeObject(name: string, sources: Sources): CatalogObject | undefined {
  const jar = sources.jar.get(name);
  const describe = sources.describes.get(name);
  const doc = sources.docs.get(name);
  const jarFields = new Map((jar?.fields ?? []).map((f) => [f.name, f]));
  const describeFields = new Map((describe?.fields ?? []).map((f) => [f.name, f]));
  const docFields = new Map(Object.entries(doc?.properties ?? {}));
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (field: string): void => {
    if (seen.has(field.toLowerCase()) || field.includes('__') || !FIELD_NAME.test(field)) return;
    if (DROPPED_FIELDS.has(field) && !describeFields.has(field)) return;
    seen.add(field.toLowerCase());
    names.push(field);
  };
  for (const field of describeFields.keys()) add(field);
  for (const field of jarFields.keys()) add(field);
  // Documentation-only fields exist where the object exists in another source (feature-gated fields such as Case.EntitlementId).
  if (jar || describe) for (const [field, schema] of docFields) if (docType(schema, field) !== undefined) add(field);
  if (names.length === 0) return undefined;
  const idAt = names.findIndex((field) => field.toLowerCase() === 'id');
  if (idAt >= 0) names.splice(idAt, 1);
  names.unshift('Id');
  const documented = [...docFields.entries()].filter(([field]) => !AUDIT.has(field) && field !== 'Id' && !field.includes('__'));
  const readOnlyShare = documented.filter(([, schema]) => schema.readOnly === true).length / Math.max(1, documented.length);
  const trustReadOnly = doc?.createable === false || documented.length < 5 || readOnlyShare <= 0.8;
  const fields = names.map((field) => mergeField(name, field, { jar: jarFields.get(field), describe: describeFields.get(field), doc: docFields.get(field), trustReadOnly }));
  markCompoundFields(fields, describe);
  markNameField(name, fields);

  const label = describe?.label ?? doc?.label ?? labelFromName(name);
  const keyPrefix = doc?.keyPrefix ?? KEY_PREFIX_OVERRIDES[name] ?? null;
  const src = `${describe ? 'D' : doc?.label ? 'O' : 'T'}${PLURAL_OVERRIDES[name] ? 'H' : 'T'}${doc?.keyPrefix ? 'O' : KEY_PREFIX_OVERRIDES[name] ? 'H' : '-'}`;
  return {
    schemaVersion: CATALOG_SCHEMA_VERSION,
    name,
    label,
    labelPlural: PLURAL_OVERRIDES[name] ?? pluralOf(label),
    keyPrefix,
    ...(doc?.createable === false ? { createable: false } : {}),
    ...(doc?.updateable === false ? { updateable: false } : {}),
    ...(doc?.deletable === false ? { deletable: false } : {}),
    ...(doc?.queryable === false || describe?.name !== undefined && (describe as { queryable?: boolean }).queryable === false ? { queryable: false } : {}),
    fields,
    childRelationships: [],
    src,
  };
}

function markCompoundFields(fields: Mutable<CatalogField>[], describe: DescribeObject | undefined): void {
  const byName = new Map(fields.map((f) => [f.name, f]));
  for (const field of fields) {
    if (field.type === 'address' && field.name.endsWith('Address')) {
      const prefix = field.name.slice(0, -'Address'.length);
      for (const part of ADDRESS_PARTS) {
        const component = byName.get(`${prefix}${part}`);
        if (component) component.compoundFieldName = field.name;
      }
    }
  }
  const name = describe?.fields.find((f) => f.name === 'Name');
  if (name?.extraTypeInfo === 'personname' || name?.extraTypeInfo === 'switchablepersonname' && byName.has('FirstName') && byName.has('LastName')) {
    for (const part of PERSON_NAME_PARTS) {
      const component = byName.get(part);
      if (component) component.compoundFieldName = 'Name';
    }
  }
}

function markNameField(object: string, fields: Mutable<CatalogField>[]): void {
  const nameField = NAME_FIELDS[object] ?? 'Name';
  const field = fields.find((f) => f.name === nameField);
  if (field) field.nameField = true;
}

/** Child relationships of every object: from the describe, else the documentation, else the jar's typed arrays resolved to a unique lookup. */
export function childRelationships(objects: ReadonlyMap<string, CatalogObject>, sources: Sources): Map<string, CatalogChildRelationship[]> {
  const out = new Map<string, CatalogChildRelationship[]>();
  for (const [name, object] of objects) {
    const list: CatalogChildRelationship[] = [];
    const seen = new Set<string>();
    const push = (childSObject: string, field: string, relationshipName: string | null, cascadeDelete: boolean): void => {
      const child = objects.get(childSObject);
      if (!child?.fields.some((f) => f.name === field)) return;
      const key = `${childSObject}.${field}`;
      if (seen.has(key)) return;
      seen.add(key);
      list.push({ childSObject, field, relationshipName, ...(cascadeDelete ? { cascadeDelete: true as const } : {}) });
    };
    for (const r of sources.describes.get(name)?.childRelationships ?? []) push(r.childSObject, r.field, r.relationshipName, r.cascadeDelete);
    for (const r of sources.docs.get(name)?.childRelationships ?? []) push(r.childObject, r.field, r.relationshipName, r.cascadeDelete === true);
    for (const [childName, relationshipName] of sources.jar.get(name)?.children ?? []) {
      if (list.some((r) => r.relationshipName === relationshipName)) continue;
      const candidates = (objects.get(childName)?.fields ?? []).filter((f) => f.type === 'reference' && (f.referenceTo ?? []).includes(object.name));
      if (candidates.length === 1 && candidates[0]) push(childName, candidates[0].name, relationshipName, false);
    }
    out.set(name, list);
  }
  return out;
}
