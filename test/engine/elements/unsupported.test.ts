import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { flowFromXml } from '../support/flow-xml.js';

describe('elements Eddy cannot run', () => {
  it('faults with UNSUPPORTED naming a transform', () => {
    const flow = flowFromXml(
      `<transforms><name>Map_It</name><label>Map It</label><dataType>String</dataType><isCollection>false</isCollection><storeOutputAutomatically>true</storeOutputAutomatically></transforms>`,
      { start: 'Map_It' },
    );
    const awaiting = start(flow, {}, startContext()).awaiting;
    expect(awaiting).toMatchObject({ kind: 'failed', fault: { code: 'UNSUPPORTED', element: 'Map_It' } });
    expect(awaiting.kind === 'failed' && awaiting.fault.message).toContain('Transform "Map_It"');
  });

  it('faults with UNSUPPORTED naming an element of an unsupported kind', () => {
    const flow = flowFromXml(`<apexPluginCalls><name>Legacy</name><label>Legacy</label><apexClass>MyPlugin</apexClass></apexPluginCalls>`, { start: 'Legacy' });
    const awaiting = start(flow, {}, startContext()).awaiting;
    expect(awaiting).toMatchObject({ kind: 'failed', fault: { code: 'UNSUPPORTED', element: 'Legacy' } });
    expect(awaiting.kind === 'failed' && awaiting.fault.message).toContain('apexPluginCalls');
  });
});
