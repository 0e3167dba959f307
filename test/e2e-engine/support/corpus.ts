/**
 * Real flow files of the shared corpus (`../shared/flows`, read-only test data) used by the
 * end-to-end tests. Their blocks are declared with `describeWithShared` (test/support/shared-folder.ts):
 * skipped, saying why, where the corpus is absent — failing under CI.
 */
import { SHARED_FLOWS, sharedPath } from '../../support/shared-folder.js';

/** The corpus folder (`../shared/flows` beside the repository). */
export const CORPUS = SHARED_FLOWS;

/** The path of a corpus flow, e.g. `corpusFlow('forcedotcom__code-analyzer-core/example.flow-meta.xml')`. */
export function corpusFlow(relativePath: string): string {
  return sharedPath('flows', relativePath);
}
