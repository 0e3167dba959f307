/** An in-memory {@link ActionPort} for engine tests: handlers by action type and name, and a call log. */
import type { ActionPort, FlowValue } from '../../../src/engine/index.js';

/** An action handler: inputs → outputs (throw an error with `code` to fail). */
export type ActionHandler = (inputs: Record<string, FlowValue>) => Record<string, FlowValue>;

/** An error with a stable code, as action ports throw them. */
export class ActionCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
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
    return handler(inputs);
  }
}
