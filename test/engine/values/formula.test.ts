import { describe, expect, it } from 'vitest';
import { compileFormula } from '../../../src/engine/formulas/formula.js';
import type { Reference } from '../../../src/flow-model/model.js';
import { NOW, faultOf, resolver, run, v } from './formula-helpers.js';

describe('formula operators', () => {
  it('does arithmetic with decimal results', () => {
    expect(run('1 + 2 * 3', 'Number')).toBe(7);
    expect(run('(1 + 2) * 3', 'Number')).toBe(9);
    expect(run('0.1 + 0.2', 'Number')).toBe(0.3);
    expect(run('10 / 4', 'Number')).toBe(2.5);
    expect(run('2 ^ 10', 'Number')).toBe(1024);
    expect(run('-{!n} * 2', 'Number', { n: v(3, 'Number') })).toBe(-6);
    expect(run('{!a} / {!b} * 100', 'Number', { a: v(1, 'Number'), b: v(3, 'Number') }, {}, 2)).toBe(33.33);
  });

  it('concatenates with & and with + on text', () => {
    expect(run('"a" & "b" & {!n}', 'String', { n: v(5, 'Number') })).toBe('ab5');
    expect(run('{!name} + "_" + TEXT({!count})', 'String', { name: v('Rex', 'String'), count: v(2, 'Number') })).toBe('Rex_2');
    expect(run('"x" & {!missing}', 'String', { missing: v(null, 'String') })).toBe('x');
  });

  it('keeps blank numbers blank in arithmetic', () => {
    expect(run('{!n} + 1', 'Number', { n: v(null, 'Number') })).toBeNull();
    expect(run('{!n} * 2', 'Number', { n: v(null, 'Number') })).toBeNull();
    expect(run('BLANKVALUE({!n}, 0) + 1', 'Number', { n: v(null, 'Number') })).toBe(1);
  });

  it('compares values, text case-sensitively', () => {
    expect(run('{!s} = "Open"', 'Boolean', { s: v('Open', 'Picklist') })).toBe(true);
    expect(run('{!s} = "open"', 'Boolean', { s: v('Open', 'Picklist') })).toBe(false);
    expect(run('{!s} <> "open"', 'Boolean', { s: v('Open', 'Picklist') })).toBe(true);
    expect(run('3 >= 3 && 2 < 3 && 4 > 1 && 1 <= 1', 'Boolean')).toBe(true);
    expect(run('{!d} < DATE(2024, 1, 2)', 'Boolean', { d: v('2024-01-01', 'Date') })).toBe(true);
  });

  it('compares with null: a blank text equals the empty string, ordering with null is false', () => {
    expect(run('{!s} = null', 'Boolean', { s: v(null, 'String') })).toBe(true);
    expect(run('{!s} = ""', 'Boolean', { s: v(null, 'String') })).toBe(true);
    expect(run('{!n} = 0', 'Boolean', { n: v(null, 'Number') })).toBe(false);
    expect(run('{!n} > 0', 'Boolean', { n: v(null, 'Number') })).toBe(false);
    expect(run('{!n} < 0', 'Boolean', { n: v(null, 'Number') })).toBe(false);
  });

  it('short-circuits && and || so the other side is not evaluated', () => {
    expect(run('{!n} <> 0 && 10 / {!n} > 1', 'Boolean', { n: v(0, 'Number') })).toBe(false);
    expect(run('{!n} = 0 || 10 / {!n} > 1', 'Boolean', { n: v(0, 'Number') })).toBe(true);
    expect(run('!({!b})', 'Boolean', { b: v(false, 'Boolean') })).toBe(true);
  });
});

