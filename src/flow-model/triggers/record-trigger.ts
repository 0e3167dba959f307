/**
 * What a record-triggered flow listens to, read from its `<start>` and `<triggerOrder>`: the
 * object, the timing (before save, after save, before delete), the save events (create, update,
 * delete) and its place in the run order. One reading for the runtime's trigger registry, the
 * deploy report and validation.
 */
import type { FlowDefinition } from '../model.js';

/** When a record-triggered flow runs in a save. */
export type TriggerTiming = 'beforeSave' | 'afterSave' | 'beforeDelete';

/** A save event a record-triggered flow can run on. */
export type SaveEvent = 'create' | 'update' | 'delete';

/** A record-triggered flow's trigger. */
export interface RecordTrigger {
  /** The object API name, as written in `<start><object>`. */
  readonly object: string;
  readonly timing: TriggerTiming;
  readonly events: readonly SaveEvent[];
  /** `<triggerOrder>` (1–2,000), when set. */
  readonly triggerOrder: number | undefined;
}

const TIMINGS: Readonly<Record<string, TriggerTiming>> = {
  recordbeforesave: 'beforeSave',
  recordaftersave: 'afterSave',
  recordbeforedelete: 'beforeDelete',
};

const EVENTS: Readonly<Record<string, readonly SaveEvent[]>> = {
  create: ['create'],
  update: ['update'],
  createandupdate: ['create', 'update'],
  delete: ['delete'],
};

/**
 * The flow's record trigger, or `undefined` when it is not record-triggered (no trigger type,
 * a scheduled or platform-event trigger, or no object). A before-delete flow runs on delete
 * whatever its `recordTriggerType` says; a save flow without one runs on create and update.
 */
export function recordTriggerOf(definition: FlowDefinition): RecordTrigger | undefined {
  const start = definition.start;
  const timing = TIMINGS[(start?.triggerType ?? '').toLowerCase()];
  if (start === undefined || timing === undefined || start.object === undefined || start.object === '') return undefined;
  const written = EVENTS[(start.recordTriggerType ?? '').toLowerCase()];
  const events: readonly SaveEvent[] = timing === 'beforeDelete' ? ['delete'] : (written ?? ['create', 'update']).filter((event) => event !== 'delete');
  return { object: start.object, timing, events, triggerOrder: definition.triggerOrder };
}

/**
 * Salesforce's run order of the flows of one object and timing: `triggerOrder` 1–1,000
 * ascending, then flows without one, then 1,001–2,000 ascending; ties by API name.
 * (Salesforce orders flows without a value by activation date; Eddy by API name, see
 * `docs/triggers.md`.)
 */
export function compareTriggerOrder(a: { readonly apiName: string; readonly triggerOrder: number | undefined }, b: { readonly apiName: string; readonly triggerOrder: number | undefined }): number {
  const band = (order: number | undefined): number => (order === undefined ? 1 : order <= 1000 ? 0 : 2);
  const byBand = band(a.triggerOrder) - band(b.triggerOrder);
  if (byBand !== 0) return byBand;
  const byOrder = (a.triggerOrder ?? 0) - (b.triggerOrder ?? 0);
  if (byOrder !== 0) return byOrder;
  return a.apiName.localeCompare(b.apiName, 'en', { sensitivity: 'base' }) || (a.apiName < b.apiName ? -1 : a.apiName > b.apiName ? 1 : 0);
}
