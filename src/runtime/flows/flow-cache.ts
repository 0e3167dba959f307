/**
 * Compiled flow versions, parsed, validated and compiled once per version and kept in a bounded
 * LRU cache. A flow version's source never changes after deploy (a redeploy makes a new version),
 * so entries need no invalidation except to free memory or after a version is deleted.
 *
 * Loads can run inside a transaction: pass the transaction's session, since the outer storage
 * may not be used while a transaction is open (on SQLite it would wait for itself).
 */
import { type CompiledFlow, compileFlow } from '../../engine/index.js';
import { parseFlowXml, validateFlow } from '../../flow-model/index.js';
import type { Diagnostic } from '../../flow-model/index.js';
import { InvalidOperationError, NotFoundError } from '../errors.js';
import { parseId } from '../org/ids.js';
import type { FlowDefinitionRecord, Storage, StorageSession } from '../ports/index.js';

/** Versions kept compiled when no size is given. */
export const DEFAULT_FLOW_CACHE_SIZE = 256;

/** A compiled flow version with the records it came from. */
export interface LoadedFlowVersion {
  readonly flow: CompiledFlow;
  readonly versionId: string;
  readonly definitionId: string;
  readonly developerName: string;
  readonly versionNumber: number;
}

/** Parse + validate + compile once per flow version, cached (LRU-bounded). */
export class FlowCache {
  readonly #storage: Storage;
  readonly #maxEntries: number;
  /** Insertion order is recency: a hit moves the entry to the end. */
  readonly #entries = new Map<string, Promise<LoadedFlowVersion>>();

  constructor(storage: Storage, options: { readonly maxEntries?: number } = {}) {
    this.#storage = storage;
    this.#maxEntries = Math.max(1, options.maxEntries ?? DEFAULT_FLOW_CACHE_SIZE);
  }

  /**
   * The compiled flow of a version. Throws `NotFoundError` for an unknown version and
   * `InvalidOperationError` for one that cannot run (an invalid draft, or errors in its metadata).
   */
  async compiled(versionId: string, session: StorageSession = this.#storage): Promise<CompiledFlow> {
    return (await this.load(versionId, session)).flow;
  }

  /** {@link compiled} with the version's definition, name and number. */
  async load(versionId: string, session: StorageSession = this.#storage): Promise<LoadedFlowVersion> {
    const id = parseId(versionId, 'versionId');
    const cached = this.#entries.get(id);
    if (cached !== undefined) {
      this.#entries.delete(id);
      this.#entries.set(id, cached);
      return cached;
    }
    const loading = loadVersion(id, session);
    this.#entries.set(id, loading);
    // A failed load is not cached: the next call tries again.
    loading.catch(() => {
      if (this.#entries.get(id) === loading) this.#entries.delete(id);
    });
    this.#evict();
    return loading;
  }

  /**
   * The version a subflow call runs: the flow's active version, else its latest. `undefined`
   * when no flow has that API name.
   */
  async loadByName(apiName: string, session: StorageSession = this.#storage): Promise<LoadedFlowVersion | undefined> {
    const definition = await session.flows.getDefinitionByName(apiName);
    const versionId = definition === undefined ? null : runnableVersionId(definition);
    if (versionId === null) return undefined;
    return this.load(versionId, session);
  }

  /** Forgets one version, or every version. */
  invalidate(versionId?: string): void {
    if (versionId === undefined) this.#entries.clear();
    else this.#entries.delete(parseId(versionId, 'versionId'));
  }

  /** How many versions are cached. */
  get size(): number {
    return this.#entries.size;
  }

  #evict(): void {
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next();
      if (oldest.done === true) return;
      this.#entries.delete(oldest.value);
    }
  }
}

/** The active version, else the latest one (`null` when the definition has no version). */
export function runnableVersionId(definition: FlowDefinitionRecord): string | null {
  return definition.ActiveVersionId ?? definition.LatestVersionId;
}

async function loadVersion(versionId: string, session: StorageSession): Promise<LoadedFlowVersion> {
  const version = await session.flows.getVersion(versionId);
  if (version === undefined) throw new NotFoundError(`No flow version with Id ${versionId}.`, ['versionId']);
  const definition = await session.flows.getDefinition(version.DefinitionId);
  if (definition === undefined) throw new NotFoundError(`Flow version ${versionId} has no flow definition.`, ['versionId']);
  const label = `Flow "${definition.DeveloperName}" version ${version.VersionNumber}`;
  if (version.Status === 'InvalidDraft') {
    throw new InvalidOperationError(`${label} is an invalid draft and cannot run: ${describeErrors(version.diagnostics)}`);
  }
  const parsed = parseFlowXml(version.source, { fileName: `${definition.DeveloperName}.flow-meta.xml` });
  const errors = parsed.definition === undefined ? parsed.diagnostics : [...parsed.diagnostics, ...validateFlow(parsed.definition)];
  if (parsed.definition === undefined || errors.some((d) => d.severity === 'error')) {
    throw new InvalidOperationError(`${label} cannot run: ${describeErrors(errors)}`);
  }
  return {
    flow: compileFlow(parsed.definition, { versionId }),
    versionId,
    definitionId: definition.Id,
    developerName: definition.DeveloperName,
    versionNumber: version.VersionNumber,
  };
}

function describeErrors(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 0) return 'it has validation errors.';
  const shown = errors.slice(0, 3).map((d) => `${d.code}${d.element === undefined ? '' : ` (${d.element})`}: ${d.message}`);
  return shown.join('; ') + (errors.length > 3 ? `; and ${errors.length - 3} more.` : '');
}