describe('date arithmetic', () => {
  it('adds and subtracts days on dates', () => {
    expect(run('{!d} + 5', 'Date', { d: v('2024-02-27', 'Date') })).toBe('2024-03-03');
    expect(run('5 + {!d}', 'Date', { d: v('2024-02-27', 'Date') })).toBe('2024-03-03');
    expect(run('{!d} - 1', 'Date', { d: v('2024-03-01', 'Date') })).toBe('2024-02-29');
    expect(run('{!d} + ({!n} * 7)', 'Date', { d: v('2024-01-01', 'Date'), n: v(2, 'Number') })).toBe('2024-01-15');
  });

  it('adds fractions of days to date-times', () => {
    expect(run('{!dt} + 1.5', 'DateTime', { dt: v('2024-01-01T00:00:00.000Z', 'DateTime') })).toBe('2024-01-02T12:00:00.000Z');
    expect(run('{!dt} + ({!hours} / 24)', 'DateTime', { dt: v('2024-01-01T08:00:00.000Z', 'DateTime'), hours: v(3, 'Number') })).toBe('2024-01-01T11:00:00.000Z');
    expect(run('{!dt} - 0.5', 'DateTime', { dt: v('2024-01-01T08:00:00.000Z', 'DateTime') })).toBe('2023-12-31T20:00:00.000Z');
  });

  it('subtracts dates into days', () => {
    expect(run('{!b} - {!a}', 'Number', { a: v('2024-01-01', 'Date'), b: v('2024-03-01', 'Date') })).toBe(60);
    expect(run('{!b} - {!a}', 'Number', { a: v('2024-01-01T00:00:00Z', 'DateTime'), b: v('2024-01-01T06:00:00Z', 'DateTime') })).toBe(0.25);
  });

  it('adds milliseconds to times', () => {
    expect(run('{!t} + 3600000', 'Time', { t: v('23:30:00.000', 'Time') })).toBe('00:30:00.000');
  });

  it('treats untyped ISO strings (record fields) as dates', () => {
    expect(run('{!$Record.CloseDate} + 5', 'Date', { '$Record.CloseDate': '2024-12-30' })).toBe('2025-01-04');
    expect(run('{!$Record.CreatedDate} + 1', 'DateTime', { '$Record.CreatedDate': '2024-01-01T10:00:00.000+0000' })).toBe('2024-01-02T10:00:00.000Z');
    expect(run('LEFT({!$Record.CloseDate}, 4)', 'String', { '$Record.CloseDate': '2024-12-30' })).toBe('2024');
  });

  it('rejects adding two dates', () => {
    expect(faultOf('{!a} + {!a}', 'Date', { a: v('2024-01-01', 'Date') }).code).toBe('FORMULA_ERROR');
  });
});

