/**
 * What one S1 instance did, counted by the driver that ran it: the screens (user tasks) it
 * rested at, its pauses and resumes, and its persisted write transactions. The test that keeps
 * the comparison fair checks that Eddy and bpmn-engine count the same.
 */

/** Counters of the work done, added to as instances run. */
export interface WorkCounts {
  /** Instances started. */
  started: number;
  /** Times an instance came to rest at a screen / user task (not counting re-shows after a resume). */
  waits: number;
  pauses: number;
  resumes: number;
  /** Committed write transactions. */
  writes: number;
  /** Instances that reached the end. */
  finished: number;
}

/** Zeroed counters. */
export function newWorkCounts(): WorkCounts {
  return { started: 0, waits: 0, pauses: 0, resumes: 0, writes: 0, finished: 0 };
}
