import { describe, expect, it } from 'vitest';
import { flowFaultsOnly, runUntilRest, start, type CompiledFlow, type FaultPolicy, type FlowPort, type FlowRecord, type RecordPort } from '../../src/engine/index.js';
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

/** The root flow and no subflows. */
function only(root: CompiledFlow): FlowPort {
  return { root, lookup: () => undefined, load: () => undefined };
}

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

function failingCreate(error: unknown): RecordPort {
  const store = new MemoryRecords();
  return {
    query: (request) => store.query(request),
    create: () => {
      throw error;
    },
    update: (records) => store.update(records),
    updateWhere: (request) => store.updateWhere(request),
    delete: (object, ids) => store.delete(object, ids),
    deleteWhere: (request) => store.deleteWhere(request),
  };
}

describe('runUntilRest', () => {
  it('answers requests through synchronous or asynchronous ports until the end, collecting effects in order', async () => {
    for (const wrap of [(store: MemoryRecords): RecordPort => store, asyncPort]) {
      const store = new MemoryRecords();
      const result = await runUntilRest(start(flow, {}, startContext()), { records: wrap(store), actions: new MemoryActions(), flows: only(flow), faults: flowFaultsOnly }, stepContext());
      const [account] = store.all('Account');
      expect(result.awaiting).toEqual({ kind: 'finished', outputs: { name: 'Acme' } });
      expect(result.effects).toMatchObject([{ kind: 'email', to: ['a@example.com'], subject: `Created ${account?.Id ?? ''}` }]);
    }
  });

  it('turns a port error into requestFailed with its code', async () => {
    const store = new MemoryRecords();
    store.failures.set('create', new RecordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [Name]'));
    const result = await runUntilRest(start(flow, {}, startContext()), { records: store, actions: new MemoryActions(), flows: only(flow), faults: flowFaultsOnly }, stepContext());
    expect(result.awaiting).toEqual({ kind: 'failed', fault: { code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Name]', element: 'Create' } });
  });

  it('rethrows a port error its policy does not read as a fault, so that the caller can roll back', async () => {
    const diskFull = new Error('disk full');
    const run = runUntilRest(start(flow, {}, startContext()), { records: failingCreate(diskFull), actions: new MemoryActions(), flows: only(flow), faults: flowFaultsOnly }, stepContext());
    await expect(run).rejects.toBe(diskFull);
  });

  it('gives a port error the fault code and message its policy reads in it', async () => {
    const policy: FaultPolicy = (error) => (error instanceof Error ? { code: 'RECORD_OPERATION_FAILED', message: `Create failed: ${error.message}` } : undefined);
    const result = await runUntilRest(start(flow, {}, startContext()), { records: failingCreate(new Error('disk full')), actions: new MemoryActions(), flows: only(flow), faults: policy }, stepContext());
    expect(result.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'RECORD_OPERATION_FAILED', message: 'Create failed: disk full', element: 'Create' } });
  });

  it('loads a called subflow through the flow port before the engine looks it up, and fails with UNKNOWN_FLOW when there is none', async () => {
    const parent = flowFromXml(`<subflows><name>Call</name><label>Call</label><flowName>Child</flowName></subflows>`, { start: 'Call' });
    const child = flowFromXml(variable('done', 'Boolean') + assignment('Done', [['done', 'Assign', '<booleanValue>true</booleanValue>']]), { start: 'Done', apiName: 'Child' });
    const loaded = new Map<string, CompiledFlow>();
    const flows: FlowPort = {
      root: parent,
      lookup: (name) => loaded.get(name),
      load: async (name) => {
        if (name === 'Child') loaded.set(name, child);
        return loaded.get(name);
      },
    };
    const ports = { records: new MemoryRecords(), actions: new MemoryActions(), faults: flowFaultsOnly };
    const result = await runUntilRest(start(parent, {}, startContext({ flows: flows.lookup })), { ...ports, flows }, stepContext());
    expect(result.awaiting).toEqual({ kind: 'finished', outputs: {} });
    const missing = await runUntilRest(start(parent, {}, startContext()), { ...ports, flows: only(parent) }, stepContext());
    expect(missing.awaiting).toMatchObject({ kind: 'failed', fault: { code: 'UNKNOWN_FLOW', element: 'Call' } });
  });
});
