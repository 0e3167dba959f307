/**
 * S2 — the paused interviews of a record, as the record page asks for them: the runtime's list
 * by record (`interviews.list(viewer, { scope: 'record', recordId })`: the viewer and their
 * access facts, then FlowRecordRelation → FlowInterview with the sharing condition) for a user
 * without admin rights, at each size of the interview table. The table grows in bulk between
 * sizes; the record's related interviews stay the same, so a growing cost is the cost of
 * unrelated data. Each result is checked against the interviews the viewer may see.
 */
import { sql } from 'kysely';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { KyselyInterviewStore } from '../../src/storage/index.js';
import type { BenchDatabase } from '../support/bench-database.js';
import { createScratch } from '../support/bench-database.js';
import { openEddyOrg, type EddyOrg } from '../support/eddy-org.js';
import { peakRssMb } from '../support/process-usage.js';
import { LatencySamples, median } from '../support/stats.js';
import { openBulkInserter, type BulkInserter } from './bulk-inserter.js';
import { InterviewGenerator, seededRandom, type GeneratedInterview } from './generate-interviews.js';
import { explainPlan, planUsesIndexes } from './query-plan.js';
import { buildS2Org, poolRecordId, type S2Org } from './s2-org.js';

/** What to measure. */
export interface S2Task {
  readonly kind: 's2';
  readonly database: BenchDatabase;
  /** Interview counts to measure at, ascending (default 10,000 and 1,000,000). */
  readonly sizes: readonly number[];
  /** Timed queries per run. */
  readonly queries: number;
  readonly runs: number;
  /** Untimed queries before the runs at each size. */
  readonly warmupQueries: number;
}

/** Latencies of one run. */
export interface S2RunLatency {
  /** The runtime's list call. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The interview store's list statement alone (access facts already known). */
  readonly storeP50Ms: number;
  readonly storeP99Ms: number;
}

/** The numbers at one size. */
export interface S2SizeResult {
  readonly interviews: number;
  readonly relatedToRecord: number;
  readonly visibleToViewer: number;
  readonly generateMs: number;
  readonly runs: readonly S2RunLatency[];
  /** Medians over the runs. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly storeP50Ms: number;
  readonly storeP99Ms: number;
  readonly plan: string;
  readonly usesIndexes: boolean;
}

/** S2's result. */
export interface S2Result {
  readonly sizes: readonly S2SizeResult[];
  readonly peakRssMb: number;
}

/** The pool of records unrelated interviews point at. */
const RECORD_POOL = 100_000;
/** Share of unrelated interviews shared with the viewer's group. */
const SHARED_FRACTION = 0.05;

/** Runs S2 on a scratch database of its own. */
export async function runS2(task: S2Task): Promise<S2Result> {
  const scratch = await createScratch(task.database, 's2');
  try {
    const org = await openEddyOrg(scratch);
    const inserter = await openBulkInserter(scratch);
    try {
      return await measureSizes(task, org, inserter);
    } finally {
      await inserter.close();
      await org.close();
    }
  } finally {
    await scratch.remove();
  }
}

async function measureSizes(task: S2Task, org: EddyOrg, inserter: BulkInserter): Promise<S2Result> {
  const db = org.database;
  const s2 = await buildS2Org(org);
  const generator = new InterviewGenerator(inserter, s2.template, Date.now());
  const random = seededRandom(20_260_105);
  const relatedIds = await generator.write(s2.related);
  const visible = new Set(relatedIds.filter((_, i) => s2.related[i]?.visible === true));
  const sizes: S2SizeResult[] = [];
  for (const size of task.sizes) {
    const generateStart = performance.now();
    const missing = size - (await countInterviews(org));
    for (let written = 0; written < missing; ) {
      const batch = Math.min(100_000, missing - written);
      await generator.write(Array.from({ length: batch }, () => unrelated(s2, random)));
      written += batch;
    }
    if (db.dialect === 'postgres') await sql`analyze`.execute(db.db);
    const generateMs = performance.now() - generateStart;
    // The generator's garbage is collected now, not during the timed queries.
    collectGarbage();
    sizes.push(await measureSize(task, org, s2, visible, generateMs));
  }
  return { sizes, peakRssMb: peakRssMb() };
}

/** A full garbage collection (V8's `gc`, exposed for this call). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function unrelated(s2: S2Org, random: () => number): GeneratedInterview {
  const ownerId = s2.owners[Math.floor(random() * s2.owners.length)] as string;
  const relatedRecordId = poolRecordId(1 + Math.floor(random() * RECORD_POOL));
  return random() < SHARED_FRACTION ? { ownerId, relatedRecordId, sharedWith: s2.reviewersGroupId } : { ownerId, relatedRecordId };
}

async function countInterviews(org: EddyOrg): Promise<number> {
  const row = await org.database.db.selectFrom('flow_interviews').select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

async function measureSize(task: S2Task, org: EddyOrg, s2: S2Org, visible: ReadonlySet<string>, generateMs: number): Promise<S2SizeResult> {
  const db = org.database;
  const listByRecord = () => org.runtime.interviews.list(s2.viewerId, { scope: 'record', recordId: s2.recordId });
  const subject = await db.directory.accessSubject(s2.viewerId);
  const storeList = () => db.interviews.list({ relatedRecordId: s2.recordId }, subject);

  const seen = (await listByRecord()).map((interview) => interview.Id);
  if (seen.length !== visible.size || !seen.every((id) => visible.has(id))) {
    throw new Error(`S2: the viewer sees ${seen.length} interviews of the record, expected ${visible.size}.`);
  }
  for (let i = 0; i < task.warmupQueries; i++) {
    await listByRecord();
    await storeList();
  }
  const runs: S2RunLatency[] = [];
  for (let run = 0; run < task.runs; run++) {
    const list = new LatencySamples();
    const store = new LatencySamples();
    for (let i = 0; i < task.queries; i++) {
      let start = performance.now();
      await listByRecord();
      list.add(performance.now() - start);
      start = performance.now();
      await storeList();
      store.add(performance.now() - start);
    }
    runs.push({ p50Ms: list.quantile(0.5), p99Ms: list.quantile(0.99), storeP50Ms: store.quantile(0.5), storeP99Ms: store.quantile(0.99) });
  }
  const compiled = await (db.interviews as KyselyInterviewStore).compileList({ relatedRecordId: s2.recordId }, subject);
  const plan = await explainPlan(db.db, db.dialect, compiled);
  return {
    interviews: await countInterviews(org),
    relatedToRecord: s2.related.length,
    visibleToViewer: visible.size,
    generateMs,
    runs,
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    storeP50Ms: median(runs.map((r) => r.storeP50Ms)),
    storeP99Ms: median(runs.map((r) => r.storeP99Ms)),
    plan,
    usesIndexes: planUsesIndexes(plan, db.dialect),
  };
}
