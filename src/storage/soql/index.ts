/** SOQL on Eddy's database: parse, compile to parameterised SQL, apply sharing, page with locators. */
export { SoqlEngine, DEFAULT_API_VERSION, DEFAULT_BATCH_SIZE, MIN_BATCH_SIZE } from './soql-engine.js';
export type { SoqlDatabase, SoqlEngineOptions } from './soql-engine.js';
export { MemoryQueryCursorStore, parseLocator, formatLocator, CURSOR_IDLE_TIMEOUT_MS, MAX_CURSORS_PER_VIEWER } from './query-cursors.js';
export type { QueryCursor, QueryCursorStore } from './query-cursors.js';
export { parseSoql, MAX_SOQL_LENGTH } from './parse-soql.js';
export { buildWhereTree } from './where-tree.js';
export type { WhereNode } from './where-tree.js';
