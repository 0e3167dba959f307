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

  it("includes the core clouds' objects only the documentation describes, with their system fields", () => {
    expect(schema.describe('AccountTeamMember')).toMatchObject({ keyPrefix: '01M', label: 'Account Team Member', createable: true });
    expect(schema.fieldOrThrow('AccountTeamMember', 'UserId')).toMatchObject({ type: 'reference', referenceTo: ['User'], nillable: false, createable: true, updateable: false });
    expect(schema.fieldOrThrow('AccountTeamMember', 'TeamMemberRole').type).toBe('picklist');
    expect(schema.describe('ServicePresenceStatus')).toMatchObject({ keyPrefix: '0N5', deletable: false });
    for (const name of ['Id', 'CreatedById', 'CreatedDate', 'LastModifiedById', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted']) {
      expect(schema.fieldOrThrow('ServicePresenceStatus', name), name).toMatchObject({ createable: false, updateable: false });
    }
    const names = new Set(schema.objects().map((o) => o.name));
    expect(names.size).toBeGreaterThan(2500);
    // Eddy's own FlowInterviewOwnerSharingRule is a system object, not the catalogue's.
    const catalogued = [...names].filter((name) => schema.describe(name)?.storage === 'records');
    expect(catalogued.filter((name) => name.endsWith('SharingRule') || !/^[A-Za-z][A-Za-z0-9_]*$/.test(name))).toEqual([]);
  });

  it('gives every object a key prefix, unique, synthetic ones from the z range no real prefix uses', () => {
    // Eddy's system views (FlowDefinitionView...) have no Id of their own; every record object has a prefix.
    const objects = schema.objects().filter((o) => o.keyPrefix !== null || schema.describe(o.name)?.storage === 'records');
    expect(objects.filter((o) => o.keyPrefix === null).map((o) => o.name)).toEqual([]);
    // Salesforce itself shares a few real prefixes (00I: Partner, AccountPartner, OpportunityPartner);
    // a synthetic one is never shared.
    const synthetic = objects.filter((o) => o.keyPrefix?.startsWith('z'));
    expect(synthetic.length).toBeGreaterThan(600);
    const owners = new Map<string, number>();
    for (const o of objects) owners.set(o.keyPrefix as string, (owners.get(o.keyPrefix as string) ?? 0) + 1);
    expect(synthetic.filter((o) => owners.get(o.keyPrefix as string) !== 1).map((o) => o.name)).toEqual([]);
    expect(schema.describe('FlowExecutionErrorEvent')?.keyPrefix).toMatch(/^z[0-9A-Za-z]{2}$/);
    expect(schema.describe('ReportEvent')?.keyPrefix).toMatch(/^z/);
    // Real prefixes stay: the documentation's, the override table's.
    expect(schema.describe('Account')?.keyPrefix).toBe('001');
    expect(schema.describe('Entitlement')?.keyPrefix).toBe('550');
  });

  it('never makes a system-set or defaulted-on-create field required (required = not nillable, createable, not defaulted)', () => {
    const required = (object: string) =>
      schema.describeOrThrow(object).fields.filter((f) => !f.nillable && f.createable && !f.defaultedOnCreate && f.type !== 'boolean').map((f) => f.name);
    expect(schema.fieldOrThrow('FeedItem', 'InsertedById')).toMatchObject({ nillable: false, createable: false, updateable: false, defaultedOnCreate: true });
    expect(required('FeedItem')).toEqual(['ParentId']);
    expect(schema.fieldOrThrow('Case', 'BusinessHoursId')).toMatchObject({ nillable: false, defaultedOnCreate: true });
    expect(required('Case')).toEqual([]);
    expect(schema.fieldOrThrow('Case', 'OwnerId').defaultedOnCreate).toBe(true);
    // Salesforce requires a folder for a template (a user's Id for a private one).
    expect(required('EmailTemplate')).toContain('FolderId');
    expect(schema.fieldOrThrow('ContentVersion', 'ContentDocumentId')).toMatchObject({ defaultedOnCreate: true, updateable: false });
    expect(schema.fieldOrThrow('ContentVersion', 'PathOnClient')).toMatchObject({ createable: true, updateable: false });
    expect(schema.describe('ContentDocument')?.createable).toBe(false);
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