describe('logical functions', () => {
  it('IF picks a branch and does not evaluate the other', () => {
    expect(run('IF({!b}, "yes", "no")', 'String', { b: v(true, 'Boolean') })).toBe('yes');
    expect(run('IF({!b}, "yes", "no")', 'String', { b: v(null, 'Boolean') })).toBe('no');
    expect(run('IF({!n} = 0, 0, 1 / {!n})', 'Number', { n: v(0, 'Number') })).toBe(0);
  });

  it('AND, OR and NOT', () => {
    expect(run('AND(TRUE, {!b}, 1 < 2)', 'Boolean', { b: v(true, 'Boolean') })).toBe(true);
    expect(run('AND(TRUE, {!b})', 'Boolean', { b: v(false, 'Boolean') })).toBe(false);
    expect(run('OR(FALSE, {!b})', 'Boolean', { b: v(true, 'Boolean') })).toBe(true);
    expect(run('OR({!b}, 1 / 0 > 1)', 'Boolean', { b: v(true, 'Boolean') })).toBe(true);
    expect(run('NOT({!b})', 'Boolean', { b: v(false, 'Boolean') })).toBe(true);
  });

  it('CASE matches values and falls back to the default', () => {
    const formula = 'CASE({!s}, "a", 1, "b", 2, 0)';
    expect(run(formula, 'Number', { s: v('b', 'String') })).toBe(2);
    expect(run(formula, 'Number', { s: v('z', 'String') })).toBe(0);
    expect(run(formula, 'Number', { s: v(null, 'String') })).toBe(0);
    expect(run('CASE(MONTH({!d}), 1, "Jan", 2, "Feb", "Other")', 'String', { d: v('2024-02-10', 'Date') })).toBe('Feb');
  });

  it('ISBLANK and ISNULL differ on the empty string', () => {
    expect(run('ISBLANK({!s})', 'Boolean', { s: v('', 'String') })).toBe(true);
    expect(run('ISNULL({!s})', 'Boolean', { s: v('', 'String') })).toBe(false);
    expect(run('ISBLANK({!s})', 'Boolean', { s: v(null, 'String') })).toBe(true);
    expect(run('ISNULL({!s})', 'Boolean', { s: v(null, 'String') })).toBe(true);
    expect(run('ISBLANK({!n})', 'Boolean', { n: v(0, 'Number') })).toBe(false);
    expect(run('ISBLANK({!items})', 'Boolean', { items: v([], 'String', true) })).toBe(true);
  });

  it('BLANKVALUE and NULLVALUE substitute', () => {
    expect(run('BLANKVALUE({!s}, "n/a")', 'String', { s: v('', 'String') })).toBe('n/a');
    expect(run('BLANKVALUE({!s}, "n/a")', 'String', { s: v('x', 'String') })).toBe('x');
    expect(run('NULLVALUE({!n}, 7)', 'Number', { n: v(null, 'Number') })).toBe(7);
    expect(run('NULLVALUE({!s}, "n/a")', 'String', { s: v('', 'String') })).toBe('');
  });
});

