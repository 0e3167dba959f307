/**
 * The query plan of the record page's statement, as the database would run it, and whether it
 * uses the indexes: `FlowRecordRelation (RelatedRecordId)` to find the relations and the
 * interviews' primary key to join, with no scan of either table.
 */
import { sql, type CompiledQuery, type Kysely } from 'kysely';
import type { Database, DialectName } from '../../src/storage/index.js';

/** The plan of `compiled`, its parameters inlined as literals (they are IDs and numbers). */
export async function explainPlan(db: Kysely<Database>, dialect: DialectName, compiled: CompiledQuery): Promise<string> {
  const literal = (value: unknown): string => (typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`);
  const parameters = compiled.parameters;
  let index = 0;
  const inlined =
    dialect === 'sqlite'
      ? compiled.sql.replace(/\?/g, () => literal(parameters[index++]))
      : compiled.sql.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
  if (dialect === 'sqlite') {
    const { rows } = await sql<{ id: number; parent: number; detail: string }>`${sql.raw(`explain query plan ${inlined}`)}`.execute(db);
    const depth = new Map<number, number>();
    return rows
      .map((row) => {
        const level = (depth.get(row.parent) ?? -1) + 1;
        depth.set(row.id, level);
        return `${'  '.repeat(level)}${row.detail}`;
      })
      .join('\n');
  }
  const { rows } = await sql<{ 'QUERY PLAN': string }>`${sql.raw(`explain ${inlined}`)}`.execute(db);
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

/** Whether the plan finds relations by `RelatedRecordId` and interviews by primary key, scanning neither table. */
export function planUsesIndexes(plan: string, dialect: DialectName): boolean {
  if (dialect === 'sqlite') {
    return (
      /SEARCH frr USING (?:COVERING )?INDEX flow_record_relations_record \(RelatedRecordId=\?/.test(plan) &&
      /SEARCH fi USING INDEX sqlite_autoindex_flow_interviews_1 \(Id=\?\)/.test(plan) &&
      !/SCAN (?:fi|frr)\b/.test(plan)
    );
  }
  return (
    /(?:Index (?:Only )?Scan (?:Backward )?using|Bitmap Index Scan on) flow_record_relations_record/.test(plan) &&
    /Index Scan using flow_interviews_pkey on flow_interviews fi/.test(plan) &&
    !/Seq Scan on flow_(?:interviews|record_relations)/.test(plan)
  );
}
