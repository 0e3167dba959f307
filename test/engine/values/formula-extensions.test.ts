import { describe, expect, it } from 'vitest';
import { parse } from 'formulon';
import { compileFormula } from '../../../src/engine/formulas/formula.js';
import type { Reference } from '../../../src/flow-model/model.js';
import { NOW, faultOf, resolver, run, v } from './formula-helpers.js';

describe('functions formulon lacks', () => {
  it('ISNUMBER tells numeric text apart', () => {
    expect(run('ISNUMBER("12.5")', 'Boolean')).toBe(true);
    expect(run('ISNUMBER(" -3 ")', 'Boolean')).toBe(true);
    expect(run('ISNUMBER("12a")', 'Boolean')).toBe(false);
    expect(run('ISNUMBER({!s})', 'Boolean', { s: v(null, 'String') })).toBe(false);
    // formulon's own ISNUMBER is a stub that fails:
    expect(parse('ISNUMBER("1")')).toMatchObject({ type: 'error', errorType: 'NotImplementedError' });
  });

  it('REVERSE reverses text', () => {
    expect(run('REVERSE("abc")', 'String')).toBe('cba');
    expect(run('REVERSE(REVERSE({!s}))', 'String', { s: v('round trip', 'String') })).toBe('round trip');
    expect(run('REVERSE({!s})', 'String', { s: v(null, 'String') })).toBeNull();
  });

  it('HTMLENCODE, JSENCODE, JSINHTMLENCODE and URLENCODE escape for their context', () => {
    expect(run(`HTMLENCODE('<a href="x">Tom & Jerry\\'s</a>')`, 'String')).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    expect(run(`JSENCODE('it\\'s "q"' & BR() & '\\\\')`, 'String')).toBe(`it\\'s \\"q\\"\\n\\\\`);
    expect(run(`JSINHTMLENCODE('<b>\\'</b>')`, 'String')).toBe('\\u003Cb\\u003E\\&#39;\\u003C/b\\u003E');
    expect(run(`URLENCODE('a b&c=d/é!')`, 'String')).toBe('a%20b%26c%3Dd%2F%C3%A9%21');
  });

  it('INITCAP capitalises each word', () => {
    expect(run('INITCAP("hello WORLD  of flows")', 'String')).toBe('Hello World  Of Flows');
  });

  it('UNIXTIMESTAMP and FROMUNIXTIME convert seconds since 1970', () => {
    expect(run('UNIXTIMESTAMP({!dt})', 'Number', { dt: v('2024-01-01T00:00:10.900Z', 'DateTime') })).toBe(1704067210);
    expect(run('UNIXTIMESTAMP({!d})', 'Number', { d: v('1970-01-02', 'Date') })).toBe(86400);
    expect(run('UNIXTIMESTAMP({!t})', 'Number', { t: v('01:00:00.000', 'Time') })).toBe(3600);
    expect(run('VALUE(RIGHT(TEXT(UNIXTIMESTAMP(NOW())),10))', 'Number')).toBe(Date.parse(NOW) / 1000 - 0.25);
    expect(run('FROMUNIXTIME(1704067200)', 'DateTime')).toBe('2024-01-01T00:00:00.000Z');
  });

  it('ISOWEEK and ISOYEAR follow ISO-8601 weeks', () => {
    expect(run('ISOWEEK({!d})', 'Number', { d: v('2021-01-03', 'Date') })).toBe(53);
    expect(run('ISOYEAR({!d})', 'Number', { d: v('2021-01-03', 'Date') })).toBe(2020);
    expect(run('ISOWEEK({!d})', 'Number', { d: v('2024-12-30', 'Date') })).toBe(1);
    expect(run('ISOYEAR({!d})', 'Number', { d: v('2024-12-30', 'Date') })).toBe(2025);
    expect(run('ISOWEEK({!d})', 'Number', { d: v('2024-03-15', 'Date') })).toBe(11);
  });

  it('DAYOFYEAR counts from 1 January', () => {
    expect(run('DAYOFYEAR({!d})', 'Number', { d: v('2024-01-01', 'Date') })).toBe(1);
    expect(run('DAYOFYEAR({!d})', 'Number', { d: v('2024-12-31', 'Date') })).toBe(366);
    expect(run('DAYOFYEAR({!d})', 'Number', { d: v('2023-03-01', 'Date') })).toBe(60);
  });

  it('FORMATDURATION formats seconds and differences', () => {
    expect(run('FORMATDURATION(1000)', 'String')).toBe('00:16:40');
    expect(run('FORMATDURATION(100000)', 'String')).toBe('27:46:40');
    expect(run('FORMATDURATION(100000, TRUE)', 'String')).toBe('1:03:46:40');
    const span = { a: v('2024-01-01T08:30:00Z', 'DateTime'), b: v('2024-01-01T09:00:00Z', 'DateTime') };
    expect(run('FORMATDURATION({!a}, {!b})', 'String', span)).toBe('0:00:30:00');
    expect(run('FORMATDURATION({!a}, {!b})', 'String', { a: v('08:00:00.000', 'Time'), b: v('09:15:30.000', 'Time') })).toBe('01:15:30');
  });

  it('HOUR, MINUTE, SECOND and MILLISECOND read Time values (and date-times in UTC)', () => {
    const vars = { t: v('17:30:45.125', 'Time'), dt: v('2024-01-01T05:06:07.008Z', 'DateTime') };
    expect(run('HOUR({!t})', 'Number', vars)).toBe(17);
    expect(run('MINUTE({!t})', 'Number', vars)).toBe(30);
    expect(run('SECOND({!t})', 'Number', vars)).toBe(45);
    expect(run('MILLISECOND({!t})', 'Number', vars)).toBe(125);
    expect(run('HOUR({!dt}) + MINUTE({!dt}) + SECOND({!dt}) + MILLISECOND({!dt})', 'Number', vars)).toBe(26);
    expect(run('HOUR(TIMEVALUE("08:00:00.000"))', 'Number')).toBe(8);
    // formulon rejects Time values here:
    expect(parse('HOUR(TIMEVALUE("08:00:00.000"))')).toMatchObject({ type: 'error' });
  });

  it('IMAGE returns an img tag and marks the formula as HTML', () => {
    expect(compileFormula('IMAGE("/logo.png", "Logo", 10, 20)', 'String').producesHtml).toBe(true);
    expect(run('IMAGE("/logo.png", "Logo", 10, 20)', 'String')).toBe('<img src="/logo.png" alt="Logo" height="10" width="20" border="0"/>');
  });
});

