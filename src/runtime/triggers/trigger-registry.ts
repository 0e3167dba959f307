/**
 * The active record-triggered flows of an object, by timing and in Salesforce's run order
 * (`triggerOrder`, then API name). Read once per save transaction: one query for the flow
 * definitions, then compiled versions from the {@link FlowCache} (a version never changes once
 * deployed). An active version that cannot be compiled is skipped (it could not be activated in
 * Salesforce).
 */
import type { CompiledFlow } from '../../engine/index.js';
import { compareTriggerOrder, recordTriggerOf, type RecordTrigger, type SaveEvent, type TriggerTiming } from '../../flow-model/index.js';
import { isRequestError } from '../errors.js';
import type { FlowCache } from '../flows/flow-cache.js';
import type { StorageSession } from '../ports/index.js';

/** An active record-triggered flow. */
export interface ActiveTrigger {
  readonly flow: CompiledFlow;
  readonly versionId: string;
  readonly versionNumber: number;
  readonly developerName: string;
  /** The flow's label, as errors name it. */
  readonly label: string;
  readonly trigger: RecordTrigger;
  /** Who last modified the flow: the flow error email goes to them. */
  readonly lastModifiedById: string;
}

/** The active record-triggered flows of one transaction, read once. */
export class TriggerLookup {
  readonly #session: StorageSession;
  readonly #cache: FlowCache;
  #all: Promise<ActiveTrigger[]> | undefined;

  constructor(session: StorageSession, cache: FlowCache) {
    this.#session = session;
    this.#cache = cache;
  }

  /** The flows of `object` that run at `timing` on `event`, in run order. */
  async flows(object: string, timing: TriggerTiming, event: SaveEvent): Promise<ActiveTrigger[]> {
    const all = await this.all();
    const key = object.toLowerCase();
    return all.filter((t) => t.trigger.object.toLowerCase() === key && t.trigger.timing === timing && t.trigger.events.includes(event));
  }

  /** Every active record-triggered flow, in run order. */
  all(): Promise<ActiveTrigger[]> {
    this.#all ??= this.#load();
    return this.#all;
  }

  async #load(): Promise<ActiveTrigger[]> {
    const found: ActiveTrigger[] = [];
    for (const definition of await this.#session.flows.listDefinitions()) {
      if (definition.ActiveVersionId === null) continue;
      let loaded;
      try {
        loaded = await this.#cache.load(definition.ActiveVersionId, this.#session);
      } catch (error) {
        if (isRequestError(error)) continue;
        throw error;
      }
      const trigger = recordTriggerOf(loaded.flow.definition);
      if (trigger === undefined || loaded.flow.definition.processType !== 'AutoLaunchedFlow') continue;
      found.push({
        flow: loaded.flow,
        versionId: loaded.versionId,
        versionNumber: loaded.versionNumber,
        developerName: loaded.developerName,
        label: definition.MasterLabel,
        trigger,
        lastModifiedById: definition.LastModifiedById,
      });
    }
    return found.sort((a, b) => compareTriggerOrder({ apiName: a.developerName, triggerOrder: a.trigger.triggerOrder }, { apiName: b.developerName, triggerOrder: b.trigger.triggerOrder }));
  }
}