describe('text functions', () => {
  it('LEFT, RIGHT, MID, LEN, FIND', () => {
    const vars = { s: v('Salesforce', 'String') };
    expect(run('LEFT({!s}, 5)', 'String', vars)).toBe('Sales');
    expect(run('RIGHT({!s}, 5)', 'String', vars)).toBe('force');
    expect(run('MID({!s}, 3, 4)', 'String', vars)).toBe('lesf');
    expect(run('LEN({!s})', 'Number', vars)).toBe(10);
    expect(run('FIND("force", {!s})', 'Number', vars)).toBe(6);
    expect(run('FIND("Force", {!s})', 'Number', vars)).toBe(0);
    expect(run('FIND("s", {!s}, 4)', 'Number', vars)).toBe(5);
    expect(run('LEFT({!s}, -1)', 'String', vars)).toBe('');
    expect(run('RIGHT({!s}, 0)', 'String', vars)).toBe('');
  });

  it('returns blank for blank text and LEN 0', () => {
    const vars = { s: v(null, 'String') };
    expect(run('LEFT({!s}, 3)', 'String', vars)).toBeNull();
    expect(run('LEN({!s})', 'Number', vars)).toBe(0);
    expect(run('FIND("a", {!s})', 'Number', vars)).toBe(0);
    expect(run('UPPER({!s})', 'String', vars)).toBeNull();
    expect(run('SUBSTITUTE({!s}, "a", "b")', 'String', vars)).toBeNull();
  });

  it('SUBSTITUTE replaces every occurrence, case-sensitively', () => {
    expect(run('SUBSTITUTE("a-b-A", "a", "x")', 'String')).toBe('x-b-A');
    expect(run('SUBSTITUTE("a.b.c", ".", "")', 'String')).toBe('abc');
    expect(run('SUBSTITUTE("abc", "", "x")', 'String')).toBe('abc');
  });

  it('CONTAINS and BEGINS are case-sensitive', () => {
    expect(run('CONTAINS("Critical issue", "critical")', 'Boolean')).toBe(false);
    expect(run('CONTAINS(LOWER("Critical issue"), "critical")', 'Boolean')).toBe(true);
    expect(run('BEGINS("Acme", "Ac")', 'Boolean')).toBe(true);
    expect(run('CONTAINS({!s}, "a")', 'Boolean', { s: v(null, 'String') })).toBe(false);
  });

  it('TRIM, UPPER, LOWER, LPAD, RPAD', () => {
    expect(run('TRIM("  a b  ")', 'String')).toBe('a b');
    expect(run('UPPER("abc") & LOWER("DEF")', 'String')).toBe('ABCdef');
    expect(run('LPAD("7", 3, "0")', 'String')).toBe('007');
    expect(run('RPAD("ab", 5, "xy")', 'String')).toBe('abxyx');
    expect(run('LPAD("abcdef", 3)', 'String')).toBe('abc');
    expect(run('LPAD("a", 3)', 'String')).toBe('  a');
  });

  it('BR is a line break', () => {
    expect(run("'Line 1' & BR() & 'Line 2'", 'String')).toBe('Line 1\nLine 2');
  });

  it('TEXT formats numbers, dates, date-times and times', () => {
    expect(run('TEXT({!n})', 'String', { n: v(1.5, 'Number') })).toBe('1.5');
    expect(run('TEXT({!n})', 'String', { n: v(1000, 'Currency') })).toBe('1000');
    expect(run('TEXT({!d})', 'String', { d: v('2024-01-05', 'Date') })).toBe('2024-01-05');
    expect(run('TEXT({!dt})', 'String', { dt: v('2024-01-05T10:20:30.400Z', 'DateTime') })).toBe('2024-01-05 10:20:30Z');
    expect(run('TEXT({!t})', 'String', { t: v('10:20:30.400', 'Time') })).toBe('10:20:30.400Z');
    expect(run('TEXT({!p})', 'String', { p: v('After', 'Picklist') })).toBe('After');
    expect(run('TEXT({!n})', 'String', { n: v(null, 'Number') })).toBeNull();
  });

  it('VALUE parses numbers and rejects other text', () => {
    expect(run('VALUE("42.5")', 'Number')).toBe(42.5);
    expect(run('VALUE(" -3 ")', 'Number')).toBe(-3);
    expect(run('VALUE({!s})', 'Number', { s: v(null, 'String') })).toBeNull();
    expect(faultOf('VALUE("abc")', 'Number')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('abc') });
  });

  it('INCLUDES and ISPICKVAL on picklists', () => {
    const vars = { mp: v('Dietary;Medical', 'Multipicklist'), p: v('Stray', 'Picklist') };
    expect(run("INCLUDES({!mp}, 'Medical')", 'Boolean', vars)).toBe(true);
    expect(run("INCLUDES({!mp}, 'Med')", 'Boolean', vars)).toBe(false);
    expect(run("ISPICKVAL({!p}, 'Stray')", 'Boolean', vars)).toBe(true);
    expect(run("ISPICKVAL({!p}, 'stray')", 'Boolean', vars)).toBe(false);
    expect(run("ISPICKVAL({!x}, '')", 'Boolean', { x: v(null, 'Picklist') })).toBe(true);
  });

  it('CASESAFEID makes an 18-character ID', () => {
    expect(run('CASESAFEID("001D000000IqhSL")', 'String')).toBe('001D000000IqhSLIAZ');
  });

  it('HYPERLINK returns HTML with escaped attributes and marks the formula as HTML', () => {
    const formula = compileFormula('HYPERLINK("/" & {!id}, {!name}, "_blank")', 'String');
    expect(formula.producesHtml).toBe(true);
    expect(formula.evaluate(resolver({ id: v('001"x', 'String'), name: v('<b>Acme</b>', 'String') }), { now: NOW })).toBe(
      '<a href="/001&quot;x" target="_blank">&lt;b&gt;Acme&lt;/b&gt;</a>',
    );
    expect(compileFormula('LEFT({!a}, 1)', 'String').producesHtml).toBe(false);
  });

  it('REGEX matches the whole text', () => {
    expect(run('REGEX("12345", "[0-9]+")', 'Boolean')).toBe(true);
    expect(run('REGEX("a12345", "[0-9]+")', 'Boolean')).toBe(false);
    expect(faultOf('REGEX("a", "(")', 'Boolean').code).toBe('FORMULA_ERROR');
  });
});

