/**
 * The SFDX project file that defines a custom object or field, for messages that say exactly
 * what is missing (`objects/Foo__c/fields/Bar__c.field-meta.xml`).
 */

/** Suffixes of custom things a project defines in `objects/` (custom objects, metadata types, platform events, big and external objects, knowledge article types). */
const CUSTOM_SUFFIX = /__(c|mdt|e|b|x|kav)$/i;

/**
 * The project file that would define `object` (or its `field`), or undefined when it is a
 * standard one (no project file defines it).
 */
export function missingMetadataFile(object: string, field?: string): string | undefined {
  if (field === undefined) return CUSTOM_SUFFIX.test(object) ? `objects/${object}/${object}.object-meta.xml` : undefined;
  return CUSTOM_SUFFIX.test(field) ? `objects/${object}/fields/${field}.field-meta.xml` : undefined;
}
