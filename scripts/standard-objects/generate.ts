/**
 * Generates Eddy's standard object catalogue (`src/runtime/org/catalog/data/`) from the three
 * machine-readable sources (docs/standard-objects.md says how to get them and re-run this):
 *
 *   npx tsx scripts/standard-objects/generate.ts \
 *     --jar /tmp/catalog-jar/package/dist/java-lib/sobject-types-65.0.0.jar \
 *     --sources ../shared/sobject-sources
 *
 * The output is deterministic (sorted, no timestamps), so re-running it on the same sources
 * changes nothing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CatalogIndex, CatalogObject } from '../../src/runtime/org/catalog/catalog-format.js';
import { CATALOG_SCHEMA_VERSION } from '../../src/runtime/org/catalog/catalog-format.js';
import { childRelationships, isExcludedObject, mergeObject } from './merge.js';
import { readDescribes, readDocs, readJar } from './sources.js';

const { values } = parseArgs({
  options: {
    jar: { type: 'string', default: '/tmp/catalog-jar/package/dist/java-lib/sobject-types-65.0.0.jar' },
    sources: { type: 'string', default: resolve(import.meta.dirname, '../../../shared/sobject-sources') },
    out: { type: 'string', default: resolve(import.meta.dirname, '../../src/runtime/org/catalog/data') },
  },
});
const jarPath = values.jar ?? '';
const sourcesPath = values.sources ?? '';
const outPath = values.out ?? '';

const jar = readJar(jarPath);
const describes = readDescribes(join(sourcesPath, 'soql-metadata-api61'));
const { version, objects: docs } = readDocs(join(sourcesPath, 'sf-doc-to-json'));
const sources = { jar, describes, docs };

const names = [...new Set([...jar.keys(), ...describes.keys()])].filter((name) => !isExcludedObject(name)).sort();
const objects = new Map<string, CatalogObject>();
for (const name of names) {
  const object = mergeObject(name, sources);
  if (object) objects.set(name, object);
}
const children = childRelationships(objects, sources);

rmSync(join(outPath, 'objects'), { recursive: true, force: true });
mkdirSync(join(outPath, 'objects'), { recursive: true });
let fieldCount = 0;
for (const object of objects.values()) {
  const full: CatalogObject = { ...object, childRelationships: children.get(object.name) ?? [] };
  fieldCount += full.fields.length;
  writeFileSync(join(outPath, 'objects', `${object.name}.json`), `${JSON.stringify(full)}\n`);
}
const index: CatalogIndex = {
  schemaVersion: CATALOG_SCHEMA_VERSION,
  apiVersion: version,
  objects: [...objects.values()].map(({ name, label, labelPlural, keyPrefix, createable, updateable, deletable, queryable }) => ({
    name,
    label,
    labelPlural,
    keyPrefix,
    ...(createable === false ? { createable } : {}),
    ...(updateable === false ? { updateable } : {}),
    ...(deletable === false ? { deletable } : {}),
    ...(queryable === false ? { queryable } : {}),
  })),
};
writeFileSync(join(outPath, 'index.json'), `${JSON.stringify(index, null, 0).replace(/\},\{/g, '},\n{')}\n`);
console.log(`${objects.size} objects, ${fieldCount} fields (jar ${jar.size} classes, describe ${describes.size}, documentation ${docs.size}) → ${outPath}`);
