import { describe, expect, it } from 'vitest';
import { checksumOf, customObjectPrefix, isValidId, KEY_PREFIXES, keyPrefixOf, newId, objectForPrefix, parseId, sameId, to18 } from '../../src/runtime/org/ids.js';

describe('Salesforce-style IDs', () => {
  it('computes the case-safe suffix of a documented Salesforce ID', () => {
    // 001D000000IRFmaIAH is the Account ID in Salesforce's REST API documentation.
    expect(checksumOf('001D000000IRFma')).toBe('IAH');
    expect(to18('001D000000IRFma')).toBe('001D000000IRFmaIAH');
  });

  it('makes 18-character IDs with the object key prefix and a valid suffix', () => {
    for (const prefix of [KEY_PREFIXES.FlowInterview, KEY_PREFIXES.Account, KEY_PREFIXES.User, 'a00']) {
      const id = newId(prefix);
      expect(id).toMatch(/^[0-9A-Za-z]{18}$/);
      expect(keyPrefixOf(id)).toBe(prefix);
      expect(isValidId(id)).toBe(true);
      expect(id.slice(15)).toBe(checksumOf(id.slice(0, 15)));
    }
  });

  it('never repeats an ID across 100,000 new ones', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) seen.add(newId('0Fo'));
    expect(seen.size).toBe(100_000);
  });

  it('rejects IDs with a wrong suffix, wrong length or other characters', () => {
    const id = newId('001');
    const wrongSuffix = id.slice(0, 15) + (id.slice(15) === 'AAA' ? 'AAB' : 'AAA');
    expect(isValidId(wrongSuffix)).toBe(false);
    expect(isValidId(id.slice(0, 14))).toBe(false);
    expect(isValidId(`${id.slice(0, 14)}-`)).toBe(false);
    expect(isValidId(42)).toBe(false);
    expect(isValidId(id.slice(0, 15))).toBe(true);
  });

  it('restores the case of an 18-character ID that was lower-cased', () => {
    const id = '001D000000IRFmaIAH';
    expect(parseId(id.toLowerCase())).toBe(id);
    expect(parseId(id.slice(0, 15))).toBe(id);
    expect(sameId(id, id.slice(0, 15))).toBe(true);
  });

  it('throws MALFORMED_ID naming the field for text that is not an ID', () => {
    expect(() => parseId('not-an-id', 'AccountId')).toThrow(expect.objectContaining({ code: 'MALFORMED_ID', fields: ['AccountId'] }));
  });

  it('maps key prefixes back to objects and numbers custom object prefixes', () => {
    expect(objectForPrefix('0Fo')).toBe('FlowInterview');
    expect(objectForPrefix('500')).toBe('Case');
    expect(objectForPrefix('zzz')).toBeUndefined();
    expect([0, 1, 61, 62].map(customObjectPrefix)).toEqual(['a00', 'a01', 'a0z', 'a10']);
  });
});
