/**
 * The generated standard object catalogue, as the org's describe serves it: a sample of 30
 * objects checked against an expectation list taken from the sources themselves
 * (`test/fixtures/standard-objects/expected-fields.json`), the reference's spot checks, the
 * objects left out, the reconciliation with Eddy's hand-written describes, and lazy loading.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOrgSchema } from '../../../src/runtime/index.js';

interface ExpectedField {
  readonly name: string;
  readonly type: string;
  readonly referenceTo?: readonly string[];
  readonly picklistValues?: readonly string[];
  readonly readOnly?: boolean;
}
interface ExpectedObject {
  readonly object: string;
  readonly keyPrefix: string | null;
  readonly label: string | null;
  readonly fields: readonly ExpectedField[];
}

const expected = (JSON.parse(readFileSync(new URL('../../fixtures/standard-objects/expected-fields.json', import.meta.url), 'utf8')) as { objects: ExpectedObject[] }).objects;

describe('standard object catalogue', () => {
  const schema = buildOrgSchema();

  it('holds a sample of 30 objects with the fields, types, targets and picklists the sources give', () => {
    expect(expected).toHaveLength(30);
    for (const object of expected) {
      const described = schema.describe(object.object);
      expect(described, object.object).toBeDefined();
      if (object.keyPrefix !== null) expect(described?.keyPrefix, `${object.object} key prefix`).toBe(object.keyPrefix);
      if (object.label !== null) expect(described?.label, `${object.object} label`).toBe(object.label);
      for (const field of object.fields) {
        const actual = schema.field(object.object, field.name);
        const where = `${object.object}.${field.name}`;
        expect(actual, where).toBeDefined();
        expect(actual?.type, where).toBe(field.type);
        if (field.referenceTo) expect(actual?.referenceTo, where).toEqual(expect.arrayContaining([...field.referenceTo]));
        if (field.picklistValues) expect(actual?.picklistValues.map((v) => v.value), where).toEqual(field.picklistValues);
        if (field.readOnly && described?.name !== 'Campaign') expect(actual?.updateable, where).toBe(false);
      }
    }
  });

  it('passes the spot checks: milestones, entitlement and business hours on Case, compound addresses, contact roles, incidents, rates, links', () => {
    const field = (object: string, name: string) => schema.fieldOrThrow(object, name);
    expect(field('CaseMilestone', 'TargetDate')).toMatchObject({ type: 'datetime', createable: false, updateable: false });
    expect(field('CaseMilestone', 'CompletionDate')).toMatchObject({ type: 'datetime', updateable: true });
    expect(field('CaseMilestone', 'IsCompleted')).toMatchObject({ type: 'boolean', nillable: false });
    expect(field('Case', 'BusinessHoursId')).toMatchObject({ type: 'reference', referenceTo: ['BusinessHours'], relationshipName: 'BusinessHours' });
    expect(field('Case', 'EntitlementId')).toMatchObject({ type: 'reference', referenceTo: ['Entitlement'], relationshipName: 'Entitlement' });
    expect(field('Account', 'BillingLatitude')).toMatchObject({ type: 'double', scale: 15, compoundFieldName: 'BillingAddress', createable: true });
    expect(field('Account', 'BillingAddress')).toMatchObject({ type: 'address', createable: false, updateable: false });
    expect(field('OpportunityContactRole', 'Role')).toMatchObject({ type: 'picklist' });
    expect(field('OpportunityContactRole', 'Role').picklistValues.map((v) => v.value)).toContain('Decision Maker');
    expect(field('OpportunityContactRole', 'IsPrimary')).toMatchObject({ type: 'boolean', defaultValue: false });
    expect(field('Incident', 'Status').type).toBe('picklist');
    expect(field('Incident', 'Priority').type).toBe('picklist');
    expect(schema.describe('AccountContactRelation')).toMatchObject({ keyPrefix: '07k', label: 'Account Contact Relationship' });
    expect(field('AccountContactRelation', 'Roles').type).toBe('multipicklist');
    expect(field('DatedConversionRate', 'ConversionRate').type).toBe('double');
    expect(field('ContentDocumentLink', 'ShareType').picklistValues.map((v) => v.value)).toEqual(['V', 'C', 'I']);
  });

  it('lists the whole catalogue but leaves out sharing, history, feed, change-event and managed-package objects and fields', () => {
    const names = new Set(schema.objects().map((o) => o.name));
    expect(names.size).toBeGreaterThan(1900);
    for (const name of ['Entitlement', 'CaseMilestone', 'EntityMilestone', 'BusinessHours', 'CaseComment', 'ContentVersion', 'MessagingSession', 'FlowInterview', 'User']) expect(names).toContain(name);
    for (const name of ['AccountShare', 'AccountHistory', 'AccountFeed', 'AccountChangeEvent']) expect(names).not.toContain(name);
    expect([...names].filter((name) => name.includes('__'))).toEqual([]);
    expect(schema.describeOrThrow('Account').fields.filter((f) => f.name.includes('__'))).toEqual([]);
  });

  it("keeps Eddy's behaviour of the hand-written objects and Salesforce's values beside it", () => {
    expect(schema.fieldOrThrow('Contact', 'Name')).toMatchObject({ calculated: true, createable: false, nameField: true });
    expect(schema.fieldOrThrow('Contact', 'FirstName').compoundFieldName).toBe('Name');
    expect(schema.fieldOrThrow('Contact', 'MailingAddress').type).toBe('address');
    expect(schema.fieldOrThrow('Case', 'CaseNumber')).toMatchObject({ autoNumber: true, nameField: true, createable: false });
    expect(schema.fieldOrThrow('Lead', 'Status')).toMatchObject({ defaultValue: 'Open - Not Contacted' });
    expect(schema.describe('User')?.storage).toBe('system');
    expect(schema.describe('FlowInterview')?.keyPrefix).toBe('0Fo');
  });

  it('reads an object’s fields only when it is first described', () => {
    const fresh = buildOrgSchema();
    const loaded = () => fresh.describedObjects().map((o) => o.name);
    expect(fresh.objects().find((o) => o.name === 'ChangeRequest')).toMatchObject({ keyPrefix: '0oW', label: 'Change Request' });
    expect(loaded()).not.toContain('ChangeRequest');
    expect(fresh.objectForId('0oW0E0000000001AAA')?.name).toBe('ChangeRequest');
    expect(loaded()).toContain('ChangeRequest');
    expect(loaded()).not.toContain('Problem');
  });
});
