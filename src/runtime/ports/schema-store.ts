/** The org schema store: custom objects and fields deployed from metadata. */
import type { ObjectMetadataBundle } from '../org/object-metadata.js';
import type { CustomFieldDefinition, OrgSchema, StoredCustomObject } from '../org/org-schema.js';

/** What deploying object metadata changed. */
export interface DeployObjectsResult {
  readonly createdObjects: readonly string[];
  readonly updatedObjects: readonly string[];
  /** `Object.Field` names. */
  readonly createdFields: readonly string[];
  readonly updatedFields: readonly string[];
}

/** Custom objects and fields deployed from metadata, and the org describe built from them. */
export interface SchemaStore {
  /** The current describe (cached until the next deploy, also across processes). */
  load(): Promise<OrgSchema>;
  /**
   * Stores the parsed objects and fields (new custom objects get the next key prefix, `a00`...).
   * A field on an object that is neither known nor in the bundle fails the deploy (`INVALID_TYPE`).
   */
  deployObjects(bundle: ObjectMetadataBundle): Promise<DeployObjectsResult>;
  customObjects(): Promise<StoredCustomObject[]>;
  customFields(): Promise<CustomFieldDefinition[]>;
}
