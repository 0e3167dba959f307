/**
 * An in-memory {@link ActionPort} for engine tests: handlers by action type and name, and a call
 * log. Like the runtime's action registry, a handler's error is the action's failure
 * (`ACTION_FAILED` with its message) unless it is a fault with a code of its own.
 */
import { FlowFault, type ActionPort, type FaultCode, type FlowValue } from '../../../src/engine/index.js';

/** An action handler: inputs → outputs (throw to fail; an {@link ActionCallError} to fail with a code). */
export type ActionHandler = (inputs: Record<string, FlowValue>) => Record<string, FlowValue>;

/** An action call refused with a code: a fault of the flow, as action ports report them. */
export class ActionCallError extends FlowFault {
  constructor(code: FaultCode, message: string) {
    super(code, message);
    this.name = 'ActionCallError';
  }
}

/** Registered stubs; an unregistered action fails with `UNKNOWN_ACTION` naming it. */
export class MemoryActions implements ActionPort {
  readonly #handlers = new Map<string, ActionHandler>();
  /** Calls made, in order. */
  readonly calls: { actionType: string; actionName: string; inputs: Record<string, FlowValue> }[] = [];

  constructor(handlers: Record<string, ActionHandler> = {}) {
    for (const [key, handler] of Object.entries(handlers)) {
      const [type = '', ...name] = key.split(':');
      this.register(type, name.join(':'), handler);
    }
  }

  /** Registers a handler for `actionType` (case-insensitive) and `actionName`. */
  register(actionType: string, actionName: string, handler: ActionHandler): this {
    this.#handlers.set(`${actionType.toLowerCase()}:${actionName}`, handler);
    return this;
  }

  invoke(actionType: string, actionName: string, inputs: Record<string, FlowValue>): Record<string, FlowValue> {
    this.calls.push({ actionType, actionName, inputs });
    const handler = this.#handlers.get(`${actionType.toLowerCase()}:${actionName}`);
    if (handler === undefined) throw new ActionCallError('UNKNOWN_ACTION', `No ${actionType} action named "${actionName}" is registered.`);
    try {
      return handler(inputs);
    } catch (error) {
      if (error instanceof FlowFault) throw error;
      throw new ActionCallError('ACTION_FAILED', error instanceof Error ? error.message : String(error));
    }
  }
}
