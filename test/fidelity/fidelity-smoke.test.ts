/**
 * The fidelity runner (`npm run fidelity`, docs/fidelity.md) on three corpus flows: a screen flow
 * that runs to its end through a pause and resume, a flow that calls an Apex class the corpus
 * does not hold, and a record-triggered flow fired by a save of its object. Checks the
 * report's shape and those outcomes; the whole corpus is the tool's job, not the test suite's.
 */
import { expect, it } from 'vitest';
import { reportMarkdown } from '../../fidelity/report.js';
import { runFidelity } from '../../fidelity/run-fidelity.js';
import { describeWithShared, SHARED_FLOWS } from '../support/shared-folder.js';

const SCREEN_FLOW = 'Flow-Scanner__lightning-flow-scanner-core/Unsafe_Running_Context.flow-meta.xml';
const APEX_FLOW = 'UnofficialSF__LightningFlowComponents/Change_Owner_Account.flow-meta.xml';
const TRIGGERED_FLOW = 'Flow-Scanner__lightning-flow-scanner-core/Make_Recursive.flow-meta.xml';
const PATHS = [SCREEN_FLOW, APEX_FLOW, TRIGGERED_FLOW];

describeWithShared('the fidelity runner', () => {
  it('runs three corpus flows and reports each outcome, its cause and the summary', async () => {
    const report = await runFidelity({ corpusFolder: SHARED_FLOWS, only: (path) => PATHS.includes(path), limits: { timeLimitMs: 20_000 } });

    expect(report).toMatchObject({ schemaVersion: 1, corpus: SHARED_FLOWS, limits: { timeLimitMs: 20_000, maxScreens: 40 } });
    expect(report.flows.map((flow) => flow.path).sort()).toEqual([...PATHS].sort());
    const byPath = new Map(report.flows.map((flow) => [flow.path, flow]));

    expect(byPath.get(SCREEN_FLOW)).toMatchObject({ class: 'finished', cause: 'ran to the end', processType: 'Flow', pausedAndResumed: true });
    expect(byPath.get(SCREEN_FLOW)?.screens).toBeGreaterThan(0);
    expect(byPath.get(APEX_FLOW)).toMatchObject({
      class: 'needs-metadata',
      cause: 'apex action',
      subject: 'apex:ChangeOwner',
      fault: { code: 'UNKNOWN_ACTION', element: 'Change_Owner', handled: false },
    });
    expect(byPath.get(TRIGGERED_FLOW)).toMatchObject({ class: 'finished', cause: 'fired by a create of Case: the save succeeded', triggerType: 'RecordAfterSave' });

    expect(report.summary.flows).toBe(3);
    expect(report.summary.byClass).toEqual({ finished: 2, waiting: 0, 'needs-metadata': 1, 'flow-fault': 0, 'eddy-fault': 0, stuck: 0, 'not-run': 0 });
    // The screen flow and the triggered flow need nothing outside the corpus: 2 of 2 succeeded.
    expect(report.summary.success).toEqual({ runnable: 2, succeeded: 2, ratio: 1 });
    expect(report.summary.byCause).toContainEqual({ class: 'needs-metadata', cause: 'apex action', count: 1, subjects: [{ subject: 'apex:ChangeOwner', count: 1 }], flows: [APEX_FLOW] });

    const markdown = reportMarkdown(report);
    expect(markdown).toContain('**Success: 2 of 2 flows that need nothing outside the corpus (100.0%)');
    expect(markdown).toContain(`| ${APEX_FLOW} | Flow | needs-metadata | apex action: apex:ChangeOwner |`);
  });
});
