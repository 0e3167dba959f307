/**
 * What the flows' ports refused while they ran, including errors a fault connector then handled:
 * a flow that goes down its fault path because an Apex class is missing finishes, but a user in
 * Salesforce would not have seen that path. The storage's record store and the action registry
 * are wrapped so that every error they throw is noted (code and message) before it goes on.
 */
import { ActionRegistry, type ActionContext, type Storage, type StorageSession } from '../src/runtime/index.js';
import type { FlowValue } from '../src/engine/index.js';

/** One error a port threw. */
export interface PortError {
  readonly port: 'records' | 'actions';
  /** The record store operation (`create`, `query`...) or the action (`apex:MyClass`). */
  readonly operation: string;
  readonly code: string;
  readonly message: string;
}

/** The errors noted since the last {@link PortErrorLog.take}. */
export class PortErrorLog {
  #errors: PortError[] = [];

  note(error: PortError): void {
    this.#errors.push(error);
  }

  /** The errors noted so far, and a fresh start. */
  take(): PortError[] {
    const errors = this.#errors;
    this.#errors = [];
    return errors;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'UNKNOWN';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `target` with every method's thrown errors (sync or async) noted in `log`. */
function observed<T extends object>(target: T, log: PortErrorLog, port: PortError['port']): T {
  return new Proxy(target, {
    get(object, property, receiver) {
      const value: unknown = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      const operation = String(property);
      return (...args: unknown[]) => {
        const note = (error: unknown): never => {
          log.note({ port, operation, code: codeOf(error), message: messageOf(error) });
          throw error;
        };
        try {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
          return result instanceof Promise ? result.catch(note) : result;
        } catch (error) {
          return note(error);
        }
      };
    },
  });
}

function observedSession<T extends StorageSession>(session: T, log: PortErrorLog): T {
  const records = observed(session.records, log, 'records');
  return new Proxy(session, {
    get(object, property, receiver) {
      if (property === 'records') return records;
      const value: unknown = Reflect.get(object, property, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}

/** The storage the runtime runs on, its record store's errors noted in `log` (inside transactions too). */
export function observedStorage(storage: Storage, log: PortErrorLog): Storage {
  const session = observedSession(storage, log);
  return new Proxy(session, {
    get(object, property, receiver) {
      if (property === 'transaction') {
        return <R>(work: (tx: StorageSession) => Promise<R>): Promise<R> => storage.transaction((tx) => work(observedSession(tx, log)));
      }
      return Reflect.get(object, property, receiver);
    },
  });
}

/** An action registry that notes every error an action call raises (an unregistered Apex class...). */
export class ObservedActionRegistry extends ActionRegistry {
  readonly #log: PortErrorLog;

  constructor(log: PortErrorLog) {
    super();
    this.#log = log;
  }

  override async invoke(actionType: string, name: string, inputs: Record<string, FlowValue>, context: ActionContext): Promise<Record<string, FlowValue>> {
    try {
      return await super.invoke(actionType, name, inputs, context);
    } catch (error) {
      this.#log.note({ port: 'actions', operation: `${actionType}:${name}`, code: codeOf(error), message: messageOf(error) });
      throw error;
    }
  }
}
