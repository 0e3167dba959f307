/**
 * Reads SFDX object metadata — `objects/X__c/X__c.object-meta.xml`,
 * `objects/<Object>/fields/<Field>.field-meta.xml`, and the older Metadata API `objects/X__c.object`
 * with inline `<fields>` — into custom object and field describes. Pure: files in, definitions
 * and diagnostics out; storage keeps the result (`SchemaStore.deployObjects`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkXmlText } from '../../flow-model/index.js';
import { F, labelFor } from './field-builders.js';
import type { FieldOptions } from './field-builders.js';
import type { CustomFieldDefinition, CustomObjectDefinition, FieldDescribe } from './org-schema.js';

/** A metadata file: its path (only the `objects/...` tail matters) and its text. */
export interface MetadataFile {
  readonly path: string;
  readonly content: string;
}

/** A problem found in a metadata file. */
export interface ObjectMetadataDiagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: 'MALFORMED_XML' | 'UNEXPECTED_ROOT' | 'UNSUPPORTED_OBJECT' | 'UNSUPPORTED_FIELD_TYPE' | 'INVALID_FIELD' | 'IGNORED_FILE';
  readonly path: string;
  readonly message: string;
}

/** Parsed object metadata, ready to deploy. */
export interface ObjectMetadataBundle {
  readonly objects: readonly CustomObjectDefinition[];
  readonly fields: readonly CustomFieldDefinition[];
  readonly diagnostics: readonly ObjectMetadataDiagnostic[];
}

type XmlValue = string | XmlObject | XmlValue[];
interface XmlObject {
  [tag: string]: XmlValue;
}

const REPEATED = new Set(['fields', 'value', 'picklistValues', 'referenceTo', 'valueTranslation']);
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (tag: string) => REPEATED.has(tag),
});

const OBJECT_FILE = /(?:^|\/)objects\/([^/]+)\/([^/]+)\.object-meta\.xml$/;
const FIELD_FILE = /(?:^|\/)objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/;
const MDAPI_OBJECT_FILE = /(?:^|\/)objects\/([^/]+)\.object$/;

function text(node: XmlObject | undefined, tag: string): string | undefined {
  const value = node?.[tag];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function child(node: XmlObject | undefined, tag: string): XmlObject | undefined {
  const value = node?.[tag];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

function children(node: XmlObject | undefined, tag: string): XmlObject[] {
  const value = node?.[tag];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is XmlObject => typeof v === 'object' && v !== null && !Array.isArray(v));
}

function strings(node: XmlObject | undefined, tag: string): string[] {
  const value = node?.[tag];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && v !== '');
}

function bool(node: XmlObject | undefined, tag: string): boolean {
  return text(node, tag)?.toLowerCase() === 'true';
}

function int(node: XmlObject | undefined, tag: string, fallback: number): number {
  const value = Number(text(node, tag));
  return Number.isInteger(value) ? value : fallback;
}

/** The root element of `xml`, or a diagnostic message. */
function readRoot(xml: string, expected: string): { root: XmlObject } | { error: string } {
  const problem = checkXmlText(xml);
  if (problem !== undefined) return { error: `${problem.message}${problem.line === undefined ? '' : ` (line ${problem.line})`}` };
  const source = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const valid = XMLValidator.validate(source);
  if (valid !== true) return { error: `${valid.err.msg} (line ${valid.err.line})` };
  const document = parser.parse(source) as XmlObject;
  const root = child(document, expected);
  if (!root) {
    const tag = Object.keys(document).find((k) => !k.startsWith('?') && k !== '#text');
    if (tag === expected) return { root: {} };
    return { error: `expected <${expected}>, found <${tag ?? 'nothing'}>` };
  }
  return { root };
}

/** A literal default value from a default-value formula (`"text"`, `42`, `true`), or undefined for real formulas. */
function literalDefault(formula: string | undefined, type: FieldDescribe['type']): string | number | boolean | undefined {
  if (formula === undefined) return undefined;
  const trimmed = formula.trim();
  if (type === 'boolean') return trimmed.toLowerCase() === 'true';
  const quoted = /^"((?:[^"\\]|\\.)*)"$|^'((?:[^'\\]|\\.)*)'$/.exec(trimmed);
  if (quoted) return (quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1');
  if (/^-?\d+(\.\d+)?$/.test(trimmed) && ['double', 'currency', 'percent', 'int'].includes(type)) return Number(trimmed);
  return undefined;
}

