/**
 * The flow corpus (`../shared/flows`): one folder per source repository, a `MANIFEST.tsv` with
 * each file's process type, trigger type, API version and status. Files named `Name-3.flow-meta.xml`
 * (alexed1__maestro) are version 3 of flow `Name`, as the Metadata API once retrieved versions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** One flow file of the corpus. */
export interface CorpusFlow {
  /** Path under the corpus folder (`owner__repo/Name.flow-meta.xml`), the report's key. */
  readonly path: string;
  /** The repository folder (`owner__repo`). */
  readonly repository: string;
  /** The flow's API name (the file name without its extension and version suffix). */
  readonly apiName: string;
  /** The version number from a `-N` suffix, when the file has one. */
  readonly versionSuffix: number | undefined;
  /** MANIFEST.tsv's columns for this file (empty when the manifest has no line for it). */
  readonly manifest: { readonly pathInRepo?: string; readonly processType?: string; readonly apiVersion?: string; readonly triggerType?: string; readonly status?: string };
}

const FLOW_FILE = /^(.*?)(?:-(\d+))?\.(?:flow-meta\.xml|flow)$/;

/** Reads MANIFEST.tsv into a map by `local_path`. */
function readManifest(folder: string): Map<string, CorpusFlow['manifest']> {
  const manifest = new Map<string, CorpusFlow['manifest']>();
  let text: string;
  try {
    text = readFileSync(join(folder, 'MANIFEST.tsv'), 'utf8');
  } catch {
    return manifest;
  }
  const [header, ...lines] = text.split('\n');
  const columns = (header ?? '').split('\t');
  const at = (name: string): number => columns.indexOf(name);
  for (const line of lines) {
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    const cell = (name: string): string | undefined => {
      const value = cells[at(name)];
      return value === undefined || value === '' ? undefined : value;
    };
    const localPath = cell('local_path');
    if (localPath === undefined) continue;
    manifest.set(localPath, {
      ...(cell('path_in_repo') === undefined ? {} : { pathInRepo: cell('path_in_repo') }),
      ...(cell('processType') === undefined ? {} : { processType: cell('processType') }),
      ...(cell('apiVersion') === undefined ? {} : { apiVersion: cell('apiVersion') }),
      ...(cell('triggerType') === undefined ? {} : { triggerType: cell('triggerType') }),
      ...(cell('status') === undefined ? {} : { status: cell('status') }),
    });
  }
  return manifest;
}

/** Every flow file of the corpus folder, sorted by path; `only` keeps the paths it matches. */
export function listCorpus(folder: string, only?: (path: string) => boolean): CorpusFlow[] {
  const manifest = readManifest(folder);
  const flows: CorpusFlow[] = [];
  for (const repository of readdirSync(folder).sort()) {
    const repositoryFolder = join(folder, repository);
    if (!statSync(repositoryFolder).isDirectory()) continue;
    for (const name of readdirSync(repositoryFolder).sort()) {
      const match = FLOW_FILE.exec(name);
      if (match === null) continue;
      const path = `${repository}/${name}`;
      if (only !== undefined && !only(path)) continue;
      const entry = manifest.get(path) ?? {};
      // The corpus flattened sub-folders into the file name (`Folder__Name.flow-meta.xml`): the
      // flow's name is the file name in its repository.
      const original = entry.pathInRepo === undefined ? undefined : FLOW_FILE.exec(entry.pathInRepo.split('/').pop() ?? '');
      flows.push({
        path,
        repository,
        apiName: original?.[1] ?? match[1] ?? name,
        versionSuffix: match[2] === undefined ? undefined : Number(match[2]),
        manifest: entry,
      });
    }
  }
  return flows;
}
