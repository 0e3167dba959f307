import { describe, expect, it } from 'vitest';
import type { InterviewRow } from '../../src/web/src/api/eddy-api.js';
import { filterInterviews, sortInterviews, type SetupInterviewRow } from '../../src/web/src/pages/setup/interview-table.js';
import { deployBatches, metadataKind } from '../../src/web/src/pages/setup/deploy-panel.js';
import { groupFlowVersions } from '../../src/web/src/pages/setup/setup-flows-page.js';
import { countByFlow } from '../../src/web/src/pages/home-page.js';
import { menuPosition } from '../../src/web/src/components/action-menu.js';

function row(id: string, overrides: Partial<SetupInterviewRow> = {}): SetupInterviewRow {
  const base: InterviewRow = {
    id,
    label: `Interview ${id}`,
    pauseReason: null,
    pausedDate: '2025-01-01T00:00:00.000Z',
    createdDate: '2025-01-01T00:00:00.000Z',
    currentElement: 'Screen_1',
    ownerId: '005A',
    ownerName: 'Ada Lovelace',
    status: 'Paused',
    wasPausedFromScreen: true,
    flowVersionId: '301A',
  };
  return { ...base, flowLabel: 'Change Address', ...overrides };
}

describe('Setup interview table', () => {
  const rows = [
    row('1', { label: 'Move Wile', pauseReason: 'waiting for the customer', pausedDate: '2025-01-03T00:00:00.000Z' }),
    row('2', { label: 'Onboard Acme', flowLabel: 'Customer Onboarding', ownerName: 'Grace Hopper', pausedDate: '2025-01-01T00:00:00.000Z' }),
    row('3', { label: 'Nightly wait', wasPausedFromScreen: false, pausedDate: '2025-01-02T00:00:00.000Z' }),
  ];

  it('filters by text in label, reason, owner and flow, and by kind', () => {
    expect(filterInterviews(rows, { text: 'CUSTOMER', kind: 'all' }).map((r) => r.id)).toEqual(['1', '2']);
    expect(filterInterviews(rows, { text: 'grace', kind: 'all' }).map((r) => r.id)).toEqual(['2']);
    expect(filterInterviews(rows, { text: '', kind: 'waiting' }).map((r) => r.id)).toEqual(['3']);
    expect(filterInterviews(rows, { text: '', kind: 'paused' }).map((r) => r.id)).toEqual(['1', '2']);
  });

  it('sorts by any column both ways', () => {
    expect(sortInterviews(rows, 'pausedDate', 'desc').map((r) => r.id)).toEqual(['1', '3', '2']);
    expect(sortInterviews(rows, 'label', 'asc').map((r) => r.id)).toEqual(['1', '3', '2']);
    expect(sortInterviews(rows, 'status', 'desc').map((r) => r.id)[0]).toBe('3');
  });
});

describe('Setup flows and deploys', () => {
  it('groups versions by flow, newest first', () => {
    const groups = groupFlowVersions([
      { id: 'v1', label: 'Change Address', apiName: 'Change_Address', definitionId: 'd1', versionNumber: 1, status: 'Obsolete', processType: 'Flow', lastModifiedDate: null },
      { id: 'v2', label: 'Change Address', apiName: 'Change_Address', definitionId: 'd1', versionNumber: 2, status: 'Active', processType: 'Flow', lastModifiedDate: null },
      { id: 'v3', label: 'Abc', apiName: 'Abc', definitionId: 'd2', versionNumber: 1, status: 'Draft', processType: 'Flow', lastModifiedDate: null },
    ]);
    expect(groups.map((group) => group.label)).toEqual(['Abc', 'Change Address']);
    expect(groups[1]?.versions.map((version) => version.versionNumber)).toEqual([2, 1]);
  });

  it('deploys object metadata first, then one flow per request', () => {
    const files = [
      { path: 'force-app/flows/A.flow-meta.xml', content: '' },
      { path: 'force-app/objects/X__c/X__c.object-meta.xml', content: '' },
      { path: 'force-app/objects/X__c/fields/Y__c.field-meta.xml', content: '' },
      { path: 'legacy/B.flow', content: '' },
    ];
    expect(deployBatches(files).map((batch) => batch.map((file) => file.path.split('/').pop()))).toEqual([['X__c.object-meta.xml', 'Y__c.field-meta.xml'], ['A.flow-meta.xml'], ['B.flow']]);
    expect(metadataKind('classes/Foo.cls')).toBe('other');
  });

  it('counts paused and waiting interviews by flow for admins', () => {
    const counts = countByFlow([row('1'), row('2'), row('3', { wasPausedFromScreen: false }), row('4', { flowVersionId: '301B' })], new Map([['301A', 'Change Address']]));
    expect(counts).toEqual([
      { flow: 'Change Address', paused: 2, waiting: 1 },
      { flow: 'Unknown flow', paused: 1, waiting: 0 },
    ]);
  });
});

describe('row menu placement', () => {
  const viewport = { width: 400, height: 600 };
  const menu = { width: 160, height: 80 };

  it('opens below the button, aligned to its right edge', () => {
    expect(menuPosition({ top: 100, bottom: 124, left: 300, right: 324 }, menu, viewport)).toEqual({ top: 128, left: 164 });
  });

  it('flips above the button near the bottom of the screen', () => {
    expect(menuPosition({ top: 560, bottom: 584, left: 300, right: 324 }, menu, viewport)).toEqual({ top: 476, left: 164 });
  });

  it('stays inside the screen near its left edge', () => {
    expect(menuPosition({ top: 100, bottom: 124, left: 2, right: 26 }, menu, viewport).left).toBe(4);
  });
});
