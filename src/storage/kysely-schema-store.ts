/**
 * Deployed custom objects and fields (`custom_objects`, `custom_fields`), so the describe
 * survives restarts, and the org describe built from them. The describe is cached per database
 * and rebuilt when the org's `schema_revision` changes (every deploy changes it), which also
 * makes other processes notice a deploy.
 */
import { randomUUID } from 'node:crypto';
import { buildOrgSchema, customObjectPrefix, InvalidTypeError } from '../runtime/index.js';
import type { CustomFieldDefinition, CustomObjectDefinition, DeployObjectsResult, FieldDescribe, ObjectMetadataBundle, OrgSchema, SchemaStore, StoredCustomObject } from '../runtime/index.js';
import { parseJson } from './sql-helpers.js';
import type { StoreContext } from './store-context.js';

/** The describe of standard and system objects alone (no deployed metadata). */
export const BASE_SCHEMA: OrgSchema = buildOrgSchema();

/** {@link SchemaStore} on Kysely. */
export class KyselySchemaStore implements SchemaStore {
  readonly #ctx: StoreContext;

  constructor(ctx: StoreContext) {
    this.#ctx = ctx;
  }

  async load(): Promise<OrgSchema> {
    const cache = this.#ctx.schemaCache;
    const org = await this.#ctx.db.selectFrom('organization').select('schema_revision').executeTakeFirstOrThrow();
    if (cache.schema && cache.revision === org.schema_revision) return cache.schema;
    const schema = buildOrgSchema(await this.customObjects(), await this.customFields());
    cache.schema = schema;
    cache.revision = org.schema_revision;
    return schema;
  }

  async customObjects(): Promise<StoredCustomObject[]> {
    const rows = await this.#ctx.db.selectFrom('custom_objects').selectAll().orderBy('key_prefix').execute();
    return rows.map((row) => ({ ...parseJson<CustomObjectDefinition>(row.definition), keyPrefix: row.key_prefix }));
  }

  async customFields(): Promise<CustomFieldDefinition[]> {
    const rows = await this.#ctx.db.selectFrom('custom_fields').selectAll().orderBy('field_key').execute();
    return rows.map((row) => ({ object: row.object_name, field: parseJson<FieldDescribe>(row.definition) }));
  }

  async deployObjects(bundle: ObjectMetadataBundle): Promise<DeployObjectsResult> {
    const now = this.#ctx.now();
    return this.#ctx.atomic(async (db) => {
      const existingObjects = await db.selectFrom('custom_objects').select(['name', 'name_key', 'key_prefix']).execute();
      const known = new Map(existingObjects.map((o) => [o.name_key, o.name]));
      const usedPrefixes = new Set(existingObjects.map((o) => o.key_prefix));
      let nextIndex = 0;
      const allocatePrefix = (): string => {
        for (;;) {
          const prefix = customObjectPrefix(nextIndex++);
          if (!usedPrefixes.has(prefix)) {
            usedPrefixes.add(prefix);
            return prefix;
          }
        }
      };
      const createdObjects: string[] = [];
      const updatedObjects: string[] = [];
      for (const object of bundle.objects) {
        const key = object.name.toLowerCase();
        const definition = JSON.stringify(object);
        if (known.has(key)) {
          known.set(key, object.name);
          await db.updateTable('custom_objects').set({ name: object.name, definition, last_modified_date: now }).where('name_key', '=', key).execute();
          updatedObjects.push(object.name);
        } else {
          const prefix = allocatePrefix();
          await db.insertInto('custom_objects').values({ name: object.name, name_key: key, key_prefix: prefix, definition, created_date: now, last_modified_date: now }).execute();
          known.set(key, object.name);
          createdObjects.push(object.name);
        }
      }
      const unknownObjects = bundle.fields
        .map((f) => f.object)
        .filter((name) => !BASE_SCHEMA.describe(name) && !known.has(name.toLowerCase()));
      if (unknownObjects.length > 0) {
        throw new InvalidTypeError(`Custom fields on unknown objects: ${[...new Set(unknownObjects)].join(', ')} (deploy the object metadata with them).`);
      }
      const existingFields = new Set((await db.selectFrom('custom_fields').select('field_key').execute()).map((f) => f.field_key));
      const createdFields: string[] = [];
      const updatedFields: string[] = [];
      for (const { object, field } of bundle.fields) {
        const canonicalObject = BASE_SCHEMA.describe(object)?.name ?? known.get(object.toLowerCase()) ?? object;
        const key = `${canonicalObject}.${field.name}`.toLowerCase();
        const definition = JSON.stringify(field);
        const label = `${canonicalObject}.${field.name}`;
        if (existingFields.has(key)) {
          await db.updateTable('custom_fields').set({ object_name: canonicalObject, field_name: field.name, definition, last_modified_date: now }).where('field_key', '=', key).execute();
          updatedFields.push(label);
        } else {
          await db.insertInto('custom_fields').values({ object_name: canonicalObject, field_name: field.name, field_key: key, definition, created_date: now, last_modified_date: now }).execute();
          existingFields.add(key);
          createdFields.push(label);
        }
      }
      await db.updateTable('organization').set({ schema_revision: randomUUID() }).execute();
      return { createdObjects, updatedObjects, createdFields, updatedFields };
    });
  }
}
