/**
 * What the system writes on insert, as Salesforce does: the poster of a feed item, the org's
 * default business hours on a case, the ContentDocument of a new file, and the key prefixes that
 * let every catalogue object be created (platform events, documentation-only objects).
 */
import { expect, it } from 'vitest';
import type { FlowRecord } from '../../src/engine/protocol.js';
import { bootstrapOrg, defaultBusinessHours } from '../../src/runtime/index.js';
import { forEachDatabase } from '../support/databases.js';
import { systemActor } from './seed.js';

const record = (type: string, fields: Record<string, unknown>): FlowRecord => ({ attributes: { type }, ...fields }) as FlowRecord;

forEachDatabase('system defaults on create', (ctx) => {
  it('bootstraps the default business hours once: active, 24 hours seven days, in the org time zone', async () => {
    const db = ctx.db();
    const first = await bootstrapOrg(db);
    expect(first.createdBusinessHoursId).toMatch(/^01m/);
    const second = await bootstrapOrg(db);
    expect(second.createdBusinessHoursId).toBeUndefined();
    const hours = await db.records.query({ object: 'BusinessHours', filters: [] });
    expect(hours).toHaveLength(1);
    const timeZone = (await db.settings.getOrganization()).TimeZoneSidKey;
    expect(hours[0]).toMatchObject({ Name: 'Default', IsDefault: true, IsActive: true, TimeZoneSidKey: timeZone, MondayStartTime: '00:00:00.000Z', MondayEndTime: '00:00:00.000Z' });
  });

  it("gives a new case the org's default business hours, and keeps one the write names", async () => {
    const db = ctx.db();
    await bootstrapOrg(db);
    const actor = await systemActor(db);
    const [defaultId] = (await db.records.query({ object: 'BusinessHours', filters: [{ field: 'IsDefault', operator: 'EqualTo', value: true }] })).map((r) => r.Id);
    const [otherId] = await db.records.create([{ ...defaultBusinessHours('Europe/Paris'), Name: 'Paris', IsDefault: false }], actor);
    const [plain, named] = await db.records.create([record('Case', { Subject: 'Plain' }), record('Case', { Subject: 'Named', BusinessHoursId: otherId })], actor);
    expect((await db.records.getById(plain as string))?.BusinessHoursId).toBe(defaultId);
    expect((await db.records.getById(named as string))?.BusinessHoursId).toBe(otherId);
    // A case read back with all its fields can be written back (the value is there, as in Salesforce).
    const read = await db.records.getById(plain as string);
    await db.records.update([{ ...(read as FlowRecord), Subject: 'Changed' }], actor);
    expect((await db.records.getById(plain as string))?.Subject).toBe('Changed');
  });

  it('leaves BusinessHoursId null in an org without default business hours', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const [id] = await db.records.create([record('Case', { Subject: 'No hours' })], actor);
    expect((await db.records.getById(id as string))?.BusinessHoursId).toBeNull();
  });

  it('records the poster of a feed item in InsertedById, which a write cannot set', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const [accountId] = await db.records.create([record('Account', { Name: 'Acme' })], actor);
    const [postId] = await db.records.create([record('FeedItem', { ParentId: accountId, Body: 'Hello', Type: 'TextPost' })], actor);
    expect(await db.records.getById(postId as string)).toMatchObject({ ParentId: accountId, Body: 'Hello', InsertedById: actor, CreatedById: actor });
    await expect(db.records.create([record('FeedItem', { ParentId: accountId, Body: 'Hi', InsertedById: actor })], actor, { readOnlyFields: 'reject' })).rejects.toMatchObject({ code: 'INVALID_FIELD_FOR_INSERT_UPDATE' });
    await expect(db.records.create([record('FeedItem', { Body: 'Nowhere' })], actor)).rejects.toMatchObject({ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [ParentId]' });
  });

  it('starts a ContentDocument for a new ContentVersion, linked to its first publish location; documents cannot be created directly', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const [accountId] = await db.records.create([record('Account', { Name: 'Acme' })], actor);
    const data = Buffer.from('Hello, file').toString('base64');
    const [versionId] = await db.records.create([record('ContentVersion', { Title: 'Notes', PathOnClient: 'notes.txt', VersionData: data, FirstPublishLocationId: accountId })], actor);
    const version = await db.records.getById(versionId as string);
    expect(version).toMatchObject({ Title: 'Notes', IsLatest: true, VersionNumber: '1', FileExtension: 'txt', FileType: 'TEXT', ContentSize: 11 });
    const documentId = version?.ContentDocumentId as string;
    expect(documentId).toMatch(/^069/);
    expect(await db.records.getById(documentId)).toMatchObject({ Title: 'Notes', LatestPublishedVersionId: versionId, OwnerId: actor, FileType: 'TEXT' });
    const links = await db.records.query({ object: 'ContentDocumentLink', filters: [{ field: 'ContentDocumentId', operator: 'EqualTo', value: documentId }] });
    expect(links).toMatchObject([{ LinkedEntityId: accountId, ShareType: 'I', Visibility: 'AllUsers' }]);
    await expect(db.records.create([record('ContentDocument', { Title: 'Direct' })], actor)).rejects.toMatchObject({ code: 'INVALID_OPERATION', message: 'ContentDocument does not support create.' });
  });

  it('creates records of platform events and documentation-only objects, with their key prefixes', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const admin = (await bootstrapOrg(db)).createdAdmin?.Id as string;
    const [accountId] = await db.records.create([record('Account', { Name: 'Acme' })], actor);
    const [eventId] = await db.records.create([record('FlowExecutionErrorEvent', { ErrorMessage: 'Boom' })], actor);
    expect(eventId).toMatch(/^z/);
    expect(await db.records.getById(eventId as string)).toMatchObject({ attributes: { type: 'FlowExecutionErrorEvent' }, ErrorMessage: 'Boom' });
    const [memberId] = await db.records.create([record('AccountTeamMember', { AccountId: accountId, UserId: admin, TeamMemberRole: 'Sales Manager' })], actor);
    expect(memberId).toMatch(/^01M/);
    await expect(db.records.create([record('AccountTeamMember', { AccountId: accountId })], actor)).rejects.toMatchObject({ code: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [UserId]' });
  });
});
