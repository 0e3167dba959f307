import { describe, expect, it } from 'vitest';
import { isSalesforceId, soqlContains, soqlId, soqlIdList, soqlName, soqlString } from '../../src/web/src/api/soql.js';

describe('SOQL literals built by the UI', () => {
  it('escapes quotes, backslashes and control characters in strings', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString('a\\b')).toBe("'a\\\\b'");
    expect(soqlString('line\nbreak\ttab')).toBe("'line\\nbreak\\ttab'");
    expect(soqlString("' OR Name != '")).toBe("'\\' OR Name != \\''");
  });

  it('accepts only well-formed IDs as ID literals', () => {
    expect(soqlId('003000000000001')).toBe("'003000000000001'");
    expect(soqlId('003000000000001AAA')).toBe("'003000000000001AAA'");
    expect(() => soqlId("003' OR Id != '")).toThrow(/not a valid record ID/);
    expect(() => soqlId('')).toThrow();
    expect(isSalesforceId('0Fo000000000001AAA')).toBe(true);
    expect(isSalesforceId('0Fo00000000001')).toBe(false);
  });

  it('builds IN lists of IDs and refuses an empty one', () => {
    expect(soqlIdList(['003000000000001AAA', '003000000000002AAA'])).toBe("('003000000000001AAA','003000000000002AAA')");
    expect(() => soqlIdList([])).toThrow();
  });

  it('accepts only API names as object and field names', () => {
    expect(soqlName('My_Object__c')).toBe('My_Object__c');
    expect(() => soqlName('Contact WHERE')).toThrow(/API name/);
    expect(() => soqlName('1Contact')).toThrow();
  });

  it('escapes LIKE wildcards so a search matches the text literally', () => {
    expect(soqlContains('50%_off')).toBe("'%50\\%\\_off%'");
    expect(soqlContains("it's")).toBe("'%it\\'s%'");
  });
});
