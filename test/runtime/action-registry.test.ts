import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadActionModules } from '../../src/adapters/actions/load-action-modules.js';
import { ActionRegistry, type InvocableAction } from '../../src/runtime/actions/action-registry.js';
import type { FlowValue } from '../../src/engine/protocol.js';
import { PROCESS_TEST_TIMEOUT_MS } from '../support/timeouts.js';

const run = promisify(execFile);
const registryModule = resolve('src/runtime/actions/action-registry.ts');
const loaderModule = resolve('src/adapters/actions/load-action-modules.ts');
const context = { userId: '005000000000001AAA', now: '2025-03-04T10:00:00.000Z' };

function echoAction(overrides: Partial<InvocableAction> = {}): InvocableAction {
  return {
    actionType: 'apex',
    name: 'Echo',
    invoke: (inputs) => ({ echoed: inputs }),
    ...overrides,
  };
}

describe('ActionRegistry', () => {
  it('invokes a registered action with its inputs and context and returns its outputs', async () => {
    const registry = new ActionRegistry();
    const seen: unknown[] = [];
    registry.register(
      echoAction({
        invoke: (inputs, ctx) => {
          seen.push(ctx);
          return { greeting: `Hello ${String(inputs['name'])}` };
        },
      }),
    );
    await expect(registry.invoke('apex', 'Echo', { name: 'Ada' }, context)).resolves.toEqual({ greeting: 'Hello Ada' });
    expect(seen).toEqual([context]);
  });

  it('awaits asynchronous handlers', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ invoke: async () => ({ done: true }) }));
    await expect(registry.invoke('apex', 'Echo', {}, context)).resolves.toEqual({ done: true });
  });

  it('matches action types case-insensitively and names exactly', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ actionType: 'APEX', name: 'ns__Echo' }));
    expect(registry.get('apex', 'ns__Echo')?.name).toBe('ns__Echo');
    expect(registry.get('Apex', 'ns__Echo')).toBeDefined();
    expect(registry.get('apex', 'ns__echo')).toBeUndefined();
    await expect(registry.invoke('apex', 'ns__echo', {}, context)).rejects.toMatchObject({ code: 'UNKNOWN_ACTION' });
  });

  it('refuses an unknown action with a message naming its type and name', async () => {
    const registry = new ActionRegistry();
    const failure = registry.invoke('apex', 'MyClass', {}, context);
    await expect(failure).rejects.toMatchObject({ code: 'UNKNOWN_ACTION' });
    await expect(failure).rejects.toThrow(/Apex action "MyClass" \(apex:MyClass\) is not registered\. Register it with/);
  });

  it('names non-Apex action types in the unknown-action message', async () => {
    const registry = new ActionRegistry();
    await expect(registry.invoke('externalService', 'Weather.getForecast', {}, context)).rejects.toThrow(
      'Action of type "externalService" "Weather.getForecast" (externalService:Weather.getForecast) is not registered',
    );
  });

  it('refuses to register the same type and name twice', () => {
    const registry = new ActionRegistry();
    registry.register(echoAction());
    expect(() => registry.register(echoAction({ actionType: 'Apex' }))).toThrow(expect.objectContaining({ code: 'DUPLICATE_ACTION' }));
  });

  it('refuses to register something that is not an action', () => {
    const registry = new ActionRegistry();
    const noInvoke = { actionType: 'apex', name: 'X' } as unknown as InvocableAction;
    expect(() => registry.register(noInvoke)).toThrow(expect.objectContaining({ code: 'INVALID_ACTION' }));
    const badType = echoAction({ inputs: { a: { dataType: 'Text' as never } } });
    expect(() => registry.register(badType)).toThrow(/inputs\.a has an unknown dataType "Text"/);
  });

  it('serves as the engine driver action port for one user and time', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ invoke: (inputs, ctx) => ({ user: ctx.userId, at: ctx.now, n: inputs['n'] ?? null }) }));
    const port = registry.portFor(context);
    await expect(port.invoke('APEX', 'Echo', { n: 1 })).resolves.toEqual({ user: context.userId, at: context.now, n: 1 });
    await expect(port.invoke('apex', 'Missing', {})).rejects.toMatchObject({ code: 'UNKNOWN_ACTION' });
  });

  it('lists registered actions in registration order', () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ name: 'B' }));
    registry.register(echoAction({ name: 'A' }));
    expect(registry.list().map((action) => action.name)).toEqual(['B', 'A']);
  });

  it('refuses a call missing a required input', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ inputs: { recordId: { dataType: 'Reference', required: true } } }));
    await expect(registry.invoke('apex', 'Echo', {}, context)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('required input "recordId"'),
    });
    await expect(registry.invoke('apex', 'Echo', { recordId: null }, context)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('refuses an input the action does not declare', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ inputs: { a: { dataType: 'String' } } }));
    await expect(registry.invoke('apex', 'Echo', { b: 'x' }, context)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('has no input "b"'),
    });
  });

  it('coerces inputs to their declared types', async () => {
    const registry = new ActionRegistry();
    let received: Record<string, FlowValue> = {};
    registry.register(
      echoAction({
        inputs: {
          amount: { dataType: 'Number' },
          flag: { dataType: 'Boolean' },
          day: { dataType: 'Date' },
          at: { dataType: 'DateTime' },
          time: { dataType: 'Time' },
          label: { dataType: 'String' },
          counts: { dataType: 'Long', isCollection: true },
          optional: { dataType: 'String' },
        },
        invoke: (inputs) => {
          received = inputs;
          return {};
        },
      }),
    );
    await registry.invoke(
      'apex',
      'Echo',
      { amount: '12.5', flag: 'true', day: '2025-02-03T22:00:00.000Z', at: '2025-02-03', time: '09:30', label: 42, counts: ['1', 2] },
      context,
    );
    expect(received).toEqual({
      amount: 12.5,
      flag: true,
      day: '2025-02-03',
      at: '2025-02-03T00:00:00.000Z',
      time: '09:30:00.000',
      label: '42',
      counts: [1, 2],
    });
  });

  it('refuses inputs that cannot be converted to their declared types', async () => {
    const registry = new ActionRegistry();
    registry.register(
      echoAction({
        inputs: {
          amount: { dataType: 'Number' },
          day: { dataType: 'Date' },
          record: { dataType: 'SObject' },
          ids: { dataType: 'String', isCollection: true },
        },
      }),
    );
    const cases: Record<string, FlowValue>[] = [{ amount: 'twelve' }, { day: '2025-02-30' }, { record: 'x' }, { ids: 'one' }, { amount: [1] }];
    for (const inputs of cases) {
      await expect(registry.invoke('apex', 'Echo', inputs, context)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('wraps a handler exception as ACTION_FAILED with the handler message', async () => {
    const registry = new ActionRegistry();
    registry.register(
      echoAction({
        invoke: () => {
          throw new Error('Credit check service is down');
        },
      }),
    );
    await expect(registry.invoke('apex', 'Echo', {}, context)).rejects.toMatchObject({
      code: 'ACTION_FAILED',
      message: 'Apex action "Echo" (apex:Echo) failed: Credit check service is down',
    });
  });

  it('wraps a rejected promise as ACTION_FAILED', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ invoke: () => Promise.reject(new Error('timeout')) }));
    await expect(registry.invoke('apex', 'Echo', {}, context)).rejects.toMatchObject({ code: 'ACTION_FAILED', message: expect.stringContaining('timeout') });
  });

  it('coerces declared outputs and turns Date objects into JSON strings', async () => {
    const registry = new ActionRegistry();
    registry.register(
      echoAction({
        outputs: { total: { dataType: 'Currency' }, due: { dataType: 'Date' } },
        invoke: () => ({ total: '10.50', due: new Date('2025-05-06T12:00:00.000Z'), stamp: new Date('2025-05-06T12:00:00.000Z'), skipped: undefined }) as never,
      }),
    );
    await expect(registry.invoke('apex', 'Echo', {}, context)).resolves.toEqual({ total: 10.5, due: '2025-05-06', stamp: '2025-05-06T12:00:00.000Z' });
  });

  it('reports a handler returning something other than an outputs object as ACTION_FAILED', async () => {
    const registry = new ActionRegistry();
    registry.register(echoAction({ invoke: () => 'done' as never }));
    await expect(registry.invoke('apex', 'Echo', {}, context)).rejects.toMatchObject({ code: 'ACTION_FAILED', message: expect.stringContaining('returned string') });
    const other = new ActionRegistry();
    other.register(echoAction({ outputs: { n: { dataType: 'Number' } }, invoke: () => ({ n: 'abc' }) }));
    await expect(other.invoke('apex', 'Echo', {}, context)).rejects.toMatchObject({ code: 'ACTION_FAILED', message: expect.stringContaining('invalid output "n"') });
  });
});

