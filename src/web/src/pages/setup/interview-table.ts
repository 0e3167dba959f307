/** Filtering and sorting of Setup's Paused and Waiting Interviews table. */
import type { InterviewRow } from '../../api/eddy-api.js';

/** A sortable column. */
export type InterviewSortKey = 'label' | 'flow' | 'owner' | 'status' | 'pausedDate' | 'currentElement';

/** Filters of the table. */
export interface InterviewFilter {
  /** Matched case-insensitively against label, pause reason, owner, flow and current element. */
  readonly text: string;
  readonly kind: 'all' | 'paused' | 'waiting';
}

/** A row with its flow's label. */
export interface SetupInterviewRow extends InterviewRow {
  readonly flowLabel: string;
}

/** The rows that pass the filter. */
export function filterInterviews<R extends SetupInterviewRow>(rows: readonly R[], filter: InterviewFilter): R[] {
  const needle = filter.text.trim().toLowerCase();
  return rows.filter((row) => {
    if (filter.kind === 'paused' && !row.wasPausedFromScreen) return false;
    if (filter.kind === 'waiting' && row.wasPausedFromScreen) return false;
    if (needle === '') return true;
    return [row.label, row.pauseReason, row.ownerName, row.flowLabel, row.currentElement].some((value) => value?.toLowerCase().includes(needle) === true);
  });
}

function sortValue(row: SetupInterviewRow, key: InterviewSortKey): string {
  switch (key) {
    case 'label':
      return row.label ?? '';
    case 'flow':
      return row.flowLabel;
    case 'owner':
      return row.ownerName ?? '';
    case 'status':
      return row.wasPausedFromScreen ? 'Paused' : 'Waiting';
    case 'pausedDate':
      return row.pausedDate ?? '';
    case 'currentElement':
      return row.currentElement ?? '';
  }
}

/** The rows sorted by `key` (stable; ties keep their order). */
export function sortInterviews<R extends SetupInterviewRow>(rows: readonly R[], key: InterviewSortKey, direction: 'asc' | 'desc'): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => sign * sortValue(a.row, key).localeCompare(sortValue(b.row, key), undefined, { sensitivity: 'base', numeric: true }) || a.index - b.index)
    .map((entry) => entry.row);
}
