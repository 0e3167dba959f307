/**
 * The flows one interview runs: its own version and the subflows it calls, loaded through the
 * {@link FlowCache} within the operation's session. The engine looks subflows up synchronously
 * (`StepContext.flows`), so they are loaded before the engine needs them: the frames of a
 * resting interview before a step, and a called subflow when the engine asks for it.
 */
import type { CompiledFlow, InterviewState } from '../../engine/index.js';
import type { FlowCache } from '../flows/flow-cache.js';
import type { StorageSession } from '../ports/index.js';

/** The root flow and the subflows loaded so far for one operation on one interview. */
export class InterviewFlows {
  readonly root: CompiledFlow;
  readonly #cache: FlowCache;
  readonly #session: StorageSession;
  readonly #byName = new Map<string, CompiledFlow>();

  constructor(root: CompiledFlow, cache: FlowCache, session: StorageSession) {
    this.root = root;
    this.#cache = cache;
    this.#session = session;
    this.#byName.set(root.apiName.toLowerCase(), root);
  }

  /** The engine's lookup: a flow loaded before, by API name (any case). */
  readonly lookup = (apiName: string): CompiledFlow | undefined => this.#byName.get(apiName.toLowerCase());

  /** Every flow loaded so far (the root first). */
  all(): readonly CompiledFlow[] {
    return [...this.#byName.values()];
  }

  /**
   * Loads a subflow (its active version, else its latest) unless loaded already; `undefined` when
   * there is no such flow. Errors of a version that cannot run propagate.
   */
  async load(apiName: string): Promise<CompiledFlow | undefined> {
    const known = this.lookup(apiName);
    if (known !== undefined) return known;
    const loaded = await this.#cache.loadByName(apiName, this.#session);
    if (loaded === undefined) return undefined;
    this.#byName.set(apiName.toLowerCase(), loaded.flow);
    this.#byName.set(loaded.flow.apiName.toLowerCase(), loaded.flow);
    return loaded.flow;
  }

  /**
   * Loads the flows of every frame of a resting interview (subflows paused inside it): the
   * version each frame recorded, so a paused subflow resumes on the version it started on even
   * if another was activated since (older states without it: the flow by name).
   */
  async loadFrames(state: InterviewState): Promise<void> {
    for (const frame of state.frames.slice(1)) {
      if (frame.version === undefined) {
        await this.load(frame.flow);
        continue;
      }
      const loaded = await this.#cache.load(frame.version, this.#session);
      this.#byName.set(frame.flow.toLowerCase(), loaded.flow);
    }
  }
}
