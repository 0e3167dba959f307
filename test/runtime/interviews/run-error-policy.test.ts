/**
 * The production fault policy: which errors a port throws during a run are faults of the flow
 * (its fault connector, or the interview ends in error) and which roll the transaction back.
 */
import { describe, expect, it } from 'vitest';
import { FlowFault } from '../../../src/engine/fault.js';
import { ActionError } from '../../../src/runtime/actions/action-registry.js';
import {
  ConflictError,
  DuplicateValueError,
  InsufficientAccessError,
  LeaseLostError,
  REQUEST_ERROR_CODES,
  RequiredFieldMissingError,
  SerializationFailureError,
  StorageBusyError,
  StorageUnavailableError,
} from '../../../src/runtime/errors.js';
import { classifyRunError, runFaultPolicy } from '../../../src/runtime/interviews/run-error-policy.js';

describe('the run fault policy', () => {
  it('reads what a record store refuses as a fault of the flow, with the catalogue code and message', () => {
    expect(runFaultPolicy(new RequiredFieldMissingError('Required fields are missing: [LastName]', ['LastName']))).toEqual({
      code: 'REQUIRED_FIELD_MISSING',
      message: 'Required fields are missing: [LastName]',
    });
    expect(runFaultPolicy(new DuplicateValueError('duplicate value found: Name'))).toEqual({ code: 'DUPLICATE_VALUE', message: 'duplicate value found: Name' });
    expect(runFaultPolicy(new InsufficientAccessError('insufficient access rights on object id'))).toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
  });

  it('reads a fault a port reports in the engine’s terms (a validation rule of a Salesforce-backed store) as that fault', () => {
    expect(runFaultPolicy(new FlowFault('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Amount must be positive'))).toEqual({
      code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Amount must be positive',
    });
  });

  it('reads a failed, unknown or badly called action as a fault, but a registration error coming out of a call as a bug', () => {
    expect(runFaultPolicy(new ActionError('ACTION_FAILED', 'apex:Broken failed: boom'))).toEqual({ code: 'ACTION_FAILED', message: 'apex:Broken failed: boom' });
    expect(classifyRunError(new ActionError('UNKNOWN_ACTION', 'apex:Nowhere is not registered.'))).toMatchObject({ kind: 'fault', fault: { code: 'UNKNOWN_ACTION' } });
    expect(classifyRunError(new ActionError('INVALID_INPUT', 'no input "x"'))).toMatchObject({ kind: 'fault', fault: { code: 'INVALID_INPUT' } });
    expect(classifyRunError(new ActionError('DUPLICATE_ACTION', 'registered twice'))).toEqual({ kind: 'bug' });
  });

  it('reads lock, serialisation, connection and lease failures as infrastructure, never as faults', () => {
    expect(classifyRunError(new StorageBusyError('locked'))).toEqual({ kind: 'infrastructure', retryable: true });
    expect(classifyRunError(new SerializationFailureError('could not serialize access'))).toEqual({ kind: 'infrastructure', retryable: true });
    expect(classifyRunError(new StorageUnavailableError('connection lost'))).toEqual({ kind: 'infrastructure', retryable: true });
    expect(classifyRunError(new LeaseLostError('lease lost'))).toEqual({ kind: 'infrastructure', retryable: false });
    for (const error of [new StorageBusyError('locked'), new SerializationFailureError('x'), new StorageUnavailableError('x'), new LeaseLostError('x')]) {
      expect(runFaultPolicy(error)).toBeUndefined();
    }
  });

  it('reads a concurrent change of the same row (CONFLICT) as infrastructure: the run is redone, not routed to a fault path', () => {
    expect(classifyRunError(new ConflictError('changed by someone else'))).toEqual({ kind: 'infrastructure', retryable: true });
    expect(runFaultPolicy(new ConflictError('changed by someone else'))).toBeUndefined();
  });

  it('reads anything else as a bug, rethrown rather than recorded as the flow’s fault', () => {
    expect(classifyRunError(new Error('disk on fire'))).toEqual({ kind: 'bug' });
    expect(classifyRunError(Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toEqual({ kind: 'bug' });
    expect(classifyRunError(new TypeError('x is undefined'))).toEqual({ kind: 'bug' });
    expect(runFaultPolicy('a string')).toBeUndefined();
  });

  it('decides every bad-request code of the catalogue: all are faults of the same code but CONFLICT', () => {
    const faultCodes = REQUEST_ERROR_CODES.flatMap((code) => {
      const meaning = classifyRunError(Object.assign(new ConflictError('x'), { code }));
      return meaning.kind === 'fault' ? [meaning.fault.code] : [];
    });
    expect(faultCodes).toEqual(REQUEST_ERROR_CODES.filter((code) => code !== 'CONFLICT'));
  });
});