function picklistValuesOf(node: XmlObject): { values: string[]; defaultValue: string | undefined; restricted: boolean } {
  const valueSet = child(node, 'valueSet');
  const definition = child(valueSet, 'valueSetDefinition');
  const entries = definition ? children(definition, 'value') : children(child(node, 'picklist'), 'picklistValues');
  const values = entries.map((v) => text(v, 'fullName')).filter((v): v is string => v !== undefined).map((v) => decodeURIComponentSafe(v));
  const defaultValue = entries.find((v) => bool(v, 'default'));
  const restricted = bool(valueSet, 'restricted') || bool(child(node, 'picklist'), 'restrictedPicklist');
  return { values, defaultValue: defaultValue ? decodeURIComponentSafe(text(defaultValue, 'fullName') ?? '') : undefined, restricted: restricted && values.length > 0 };
}

/** Picklist API names in metadata are URL-encoded (`Closed%2FWon`). */
function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** One `<CustomField>` as a describe, or a message for unsupported types. */
function fieldFromXml(node: XmlObject, name: string): FieldDescribe | string {
  const type = text(node, 'type');
  const options: FieldOptions = {
    label: text(node, 'label') ?? labelFor(name),
    required: bool(node, 'required'),
    unique: bool(node, 'unique'),
    externalId: bool(node, 'externalId'),
    custom: name.endsWith('__c'),
  };
  const length = int(node, 'length', 255);
  const precision = int(node, 'precision', 18);
  const scale = int(node, 'scale', 0);
  const formula = text(node, 'formula');
  const build = (): FieldDescribe | string => {
    switch (type ?? '') {
      case 'Text':
        return F.text(name, length, options);
      case 'TextArea':
        return F.textarea(name, 255, options);
      case 'LongTextArea':
      case 'Html':
        return F.textarea(name, length, options);
      case 'EncryptedText':
        return { ...F.text(name, length, options), type: 'encryptedstring' };
      case 'Email':
        return F.email(name, options);
      case 'Phone':
        return F.phone(name, options);
      case 'Url':
        return F.url(name, options);
      case 'Number':
        return F.number(name, precision, scale, options);
      case 'Currency':
        return F.currency(name, precision, scale, options);
      case 'Percent':
        return F.percent(name, precision, scale, options);
      case 'Checkbox':
        return F.checkbox(name, { ...options, required: false });
      case 'Date':
        return F.date(name, options);
      case 'DateTime':
        return F.datetime(name, options);
      case 'Time':
        return F.time(name, options);
      case 'Picklist':
      case 'MultiselectPicklist': {
        const { values, defaultValue, restricted } = picklistValuesOf(node);
        const picklistOptions = { ...options, restricted, ...(defaultValue !== undefined ? { default: defaultValue } : {}) };
        return type === 'Picklist' ? F.picklist(name, values, picklistOptions) : F.multipicklist(name, values, picklistOptions);
      }
      case 'Lookup':
      case 'MasterDetail':
      case 'Hierarchy': {
        const targets = type === 'Hierarchy' ? ['User'] : strings(node, 'referenceTo');
        if (targets.length === 0) return `${type} field ${name} has no <referenceTo>`;
        const relationship = text(node, 'relationshipName');
        const relationshipName = relationship ? `${relationship}__r` : name.endsWith('__c') ? `${name.slice(0, -3)}__r` : null;
        return F.reference(name, targets, relationshipName, { ...options, required: type === 'MasterDetail' || options.required === true });
      }
      case 'AutoNumber':
        return { ...F.text(name, 30, { ...options, autoNumber: true, required: true, defaultedOnCreate: true }), displayFormat: text(node, 'displayFormat') ?? '{0}' };
      case 'Summary':
        return F.number(name, 18, 2, { ...options, calculated: true });
      default:
        return `field ${name} has type ${type ?? '(none)'}, which Eddy does not support`;
    }
  };
  const field = build();
  if (typeof field === 'string') return field;
  const withDefault = (() => {
    const value = literalDefault(text(node, 'defaultValue'), field.type);
    return value === undefined ? field : { ...field, defaultValue: value, defaultedOnCreate: true };
  })();
  return formula !== undefined ? { ...withDefault, calculated: true, createable: false, updateable: false, nillable: true, defaultedOnCreate: false } : withDefault;
}

