/**
 * Salesforce's standard object catalogue (API 65), generated into `data/` by
 * `scripts/standard-objects/generate.ts`: the index (name, labels, key prefix) is read when this
 * module is first used, and each object's fields when that object is first described. The files
 * are part of the code, read-only and the same in every process, so they are read here like a
 * module rather than through a port (docs/architecture.md, "Decisions").
 */
import { readFileSync } from 'node:fs';
import type { CatalogIndex, CatalogIndexEntry, CatalogObject } from './catalog-format.js';
import { CATALOG_SCHEMA_VERSION } from './catalog-format.js';

/** The catalogue: a small index, and objects read on demand. */
export interface StandardCatalog {
  /** The API version the catalogue describes. */
  readonly apiVersion: string;
  /** Every object, without fields. */
  entries(): readonly CatalogIndexEntry[];
  /** The object named exactly `name` (as in its entry), read on first use; undefined for names not in the index. */
  load(name: string): CatalogObject | undefined;
}

const DATA = new URL('./data/', import.meta.url);

/** The catalogue read from `folder` (a `file:` URL ending in `/`); objects are cached once read. */
export function openStandardCatalog(folder: URL = DATA): StandardCatalog {
  const index = JSON.parse(readFileSync(new URL('index.json', folder), 'utf8')) as CatalogIndex;
  if (index.schemaVersion !== CATALOG_SCHEMA_VERSION) throw new Error(`Standard object catalogue has format ${index.schemaVersion}; this code reads ${CATALOG_SCHEMA_VERSION}.`);
  const names = new Set(index.objects.map((o) => o.name));
  const loaded = new Map<string, CatalogObject>();
  return {
    apiVersion: index.apiVersion,
    entries: () => index.objects,
    load(name) {
      if (!names.has(name)) return undefined;
      let object = loaded.get(name);
      if (object === undefined) {
        object = JSON.parse(readFileSync(new URL(`objects/${name}.json`, folder), 'utf8')) as CatalogObject;
        loaded.set(name, object);
      }
      return object;
    },
  };
}

let shared: StandardCatalog | undefined;

/** The catalogue shipped with Eddy, opened once per process. */
export function standardCatalog(): StandardCatalog {
  shared ??= openStandardCatalog();
  return shared;
}
