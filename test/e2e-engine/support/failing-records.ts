/**
 * A {@link MemoryRecords} store whose next operations of a kind on an object can be made to
 * fail once each (a validation rule rejecting an insert, a lost connection), so that a flow's
 * fault path runs and the operations after it succeed — or, for an error the production fault
 * policy does not read as a fault, so that the run stops with it.
 */
import type { FaultCode, FlowRecord, RecordQuery, RecordUpdateWhere } from '../../../src/engine/index.js';
import { MemoryRecords, RecordError } from '../../engine/support/memory-records.js';

/** Record operations that can be made to fail (`update` covers updates by record and by filter). */
export type FailingOperation = 'query' | 'create' | 'update';

interface PlannedFailure {
  readonly operation: FailingOperation;
  readonly object: string;
  readonly error: Error;
}

/** In-memory records with one-shot failures. */
export class FailingRecords extends MemoryRecords {
  readonly #planned: PlannedFailure[] = [];

  /** Makes the next `operation` on `object` throw `code: message`, once; call again to fail again. */
  failOnce(operation: FailingOperation, object: string, code: FaultCode, message: string): this {
    return this.throwOnce(operation, object, new RecordError(code, message));
  }

  /** Makes the next `operation` on `object` throw `error`, once (a catalogue error, a driver failure). */
  throwOnce(operation: FailingOperation, object: string, error: Error): this {
    this.#planned.push({ operation, object: object.toLowerCase(), error });
    return this;
  }

  #take(operation: FailingOperation, objects: readonly string[]): void {
    const index = this.#planned.findIndex((planned) => planned.operation === operation && objects.some((object) => object.toLowerCase() === planned.object));
    if (index < 0) return;
    const [planned] = this.#planned.splice(index, 1);
    if (planned === undefined) return;
    this.log.push(`${operation} ${objects.join(',')} failed`);
    throw planned.error;
  }

  override query(request: RecordQuery): FlowRecord[] {
    this.#take('query', [request.object]);
    return super.query(request);
  }

  override create(records: readonly FlowRecord[]): string[] {
    this.#take('create', records.map((record) => record.attributes.type));
    return super.create(records);
  }

  override update(records: readonly FlowRecord[]): void {
    this.#take('update', records.map((record) => record.attributes.type));
    super.update(records);
  }

  override updateWhere(request: RecordUpdateWhere): number {
    this.#take('update', [request.object]);
    return super.updateWhere(request);
  }
}
