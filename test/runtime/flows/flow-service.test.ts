import { expect, it } from 'vitest';
import { FlowService } from '../../../src/runtime/flows/flow-service.js';
import { forEachDatabase } from '../../support/databases.js';
import { createInterview } from '../../storage/seed.js';
import { deployFixtureObjects, filesMatching, readFolder, setUpOrg } from './support.js';

const SURVEY = 'force-app/main/default/flows/Feedback_Survey.flow-meta.xml';
const BROKEN = 'force-app/main/default/flows/Broken_Escalation.flow-meta.xml';

/** A copy of the survey flow that differs from the fixture (so it is a change, not the same source). */
function changedSurvey(content: string, label: string): string {
  return content.replace('<label>Feedback Survey</label>', `<label>${label}</label>`);
}

forEachDatabase('flow service', (ctx) => {
  it('deploys an SFDX project: objects and fields first, then a new version per flow, reporting what it ignored', async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const service = new FlowService(db);
    const progress: string[] = [];
    const result = await service.deploy(org.admin.Id, readFolder(), { onProgress: ({ done, total, path }) => progress.push(`${done}/${total} ${path}`) });

    expect(result.objects.files.map((f) => [f.name, f.status])).toEqual([
      ['Feedback__c', 'created'],
      ['Feedback__c.Customer_Name__c', 'created'],
      ['Feedback__c.Rating__c', 'created'],
      ['Feedback__c.Source__c', 'created'],
    ]);
    expect(result.objects.createdObjects).toEqual(['Feedback__c']);
    const schema = await db.records.schema();
    expect(schema.field('Feedback__c', 'Rating__c')).toMatchObject({ type: 'picklist', restrictedPicklist: true });

    const survey = result.flows.find((f) => f.path === SURVEY);
    expect(survey).toMatchObject({ apiName: 'Feedback_Survey', status: 'created', versionNumber: 1, versionStatus: 'Active', activationRequested: true, activated: true, diagnostics: [] });
    expect(survey?.reason).toBeUndefined();
    const broken = result.flows.find((f) => f.path === BROKEN);
    expect(broken).toMatchObject({ apiName: 'Broken_Escalation', status: 'created', versionNumber: 1, versionStatus: 'InvalidDraft', activationRequested: true, activated: false });
    expect(broken?.reason).toMatch(/^not activated: 1 validation error: CONNECTOR_DANGLING \(Raise_Priority\)/);
    expect(broken?.diagnostics.map((d) => d.code)).toEqual(['CONNECTOR_DANGLING']);

    expect(result.ignored.map((f) => f.path).sort()).toEqual(['README.md', 'force-app/main/default/layouts/Feedback__c-Feedback Layout.layout-meta.xml', 'sfdx-project.json']);
    expect(result.summary).toMatchObject({
      flows: { created: 2, updated: 0, refused: 0, activated: 1, activationRefused: 1, invalid: 1 },
      objects: { created: 1, refused: 0 },
      fields: { created: 3, refused: 0 },
      ignoredFiles: 3,
      ok: false,
    });
    expect(progress).toHaveLength(readFolder().length);
    expect(progress.at(-1)).toMatch(/^9\/9 /);

    const stored = await db.flows.getDefinitionByName('Feedback_Survey');
    expect(stored).toMatchObject({ MasterLabel: 'Feedback Survey', ProcessType: 'Flow', ActiveVersionId: survey?.versionId });
    const version = await db.flows.getVersion(survey?.versionId ?? '');
    expect(version?.source).toBe(readFolder().find((f) => f.path === SURVEY)?.content);
    expect(version?.CreatedById).toBe(org.admin.Id);
  });

  it('stores each redeploy as a new version, activating it makes the previous active one Obsolete', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    await deployFixtureObjects(service, admin.Id);
    const [file] = filesMatching(readFolder(), SURVEY);
    const first = await service.deploy(admin.Id, [file!]);
    const second = await service.deploy(admin.Id, [{ path: file!.path, content: file!.content.replace('<status>Active</status>', '<status>Draft</status>') }]);
    expect(second.flows[0]).toMatchObject({ status: 'updated', versionNumber: 2, versionStatus: 'Draft', activationRequested: false, activated: false });
    let versions = await service.versions(admin.Id, 'feedback_survey');
    expect(versions.map((v) => [v.VersionNumber, v.Status])).toEqual([[2, 'Draft'], [1, 'Active']]);

    const third = await service.deploy(admin.Id, [{ path: file!.path, content: changedSurvey(file!.content, 'Feedback Survey v3') }]);
    expect(third.flows[0]).toMatchObject({ status: 'updated', versionNumber: 3, versionStatus: 'Active', activated: true });
    versions = await service.versions(admin.Id, 'Feedback_Survey');
    expect(versions.map((v) => [v.VersionNumber, v.Status])).toEqual([[3, 'Active'], [2, 'Draft'], [1, 'Obsolete']]);
    const [summary] = await service.list(admin.Id);
    expect(summary).toMatchObject({ definition: { DeveloperName: 'Feedback_Survey', MasterLabel: 'Feedback Survey v3' }, activeVersion: { VersionNumber: 3 }, latestVersion: { VersionNumber: 3 }, versionCount: 3 });
    expect(first.flows[0]?.versionId).not.toBe(third.flows[0]?.versionId);
  });

  it('keeps the latest version when the source is unchanged and skipUnchanged is set, still activating it when asked', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    await deployFixtureObjects(service, admin.Id);
    const [file] = filesMatching(readFolder(), SURVEY);
    const draft = { path: file!.path, content: file!.content.replace('<status>Active</status>', '<status>Draft</status>') };
    const first = await service.deploy(admin.Id, [draft]);
    const again = await service.deploy(admin.Id, [draft], { skipUnchanged: true });
    expect(again.flows[0]).toMatchObject({ status: 'unchanged', versionId: first.flows[0]?.versionId, versionNumber: 1, versionStatus: 'Draft', activated: false });
    const activated = await service.deploy(admin.Id, [draft], { skipUnchanged: true, activate: true });
    expect(activated.flows[0]).toMatchObject({ status: 'unchanged', versionNumber: 1, versionStatus: 'Active', activationRequested: true, activated: true });
    expect(activated.summary).toMatchObject({ flows: { unchanged: 1, activated: 1 }, ok: true });
    expect((await service.versions(admin.Id, 'Feedback_Survey')).map((v) => v.VersionNumber)).toEqual([1]);
    const forced = await service.deploy(admin.Id, [draft]);
    expect(forced.flows[0]).toMatchObject({ status: 'updated', versionNumber: 2 });
  });

  it('activates the Draft versions of a deploy with the activate option', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    await deployFixtureObjects(service, admin.Id);
    const [file] = filesMatching(readFolder(), SURVEY);
    const result = await service.deploy(admin.Id, [{ path: file!.path, content: file!.content.replace('<status>Active</status>', '') }], { activate: true });
    expect(result.flows[0]).toMatchObject({ status: 'created', versionStatus: 'Active', activationRequested: true, activated: true });
  });

  it('keeps one active version per flow and refuses to activate an InvalidDraft', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    await deployFixtureObjects(service, admin.Id);
    const [file] = filesMatching(readFolder(), SURVEY);
    const v1 = (await service.deploy(admin.Id, [file!])).flows[0]!;
    const v2 = (await service.deploy(admin.Id, [{ path: file!.path, content: changedSurvey(file!.content, 'Survey 2') }])).flows[0]!;
    const activated = await service.activate(admin.Id, v1.versionId!);
    expect(activated).toMatchObject({ activeVersion: { Id: v1.versionId, Status: 'Active' }, latestVersion: { Id: v2.versionId, Status: 'Obsolete' } });
    expect((await service.activate(admin.Id, v1.versionId!)).activeVersion?.Id).toBe(v1.versionId);

    const deactivated = await service.deactivate(admin.Id, 'Feedback_Survey');
    expect(deactivated.activeVersion).toBeNull();
    expect((await service.versions(admin.Id, 'Feedback_Survey')).map((v) => v.Status)).toEqual(['Obsolete', 'Obsolete']);
    await expect(service.deactivate(admin.Id, 'Feedback_Survey')).rejects.toMatchObject({ code: 'INVALID_OPERATION', message: 'Flow Feedback_Survey has no active version.' });

    const broken = (await service.deploy(admin.Id, filesMatching(readFolder(), BROKEN))).flows[0]!;
    await expect(service.activate(admin.Id, broken.versionId!)).rejects.toMatchObject({ code: 'INVALID_OPERATION', message: expect.stringContaining('CONNECTOR_DANGLING') });
    expect((await service.get(admin.Id, 'Broken_Escalation')).activeVersion).toBeNull();
    await expect(service.activate(admin.Id, '301000000000000AAA')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.deactivate(admin.Id, 'No_Such_Flow')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes a version only when it is not active and has no paused or waiting interviews', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    await deployFixtureObjects(service, admin.Id);
    const [file] = filesMatching(readFolder(), SURVEY);
    const v1 = (await service.deploy(admin.Id, [file!])).flows[0]!;
    const v2 = (await service.deploy(admin.Id, [{ path: file!.path, content: changedSurvey(file!.content, 'Survey 2') }])).flows[0]!;

    await expect(service.deleteVersion(admin.Id, v2.versionId!)).rejects.toMatchObject({ code: 'DELETE_FAILED', message: expect.stringContaining('is active') });
    const paused = await createInterview(db, v1.versionId!, admin.Id, { InterviewStatus: 'Paused', WasPausedFromScreen: true });
    const waiting = await createInterview(db, v1.versionId!, admin.Id, { InterviewStatus: 'Paused', WasPausedFromScreen: false });
    await expect(service.deleteVersion(admin.Id, v1.versionId!)).rejects.toMatchObject({ code: 'DELETE_FAILED', message: expect.stringContaining('has 2 paused, waiting or running interviews') });
    expect(await db.flows.getVersion(v1.versionId!)).toBeDefined();

    await db.interviews.delete(paused.Id);
    await expect(service.deleteVersion(admin.Id, v1.versionId!)).rejects.toMatchObject({ code: 'DELETE_FAILED', message: expect.stringContaining(waiting.Id) });
    await db.interviews.delete(waiting.Id);
    await createInterview(db, v1.versionId!, admin.Id, { InterviewStatus: 'Completed' });
    await service.deleteVersion(admin.Id, v1.versionId!);
    expect((await service.versions(admin.Id, 'Feedback_Survey')).map((v) => v.VersionNumber)).toEqual([2]);
    await expect(service.deleteVersion(admin.Id, v1.versionId!)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    await service.deactivate(admin.Id, 'Feedback_Survey');
    await service.deleteVersion(admin.Id, v2.versionId!);
    expect(await service.list(admin.Id)).toEqual([]);
  });

  it('refuses malformed metadata file by file and stores nothing for it', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    const files = [
      { path: 'flows/Half.flow-meta.xml', content: '<?xml version="1.0"?><Flow><label>Half</label><processType>Flow' },
      { path: 'flows/Not_A_Flow.flow-meta.xml', content: '<?xml version="1.0"?><CustomObject><label>x</label></CustomObject>' },
      { path: 'objects/Feedback__c/fields/Broken__c.field-meta.xml', content: '<CustomField><label>oops</CustomField>' },
      { path: 'objects/Ghost__c/fields/Spooky__c.field-meta.xml', content: '<CustomField><fullName>Spooky__c</fullName><label>Spooky</label><type>Text</type><length>10</length></CustomField>' },
      ...readFolder().filter((f) => f.path.includes('/objects/')),
      ...filesMatching(readFolder(), SURVEY),
    ];
    const result = await service.deploy(admin.Id, files);
    expect(result.flows.map((f) => [f.apiName, f.status])).toEqual([['Half', 'refused'], ['Not_A_Flow', 'refused'], ['Feedback_Survey', 'created']]);
    expect(result.flows[0]?.reason).toMatch(/not well-formed XML/);
    expect(result.flows[0]?.diagnostics.map((d) => d.code)).toEqual(['XML_MALFORMED']);
    expect(result.flows[1]?.reason).toMatch(/root element is <CustomObject>/);
    const byName = new Map(result.objects.files.map((f) => [f.path, f]));
    expect(byName.get('objects/Feedback__c/fields/Broken__c.field-meta.xml')).toMatchObject({ status: 'refused', reason: expect.stringMatching(/./) });
    expect(byName.get('objects/Ghost__c/fields/Spooky__c.field-meta.xml')).toMatchObject({ status: 'refused', reason: 'object Ghost__c is neither in the org nor in this deploy' });
    expect(result.summary).toMatchObject({ flows: { created: 1, refused: 2 }, fields: { created: 3, refused: 2 }, ok: false });

    expect((await service.list(admin.Id)).map((f) => f.definition.DeveloperName)).toEqual(['Feedback_Survey']);
    const schema = await db.records.schema();
    expect(schema.describe('Ghost__c')).toBeUndefined();
    expect(schema.field('Feedback__c', 'Broken__c')).toBeUndefined();
    expect(schema.field('Feedback__c', 'Rating__c')).toBeDefined();
  });

  it('takes the API name from the file name without a version suffix, and refuses names that cannot be API names', async () => {
    const db = ctx.db();
    const { admin } = await setUpOrg(db);
    const service = new FlowService(db);
    const [file] = filesMatching(readFolder(), SURVEY);
    const result = await service.deploy(admin.Id, [
      { path: 'src/flows/Survey_Two-3.flow', content: file!.content },
      { path: 'force-app/flows/Kit__Survey.flow-meta.xml', content: file!.content },
    ]);
    expect(result.flows.map((f) => [f.apiName, f.status])).toEqual([['Survey_Two', 'created'], ['Kit__Survey', 'refused']]);
    expect(result.flows[1]?.reason).toBe('"Kit__Survey" (the file name) is not a valid flow API name: it must begin with a letter and use only letters, digits and single underscores (at most 80 characters).');
    expect((await service.list(admin.Id)).map((f) => f.definition.DeveloperName)).toEqual(['Survey_Two']);
  });

  it('checks permissions: deploying needs Customize Application or Manage Flow, objects need Customize Application', async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const service = new FlowService(db);
    await expect(service.deploy(org.flowUser.Id, readFolder())).rejects.toMatchObject({
      code: 'INSUFFICIENT_ACCESS',
      message: 'Deploying flows needs the Customize Application or Manage Flow permission; runner@example.com does not have it.',
    });
    await expect(service.deploy(org.nobody.Id, readFolder())).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(service.deploy('005000000000000AAA', readFolder())).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect(await db.flows.listDefinitions()).toEqual([]);

    const byManager = await service.deploy(org.flowManager.Id, readFolder());
    expect(byManager.objects.files.every((f) => f.status === 'refused' && f.reason === 'deploying objects and fields needs the Customize Application permission')).toBe(true);
    expect((await db.records.schema()).describe('Feedback__c')).toBeUndefined();
    expect(byManager.summary.flows.created).toBe(2);

    const survey = byManager.flows.find((f) => f.apiName === 'Feedback_Survey')!;
    // Its object was not deployed: the version is stored, but not activated, naming the missing file.
    expect(survey).toMatchObject({ versionStatus: 'Draft', activationRequested: true, activated: false });
    expect(survey.reason).toContain('The object "Feedback__c" doesn\'t exist or isn\'t supported. The project has no objects/Feedback__c/Feedback__c.object-meta.xml.');
    expect(byManager.details.componentFailures).toContainEqual({
      componentType: 'Flow', fullName: 'Feedback_Survey', fileName: SURVEY, problemType: 'Error', success: false, created: false, changed: false, deleted: false,
      problem: expect.stringMatching(/^\w+: The object "Feedback__c" doesn't exist or isn't supported\. The project has no objects\/Feedback__c\/Feedback__c\.object-meta\.xml\.$/),
    });
    await expect(service.activate(org.flowManager.Id, survey.versionId!)).rejects.toMatchObject({ code: 'INVALID_OPERATION', message: expect.stringContaining('objects/Feedback__c/Feedback__c.object-meta.xml') });
    await deployFixtureObjects(service, org.admin.Id);
    await service.activate(org.flowManager.Id, survey.versionId!);
    await expect(service.activate(org.flowUser.Id, survey.versionId!)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(service.deactivate(org.flowUser.Id, 'Feedback_Survey')).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await expect(service.deleteVersion(org.flowUser.Id, survey.versionId!)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    await service.deactivate(org.flowManager.Id, 'Feedback_Survey');
    expect((await service.list(org.flowUser.Id)).map((f) => f.definition.DeveloperName)).toEqual(['Broken_Escalation', 'Feedback_Survey']);
    await expect(service.list(org.nobody.Id)).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
  });

  it("changes a version's description with Manage Flow, clears it with empty text, and refuses it to others or when too long", async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const service = new FlowService(db);
    const deployed = await service.deploy(org.admin.Id, filesMatching(readFolder(), 'Feedback_Survey'));
    const versionId = deployed.flows[0]!.versionId!;

    await expect(service.updateDescription(org.flowUser.Id, versionId, 'by a runner')).rejects.toMatchObject({
      code: 'INSUFFICIENT_ACCESS',
      message: "Changing a flow's description needs the Manage Flow or Customize Application permission; runner@example.com does not have it.",
    });
    const updated = await service.updateDescription(org.flowManager.Id, versionId, 'Asks customers how we did.');
    expect(updated).toMatchObject({ Id: versionId, Description: 'Asks customers how we did.', LastModifiedById: org.flowManager.Id });
    expect((await db.flows.getVersion(versionId))?.Description).toBe('Asks customers how we did.');
    expect((await db.flows.getDefinitionByName('Feedback_Survey'))?.Description).toBe('Asks customers how we did.');

    await expect(service.updateDescription(org.flowManager.Id, versionId, 'x'.repeat(4001))).rejects.toMatchObject({ code: 'STRING_TOO_LONG', fields: ['Description'] });
    await expect(service.updateDescription(org.flowManager.Id, '301000000000000', 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.flows.getVersion(versionId))?.Description).toBe('Asks customers how we did.');
    expect((await service.updateDescription(org.admin.Id, versionId, ''))?.Description).toBeNull();
    expect((await db.flows.getVersion(versionId))?.Description).toBeNull();
  });

  it('hides flows restricted to enabled permission sets from Run Flows users without one', async () => {
    const db = ctx.db();
    const org = await setUpOrg(db);
    const service = new FlowService(db);
    const [file] = filesMatching(readFolder(), SURVEY);
    const restricted = file!.content.replace('<processType>Flow</processType>', '<isAdditionalPermissionRequiredToRun>true</isAdditionalPermissionRequiredToRun>\n    <processType>Flow</processType>');
    await service.deploy(org.admin.Id, [{ path: file!.path, content: restricted }]);
    expect(await service.list(org.flowUser.Id)).toEqual([]);
    await expect(service.versions(org.flowUser.Id, 'Feedback_Survey')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await service.list(org.flowManager.Id)).map((f) => f.definition.DeveloperName)).toEqual(['Feedback_Survey']);

    const set = await db.directory.createPermissionSet({ Name: 'Survey_Takers' }, org.admin.Id);
    await db.directory.assignPermissionSet(org.flowUser.Id, set.Id);
    const definition = await db.flows.getDefinitionByName('Feedback_Survey');
    await db.directory.enableFlowAccess(set.Id, definition!.Id);
    expect((await service.list(org.flowUser.Id)).map((f) => f.definition.DeveloperName)).toEqual(['Feedback_Survey']);
  });

  it('finds versions by number and lists the input variables of the version that runs', async () => {
    const db = ctx.db();
    const { admin, flowUser } = await setUpOrg(db);
    const service = new FlowService(db);
    await deployFixtureObjects(service, admin.Id);
    const [file] = filesMatching(readFolder(), SURVEY);
    await service.deploy(admin.Id, [file!]);
    const withInput = file!.content.replace('</Flow>', '<variables><name>channel</name><dataType>Number</dataType><isCollection>true</isCollection><isInput>true</isInput><isOutput>false</isOutput></variables>\n</Flow>');
    await service.deploy(admin.Id, [{ path: file!.path, content: withInput.replace('<status>Active</status>', '<status>Draft</status>') }]);

    expect((await service.findVersion(flowUser.Id, 'Feedback_Survey', 1)).VersionNumber).toBe(1);
    expect((await service.findVersion(flowUser.Id, 'Feedback_Survey')).VersionNumber).toBe(2);
    await expect(service.findVersion(flowUser.Id, 'Feedback_Survey', 7)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Flow Feedback_Survey has no version 7 (its versions: 1, 2).' });
    expect(await service.inputVariables(flowUser.Id, 'Feedback_Survey')).toEqual([{ name: 'source', dataType: 'String', isCollection: false, objectType: undefined }]);
    const latest = await service.findVersion(flowUser.Id, 'Feedback_Survey', 2);
    expect((await service.inputVariables(flowUser.Id, 'Feedback_Survey', latest.Id)).map((v) => `${v.name}:${v.dataType}${v.isCollection ? '[]' : ''}`)).toEqual(['source:String', 'channel:Number[]']);
  });
});
