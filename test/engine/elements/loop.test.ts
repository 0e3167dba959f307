import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { assignment, connector, flowFromXml, ref, str, variable } from '../support/flow-xml.js';

function loopFlow(order: 'Asc' | 'Desc', legacy: boolean): ReturnType<typeof flowFromXml> {
  return flowFromXml(
    variable('items', 'String', { collection: true, input: true }) +
      variable('item', 'String') +
      variable('joined', 'String', { output: true }) +
      `<loops><name>Each</name><label>Each</label>
        <collectionReference>items</collectionReference>
        ${legacy ? '<assignNextValueToReference>item</assignNextValueToReference>' : ''}
        <iterationOrder>${order}</iterationOrder>
        ${connector('Append', 'nextValueConnector')}
        ${connector('Done', 'noMoreValuesConnector')}
      </loops>` +
      assignment('Append', [['joined', 'Add', ref(legacy ? 'item' : 'Each')]], 'Each') +
      assignment('Done', [['joined', 'Add', str('.')]]),
    { start: 'Each' },
  );
}

function joined(flow: ReturnType<typeof flowFromXml>, items: string[] | null): unknown {
  const awaiting = start(flow, { items }, startContext()).awaiting;
  return awaiting.kind === 'finished' ? awaiting.outputs.joined : awaiting;
}

describe('loop element', () => {
  it('visits items in ascending order through {!LoopName}', () => {
    expect(joined(loopFlow('Asc', false), ['a', 'b', 'c'])).toBe('abc.');
  });

  it('visits items in descending order', () => {
    expect(joined(loopFlow('Desc', false), ['a', 'b', 'c'])).toBe('cba.');
  });

  it('assigns each item to the loop variable of a legacy loop', () => {
    expect(joined(loopFlow('Asc', true), ['x', 'y'])).toBe('xy.');
  });

  it('goes straight to the end for an empty or null collection', () => {
    expect(joined(loopFlow('Asc', false), [])).toBe('.');
    expect(joined(loopFlow('Asc', false), null)).toBe('.');
  });

  it('starts over when entered again after it finished', () => {
    const flow = flowFromXml(
      variable('items', 'String', { collection: true, input: true }) +
        variable('rounds', 'Number', { scale: 0 }) +
        variable('joined', 'String', { output: true }) +
        `<loops><name>Each</name><label>Each</label><collectionReference>items</collectionReference><iterationOrder>Asc</iterationOrder>
          ${connector('Append', 'nextValueConnector')}${connector('Round', 'noMoreValuesConnector')}</loops>` +
        assignment('Append', [['joined', 'Add', ref('Each')]], 'Each') +
        assignment('Round', [['rounds', 'Add', '<numberValue>1</numberValue>']], 'Again') +
        `<decisions><name>Again</name><label>Again</label>
          <rules><name>Once_More</name><label>Once more</label><conditionLogic>and</conditionLogic>
            <conditions><leftValueReference>rounds</leftValueReference><operator>LessThan</operator><rightValue><numberValue>2</numberValue></rightValue></conditions>
            ${connector('Each')}</rules></decisions>`,
      { start: 'Each' },
    );
    const result = start(flow, { items: ['a', 'b'] }, startContext());
    expect(result.awaiting).toEqual({ kind: 'finished', outputs: { joined: 'abab' } });
    expect(result.state.frames[0]?.loops).toEqual({});
  });
});