describe('loadActionModules', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'eddy-actions-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('registers default exports, arrays and named "actions" exports from .js, .mjs and .ts modules', async () => {
    await writeFile(
      join(folder, 'a-single.mjs'),
      `export default { actionType: 'apex', name: 'Single', invoke: (inputs) => ({ doubled: inputs.n * 2 }) };\n`,
    );
    await writeFile(
      join(folder, 'b-list.js'),
      `export default [\n` +
        `  { actionType: 'apex', name: 'First', invoke: () => ({ which: 'first' }) },\n` +
        `  { actionType: 'externalService', name: 'Second', invoke: () => ({ which: 'second' }) },\n` +
        `];\n`,
    );
    await writeFile(
      join(folder, 'c-typed.ts'),
      `interface Inputs { name: string }\n` +
        `export const actions = [{ actionType: 'APEX', name: 'ns__Typed', inputs: { name: { dataType: 'String', required: true } },\n` +
        `  invoke: (inputs: Record<string, unknown>) => ({ hello: 'Hi ' + (inputs as unknown as Inputs).name }) }];\n`,
    );
    await writeFile(join(folder, 'types.d.ts'), `export declare const x: number;\n`);
    await writeFile(join(folder, 'notes.txt'), `not a module\n`);

    const registry = new ActionRegistry();
    const loaded = await loadActionModules(folder, registry);

    expect(loaded.map((action) => action.name)).toEqual(['Single', 'First', 'Second', 'ns__Typed']);
    await expect(registry.invoke('apex', 'Single', { n: 21 }, context)).resolves.toEqual({ doubled: 42 });
    await expect(registry.invoke('externalService', 'Second', {}, context)).resolves.toEqual({ which: 'second' });
    await expect(registry.invoke('apex', 'ns__Typed', { name: 'Ada' }, context)).resolves.toEqual({ hello: 'Hi Ada' });
  });

  it('loads CommonJS, ESM and TypeScript modules under plain Node with tsx, as the CLI runs', { timeout: PROCESS_TEST_TIMEOUT_MS }, async () => {
    await writeFile(join(folder, 'package.json'), `{ "type": "commonjs" }\n`);
    await writeFile(join(folder, 'plain.js'), `module.exports = { actionType: 'apex', name: 'Plain', invoke: () => ({ from: 'plain' }) };\n`);
    await writeFile(
      join(folder, 'compiled.js'),
      `Object.defineProperty(exports, '__esModule', { value: true });\n` +
        `exports.default = { actionType: 'apex', name: 'Compiled', invoke: () => ({ from: 'compiled' }) };\n`,
    );
    await writeFile(join(folder, 'typed.ts'), `const from: string = 'typed';\nexport default { actionType: 'apex', name: 'Typed', invoke: () => ({ from }) };\n`);
    await writeFile(join(folder, 'module.mjs'), `export const actions = [{ actionType: 'apex', name: 'Esm', invoke: () => ({ from: 'esm' }) }];\n`);
    const script = join(tmpdir(), `${basename(folder)}-load.mts`);
    await writeFile(
      script,
      `import { ActionRegistry } from ${JSON.stringify(pathToFileURL(registryModule).href)};\n` +
        `import { loadActionModules } from ${JSON.stringify(pathToFileURL(loaderModule).href)};\n` +
        `const registry = new ActionRegistry();\n` +
        `const loaded = await loadActionModules(${JSON.stringify(folder)}, registry);\n` +
        `const context = { userId: 'u', now: 'n' };\n` +
        `console.log(JSON.stringify(await Promise.all(loaded.map((action) => registry.invoke('apex', action.name, {}, context)))));\n`,
    );
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: process.cwd() });
      expect(JSON.parse(stdout)).toEqual([{ from: 'compiled' }, { from: 'esm' }, { from: 'plain' }, { from: 'typed' }]);
    } finally {
      await rm(script, { force: true });
    }
  });

  it('names the file when a module does not export an action', async () => {
    await writeFile(join(folder, 'broken.mjs'), `export default { actionType: 'apex', name: 'NoInvoke' };\n`);
    const failure = loadActionModules(folder, new ActionRegistry());
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_ACTION_MODULE' });
    await expect(failure).rejects.toThrow(/broken\.mjs.*"NoInvoke" has no invoke function/);
  });

  it('names the file when a module has no usable export', async () => {
    await writeFile(join(folder, 'empty.mjs'), `export const other = 1;\n`);
    await expect(loadActionModules(folder, new ActionRegistry())).rejects.toThrow(/empty\.mjs" has neither a default export nor an "actions" export/);
  });

  it('names the file when a module fails to load', async () => {
    await writeFile(join(folder, 'throws.mjs'), `throw new Error('missing configuration');\n`);
    const failure = loadActionModules(folder, new ActionRegistry());
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_ACTION_MODULE' });
    await expect(failure).rejects.toThrow(/throws\.mjs" could not be loaded: missing configuration/);
  });

  it('names the file that registers an action a second time', async () => {
    await writeFile(join(folder, 'one.mjs'), `export default { actionType: 'apex', name: 'Same', invoke: () => ({}) };\n`);
    await writeFile(join(folder, 'two.mjs'), `export default { actionType: 'Apex', name: 'Same', invoke: () => ({}) };\n`);
    await expect(loadActionModules(folder, new ActionRegistry())).rejects.toThrow(/two\.mjs".*already registered/);
  });

  it('refuses a folder that does not exist', async () => {
    await expect(loadActionModules(join(folder, 'missing'), new ActionRegistry())).rejects.toMatchObject({ code: 'INVALID_ACTION_MODULE' });
  });
});
