/**
 * Sorts the files of a deploy by what they are, from their paths as an SFDX project lays them out
 * (`force-app/main/default/flows/X.flow-meta.xml`, `.../objects/X__c/X__c.object-meta.xml`,
 * `.../objects/X__c/fields/Y__c.field-meta.xml`, at any depth) or as the older Metadata API
 * format does (`flows/X.flow`, `objects/X__c.object`).
 */
import type { DeployFile } from './deploy-result.js';

/** What a deploy file is. */
export type DeployFileKind = 'flow' | 'object' | 'field' | 'other';

const FLOW_FILE = /\.flow(?:-meta\.xml)?$/i;
const OBJECT_FILE = /(?:^|\/)objects\/([^/]+)\/([^/]+)\.object-meta\.xml$/;
const MDAPI_OBJECT_FILE = /(?:^|\/)objects\/([^/]+)\.object$/;
const FIELD_FILE = /(?:^|\/)objects\/([^/]+)\/fields\/([^/]+)\.field-meta\.xml$/;

function normalisedPath(path: string): string {
  return path.replace(/\\/g, '/');
}

/** What the file at `path` is. */
export function classifyDeployFile(path: string): DeployFileKind {
  const normalised = normalisedPath(path);
  if (FIELD_FILE.test(normalised)) return 'field';
  if (OBJECT_FILE.test(normalised) || MDAPI_OBJECT_FILE.test(normalised)) return 'object';
  if (FLOW_FILE.test(normalised)) return 'flow';
  return 'other';
}

/** The object (and field) an object or field file is about, from its path: `Animal__c`, `Animal__c.Breed__c`. */
export function objectFileName(path: string): string {
  const normalised = normalisedPath(path);
  const field = FIELD_FILE.exec(normalised);
  if (field) return `${field[1] ?? ''}.${field[2] ?? ''}`;
  const object = OBJECT_FILE.exec(normalised) ?? MDAPI_OBJECT_FILE.exec(normalised);
  return object?.[1] ?? normalised;
}

/**
 * The flow API name from a flow file's path: its base name without `.flow-meta.xml` or `.flow`;
 * a version suffix is dropped (`Survey-3.flow` is version 3 of `Survey`: API names cannot
 * contain `-`).
 */
export function flowApiNameFromPath(path: string): string {
  const base = normalisedPath(path).split('/').pop() ?? path;
  return base.replace(/\.flow-meta\.xml$/i, '').replace(/\.flow$/i, '').replace(/-\d+$/, '');
}

/** Whether `name` can be a flow API name: a letter first, then letters, digits and single underscores, not ending in one. */
export function isValidFlowApiName(name: string): boolean {
  return /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(name) && !name.endsWith('_') && name.length <= 80;
}

/** The files grouped by kind, each group in the given order. */
export function groupDeployFiles(files: readonly DeployFile[]): Record<DeployFileKind, DeployFile[]> {
  const groups: Record<DeployFileKind, DeployFile[]> = { flow: [], object: [], field: [], other: [] };
  for (const file of files) groups[classifyDeployFile(file.path)].push(file);
  return groups;
}