describe('math functions', () => {
  it('rounds half away from zero', () => {
    expect(run('ROUND(2.5, 0)', 'Number')).toBe(3);
    expect(run('ROUND(-2.5, 0)', 'Number')).toBe(-3);
    expect(run('ROUND(1.005, 2)', 'Number')).toBe(1.01);
    expect(run('ROUND(1234, -2)', 'Number')).toBe(1200);
  });

  it('CEILING and FLOOR go away from and towards zero, MCEILING and MFLOOR are mathematical', () => {
    expect(run('CEILING(-2.5)', 'Number')).toBe(-3);
    expect(run('FLOOR(-2.5)', 'Number')).toBe(-2);
    expect(run('MCEILING(-2.5)', 'Number')).toBe(-2);
    expect(run('MFLOOR(-2.5)', 'Number')).toBe(-3);
    expect(run('CEILING(2.1)', 'Number')).toBe(3);
  });

  it('ABS, MOD, MAX, MIN, SQRT, EXP, LN, LOG', () => {
    expect(run('ABS(-4)', 'Number')).toBe(4);
    expect(run('MOD(10, 3)', 'Number')).toBe(1);
    expect(run('MAX(1, 5, 3)', 'Number')).toBe(5);
    expect(run('MIN(1, 5, -3)', 'Number')).toBe(-3);
    expect(run('SQRT(16)', 'Number')).toBe(4);
    expect(run('EXP(0)', 'Number')).toBe(1);
    expect(run('LN(EXP(2))', 'Number')).toBe(2);
    expect(run('LOG(1000)', 'Number')).toBe(3);
    expect(run('MAX({!n}, 1)', 'Number', { n: v(null, 'Number') })).toBeNull();
  });

  it('faults on division by zero and invalid arguments', () => {
    expect(faultOf('1 / {!n}', 'Number', { n: v(0, 'Number') })).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('Division by zero') });
    expect(faultOf('MOD(1, 0)', 'Number').code).toBe('FORMULA_ERROR');
    expect(faultOf('SQRT(-1)', 'Number').code).toBe('FORMULA_ERROR');
    expect(faultOf('LEFT("abc", "x")', 'String').code).toBe('FORMULA_ERROR');
    expect(faultOf('"a" * 2', 'Number').code).toBe('FORMULA_ERROR');
  });
});

