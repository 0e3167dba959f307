import { describe, expect, it } from 'vitest';
import { parseObjectMetadata } from '../../src/runtime/org/object-metadata.js';
import type { MetadataFile } from '../../src/runtime/org/object-metadata.js';
import { forEachDatabase } from '../support/databases.js';
import { systemActor } from './seed.js';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const object = (label: string, plural: string, nameField = '<nameField><label>Invoice Number</label><type>AutoNumber</type><displayFormat>INV-{0000}</displayFormat></nameField>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<CustomObject ${NS}>\n  <label>${label}</label>\n  <pluralLabel>${plural}</pluralLabel>\n  ${nameField}\n  <sharingModel>ReadWrite</sharingModel>\n  <deploymentStatus>Deployed</deploymentStatus>\n</CustomObject>`;
const field = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<CustomField ${NS}>\n${body}\n</CustomField>`;

/** An SFDX project slice: a custom object with fields of most types, and a custom field on Account. */
const FILES: MetadataFile[] = [
  { path: 'force-app/main/default/objects/Invoice__c/Invoice__c.object-meta.xml', content: object('Invoice', 'Invoices') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Amount__c.field-meta.xml', content: field('<fullName>Amount__c</fullName><label>Amount</label><type>Currency</type><precision>10</precision><scale>2</scale><required>true</required>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Memo__c.field-meta.xml', content: field('<fullName>Memo__c</fullName><label>Memo</label><type>Text</type><length>20</length><defaultValue>"n/a"</defaultValue>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Paid__c.field-meta.xml', content: field('<fullName>Paid__c</fullName><label>Paid</label><type>Checkbox</type><defaultValue>false</defaultValue>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Due__c.field-meta.xml', content: field('<fullName>Due__c</fullName><label>Due</label><type>Date</type>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Sent__c.field-meta.xml', content: field('<fullName>Sent__c</fullName><label>Sent</label><type>DateTime</type>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Contact_Email__c.field-meta.xml', content: field('<fullName>Contact_Email__c</fullName><label>Contact Email</label><type>Email</type>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Discount__c.field-meta.xml', content: field('<fullName>Discount__c</fullName><label>Discount</label><type>Percent</type><precision>5</precision><scale>2</scale>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Quantity__c.field-meta.xml', content: field('<fullName>Quantity__c</fullName><label>Quantity</label><type>Number</type><precision>4</precision><scale>0</scale>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Notes__c.field-meta.xml', content: field('<fullName>Notes__c</fullName><label>Notes</label><type>LongTextArea</type><length>5000</length><visibleLines>3</visibleLines>') },
  {
    path: 'force-app/main/default/objects/Invoice__c/fields/Status__c.field-meta.xml',
    content: field(
      '<fullName>Status__c</fullName><label>Status</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetDefinition><sorted>false</sorted>' +
        '<value><fullName>Draft</fullName><default>true</default><label>Draft</label></value>' +
        '<value><fullName>Sent</fullName><default>false</default><label>Sent</label></value>' +
        '<value><fullName>Closed%2FPaid</fullName><default>false</default><label>Closed/Paid</label></value></valueSetDefinition></valueSet>',
    ),
  },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Account__c.field-meta.xml', content: field('<fullName>Account__c</fullName><label>Account</label><type>MasterDetail</type><referenceTo>Account</referenceTo><relationshipName>Invoices</relationshipName>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Total__c.field-meta.xml', content: field('<fullName>Total__c</fullName><label>Total</label><type>Currency</type><formula>Amount__c * 2</formula><precision>18</precision><scale>2</scale>') },
  { path: 'force-app/main/default/objects/Invoice__c/fields/Where__c.field-meta.xml', content: field('<fullName>Where__c</fullName><label>Where</label><type>Location</type>') },
  { path: 'force-app/main/default/objects/Account/fields/Tier__c.field-meta.xml', content: field('<fullName>Tier__c</fullName><label>Tier</label><type>Picklist</type><valueSet><valueSetDefinition><value><fullName>Gold</fullName><default>false</default></value></valueSetDefinition></valueSet>') },
  { path: 'force-app/main/default/objects/Account/fields/Industry.field-meta.xml', content: field('<fullName>Industry</fullName><type>Picklist</type>') },
  { path: 'force-app/main/default/objects/Broken__c/fields/Bad__c.field-meta.xml', content: '<CustomField><label>oops</CustomField>' },
  { path: 'force-app/main/default/objects/Invoice__c/listViews/All.listView-meta.xml', content: '<ListView/>' },
];

describe('object metadata parsing', () => {
  it('reads custom objects and fields with their types, lengths, picklists and references', () => {
    const bundle = parseObjectMetadata(FILES);
    expect(bundle.objects.map((o) => o.name)).toEqual(['Invoice__c']);
    expect(bundle.objects[0]).toMatchObject({ label: 'Invoice', labelPlural: 'Invoices', nameField: { name: 'Name', autoNumber: true, displayFormat: 'INV-{0000}', createable: false } });
    const byName = new Map(bundle.fields.map((f) => [`${f.object}.${f.field.name}`, f.field]));
    expect(byName.get('Invoice__c.Amount__c')).toMatchObject({ type: 'currency', precision: 10, scale: 2, nillable: false, custom: true });
    expect(byName.get('Invoice__c.Memo__c')).toMatchObject({ type: 'string', length: 20, defaultValue: 'n/a' });
    expect(byName.get('Invoice__c.Paid__c')).toMatchObject({ type: 'boolean', defaultValue: false });
    expect(byName.get('Invoice__c.Status__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true, defaultValue: 'Draft' });
    expect(byName.get('Invoice__c.Status__c')?.picklistValues.map((v) => v.value)).toEqual(['Draft', 'Sent', 'Closed/Paid']);
    expect(byName.get('Invoice__c.Account__c')).toMatchObject({ type: 'reference', referenceTo: ['Account'], relationshipName: 'Invoices__r', nillable: false });
    expect(byName.get('Invoice__c.Total__c')).toMatchObject({ calculated: true, createable: false, updateable: false });
    expect(byName.get('Invoice__c.Notes__c')).toMatchObject({ type: 'textarea', length: 5000 });
    expect(byName.get('Account.Tier__c')).toMatchObject({ type: 'picklist', restrictedPicklist: false });
    expect(byName.has('Invoice__c.Where__c')).toBe(false);
    expect(bundle.diagnostics.map((d) => `${d.severity}:${d.code}`).sort()).toEqual(['error:MALFORMED_XML', 'info:IGNORED_FILE', 'info:IGNORED_FILE', 'warning:UNSUPPORTED_FIELD_TYPE']);
  });

  it('reads the Metadata API format with inline fields', () => {
    const content = `<CustomObject ${NS}><label>Ticket</label><pluralLabel>Tickets</pluralLabel><nameField><label>Ticket Name</label><type>Text</type></nameField>` +
      '<fields><fullName>Severity__c</fullName><label>Severity</label><type>Number</type><precision>2</precision><scale>0</scale></fields></CustomObject>';
    const bundle = parseObjectMetadata([{ path: 'src/objects/Ticket__c.object', content }]);
    expect(bundle.objects.map((o) => o.name)).toEqual(['Ticket__c']);
    expect(bundle.fields).toEqual([{ object: 'Ticket__c', field: expect.objectContaining({ name: 'Severity__c', type: 'double', precision: 2 }) }]);
  });
});

forEachDatabase('custom object deploy', (ctx) => {
  it('deploys custom objects and fields so records of them are type-checked, and keeps them across restarts', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const result = await db.schema.deployObjects(parseObjectMetadata(FILES));
    expect(result.createdObjects).toEqual(['Invoice__c']);
    expect(result.createdFields).toContain('Account.Tier__c');
    const schema = await db.records.schema();
    expect(schema.describe('invoice__c')).toMatchObject({ name: 'Invoice__c', keyPrefix: 'a00', custom: true });
    const [accountId] = await db.records.create([{ attributes: { type: 'Account' }, Name: 'Acme', Tier__c: 'Gold' }], actor);
    const [invoiceId] = await db.records.create([{ attributes: { type: 'Invoice__c' }, Amount__c: 10.456, Account__c: accountId, Due__c: '2026-02-01' }], actor);
    expect(invoiceId).toMatch(/^a00/);
    expect(await db.records.getById(invoiceId as string, ['Name', 'Amount__c', 'Memo__c', 'Paid__c', 'Status__c', 'OwnerId'])).toMatchObject({
      Name: 'INV-0001', Amount__c: 10.46, Memo__c: 'n/a', Paid__c: false, Status__c: 'Draft', OwnerId: actor,
    });
    const bad: [Record<string, unknown>, string][] = [
      [{ Account__c: accountId }, 'REQUIRED_FIELD_MISSING'],
      [{ Amount__c: 1, Account__c: accountId, Status__c: 'Lost' }, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'],
      [{ Amount__c: 1, Account__c: accountId, Memo__c: 'x'.repeat(21) }, 'STRING_TOO_LONG'],
      [{ Amount__c: 123456789, Account__c: accountId }, 'NUMBER_OUTSIDE_VALID_RANGE'],
      [{ Amount__c: 1, Account__c: accountId, Total__c: 3 }, 'INVALID_FIELD_FOR_INSERT_UPDATE'],
      [{ Amount__c: 1, Account__c: accountId, Quantity__c: 'five' }, 'INVALID_TYPE_ON_FIELD_IN_RECORD'],
      [{ Amount__c: 1, Account__c: '001000000000000AAA' }, 'INVALID_CROSS_REFERENCE_KEY'],
    ];
    for (const [fields, code] of bad) {
      await expect(db.records.create([{ attributes: { type: 'Invoice__c' }, ...fields } as never], actor, { readOnlyFields: 'reject' })).rejects.toMatchObject({ code });
    }
    expect((await db.records.query({ object: 'Invoice__c', filters: [] })).length).toBe(1);
    const restarted = await ctx.openAnother();
    expect((await restarted.records.schema()).field('Invoice__c', 'status__c')?.picklistValues).toHaveLength(3);
    expect(await restarted.records.query({ object: 'Invoice__c', filters: [{ field: 'Status__c', operator: 'EqualTo', value: 'draft' }], fields: ['Name'] })).toHaveLength(1);
  });

  it('updates fields on redeploy, keeps the key prefix, and notices another process\'s deploy', async () => {
    const db = ctx.db();
    const other = await ctx.openAnother();
    await db.schema.deployObjects(parseObjectMetadata(FILES));
    expect((await other.records.schema()).field('Invoice__c', 'Memo__c')?.length).toBe(20);
    const longer = FILES.map((f) => (f.path.endsWith('Memo__c.field-meta.xml') ? { ...f, content: f.content.replace('<length>20</length>', '<length>40</length>') } : f));
    const second = await db.schema.deployObjects(parseObjectMetadata(longer));
    expect(second.createdObjects).toEqual([]);
    expect(second.updatedFields).toContain('Invoice__c.Memo__c');
    expect((await db.records.schema()).describe('Invoice__c')?.keyPrefix).toBe('a00');
    expect((await other.records.schema()).field('Invoice__c', 'Memo__c')?.length).toBe(40);
    const ticket = parseObjectMetadata([{ path: 'objects/Ticket__c/Ticket__c.object-meta.xml', content: object('Ticket', 'Tickets', '<nameField><label>Ticket</label><type>Text</type></nameField>') }]);
    await db.schema.deployObjects(ticket);
    expect((await other.records.schema()).describe('Ticket__c')?.keyPrefix).toBe('a01');
  });

  it('refuses custom fields on objects that are not deployed, deploying nothing', async () => {
    const db = ctx.db();
    const orphan = parseObjectMetadata([{ path: 'objects/Ghost__c/fields/Boo__c.field-meta.xml', content: field('<fullName>Boo__c</fullName><label>Boo</label><type>Text</type><length>5</length>') }, FILES[0] as MetadataFile]);
    await expect(db.schema.deployObjects(orphan)).rejects.toMatchObject({ code: 'INVALID_TYPE' });
    expect(await db.schema.customObjects()).toEqual([]);
  });
});
