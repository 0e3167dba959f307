/**
 * Loading persisted interview state: checks its shape and schema version, and migrates older
 * versions to the current one (there is only version 1 so far). Saved fixtures of every
 * version live in `test/engine/fixtures/` and must keep resuming.
 */
import { STATE_SCHEMA_VERSION, type InterviewState } from './protocol.js';

/** Persisted state that cannot be loaded. */
export class StateMigrationError extends Error {
  readonly code: 'INVALID_STATE' | 'UNSUPPORTED_STATE_VERSION';

  constructor(code: 'INVALID_STATE' | 'UNSUPPORTED_STATE_VERSION', message: string) {
    super(message);
    this.name = 'StateMigrationError';
    this.code = code;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const STATUSES = new Set(['running', 'screen', 'awaitingEffect', 'waiting', 'finished', 'error']);

function checkV1(json: Record<string, unknown>): InterviewState {
  const problems: string[] = [];
  if (typeof json.status !== 'string' || !STATUSES.has(json.status)) problems.push('status');
  if (!isRecord(json.globals) || typeof json.globals.guid !== 'string' || typeof json.globals.startTime !== 'string') problems.push('globals');
  if (!Array.isArray(json.frames) || json.frames.length === 0) problems.push('frames');
  else {
    json.frames.forEach((frame: unknown, index) => {
      if (!isRecord(frame) || typeof frame.flow !== 'string' || !isRecord(frame.vars) || !isRecord(frame.loops) || !Array.isArray(frame.history)) {
        problems.push(`frames[${index}]`);
      }
    });
  }
  if (typeof json.executed !== 'number') problems.push('executed');
  if (problems.length > 0) throw new StateMigrationError('INVALID_STATE', `Interview state is malformed: ${problems.join(', ')}.`);
  return json as unknown as InterviewState;
}

/** The state in the current schema, from persisted JSON of any known version. */
export function migrateState(json: unknown): InterviewState {
  if (!isRecord(json)) throw new StateMigrationError('INVALID_STATE', 'Interview state must be a JSON object.');
  const version = json.schemaVersion;
  if (typeof version !== 'number') throw new StateMigrationError('INVALID_STATE', 'Interview state has no schemaVersion.');
  if (version > STATE_SCHEMA_VERSION || version < 1 || !Number.isInteger(version)) {
    throw new StateMigrationError('UNSUPPORTED_STATE_VERSION', `Interview state schema version ${version} is not supported (this engine reads 1..${STATE_SCHEMA_VERSION}).`);
  }
  // Version 1 is current; future versions migrate here step by step (v1 → v2 → ...).
  return checkV1(json);
}
