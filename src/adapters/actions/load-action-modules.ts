/**
 * Loads invocable actions from a folder of modules on disk into the runtime's action registry
 * (the file system is the adapter's business; the registry is the runtime's).
 */
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ActionError, type ActionRegistry, describeActionProblem, errorMessage, type InvocableAction } from '../../runtime/index.js';

/**
 * Imports every `*.js`, `*.mjs` and `*.ts` module directly in `folder` (sorted by file name) and
 * registers the actions each exports: its default export, or else its `actions` export, being an
 * action or an array of actions. Returns the actions registered. A module that fails to load or
 * exports no valid action throws `INVALID_ACTION_MODULE` naming the file; `.ts` modules need a
 * TypeScript-aware loader (the CLI runs under tsx).
 */
export async function loadActionModules(folder: string, registry: ActionRegistry): Promise<readonly InvocableAction[]> {
  const directory = resolve(folder);
  const info = await stat(directory).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new ActionError('INVALID_ACTION_MODULE', `The actions folder "${directory}" does not exist or is not a folder.`);
  }
  const files = (await readdir(directory, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && isActionModuleFile(entry.name))
    .map((entry) => entry.name)
    .sort();
  const loaded: InvocableAction[] = [];
  for (const file of files) {
    const path = join(directory, file);
    let exports: Record<string, unknown>;
    try {
      exports = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      throw new ActionError('INVALID_ACTION_MODULE', `Action module "${path}" could not be loaded: ${errorMessage(error)}`, { cause: error });
    }
    const exported = unwrapCommonJs(exports['default']) ?? exports['actions'];
    if (exported === undefined) {
      throw new ActionError('INVALID_ACTION_MODULE', `Action module "${path}" has neither a default export nor an "actions" export.`);
    }
    const actions = Array.isArray(exported) ? (exported as unknown[]) : [exported];
    if (actions.length === 0) throw new ActionError('INVALID_ACTION_MODULE', `Action module "${path}" exports an empty list of actions.`);
    for (const [index, candidate] of actions.entries()) {
      const problem = describeActionProblem(candidate);
      if (problem !== undefined) {
        const which = Array.isArray(exported) ? `action #${index + 1}` : 'its export';
        throw new ActionError('INVALID_ACTION_MODULE', `Action module "${path}": ${which} is not an invocable action: ${problem}.`);
      }
      const action = candidate as InvocableAction;
      try {
        registry.register(action);
      } catch (error) {
        throw new ActionError('INVALID_ACTION_MODULE', `Action module "${path}": ${errorMessage(error)}`, { cause: error });
      }
      loaded.push(action);
    }
  }
  return loaded;
}

/** A CommonJS module compiled from ESM (`exports.default = ...`) arrives as `{ default: { default } }`. */
function unwrapCommonJs(exported: unknown): unknown {
  if (typeof exported === 'object' && exported !== null && !Array.isArray(exported) && !('actionType' in exported)) {
    const inner = exported as { default?: unknown; actions?: unknown };
    return inner.default ?? inner.actions ?? exported;
  }
  return exported;
}

function isActionModuleFile(file: string): boolean {
  if (file.endsWith('.d.ts') || file.startsWith('.')) return false;
  return file.endsWith('.js') || file.endsWith('.mjs') || file.endsWith('.ts');
}
