/** The generator's synthetic key prefixes (scripts/standard-objects/key-prefixes.ts). */
import { describe, expect, it } from 'vitest';
import { syntheticPrefixes } from '../../scripts/standard-objects/key-prefixes.js';

describe('synthetic key prefixes', () => {
  it('gives each name a z prefix from its hash, the same whatever else is assigned, and skips taken ones', () => {
    const alone = syntheticPrefixes(['FlowExecutionErrorEvent'], new Set());
    const together = syntheticPrefixes(['ReportEvent', 'FlowExecutionErrorEvent', 'ApiEvent'], new Set());
    expect(alone.get('FlowExecutionErrorEvent')).toMatch(/^z[0-9A-Za-z]{2}$/);
    expect(together.get('FlowExecutionErrorEvent')).toBe(alone.get('FlowExecutionErrorEvent'));
    expect(new Set(together.values()).size).toBe(3);
    const taken = new Set([alone.get('FlowExecutionErrorEvent') as string]);
    const moved = syntheticPrefixes(['FlowExecutionErrorEvent'], taken).get('FlowExecutionErrorEvent');
    expect(moved).toMatch(/^z/);
    expect(moved).not.toBe(alone.get('FlowExecutionErrorEvent'));
  });
});
