/**
 * Expands the paths given on the command line into flow files: folders are walked recursively
 * for `*.flow-meta.xml` and `*.flow` (skipping `node_modules` and dot-folders), files are taken
 * as given. Missing or unreadable paths are a {@link UsageError}.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from './command-context.js';

const FLOW_FILE = /\.flow(-meta\.xml)?$/i;

/** Whether a file name is a flow file (`*.flow-meta.xml` or `*.flow`). */
export function isFlowFileName(name: string): boolean {
  return FLOW_FILE.test(name);
}

async function walk(folder: string, into: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`cannot read folder ${folder}: ${error instanceof Error ? error.message : String(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(full, into);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && isFlowFileName(entry.name)) {
      into.push(full);
    }
  }
}

/** The flow files under `paths`, in order, without duplicates. */
export async function findFlowFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    let info;
    try {
      info = await stat(given);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : error instanceof Error ? error.message : String(error);
      throw new UsageError(`cannot read ${given}: ${reason}`);
    }
    if (info.isDirectory()) await walk(given, files);
    else files.push(given);
  }
  return [...new Set(files)];
}
