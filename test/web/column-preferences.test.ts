import { describe, expect, it } from 'vitest';
import {
  ALL_PAUSED_FLOW_COLUMNS,
  columnPreferenceKey,
  DEFAULT_PAUSED_FLOW_COLUMNS,
  loadColumns,
  moveColumn,
  saveColumns,
  toggleColumn,
  type KeyValueStore,
} from '../../src/web/src/paused-flows/column-preferences.js';
import { loadSeenInterviews, missingInterviews, movedInterviews, saveSeenInterviews } from '../../src/web/src/paused-flows/moved-interviews.js';

function memoryStore(): KeyValueStore & { readonly data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('Paused Flows column preferences', () => {
  it('remembers the chosen columns and their order per page', () => {
    const store = memoryStore();
    saveColumns(store, 'record:Contact', ['owner', 'label']);
    expect(loadColumns(store, 'record:Contact', ALL_PAUSED_FLOW_COLUMNS, DEFAULT_PAUSED_FLOW_COLUMNS)).toEqual(['owner', 'label']);
    expect(loadColumns(store, 'record:Account', ALL_PAUSED_FLOW_COLUMNS, DEFAULT_PAUSED_FLOW_COLUMNS)).toEqual([...DEFAULT_PAUSED_FLOW_COLUMNS]);
    expect(store.data.has(columnPreferenceKey('record:Contact'))).toBe(true);
  });

  it('falls back to the defaults for damaged or unknown stored values', () => {
    const store = memoryStore();
    for (const stored of ['not json', '{"a":1}', '["nope"]', '[]']) {
      store.setItem(columnPreferenceKey('home'), stored);
      expect(loadColumns(store, 'home', ALL_PAUSED_FLOW_COLUMNS, DEFAULT_PAUSED_FLOW_COLUMNS)).toEqual([...DEFAULT_PAUSED_FLOW_COLUMNS]);
    }
    store.setItem(columnPreferenceKey('home'), '["owner","nope","owner","label"]');
    expect(loadColumns(store, 'home', ALL_PAUSED_FLOW_COLUMNS, DEFAULT_PAUSED_FLOW_COLUMNS)).toEqual(['owner', 'label']);
  });

  it('keeps working when storage throws', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('quota');
      },
    };
    expect(loadColumns(broken, 'home', ALL_PAUSED_FLOW_COLUMNS, ['label'])).toEqual(['label']);
    expect(() => saveColumns(broken, 'home', ['label'])).not.toThrow();
  });

  it('shows a hidden column at the end, hides a shown one, and never hides the last', () => {
    expect(toggleColumn(['label', 'owner'], 'pausedDate')).toEqual(['label', 'owner', 'pausedDate']);
    expect(toggleColumn(['label', 'owner'], 'label')).toEqual(['owner']);
    expect(toggleColumn(['owner'], 'owner')).toEqual(['owner']);
  });

  it('moves a column within bounds', () => {
    expect(moveColumn(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(moveColumn(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'a', 5)).toEqual(['b', 'c', 'a']);
    expect(moveColumn(['a', 'b'], 'x', 1)).toEqual(['a', 'b']);
  });
});

describe('interviews that moved to another record', () => {
  it('finds interviews shown before that are now related elsewhere', () => {
    const store = memoryStore();
    const here = '00Q000000000001AAA';
    saveSeenInterviews(store, here, ['0Fo000000000001AAA', '0Fo000000000002AAA']);
    const seen = loadSeenInterviews(store, here);
    const missing = missingInterviews(seen, ['0Fo000000000002AAA']);
    expect(missing).toEqual(['0Fo000000000001AAA']);
    const moved = movedInterviews(here, [
      { interviewId: '0Fo000000000001AAA', recordId: '003000000000009AAA' },
      { interviewId: '0Fo000000000003AAA', recordId: '00Q000000000001' },
    ]);
    expect(moved).toEqual([{ interviewId: '0Fo000000000001AAA', recordId: '003000000000009AAA' }]);
  });

  it('reads damaged memories as none', () => {
    const store = memoryStore();
    store.setItem('eddy.pausedFlows.seen.x', '{');
    expect(loadSeenInterviews(store, 'x')).toEqual([]);
  });
});
