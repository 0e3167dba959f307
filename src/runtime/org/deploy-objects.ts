/**
 * Deploys custom objects and fields from object metadata files, reporting per file: each file is
 * parsed on its own so that a malformed one is refused alone (nothing stored for it) while the
 * others are stored together, in one `SchemaStore.deployObjects` call.
 */
import type { DeployFile, ObjectFileDeployResult, ObjectsDeployResult } from '../flows/deploy-result.js';
import { classifyDeployFile, objectFileName } from '../flows/deploy-files.js';
import { isRequestError } from '../errors.js';
import { parseObjectMetadata, type ObjectMetadataBundle, type ObjectMetadataDiagnostic } from './object-metadata.js';
import type { SchemaStore } from '../ports/index.js';

interface ParsedFile {
  readonly file: DeployFile;
  readonly kind: 'object' | 'field';
  readonly name: string;
  readonly bundle: ObjectMetadataBundle;
}

function messages(diagnostics: readonly ObjectMetadataDiagnostic[], severities: readonly ObjectMetadataDiagnostic['severity'][]): string {
  return diagnostics
    .filter((d) => severities.includes(d.severity))
    .map((d) => d.message)
    .join('; ');
}

/** `{ files: [], ... }`: nothing deployed. */
export const NO_OBJECTS: ObjectsDeployResult = { files: [], createdObjects: [], updatedObjects: [], createdFields: [], updatedFields: [] };

/**
 * Deploys the object and field files among `files` (others are skipped). `refuseAll`, when
 * given, refuses every file with that reason (the actor may not change the schema).
 */
export async function deployObjectFiles(schema: SchemaStore, files: readonly DeployFile[], refuseAll?: string): Promise<ObjectsDeployResult> {
  const parsed: ParsedFile[] = files.flatMap((file): ParsedFile[] => {
    const kind = classifyDeployFile(file.path);
    if (kind !== 'object' && kind !== 'field') return [];
    return [{ file, kind, name: objectFileName(file.path), bundle: parseObjectMetadata([file]) }];
  });
  if (parsed.length === 0) return NO_OBJECTS;
  const results = new Map<ParsedFile, ObjectFileDeployResult>();
  const result = (item: ParsedFile, status: ObjectFileDeployResult['status'], reason?: string): ObjectFileDeployResult => ({
    path: item.file.path,
    kind: item.kind,
    name: item.kind === 'field' ? (fieldNameOf(item) ?? item.name) : item.name,
    status,
    ...(reason === undefined || reason === '' ? {} : { reason }),
    diagnostics: item.bundle.diagnostics,
  });

  const candidates: ParsedFile[] = [];
  for (const item of parsed) {
    const errors = messages(item.bundle.diagnostics, ['error']);
    const empty = item.bundle.objects.length === 0 && item.bundle.fields.length === 0;
    if (refuseAll !== undefined) results.set(item, result(item, 'refused', refuseAll));
    else if (errors !== '') results.set(item, result(item, 'refused', errors));
    else if (empty) results.set(item, result(item, 'ignored', messages(item.bundle.diagnostics, ['warning', 'info']) || 'nothing to deploy in this file'));
    else candidates.push(item);
  }

  // A field needs its object: in the org already, or in this deploy.
  const current = candidates.length > 0 ? await schema.load() : undefined;
  const deployedObjects = new Set(candidates.flatMap((item) => item.bundle.objects.map((o) => o.name.toLowerCase())));
  const accepted: ParsedFile[] = [];
  for (const item of candidates) {
    const missing = item.bundle.fields.map((f) => f.object).filter((object) => !deployedObjects.has(object.toLowerCase()) && current?.describe(object) === undefined);
    if (missing.length > 0) {
      results.set(item, result(item, 'refused', `object ${[...new Set(missing)].join(', ')} is neither in the org nor in this deploy`));
    } else {
      accepted.push(item);
    }
  }

  let deployed = { createdObjects: [] as readonly string[], updatedObjects: [] as readonly string[], createdFields: [] as readonly string[], updatedFields: [] as readonly string[] };
  if (accepted.length > 0) {
    const bundle: ObjectMetadataBundle = {
      objects: accepted.flatMap((item) => item.bundle.objects),
      fields: accepted.flatMap((item) => item.bundle.fields),
      diagnostics: accepted.flatMap((item) => item.bundle.diagnostics),
    };
    try {
      deployed = await schema.deployObjects(bundle);
      const created = new Set([...deployed.createdObjects, ...deployed.createdFields].map((name) => name.toLowerCase()));
      for (const item of accepted) {
        const names = item.kind === 'object' ? item.bundle.objects.map((o) => o.name) : item.bundle.fields.map((f) => `${f.object}.${f.field.name}`);
        const isNew = names.length > 0 && names.every((name) => created.has(name.toLowerCase()));
        results.set(item, result(item, isNew ? 'created' : 'updated'));
      }
    } catch (error) {
      if (!isRequestError(error)) throw error;
      for (const item of accepted) results.set(item, result(item, 'refused', error.message));
    }
  }
  return {
    files: parsed.map((item) => results.get(item) ?? result(item, 'refused', 'not deployed')),
    createdObjects: deployed.createdObjects,
    updatedObjects: deployed.updatedObjects,
    createdFields: deployed.createdFields,
    updatedFields: deployed.updatedFields,
  };
}

function fieldNameOf(item: ParsedFile): string | undefined {
  const field = item.bundle.fields[0];
  return field === undefined ? undefined : `${field.object}.${field.field.name}`;
}