describe('date and time functions', () => {
  it('TODAY, NOW and TIMENOW come from the context, not the clock', () => {
    const context = { now: '2001-02-03T04:05:06.789Z' };
    expect(run('TODAY()', 'Date', {}, context)).toBe('2001-02-03');
    expect(run('NOW()', 'DateTime', {}, context)).toBe('2001-02-03T04:05:06.789Z');
    expect(run('TIMENOW()', 'Time', {}, context)).toBe('04:05:06.789');
    expect(run('TEXT(NOW())', 'String', {}, context)).toBe('2001-02-03 04:05:06Z');
    expect(run('TODAY() - MOD(TODAY() - DATE(1900, 1, 8), 7)', 'Date', {}, context)).toBe('2001-01-29');
  });

  it('faults when the context time is not ISO-8601', () => {
    expect(() => run('TODAY()', 'Date', {}, { now: 'yesterday' })).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR' }));
  });

  it('DATE, DATEVALUE, DATETIMEVALUE, TIMEVALUE', () => {
    expect(run('DATE(2024, 2, 29)', 'Date')).toBe('2024-02-29');
    expect(faultOf('DATE(2023, 2, 29)', 'Date')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('not a valid date') });
    expect(run('DATEVALUE("2024-05-06")', 'Date')).toBe('2024-05-06');
    expect(run('DATEVALUE({!dt})', 'Date', { dt: v('2024-05-06T23:59:00Z', 'DateTime') })).toBe('2024-05-06');
    expect(run('DATEVALUE("2024-05-06 10:00:00")', 'Date')).toBe('2024-05-06');
    expect(faultOf('DATEVALUE("May 6")', 'Date').code).toBe('FORMULA_ERROR');
    expect(run('DATETIMEVALUE("2024-05-06 10:00:00")', 'DateTime')).toBe('2024-05-06T10:00:00.000Z');
    expect(run('DATETIMEVALUE({!d})', 'DateTime', { d: v('2024-05-06', 'Date') })).toBe('2024-05-06T00:00:00.000Z');
    expect(run('TIMEVALUE("17:30:45.125")', 'Time')).toBe('17:30:45.125');
    expect(run('TIMEVALUE({!dt})', 'Time', { dt: v('2024-05-06T08:15:00Z', 'DateTime') })).toBe('08:15:00.000');
  });

  it('DAY, MONTH, YEAR, WEEKDAY', () => {
    const vars = { d: v('2024-03-17', 'Date') };
    expect(run('DAY({!d})', 'Number', vars)).toBe(17);
    expect(run('MONTH({!d})', 'Number', vars)).toBe(3);
    expect(run('YEAR({!d})', 'Number', vars)).toBe(2024);
    expect(run('WEEKDAY({!d})', 'Number', vars)).toBe(1);
    expect(run('MONTH({!d})', 'Number', { d: v(null, 'Date') })).toBeNull();
  });

  it('ADDMONTHS keeps the day, clamps to short months and keeps month ends at month ends', () => {
    expect(run('ADDMONTHS({!d}, 1)', 'Date', { d: v('2024-01-15', 'Date') })).toBe('2024-02-15');
    expect(run('ADDMONTHS({!d}, 1)', 'Date', { d: v('2024-01-31', 'Date') })).toBe('2024-02-29');
    expect(run('ADDMONTHS({!d}, 1)', 'Date', { d: v('2024-02-29', 'Date') })).toBe('2024-03-31');
    expect(run('ADDMONTHS({!d}, -13)', 'Date', { d: v('2024-03-10', 'Date') })).toBe('2023-02-10');
    expect(run('ADDMONTHS({!d}, 12)', 'Date', { d: v('2023-12-05', 'Date') })).toBe('2024-12-05');
    expect(run('ADDMONTHS({!dt}, 1)', 'DateTime', { dt: v('2024-01-15T09:30:00Z', 'DateTime') })).toBe('2024-02-15T09:30:00.000Z');
  });
});

describe('globals and references', () => {
  const globals = {
    '$GlobalConstant.True': v(true, 'Boolean'),
    '$GlobalConstant.False': v(false, 'Boolean'),
    '$GlobalConstant.EmptyString': v('', 'String'),
    '$System.OriginDateTime': v('1900-01-01T00:00:00.000Z', 'DateTime'),
    '$Flow.CurrentDate': v('2024-03-15', 'Date'),
    '$User.Username': v('ada@example.com', 'String'),
    '$Label.Greeting': v('Hello', 'String'),
    '$Record.Account.Name': 'Acme',
  };

  it('resolves globals through the resolver', () => {
    expect(run('IF({!$GlobalConstant.True}, "t", "f")', 'String', globals)).toBe('t');
    expect(run('{!$GlobalConstant.False} = FALSE', 'Boolean', globals)).toBe(true);
    expect(run('ISBLANK({!$GlobalConstant.EmptyString})', 'Boolean', globals)).toBe(true);
    expect(run('YEAR(DATEVALUE({!$System.OriginDateTime}))', 'Number', globals)).toBe(1900);
    expect(run('{!$Flow.CurrentDate} + 5', 'Date', globals)).toBe('2024-03-20');
    expect(run('{!$Label.Greeting} & ", " & {!$User.Username} & " of " & {!$Record.Account.Name}', 'String', globals)).toBe('Hello, ada@example.com of Acme');
  });

  it('resolves each reference once per evaluation, lazily', () => {
    const asked: string[] = [];
    const formula = compileFormula('IF({!flag}, {!a} & {!a}, {!b})', 'String');
    const resolve = (ref: Reference) => {
      asked.push(ref.text);
      return ref.text === 'flag' ? v(true, 'Boolean') : v('x', 'String');
    };
    expect(formula.evaluate(resolve, { now: NOW })).toBe('xx');
    expect(asked).toEqual(['flag', 'a']);
    expect(formula.references.map((ref) => ref.text)).toEqual(['flag', 'a', 'b']);
  });

  it('lets resolver faults through unchanged', () => {
    expect(faultOf('{!unknown} + 1', 'Number').code).toBe('UNKNOWN_REFERENCE');
  });
});

