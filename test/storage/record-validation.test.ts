import { describe, expect, it } from 'vitest';
import { buildOrgSchema } from '../../src/runtime/org/org-schema.js';
import { normalizeDateTime, validateRecordWrite } from '../../src/runtime/org/record-validation.js';
import { F } from '../../src/runtime/org/field-builders.js';
import { to18 } from '../../src/runtime/org/ids.js';

const schema = buildOrgSchema(
  [{ name: 'Gadget__c', label: 'Gadget', labelPlural: 'Gadgets', description: null, sharingModel: 'ReadWrite', keyPrefix: 'a00', nameField: F.text('Name', 80, { nameField: true }) }],
  [
    { object: 'Gadget__c', field: F.multipicklist('Colors__c', ['Red', 'Green', 'Blue'], { restricted: true }) },
    { object: 'Gadget__c', field: F.time('Opens__c') },
    { object: 'Gadget__c', field: F.checkbox('Active__c') },
    { object: 'Gadget__c', field: F.percent('Share__c', 5, 2) },
  ],
);

describe('record write validation', () => {
  it('canonicalises field names and normalises values', () => {
    const write = validateRecordWrite(schema, 'gadget__c', { attributes: { type: 'Gadget__c' }, name: 'G1', colors__c: 'red;BLUE;red', OPENS__C: '09:30', Active__c: 'true', Share__c: '12.345' }, 'create');
    expect(write.object.name).toBe('Gadget__c');
    expect(write.values).toEqual({ Name: 'G1', Colors__c: 'Red;Blue', Opens__c: '09:30:00.000Z', Active__c: true, Share__c: 12.35 });
  });

  it('fills defaults on create and checks only given fields on update', () => {
    expect(validateRecordWrite(schema, 'Case', {}, 'create').values).toMatchObject({ Status: 'New', Priority: 'Medium', IsEscalated: false });
    const caseId = to18('5000E0000000001');
    const update = validateRecordWrite(schema, 'Case', { Id: caseId.slice(0, 15), Subject: 'x' }, 'update');
    expect(update.values).toEqual({ Subject: 'x' });
    expect(update.id).toBe(caseId);
  });

  it('reports the first problem with Salesforce codes and the field', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ Colors__c: 'Purple' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', 'Colors__c'],
      [{ Opens__c: '25:00' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'Opens__c'],
      [{ Active__c: 'yes' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'Active__c'],
      [{ Share__c: 1000 }, 'NUMBER_OUTSIDE_VALID_RANGE', 'Share__c'],
      [{ Name: { nested: true } }, 'INVALID_TYPE_ON_FIELD_IN_RECORD', 'Name'],
      [{ Id: null, OwnerId: 12 }, 'MALFORMED_ID', 'OwnerId'],
      [{ CreatedById: '005000000000000AAA' }, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'CreatedById'],
    ];
    for (const [input, code, field] of cases) {
      expect(() => validateRecordWrite(schema, 'Gadget__c', input, 'create')).toThrow(expect.objectContaining({ code, fields: [field] }));
    }
    expect(() => validateRecordWrite(schema, 'Gadget__c', { Id: '001000000000000AAA' }, 'update')).toThrow(expect.objectContaining({ code: 'MALFORMED_ID' }));
    expect(() => validateRecordWrite(schema, 'FlowInterview', {}, 'create')).toThrow(expect.objectContaining({ code: 'INVALID_OPERATION' }));
    expect(() => validateRecordWrite(schema, 'Nothing__c', {}, 'create')).toThrow(expect.objectContaining({ code: 'INVALID_TYPE' }));
  });

  it('normalises date-times to UTC with milliseconds', () => {
    expect(normalizeDateTime('2026-01-05T10:00:00+01:00')).toBe('2026-01-05T09:00:00.000Z');
    expect(normalizeDateTime('2026-01-05')).toBe('2026-01-05T00:00:00.000Z');
    expect(normalizeDateTime('2026-13-05T10:00:00Z')).toBeUndefined();
    expect(normalizeDateTime('yesterday')).toBeUndefined();
  });
});
