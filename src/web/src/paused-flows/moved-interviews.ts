/**
 * "This interview now lives on another record": when a flow or an integration changes an
 * interview's `$Flow.CurrentRecord` (a Lead converted to a Contact), its FlowRecordRelation moves
 * and the interview leaves this record's list. The list remembers which interviews it showed
 * (per record, in localStorage) so it can say where a missing one went instead of losing it.
 */
import type { KeyValueStore } from './column-preferences.js';

/** An interview that left this record for another one. */
export interface MovedInterview {
  readonly interviewId: string;
  readonly recordId: string;
}

const MAX_REMEMBERED = 50;

function seenKey(recordId: string): string {
  return `eddy.pausedFlows.seen.${recordId}`;
}

/** The interviews the record's list showed last time. */
export function loadSeenInterviews(store: KeyValueStore | undefined, recordId: string): string[] {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(seenKey(recordId)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}

/** Remembers the interviews the list shows now, and those that moved (to keep telling where they went). */
export function saveSeenInterviews(store: KeyValueStore | undefined, recordId: string, interviewIds: readonly string[]): void {
  try {
    store?.setItem(seenKey(recordId), JSON.stringify([...new Set(interviewIds)].slice(0, MAX_REMEMBERED)));
  } catch {
    // Storage blocked or full: the notice is a convenience.
  }
}

/** Interviews shown before but not now (candidates to look up). */
export function missingInterviews(seen: readonly string[], shown: readonly string[]): string[] {
  const now = new Set(shown);
  return seen.filter((id) => !now.has(id));
}

/** Of the looked-up relations, those that point at another record. */
export function movedInterviews(recordId: string, relations: readonly MovedInterview[]): MovedInterview[] {
  return relations.filter((relation) => relation.recordId !== '' && relation.recordId.slice(0, 15) !== recordId.slice(0, 15));
}
