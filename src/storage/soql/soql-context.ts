/**
 * What compiling one SOQL statement needs to know: the query text (for error positions), the
 * describe, the SQL dialect, the viewer's FlowInterview visibility (`undefined` for `'system'`),
 * whether deleted rows count (queryAll), and the viewer's calendar day and time zone for date
 * literals. Also hands out the SQL aliases, which are Eddy's own names, never user text.
 */
import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import type { InterviewVisibility, ObjectDescribe, OrgSchema } from '../../runtime/index.js';
import { interviewVisibilitySql } from '../interview-visibility.js';
import type { DialectName } from '../store-context.js';

/** An SQL fragment. */
export type Sql = RawBuilder<unknown>;

/** A condition that is always true, in both dialects. */
export const TRUE_SQL: Sql = sql`1 = 1`;
/** A condition that is always false, in both dialects. */
export const FALSE_SQL: Sql = sql`1 = 0`;

/** Objects whose rows are visible only when their parent FlowInterview (`ParentId`) is. */
export const INTERVIEW_CHILDREN: ReadonlySet<string> = new Set(['FlowRecordRelation', 'FlowStageRelation', 'FlowInterviewShare']);

/** The compile-time facts of one statement. */
export class SoqlContext {
  readonly soql: string;
  readonly schema: OrgSchema;
  readonly dialect: DialectName;
  /** The viewer's FlowInterview visibility; `undefined` for the `'system'` viewer (no sharing). */
  readonly visibility: InterviewVisibility | undefined;
  readonly includeDeleted: boolean;
  /** The viewer's calendar day `YYYY-MM-DD` (date literals). */
  readonly today: string;
  /** The viewer's IANA time zone (date literals on date-time fields). */
  readonly timeZone: string;
  /** The viewing user (`USING SCOPE mine`); undefined for `'system'`. */
  readonly viewerId: string | undefined;
  #aliases = 0;

  constructor(init: {
    soql: string;
    schema: OrgSchema;
    dialect: DialectName;
    visibility: InterviewVisibility | undefined;
    includeDeleted: boolean;
    today: string;
    timeZone: string;
    viewerId: string | undefined;
  }) {
    this.soql = init.soql;
    this.schema = init.schema;
    this.dialect = init.dialect;
    this.visibility = init.visibility;
    this.includeDeleted = init.includeDeleted;
    this.today = init.today;
    this.timeZone = init.timeZone;
    this.viewerId = init.viewerId;
  }

  /** A fresh SQL alias (`t1`, `j2`, ...). */
  alias(prefix: 't' | 'j' | 's'): string {
    this.#aliases += 1;
    return `${prefix}${this.#aliases}`;
  }

  /** The FlowInterview sharing condition on the interview row aliased `alias` (true for `'system'`). */
  interviewVisible(alias: string): Sql {
    return this.visibility ? interviewVisibilitySql(this.visibility, alias) : TRUE_SQL;
  }

  /** Whether rows of `object` need a sharing condition for this viewer. */
  needsSharing(object: ObjectDescribe): boolean {
    return this.visibility !== undefined && (object.name === 'FlowInterview' || INTERVIEW_CHILDREN.has(object.name));
  }
}
