/**
 * Readers of the three machine-readable sources of Salesforce's standard objects, each turned
 * into plain per-object data the merge can overlay: the sobject-types jar (API 65, every object
 * and field), the API 61 describe of a Developer Edition org, and the API 65 documentation
 * (sf-doc-to-json). See docs/standard-objects.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readClassFile } from './class-file.js';
import { readJarEntries } from './jar-file.js';

const PACKAGE = 'com/nawforce/runforce/';

/** A field of the jar: its Apex type, and for lookups the target and relationship name. */
export interface JarField {
  readonly name: string;
  /** `Id`, `String`, `Boolean`, `Datetime`, `Date`, `Time`, `Decimal`, `Integer`, `Long`, `Blob`, `Address`, `Location`, `Object`, `String[]`. */
  readonly apexType: string;
  /** Lookup target (`Name` for polymorphic lookups), when an `XId` field has its `X` relationship. */
  readonly target?: string;
  readonly relationshipName?: string;
}

/** An object of the jar. */
export interface JarObject {
  readonly name: string;
  readonly fields: readonly JarField[];
  /** `[child object, relationship name]` from the typed arrays (`Case.CaseComments: CaseComment[]`). */
  readonly children: readonly (readonly [string, string])[];
}

/** Every SObject class of the sobject-types jar. */
export function readJar(path: string): Map<string, JarObject> {
  const entries = readJarEntries(path, (name) => name.startsWith(`${PACKAGE}SObjects/`) && name.endsWith('.class') && !name.includes('$'));
  const objects = new Map<string, JarObject>();
  for (const bytes of entries.values()) {
    const info = readClassFile(bytes);
    const name = info.name.slice(`${PACKAGE}SObjects/`.length);
    const members = info.fields.filter((f) => !f.isStatic);
    const sobjectOf = (descriptor: string): string | undefined => {
      const match = /^L(?:com\/nawforce\/runforce\/SObjects\/(\w+)|com\/nawforce\/runforce\/System\/(SObject));$/.exec(descriptor);
      return match?.[1] ?? match?.[2];
    };
    const byName = new Map(members.map((f) => [f.name, f]));
    const fields: JarField[] = [];
    const children: [string, string][] = [];
    const relationships = new Set<string>();
    for (const member of members) {
      if (member.descriptor.startsWith('[Lcom/nawforce/runforce/SObjects/')) {
        children.push([member.descriptor.slice('[Lcom/nawforce/runforce/SObjects/'.length, -1), member.name]);
        continue;
      }
      const target = sobjectOf(member.descriptor);
      if (target !== undefined && target !== 'Address' && target !== 'Location') {
        relationships.add(member.name);
        continue;
      }
      const system = /^\[?L(?:com\/nawforce\/runforce\/(?:System|SObjects)|java\/lang)\/(\w+);$/.exec(member.descriptor);
      const apexType = `${system?.[1] ?? 'Object'}${member.descriptor.startsWith('[') ? '[]' : ''}`;
      if (apexType === 'Id' && member.name !== 'Id') {
        const relationshipName = member.name.endsWith('Id') ? member.name.slice(0, -2) : undefined;
        const relationship = relationshipName === undefined ? undefined : byName.get(relationshipName);
        const relatedTo = relationship === undefined ? undefined : sobjectOf(relationship.descriptor);
        fields.push(relatedTo === undefined ? { name: member.name, apexType } : { name: member.name, apexType, target: relatedTo === 'SObject' ? 'Name' : relatedTo, relationshipName: relationship?.name ?? '' });
      } else {
        fields.push({ name: member.name, apexType });
      }
    }
    objects.set(name, { name, fields, children });
  }
  return objects;
}

/** A field of the API 61 describe, as Salesforce returns it. */
export interface DescribeField {
  readonly name: string;
  readonly label: string;
  readonly type: string;
  readonly nillable: boolean;
  readonly defaultValue: string | number | boolean | null;
  readonly picklistValues: readonly { readonly value: string; readonly label: string | null; readonly active: boolean; readonly defaultValue: boolean }[];
  readonly referenceTo: readonly string[];
  readonly relationshipName: string | null;
  readonly extraTypeInfo: string | null;
}

/** An object of the API 61 describe. */
export interface DescribeObject {
  readonly name: string;
  readonly label: string;
  readonly fields: readonly DescribeField[];
  readonly childRelationships: readonly { readonly childSObject: string; readonly field: string; readonly relationshipName: string | null; readonly cascadeDelete: boolean }[];
}

/** Every object file of `soql-metadata-api61/`. */
export function readDescribes(folder: string): Map<string, DescribeObject> {
  const out = new Map<string, DescribeObject>();
  for (const file of readdirSync(folder)) {
    if (!file.endsWith('.json')) continue;
    const object = JSON.parse(readFileSync(join(folder, file), 'utf8')) as DescribeObject;
    out.set(object.name, object);
  }
  return out;
}

/** A property of the documentation source (an OpenAPI-like schema of the field). */
export interface DocField {
  readonly type?: string;
  readonly format?: string;
  readonly nullable?: boolean;
  readonly readOnly?: boolean;
  readonly maxLength?: number;
  readonly multipleOf?: number;
  readonly enum?: readonly string[];
  readonly 'x-object'?: string;
  readonly 'x-objects'?: readonly string[];
}

/** An object of the documentation source. */
export interface DocObject {
  readonly name: string;
  readonly label?: string;
  readonly keyPrefix?: string;
  readonly createable?: boolean;
  readonly updateable?: boolean;
  readonly deletable?: boolean;
  readonly queryable?: boolean;
  readonly properties: Readonly<Record<string, DocField>>;
  readonly childRelationships?: readonly { readonly childObject: string; readonly field: string; readonly relationshipName: string | null; readonly cascadeDelete?: boolean }[];
}

interface DocIndex {
  readonly version: string;
  readonly objects: Readonly<Record<string, { readonly file: string; readonly keyPrefix?: string; readonly label?: string }>>;
}

/** Every object of `sf-doc-to-json/` (index entries add key prefixes and labels). */
export function readDocs(folder: string): { version: string; objects: Map<string, DocObject> } {
  const index = JSON.parse(readFileSync(join(folder, 'index.json'), 'utf8')) as DocIndex;
  const out = new Map<string, DocObject>();
  for (const [name, entry] of Object.entries(index.objects)) {
    const path = join(folder, entry.file);
    const file = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, DocObject>) : {};
    const object = file[name] ?? { name, properties: {} };
    out.set(name, {
      ...object,
      ...(object.label === undefined && entry.label !== undefined ? { label: entry.label } : {}),
      ...(object.keyPrefix === undefined && entry.keyPrefix !== undefined ? { keyPrefix: entry.keyPrefix } : {}),
    });
  }
  return { version: index.version, objects: out };
}