function objectFromXml(node: XmlObject, name: string): CustomObjectDefinition {
  const label = text(node, 'label') ?? labelFor(name);
  const nameNode = child(node, 'nameField');
  const nameLabel = text(nameNode, 'label') ?? `${label} Name`;
  const nameField: FieldDescribe =
    text(nameNode, 'type') === 'AutoNumber'
      ? { ...F.text('Name', 80, { label: nameLabel, autoNumber: true, nameField: true, required: true, defaultedOnCreate: true }), displayFormat: text(nameNode, 'displayFormat') ?? '{0}' }
      : F.text('Name', 80, { label: nameLabel, nameField: true });
  return {
    name,
    label,
    labelPlural: text(node, 'pluralLabel') ?? `${label}s`,
    description: text(node, 'description') ?? null,
    nameField,
    sharingModel: text(node, 'sharingModel') ?? 'ReadWrite',
  };
}

/** Parses object and field metadata files; other files are reported as ignored. */
export function parseObjectMetadata(files: readonly MetadataFile[]): ObjectMetadataBundle {
  const objects = new Map<string, CustomObjectDefinition>();
  const fields = new Map<string, CustomFieldDefinition>();
  const diagnostics: ObjectMetadataDiagnostic[] = [];
  const report = (severity: ObjectMetadataDiagnostic['severity'], code: ObjectMetadataDiagnostic['code'], path: string, message: string): void => {
    diagnostics.push({ severity, code, path, message });
  };
  const addField = (path: string, objectName: string, node: XmlObject, fallbackName: string): void => {
    const name = text(node, 'fullName') ?? fallbackName;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return report('error', 'INVALID_FIELD', path, `invalid field name "${name}"`);
    if (!name.endsWith('__c')) return report('info', 'IGNORED_FILE', path, `standard field ${objectName}.${name} is not changed by deploys`);
    const field = fieldFromXml(node, name);
    if (typeof field === 'string') return report('warning', 'UNSUPPORTED_FIELD_TYPE', path, field);
    fields.set(`${objectName}.${name}`.toLowerCase(), { object: objectName, field });
  };
  const addObject = (path: string, name: string, node: XmlObject): void => {
    if (name.endsWith('__c')) objects.set(name.toLowerCase(), objectFromXml(node, name));
    else if (/__[a-z]+$/.test(name)) report('info', 'UNSUPPORTED_OBJECT', path, `${name} is not a custom object (__c); skipped`);
    for (const inline of children(node, 'fields')) addField(path, name, inline, '');
  };
  for (const file of files) {
    const path = file.path.replace(/\\/g, '/');
    const objectMatch = OBJECT_FILE.exec(path) ?? MDAPI_OBJECT_FILE.exec(path);
    const fieldMatch = FIELD_FILE.exec(path);
    if (fieldMatch) {
      const [, objectName = '', fieldName = ''] = fieldMatch;
      const read = readRoot(file.content, 'CustomField');
      if ('error' in read) report('error', 'MALFORMED_XML', path, read.error);
      else addField(path, objectName, read.root, fieldName);
    } else if (objectMatch) {
      const objectName = objectMatch[1] ?? '';
      const read = readRoot(file.content, 'CustomObject');
      if ('error' in read) report('error', 'MALFORMED_XML', path, read.error);
      else addObject(path, objectName, read.root);
    } else {
      report('info', 'IGNORED_FILE', path, 'not object or field metadata');
    }
  }
  return { objects: [...objects.values()], fields: [...fields.values()], diagnostics };
}
