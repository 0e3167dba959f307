/**
 * Bulk interviews for S2, written straight into Eddy's tables (`flow_interviews`,
 * `flow_record_relations`, `flow_interview_shares`) with multi-row inserts in large
 * transactions (see `bulk-inserter.ts`) — the storage's own schema, none of its per-row work. Every generated interview
 * is paused and related to one record drawn from a large pool, so almost none is related to the
 * record the benchmark asks about; a few are shared to a group.
 */
import type { Selectable } from 'kysely';
import { KEY_PREFIXES, to18 } from '../../src/runtime/org/ids.js';
import type { Database } from '../../src/storage/index.js';
import type { BulkInserter } from './bulk-inserter.js';

type InterviewRow = Selectable<Database['flow_interviews']>;
type RelationRow = Selectable<Database['flow_record_relations']>;
type ShareRow = Selectable<Database['flow_interview_shares']>;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A valid 18-character ID with `prefix`, unique per `serial` (marker `0B`: made by the benchmark). */
export function sequentialId(prefix: string, serial: number): string {
  let digits = '';
  let rest = serial;
  for (let i = 0; i < 10; i++) {
    digits = (BASE62[rest % 62] as string) + digits;
    rest = Math.floor(rest / 62);
  }
  return to18(`${prefix}0B${digits}`);
}

/** A deterministic pseudo-random sequence (mulberry32), so every run generates the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One interview to write, with its relation and share. */
export interface GeneratedInterview {
  readonly ownerId: string;
  readonly relatedRecordId: string;
  /** A group or user the interview is shared with (Read), if any. */
  readonly sharedWith?: string;
}

/** What generated interviews share: their flow version, state and audit user. */
export interface InterviewTemplate {
  readonly versionId: string;
  readonly definitionId: string;
  /** The engine state JSON of a real paused interview of that flow. */
  readonly state: string;
  readonly currentElement: string;
  readonly actorId: string;
}

const INTERVIEW_COLUMNS = [
  'Id', 'Name', 'Guid', 'InterviewLabel', 'PauseLabel', 'CurrentElement', 'InterviewStatus', 'OwnerId', 'WasPausedFromScreen', 'FlowVersionViewId', 'Error',
  'flow_definition_id', 'state', 'version', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted',
] as const satisfies readonly (keyof Database['flow_interviews'])[];
const RELATION_COLUMNS = [
  'Id', 'Name', 'ParentId', 'RelatedRecordId', 'CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById', 'SystemModstamp', 'IsDeleted',
] as const satisfies readonly (keyof Database['flow_record_relations'])[];
const SHARE_COLUMNS = ['Id', 'ParentId', 'UserOrGroupId', 'AccessLevel', 'RowCause', 'LastModifiedDate', 'LastModifiedById', 'IsDeleted'] as const satisfies readonly (keyof Database['flow_interview_shares'])[];

/** Interviews per transaction. */
const ROWS_PER_TRANSACTION = 25_000;

/** Writes interviews in bulk; serials continue across calls. */
export class InterviewGenerator {
  readonly #inserter: BulkInserter;
  readonly #template: InterviewTemplate;
  readonly #startMs: number;
  #serial = 0;

  constructor(inserter: BulkInserter, template: InterviewTemplate, startMs: number) {
    this.#inserter = inserter;
    this.#template = template;
    this.#startMs = startMs;
  }

  /** How many interviews this generator wrote. */
  get written(): number {
    return this.#serial;
  }

  /** Writes `interviews` (in order), returning their IDs. */
  async write(interviews: readonly GeneratedInterview[]): Promise<string[]> {
    const ids: string[] = [];
    for (let offset = 0; offset < interviews.length; offset += ROWS_PER_TRANSACTION) {
      const rows = interviews.slice(offset, offset + ROWS_PER_TRANSACTION).map((interview) => this.#rows(interview));
      await this.#inserter.transaction(async () => {
        await this.#inserter.insert('flow_interviews', INTERVIEW_COLUMNS, rows.map((row) => INTERVIEW_COLUMNS.map((column) => row.interview[column])));
        await this.#inserter.insert('flow_record_relations', RELATION_COLUMNS, rows.map((row) => RELATION_COLUMNS.map((column) => row.relation[column])));
        const shares = rows.flatMap((row) => (row.share === undefined ? [] : [SHARE_COLUMNS.map((column) => row.share?.[column])]));
        await this.#inserter.insert('flow_interview_shares', SHARE_COLUMNS, shares);
      });
      ids.push(...rows.map((row) => row.interview.Id));
    }
    return ids;
  }

  #rows(interview: GeneratedInterview): { interview: InterviewRow; relation: RelationRow; share: ShareRow | undefined } {
    const serial = ++this.#serial;
    const id = sequentialId(KEY_PREFIXES.FlowInterview, serial);
    // Spread over the 90 days before the start, newest last.
    const modified = new Date(this.#startMs - 90 * 86_400_000 + (serial % 7_776_000) * 1000).toISOString();
    const audit = { CreatedDate: modified, CreatedById: interview.ownerId, LastModifiedDate: modified, LastModifiedById: interview.ownerId, SystemModstamp: modified, IsDeleted: 0 };
    const { versionId, definitionId, state, currentElement } = this.#template;
    return {
      interview: {
        Id: id, Name: `FI-${String(serial).padStart(8, '0')}`, Guid: `bench-${serial}`, InterviewLabel: `Bench Approval ${serial}`, PauseLabel: null,
        CurrentElement: currentElement, InterviewStatus: 'Paused', OwnerId: interview.ownerId, WasPausedFromScreen: 1, FlowVersionViewId: versionId, Error: null,
        flow_definition_id: definitionId, state, version: 3, ...audit,
      },
      relation: { Id: sequentialId(KEY_PREFIXES.FlowRecordRelation, serial), Name: `FRR-${String(serial).padStart(8, '0')}`, ParentId: id, RelatedRecordId: interview.relatedRecordId, ...audit },
      share:
        interview.sharedWith === undefined
          ? undefined
          : {
              Id: sequentialId(KEY_PREFIXES.FlowInterviewShare, serial), ParentId: id, UserOrGroupId: interview.sharedWith, AccessLevel: 'Read', RowCause: 'Manual',
              LastModifiedDate: modified, LastModifiedById: this.#template.actorId, IsDeleted: 0,
            },
    };
  }
}