describe('record-context functions', () => {
  const current = { '$Record.Status': v('Closed', 'Picklist'), '$Record.WhatId': v('001D000000IqhSL', 'String') };
  const priorValues: Record<string, string | null> = { '$Record.Status': 'Open', '$Record.WhatId': '001D000000IqhSLIAZ' };
  const prior = (ref: Reference) => v(priorValues[ref.text] ?? null);

  it('ISCHANGED compares with the prior value', () => {
    const formula = compileFormula('ISCHANGED({!$Record.Status})', 'Boolean');
    expect(formula.evaluate(resolver(current), { now: NOW, prior })).toBe(true);
    expect(compileFormula('ISCHANGED({!$Record.WhatId})', 'Boolean').evaluate(resolver(current), { now: NOW, prior })).toBe(false);
  });

  it('ISCHANGED is false for new records and without prior values', () => {
    const formula = compileFormula('ISCHANGED({!$Record.Status})', 'Boolean');
    expect(formula.evaluate(resolver(current), { now: NOW, prior, isNew: true })).toBe(false);
    expect(formula.evaluate(resolver(current), { now: NOW })).toBe(false);
  });

  it('ISNEW reads the context', () => {
    const formula = compileFormula('(ISNEW() && NOT(ISBLANK({!$Record.WhatId}))) || ISCHANGED({!$Record.WhatId})', 'Boolean');
    expect(formula.evaluate(resolver(current), { now: NOW, isNew: true })).toBe(true);
    expect(formula.evaluate(resolver(current), { now: NOW, prior, isNew: false })).toBe(false);
    expect(run('ISNEW()', 'Boolean')).toBe(false);
  });

  it('PRIORVALUE returns the prior value, or null for new records', () => {
    const formula = compileFormula('PRIORVALUE({!$Record.Status})', 'String');
    expect(formula.evaluate(resolver(current), { now: NOW, prior })).toBe('Open');
    expect(formula.evaluate(resolver(current), { now: NOW, prior, isNew: true })).toBeNull();
  });

  it('requires a reference argument', () => {
    expect(() => compileFormula('ISCHANGED("Status")', 'Boolean')).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR' }));
    expect(faultOf('PRIORVALUE(1 + 1)', 'Number').code).toBe('FORMULA_ERROR');
  });
});
