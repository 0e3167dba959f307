/**
 * Runs every flow of the corpus (`../shared/flows`) with blank screen input, in-memory records and
 * no registered actions, pausing (JSON round trip, re-show, pause) at every screen and wait. A flow
 * may finish, fail with a fault (an unregistered action or component, missing inputs...), or keep
 * asking for input; the engine itself must never throw, and a re-shown screen must be identical.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeWithShared, SHARED_FLOWS as FLOWS } from '../support/shared-folder.js';
import { runScript } from './support/harness.js';

function* flowFiles(folder: string): Generator<string> {
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) yield* flowFiles(path);
    else if (name.endsWith('.flow-meta.xml') || name.endsWith('.flow')) yield path;
  }
}

/** Ways a blank-input run may legitimately stop before the end. */
const EXPECTED_STOPS = [/^runScript: the script has no input/, /^runScript: more than \d+ screens/];

describeWithShared('the engine on the flow corpus', () => {
  it('runs every flow without throwing, and resumes identically after a pause at every screen', async () => {
    const problems: string[] = [];
    const outcomes = new Map<string, number>();
    for (const path of flowFiles(FLOWS)) {
      try {
        const run = await runScript(path, { screens: Array.from({ length: 15 }, () => ({})), maxScreens: 15, pauseEveryScreen: true, context: { maxElementsPerTransaction: 500 } });
        const outcome = run.fault === undefined ? run.status : `error:${run.fault.code}`;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        if (run.status === 'error' && run.fault === undefined) problems.push(`${path}: failed without a fault`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!EXPECTED_STOPS.some((pattern) => pattern.test(message))) problems.push(`${path}: ${message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(outcomes.get('finished') ?? 0).toBeGreaterThan(250);
  }, 120_000);
});
