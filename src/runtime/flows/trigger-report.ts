/**
 * The record-triggered flows of the org by object and timing, in run order — what Salesforce's
 * Flow Trigger Explorer shows, and what `eddy deploy` and activation report so that an admin
 * sees which flows a save of an object fires, and in which order.
 */
import { compareTriggerOrder, parseFlowXml, recordTriggerOf } from '../../flow-model/index.js';
import type { RecordTrigger, SaveEvent, TriggerTiming } from '../../flow-model/index.js';
import type { StorageSession } from '../ports/index.js';

/** A flow's trigger as reports show it. */
export interface TriggerSummary {
  readonly object: string;
  readonly timing: TriggerTiming;
  readonly events: readonly SaveEvent[];
  readonly triggerOrder: number | null;
}

/** The active flows of one object and timing, in the order they run. */
export interface TriggerRunOrder {
  readonly object: string;
  readonly timing: TriggerTiming;
  readonly flows: readonly { readonly apiName: string; readonly events: readonly SaveEvent[]; readonly triggerOrder: number | null }[];
}

/** A parsed trigger as a {@link TriggerSummary}. */
export function triggerSummary(trigger: RecordTrigger): TriggerSummary {
  return { object: trigger.object, timing: trigger.timing, events: trigger.events, triggerOrder: trigger.triggerOrder ?? null };
}

/** The trigger of a flow's metadata, if it is record-triggered. */
export function triggerOfSource(source: string, apiName: string): TriggerSummary | undefined {
  const { definition } = parseFlowXml(source, { fileName: `${apiName}.flow-meta.xml` });
  const trigger = definition === undefined ? undefined : recordTriggerOf(definition);
  return trigger === undefined ? undefined : triggerSummary(trigger);
}

const TIMING_ORDER: readonly TriggerTiming[] = ['beforeSave', 'afterSave', 'beforeDelete'];

/**
 * The active record-triggered flows, grouped by object and timing, each group in run order;
 * only the objects named when `objects` is given (case-insensitively).
 */
export async function triggerRunOrder(session: StorageSession, objects?: readonly string[]): Promise<TriggerRunOrder[]> {
  const wanted = objects === undefined ? undefined : new Set(objects.map((o) => o.toLowerCase()));
  const found: { apiName: string; trigger: TriggerSummary }[] = [];
  for (const definition of await session.flows.listDefinitions()) {
    if (definition.ActiveVersionId === null) continue;
    const version = await session.flows.getVersion(definition.ActiveVersionId);
    const trigger = version === undefined ? undefined : triggerOfSource(version.source, definition.DeveloperName);
    if (trigger === undefined || (wanted !== undefined && !wanted.has(trigger.object.toLowerCase()))) continue;
    found.push({ apiName: definition.DeveloperName, trigger });
  }
  const groups = new Map<string, TriggerRunOrder & { flows: { apiName: string; events: readonly SaveEvent[]; triggerOrder: number | null }[] }>();
  for (const { apiName, trigger } of found) {
    const key = `${trigger.object.toLowerCase()}:${trigger.timing}`;
    const group = groups.get(key) ?? { object: trigger.object, timing: trigger.timing, flows: [] };
    group.flows.push({ apiName, events: trigger.events, triggerOrder: trigger.triggerOrder });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    group.flows.sort((a, b) => compareTriggerOrder({ apiName: a.apiName, triggerOrder: a.triggerOrder ?? undefined }, { apiName: b.apiName, triggerOrder: b.triggerOrder ?? undefined }));
  }
  return [...groups.values()].sort((a, b) => a.object.localeCompare(b.object) || TIMING_ORDER.indexOf(a.timing) - TIMING_ORDER.indexOf(b.timing));
}
