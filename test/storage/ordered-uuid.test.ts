import { describe, expect, it } from 'vitest';
import { orderedUuid } from '../../src/storage/sql-helpers.js';

describe('orderedUuid', () => {
  it('is a version 7 UUID carrying the millisecond it was made in', () => {
    const id = orderedUuid(Date.UTC(2026, 10, 23, 4, 30));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 23, 4, 30));
  });

  it('keeps ids made in the same millisecond in creation order, also past the counter', () => {
    const at = Date.UTC(2030, 0, 1);
    const ids = Array.from({ length: 5000 }, () => orderedUuid(at));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('never goes backwards when the clock does', () => {
    const first = orderedUuid(Date.UTC(2031, 0, 1));
    const second = orderedUuid(Date.UTC(2031, 0, 1) - 5000);
    expect(second > first).toBe(true);
  });
});
