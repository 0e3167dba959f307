/**
 * The Paused Flows list's columns: which ones show and in which order, chosen per page and
 * remembered in the browser (localStorage). Stored preferences are read defensively: unknown
 * columns are dropped, and nothing valid falls back to the defaults.
 */

/** A column of the Paused Flows list. */
export type PausedFlowColumn = 'label' | 'pauseReason' | 'pausedDate' | 'currentElement' | 'owner' | 'startedDate' | 'relatedRecord';

/** Column labels, in the order the chooser lists them. */
export const PAUSED_FLOW_COLUMN_LABELS: Readonly<Record<PausedFlowColumn, string>> = {
  label: 'Interview Label',
  pauseReason: 'Pause Reason',
  pausedDate: 'Paused Date',
  currentElement: 'Current Element',
  owner: 'Owner',
  startedDate: 'Started Date',
  relatedRecord: 'Related Record',
};

/** Every column. */
export const ALL_PAUSED_FLOW_COLUMNS = Object.keys(PAUSED_FLOW_COLUMN_LABELS) as PausedFlowColumn[];

/** The columns of Salesforce's own component: label, reason, date, element, owner. */
export const DEFAULT_PAUSED_FLOW_COLUMNS: readonly PausedFlowColumn[] = ['label', 'pauseReason', 'pausedDate', 'currentElement', 'owner'];

/** The part of `Storage` the preferences need (localStorage, or a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The storage key of a page's column choice (`eddy.pausedFlows.columns.record:Contact`). */
export function columnPreferenceKey(pageKey: string): string {
  return `eddy.pausedFlows.columns.${pageKey}`;
}

/** Whether `value` names a column of `available`. */
function isColumn<C extends string>(value: unknown, available: readonly C[]): value is C {
  return typeof value === 'string' && (available as readonly string[]).includes(value);
}

/** The page's chosen columns in order, or `defaults` when nothing valid is stored. */
export function loadColumns<C extends string>(store: KeyValueStore | undefined, pageKey: string, available: readonly C[], defaults: readonly C[]): C[] {
  let raw: string | null = null;
  try {
    raw = store?.getItem(columnPreferenceKey(pageKey)) ?? null;
  } catch {
    raw = null;
  }
  if (raw === null) return [...defaults];
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [...defaults];
    const columns = [...new Set(parsed.filter((value): value is C => isColumn(value, available)))];
    return columns.length === 0 ? [...defaults] : columns;
  } catch {
    return [...defaults];
  }
}

/** Remembers the page's columns (a full or blocked storage is ignored: the choice lasts the visit). */
export function saveColumns(store: KeyValueStore | undefined, pageKey: string, columns: readonly string[]): void {
  try {
    store?.setItem(columnPreferenceKey(pageKey), JSON.stringify(columns));
  } catch {
    // Private browsing or a full quota: keep the choice in memory only.
  }
}

/** Shows a hidden column (at the end) or hides a shown one; the last column cannot be hidden. */
export function toggleColumn<C extends string>(columns: readonly C[], column: C): C[] {
  if (columns.includes(column)) return columns.length === 1 ? [...columns] : columns.filter((candidate) => candidate !== column);
  return [...columns, column];
}

/** Moves a shown column by `offset` places (−1: left, +1: right), within bounds. */
export function moveColumn<C extends string>(columns: readonly C[], column: C, offset: number): C[] {
  const from = columns.indexOf(column);
  if (from < 0) return [...columns];
  const to = Math.min(columns.length - 1, Math.max(0, from + offset));
  const moved = [...columns];
  moved.splice(from, 1);
  moved.splice(to, 0, column);
  return moved;
}
