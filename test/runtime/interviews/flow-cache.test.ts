/** The flow cache: one compile per version, bounded, and versions that cannot run refused. */
import { expect, it } from 'vitest';
import { FlowCache } from '../../../src/runtime/flows/flow-cache.js';
import { forEachDatabase } from '../../support/databases.js';
import { deployFixture, deployXml, fixtureXml } from './support/runtime-harness.js';

forEachDatabase('flow cache', (ctx) => {
  it('compiles a version once, names it after its definition, and evicts the least recently used beyond its size', async () => {
    const db = ctx.db();
    const cache = new FlowCache(db, { maxEntries: 2 });
    const a = await deployFixture(db, 'Account_Survey');
    const b = await deployFixture(db, 'Send_Welcome_Email');
    const c = await deployFixture(db, 'Wait_For_Shipment');

    const first = await cache.compiled(a.version.Id);
    expect(first.apiName).toBe('Account_Survey');
    expect(await cache.compiled(a.version.Id)).toBe(first);
    await cache.compiled(b.version.Id);
    await cache.compiled(a.version.Id);
    await cache.compiled(c.version.Id);
    expect(cache.size).toBe(2);
    // a was used more recently than b: b was evicted, a was not.
    expect(await cache.compiled(a.version.Id)).toBe(first);
    cache.invalidate(a.version.Id);
    expect(await cache.compiled(a.version.Id)).not.toBe(first);
    expect((await cache.loadByName('send_welcome_email'))?.versionId).toBe(b.version.Id);
    expect(await cache.loadByName('Nope')).toBeUndefined();
  });

  it('refuses unknown versions and versions whose metadata has errors', async () => {
    const db = ctx.db();
    const cache = new FlowCache(db);
    await expect(cache.compiled('301000000000000AAA')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cache.compiled('bad')).rejects.toMatchObject({ code: 'MALFORMED_ID' });
    const broken = fixtureXml('Account_Survey').replace('<targetReference>Rating</targetReference>', '<targetReference>Nowhere</targetReference>');
    const { version } = await deployXml(db, 'Broken', broken, 'Draft');
    await expect(cache.compiled(version.Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION', message: expect.stringContaining('CONNECTOR_DANGLING') as string });
    const { version: invalid } = await deployXml(db, 'Broken', broken, 'InvalidDraft');
    await expect(cache.compiled(invalid.Id)).rejects.toMatchObject({ code: 'INVALID_OPERATION' });
  });
});
