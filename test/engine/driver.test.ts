import { describe, expect, it } from 'vitest';
import { runUntilRest, start, type FlowRecord, type RecordPort } from '../../src/engine/index.js';
import { startContext, stepContext } from './support/context.js';
import { assignment, connector, flowFromXml, ref, str, variable } from './support/flow-xml.js';
import { MemoryActions } from './support/memory-actions.js';
import { MemoryRecords, RecordError } from './support/memory-records.js';

const flow = flowFromXml(
  variable('name', 'String', { output: true }) +
    `<recordCreates><name>Create</name><label>Create</label><object>Account</object><storeOutputAutomatically>true</storeOutputAutomatically>
      <inputAssignments><field>Name</field><value>${str('Acme')}</value></inputAssignments>${connector('Mail')}</recordCreates>
     <actionCalls><name>Mail</name><label>Mail</label><actionName>emailSimple</actionName><actionType>emailSimple</actionType>
      <inputParameters><name>emailAddresses</name><value>${str('a@example.com')}</value></inputParameters>
      <inputParameters><name>emailSubject</name><value>${str('Created {!Create}')}</value></inputParameters>${connector('Find')}</actionCalls>
     <recordLookups><name>Find</name><label>Find</label><object>Account</object><getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>
      <filters><field>Id</field><operator>EqualTo</operator><value>${ref('Create')}</value></filters>${connector('Keep')}</recordLookups>` +
    assignment('Keep', [['name', 'Assign', ref('Find.Name')]]),
  { start: 'Create' },
);

/** A record port whose answers arrive asynchronously, as PostgreSQL's do. */
function asyncPort(inner: MemoryRecords): RecordPort {
  const later = <T>(value: () => T): Promise<T> => new Promise((resolve) => setImmediate(resolve)).then(value);
  return {
    query: (request) => later(() => inner.query(request)),
    create: (records: readonly FlowRecord[]) => later(() => inner.create(records)),
    update: (records) => later(() => inner.update(records)),
    updateWhere: (request) => later(() => inner.updateWhere(request)),
    delete: (object, ids) => later(() => inner.delete(object, ids)),
    deleteWhere: (request) => later(() => inner.deleteWhere(request)),
  };
}

describe('runUntilRest', () => {
  it('answers requests through synchronous or asynchronous ports until the end, collecting effects in order', async () => {
    for (const wrap of [(store: MemoryRecords): RecordPort => store, asyncPort]) {
      const store = new MemoryRecords();
      const result = await runUntilRest(flow, start(flow, {}, startContext()), { records: wrap(store), actions: new MemoryActions(), flows: () => undefined }, stepContext());
      const [account] = store.all('Account');
      expect(result.awaiting).toEqual({ kind: 'finished', outputs: { name: 'Acme' } });
      expect(result.effects).toMatchObject([{ kind: 'email', to: ['a@example.com'], subject: `Created ${account?.Id ?? ''}` }]);
    }
  });

  it('turns a port error into requestFailed with its code', async () => {
    const store = new MemoryRecords();
    store.failures.set('create', new RecordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]'));
    const result = await runUntilRest(flow, start(flow, {}, startContext()), { records: store, actions: new MemoryActions(), flows: () => undefined }, stepContext());
    expect(result.awaiting).toEqual({ kind: 'failed', fault: { code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', element: 'Create' } });
  });

  it('gives RECORD_OPERATION_FAILED to port errors without a code', async () => {
    const store = new MemoryRecords();
    const failing: RecordPort = { query: () => [], create: () => { throw new Error('disk full'); }, update: () => undefined, updateWhere: () => 0, delete: () => undefined, deleteWhere: () => 0 };
    const result = await runUntilRest(flow, start(flow, {}, startContext()), { records: failing, actions: new MemoryActions(), flows: () => undefined }, stepContext());
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'RECORD_OPERATION_FAILED', message: 'disk full' } });
    expect(store.all('Account')).toEqual([]);
  });
});
