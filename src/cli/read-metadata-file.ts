/**
 * Reads a metadata file for `deploy` and `validate`: its size is checked before it is read (a
 * 50 MB "flow" is refused without loading it), and its bytes are decoded as strict UTF-8 — invalid
 * bytes are a problem with their line, never silently replaced by U+FFFD.
 */
import { readFile, stat } from 'node:fs/promises';
import { decodeUtf8, MAX_METADATA_FILE_BYTES, type XmlTextProblem } from '../flow-model/index.js';
import { UsageError } from './command-context.js';

/** A file's text, or why it cannot be metadata. */
export type MetadataFileText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: XmlTextProblem };

/** The text of the metadata file at `path`; a file that cannot be read at all is a {@link UsageError}. */
export async function readMetadataFile(path: string): Promise<MetadataFileText> {
  try {
    const { size } = await stat(path);
    if (size > MAX_METADATA_FILE_BYTES) {
      return { ok: false, problem: { message: `The file is ${(size / (1024 * 1024)).toFixed(1)} MiB; metadata files are limited to ${MAX_METADATA_FILE_BYTES / (1024 * 1024)} MiB.`, line: undefined } };
    }
    const decoded = decodeUtf8(await readFile(path));
    return decoded.ok ? { ok: true, text: decoded.text } : decoded;
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `path`, with the problem's line when it has one: `flows/X.flow-meta.xml:12`. */
export function whereIn(path: string, problem: XmlTextProblem): string {
  return problem.line === undefined ? path : `${path}:${problem.line}`;
}
