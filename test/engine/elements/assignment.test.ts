import { describe, expect, it } from 'vitest';
import { start } from '../../../src/engine/index.js';
import { startContext } from '../support/context.js';
import { assignment, flowFromXml, num, ref, str, variable } from '../support/flow-xml.js';

describe('assignment element', () => {
  it('applies items in order, each seeing the ones before it', () => {
    const flow = flowFromXml(
      variable('count', 'Number', { output: true, scale: 0 }) +
        variable('label', 'String', { output: true }) +
        assignment('Set', [
          ['count', 'Assign', num(2)],
          ['count', 'Add', ref('count')],
          ['label', 'Assign', str('n=')],
          ['label', 'Add', ref('count')],
        ]),
      { start: 'Set' },
    );
    const result = start(flow, {}, startContext());
    expect(result.awaiting).toEqual({ kind: 'finished', outputs: { count: 4, label: 'n=4' } });
  });

  it('sets a field of a record variable, creating the record when the variable is null', () => {
    const flow = flowFromXml(
      variable('rec', 'SObject', { output: true, objectType: 'Contact' }) +
        assignment('Set', [
          ['rec.LastName', 'Assign', str('Lovelace')],
          ['rec.Account.Name', 'Assign', str('Acme')],
        ]),
      { start: 'Set' },
    );
    const result = start(flow, {}, startContext());
    expect(result.awaiting).toEqual({
      kind: 'finished',
      outputs: { rec: { attributes: { type: 'Contact' }, LastName: 'Lovelace', Account: { Name: 'Acme' } } },
    });
  });

  it('does not change a record another variable was copied from', () => {
    const flow = flowFromXml(
      variable('a', 'SObject', { output: true, objectType: 'Account' }) +
        variable('b', 'SObject', { output: true, objectType: 'Account' }) +
        assignment('Set', [
          ['a.Name', 'Assign', str('first')],
          ['b', 'Assign', ref('a')],
          ['a.Name', 'Assign', str('second')],
        ]),
      { start: 'Set' },
    );
    const result = start(flow, {}, startContext());
    expect(result.awaiting).toMatchObject({ kind: 'finished', outputs: { a: { Name: 'second' }, b: { Name: 'first' } } });
  });

  it('adds to collections and counts them', () => {
    const flow = flowFromXml(
      variable('names', 'String', { collection: true, output: true }) +
        variable('size', 'Number', { output: true, scale: 0 }) +
        assignment('Set', [
          ['names', 'Add', str('a')],
          ['names', 'Add', str('b')],
          ['names', 'AddAtStart', str('z')],
          ['size', 'AssignCount', ref('names')],
        ]),
      { start: 'Set' },
    );
    expect(start(flow, {}, startContext()).awaiting).toEqual({ kind: 'finished', outputs: { names: ['z', 'a', 'b'], size: 3 } });
  });

  it('faults with INVALID_TYPE when a value does not fit the variable', () => {
    const flow = flowFromXml(variable('count', 'Number') + assignment('Set', [['count', 'Assign', str('abc')]]), { start: 'Set' });
    const result = start(flow, {}, startContext());
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'INVALID_TYPE', element: 'Set' } });
    expect(result.state.status).toBe('error');
  });

  it('faults with UNKNOWN_REFERENCE naming a reference the flow does not have', () => {
    const flow = flowFromXml(variable('count', 'Number') + assignment('Set', [['count', 'Assign', ref('missing')]]), { start: 'Set' });
    const result = start(flow, {}, startContext());
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_REFERENCE', element: 'Set' } });
    expect(result.awaiting.kind === 'failed' && result.awaiting.fault.message).toContain('missing');
  });
});
