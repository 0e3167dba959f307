/**
 * `InterviewService.preview`: the shown screen with proposed values, for fields whose visibility
 * depends on the same screen — read-only (version and state unchanged), with navigate's access
 * rules and argument checks.
 */
import { expect, it } from 'vitest';
import type { ScreenFieldModel } from '../../../src/engine/protocol.js';
import type { InterviewView } from '../../../src/runtime/interviews/interview-service.js';
import { forEachDatabase, type DatabaseContext } from '../../support/databases.js';
import { createUser, deployFixture, testRuntime } from './support/runtime-harness.js';

function field(view: InterviewView, name: string): ScreenFieldModel {
  const found = view.screen?.fields.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`No field ${name} in ${JSON.stringify(view.screen)}`);
  return found;
}

async function started(ctx: DatabaseContext) {
  const db = ctx.db();
  const { runtime } = await testRuntime(ctx);
  await deployFixture(db, 'Reactive_Contact');
  const owner = await createUser(db, 'owner');
  const view = await runtime.interviews.start(owner.Id, 'Reactive_Contact');
  return { runtime, owner, id: view.interview.Id, view };
}

forEachDatabase('interview preview', (ctx) => {
  it('shows the fields the proposed values make visible, and stores nothing', async () => {
    const { runtime, owner, id, view } = await started(ctx);
    expect(view.screen?.reactive).toBe(true);
    expect(field(view, 'Phone_Number').visible).toBe(false);
    const before = await ctx.db().interviews.get(id);

    const previewed = await runtime.interviews.preview(owner.Id, id, { Full_Name: 'Ada', Nickname: 'Countess', Preferred_Channel: 'Phone' });
    expect(previewed.awaiting).toBe('screen');
    expect(field(previewed, 'Phone_Number').visible).toBe(true);
    expect(field(previewed, 'Nickname_Note')).toMatchObject({ visible: true, text: '<p>We will call you Countess.</p>' });
    expect(previewed.screen?.errors).toEqual({});
    expect(previewed.interview.version).toBe(before?.version);

    const after = await ctx.db().interviews.get(id);
    expect(after?.version).toBe(before?.version);
    expect(after?.state).toEqual(before?.state);
    expect(field(await runtime.interviews.get(owner.Id, id), 'Phone_Number').visible).toBe(false);
    // The submission still validates what the preview showed.
    const rejected = await runtime.interviews.navigate(owner.Id, id, { action: 'NEXT', values: { Full_Name: 'Ada', Preferred_Channel: 'Phone' } });
    expect(rejected.screen?.errors).toEqual({ Phone_Number: 'Complete this field.' });
  });

  it('needs navigate\'s access: a stranger gets NOT_FOUND, a reader INSUFFICIENT_ACCESS', async () => {
    const { runtime, owner, id } = await started(ctx);
    const db = ctx.db();
    const stranger = await createUser(db, 'stranger');
    await expect(runtime.interviews.preview(stranger.Id, id, { Preferred_Channel: 'Phone' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const reader = await createUser(db, 'reader');
    await db.interviews.share(id, reader.Id, 'Read', owner.Id);
    await expect(runtime.interviews.preview(reader.Id, id, { Preferred_Channel: 'Phone' })).rejects.toMatchObject({ code: 'INSUFFICIENT_ACCESS' });
    expect((await runtime.interviews.preview(owner.Id, id, {})).awaiting).toBe('screen');
  });

  it('checks values like navigate and needs a running interview at a screen', async () => {
    const { runtime, owner, id } = await started(ctx);
    await expect(runtime.interviews.preview(owner.Id, id, ['Phone'] as never)).rejects.toMatchObject({ code: 'INVALID_API_INPUT' });
    await expect(runtime.interviews.preview(owner.Id, 'not-an-id', {})).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    await runtime.interviews.pause(owner.Id, id, {});
    await expect(runtime.interviews.preview(owner.Id, id, { Preferred_Channel: 'Phone' })).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });
});
