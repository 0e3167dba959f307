import { expect, it } from 'vitest';
import { forEachDatabase } from '../support/databases.js';
import { createInterview, deployFlow, systemActor } from './seed.js';

forEachDatabase('flow store', (ctx) => {
  it('creates a definition with the first version and numbers later versions', async () => {
    const db = ctx.db();
    const first = await deployFlow(db, 'Survey', { Status: 'Draft', Description: 'v1' });
    expect(first.definition).toMatchObject({ DeveloperName: 'Survey', ActiveVersionId: null, LatestVersionId: first.version.Id, ProcessType: 'Flow' });
    expect(first.definition.Id).toMatch(/^300/);
    expect(first.version).toMatchObject({ VersionNumber: 1, Status: 'Draft', FullName: 'Survey-1', source: '<Flow><label>Survey</label></Flow>', diagnostics: [] });
    expect(first.version.Id).toMatch(/^301/);
    const second = await deployFlow(db, 'survey', { ProcessType: 'AutoLaunchedFlow' });
    expect(second.definition.Id).toBe(first.definition.Id);
    expect(second.version).toMatchObject({ VersionNumber: 2, Status: 'Active' });
    expect(second.definition).toMatchObject({ ActiveVersionId: second.version.Id, LatestVersionId: second.version.Id, ProcessType: 'AutoLaunchedFlow' });
    expect((await db.flows.getDefinitionByName('SURVEY'))?.Id).toBe(first.definition.Id);
    expect((await db.flows.listVersions(first.definition.Id)).map((v) => v.VersionNumber)).toEqual([2, 1]);
    expect((await db.flows.listDefinitions()).map((d) => d.DeveloperName)).toEqual(['Survey']);
  });

  it('keeps one active version: activating another makes the previous one Obsolete', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const v1 = await deployFlow(db, 'Survey');
    const v2 = await deployFlow(db, 'Survey', { Status: 'Draft' });
    expect(v2.definition.ActiveVersionId).toBe(v1.version.Id);
    const definition = await db.flows.activate(v2.version.Id, actor);
    expect(definition.ActiveVersionId).toBe(v2.version.Id);
    expect((await db.flows.getVersion(v1.version.Id))?.Status).toBe('Obsolete');
    expect((await db.flows.getVersion(v2.version.Id))?.Status).toBe('Active');
    const deactivated = await db.flows.deactivate(definition.Id, actor);
    expect(deactivated.ActiveVersionId).toBeNull();
    expect((await db.flows.listVersions(definition.Id)).map((v) => v.Status)).toEqual(['Obsolete', 'Obsolete']);
  });

  it('stores a flow with validation errors as InvalidDraft and refuses to activate it', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const diagnostics = [{ code: 'DANGLING_CONNECTOR', severity: 'error' as const, element: 'Decision_1', message: 'Decision "Decision_1": connector to missing element "X".' }];
    await expect(deployFlow(db, 'Broken', { Status: 'Active', diagnostics })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    expect(await db.flows.getDefinitionByName('Broken')).toBeUndefined();
    const { version } = await deployFlow(db, 'Broken', { Status: 'InvalidDraft', diagnostics });
    expect(version).toMatchObject({ Status: 'InvalidDraft', diagnostics });
    await expect(db.flows.activate(version.Id, actor)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
    await expect(deployFlow(db, 'Bad Name')).rejects.toMatchObject({ code: 'FIELD_INTEGRITY_EXCEPTION' });
  });

  it('deletes only inactive versions without unfinished interviews, and the definition with its last version', async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const v1 = await deployFlow(db, 'Survey');
    const v2 = await deployFlow(db, 'Survey');
    await expect(db.flows.deleteVersion(v2.version.Id)).rejects.toMatchObject({ code: 'DELETE_FAILED' });
    const paused = await createInterview(db, v1.version.Id, actor);
    await createInterview(db, v1.version.Id, actor, { InterviewStatus: 'Completed' });
    await expect(db.flows.deleteVersion(v1.version.Id)).rejects.toMatchObject({ code: 'DELETE_FAILED' });
    await db.interviews.delete(paused.Id);
    await db.flows.deleteVersion(v1.version.Id);
    expect(await db.flows.getVersion(v1.version.Id)).toBeUndefined();
    expect(await db.interviews.list({}, 'system')).toEqual([]);
    await db.flows.deactivate(v2.definition.Id, actor);
    await db.flows.deleteVersion(v2.version.Id);
    expect(await db.flows.getDefinition(v2.definition.Id)).toBeUndefined();
    await expect(db.flows.deleteVersion(v2.version.Id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('moves LatestVersionId back when the latest version is deleted', async () => {
    const db = ctx.db();
    const v1 = await deployFlow(db, 'Survey');
    const v2 = await deployFlow(db, 'Survey', { Status: 'Draft', ProcessType: 'AutoLaunchedFlow' });
    await db.flows.deleteVersion(v2.version.Id);
    expect(await db.flows.getDefinition(v1.definition.Id)).toMatchObject({ LatestVersionId: v1.version.Id, ActiveVersionId: v1.version.Id, ProcessType: 'Flow' });
  });

  it("changes a version's description, and the definition's when it is the latest version", async () => {
    const db = ctx.db();
    const actor = await systemActor(db);
    const v1 = await deployFlow(db, 'Survey', { Description: 'first' });
    const v2 = await deployFlow(db, 'Survey', { Status: 'Draft', Description: 'second' });
    ctx.clock().advance(60_000);
    const changed = await db.flows.setVersionDescription(v1.version.Id, 'the first, reworded', actor);
    expect(changed).toMatchObject({ Id: v1.version.Id, Description: 'the first, reworded', LastModifiedDate: ctx.clock().iso(), LastModifiedById: actor });
    expect((await db.flows.getVersion(v1.version.Id))?.Description).toBe('the first, reworded');
    expect((await db.flows.getVersion(v2.version.Id))?.Description).toBe('second');
    expect((await db.flows.getDefinition(v1.definition.Id))?.Description).toBe('second');

    await db.flows.setVersionDescription(v2.version.Id, null, actor);
    expect((await db.flows.getVersion(v2.version.Id))?.Description).toBeNull();
    expect((await db.flows.getDefinition(v1.definition.Id))?.Description).toBeNull();
    await expect(db.flows.setVersionDescription('301000000000000', 'x', actor)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('limits a flow to 50 versions', async () => {
    const db = ctx.db();
    for (let i = 0; i < 50; i++) await deployFlow(db, 'Many', { Status: 'Draft' });
    await expect(deployFlow(db, 'Many', { Status: 'Draft' })).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
  });
});