describe('results', () => {
  it('converts the result to the declared type and scale', () => {
    expect(run('10 / 3', 'Number', {}, {}, 2)).toBe(3.33);
    expect(run('2 / 3', 'Currency', {}, {}, 0)).toBe(1);
    expect(run('10 / 4', 'Long')).toBe(3);
    expect(run('"12"', 'Number')).toBe(12);
    expect(run('42', 'String')).toBe('42');
    expect(run('TODAY()', 'DateTime')).toBe('2024-03-15T00:00:00.000Z');
    expect(run('NOW()', 'Date')).toBe('2024-03-15');
    expect(run('NOW()', 'Time')).toBe('14:30:45.250');
    expect(run('"true"', 'Boolean')).toBe(true);
  });

  it('renders records and collections as text for a text result', () => {
    const account = v({ attributes: { type: 'Account' }, Id: '001D000000IqhSLIAZ' }, 'SObject');
    expect(run('{!account}', 'String', { account })).toBe('001D000000IqhSLIAZ');
    expect(run('{!tags}', 'String', { tags: v(['a', 'b'], 'String', true) })).toBe('[a, b]');
  });

  it('turns a null Boolean result into false', () => {
    expect(run('{!b}', 'Boolean', { b: v(null, 'Boolean') })).toBe(false);
  });

  it('faults when the result does not fit the type', () => {
    expect(faultOf('"abc"', 'Number')).toMatchObject({ code: 'FORMULA_ERROR', message: expect.stringContaining('not a number') });
    expect(faultOf('1', 'Date').code).toBe('FORMULA_ERROR');
  });
});

describe('compile errors', () => {
  it('faults with FORMULA_ERROR naming the formula on syntax errors', () => {
    expect(() => compileFormula('IF(1 >, 2, 3)', 'Number')).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR', message: expect.stringContaining('IF(1 >, 2, 3)') }));
    expect(() => compileFormula('LEFT(', 'String', { name: 'fTitle' })).toThrow(expect.objectContaining({ message: expect.stringContaining('fTitle') }));
  });

  it('faults on unknown and unsupported functions', () => {
    expect(() => compileFormula('NOPE(1)', 'Number')).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR', message: expect.stringContaining('Unknown function NOPE') }));
    expect(() => compileFormula('VLOOKUP({!a}, {!b}, {!c})', 'String')).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR', message: expect.stringContaining('VLOOKUP') }));
  });

  it('names the formula in evaluation errors', () => {
    const formula = compileFormula('1 / {!n}', 'Number', { name: 'fRatio' });
    expect(() => formula.evaluate(resolver({ n: v(0, 'Number') }), { now: NOW })).toThrow(expect.objectContaining({ code: 'FORMULA_ERROR', message: 'Formula fRatio: Division by zero.' }));
  });

  it('reuses the parsed formula for the same expression', () => {
    const first = compileFormula('{!a} + 1', 'Number');
    const second = compileFormula('{!a} + 1', 'Number');
    expect(second.references).toBe(first.references);
  });
});
