/** Real flow files of the shared corpus (`../shared/flows`, read-only test data) used by the end-to-end tests. */
import { fileURLToPath } from 'node:url';

/** The corpus folder (`/work/shared/flows` beside the repository). */
export const CORPUS = fileURLToPath(new URL('../../../../shared/flows/', import.meta.url));

/** The path of a corpus flow, e.g. `corpusFlow('forcedotcom__code-analyzer-core/example.flow-meta.xml')`. */
export function corpusFlow(relativePath: string): string {
  return `${CORPUS}${relativePath}`;
}
