import { describe, expect, it } from 'vitest';
import { ast } from 'formulon';
import {
  FORMULA_FUNCTION_ARITY,
  FormulaSyntaxError,
  UNSUPPORTED_FORMULA_FUNCTIONS,
  formulaFunctions,
  parseFormula,
  rewriteMergeFields,
} from '../../../src/flow-model/formula-syntax.js';
import { FORMULA_FUNCTIONS } from '../../../src/engine/formulas/formula-functions.js';

function syntaxError(expression: string): FormulaSyntaxError {
  try {
    parseFormula(expression);
  } catch (error) {
    if (error instanceof FormulaSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${expression} not to parse`);
}

describe('rewriteMergeFields', () => {
  it('replaces merge fields with identifiers, the same reference with the same identifier', () => {
    const { text, references, identifiers } = rewriteMergeFields('IF({!a.b} > 1, {!$Record.Account.Name}, {!a.b} & {!$Label.Greeting})');
    expect(text).toBe('IF(m0 > 1, m1, m0 & m2)');
    expect(identifiers).toEqual(['m0', 'm1', 'm2']);
    expect(references).toEqual([
      { root: 'a', path: ['b'], text: 'a.b' },
      { root: '$Record', path: ['Account', 'Name'], text: '$Record.Account.Name' },
      { root: '$Label', path: ['Greeting'], text: '$Label.Greeting' },
    ]);
  });

  it('leaves merge-field syntax inside string literals alone', () => {
    const { text, references } = rewriteMergeFields(`"Hello {!name}" & 'it\\'s {!x}' & {!name}`);
    expect(text).toBe(`"Hello {!name}" & 'it\\'s {!x}' & m0`);
    expect(references.map((ref) => ref.text)).toEqual(['name']);
  });

  it('drops comments, including merge fields inside them', () => {
    const { text, references } = rewriteMergeFields('/* uses {!old} */ {!$Flow.CurrentDate} + 1 /* days */');
    expect(text.trim()).toBe('m0 + 1');
    expect(references.map((ref) => ref.text)).toEqual(['$Flow.CurrentDate']);
  });

  it('produces text formulon parses', () => {
    const { text } = rewriteMergeFields('IF(ISBLANK({!$Record.CloseDate}), {!$Flow.CurrentDate} + 5, {!$Record.CloseDate})');
    expect(ast(text)).toMatchObject({ type: 'callExpression', id: 'if' });
  });

  it('picks identifiers that do not collide with bare names', () => {
    const { text, identifiers, references } = rewriteMergeFields('m0 + {!x}');
    expect(identifiers).toEqual(['m0', 'mf1']);
    expect(text).toBe('m0 + mf1');
    expect(references.map((ref) => ref.text)).toEqual(['m0', 'x']);
  });
});

describe('formulaFunctions', () => {
  it('lists the upper-case function names once, in order', () => {
    expect(formulaFunctions('if(isBlank({!a}), Text(TODAY()), TEXT({!b}))')).toEqual(['IF', 'ISBLANK', 'TEXT', 'TODAY']);
  });

  it('ignores names inside strings and comments', () => {
    expect(formulaFunctions('"LEFT(" & /* RIGHT(x) */ MID({!a}, 1, 2)')).toEqual(['MID']);
  });

  it('falls back to a scan when the formula does not tokenize', () => {
    expect(formulaFunctions('LEFT({!a}, 2) & "unterminated')).toEqual(['LEFT']);
  });
});

describe('parseFormula', () => {
  it('follows operator precedence', () => {
    const { root } = parseFormula('1 + 2 * 3 ^ 2 = 19 && TRUE || FALSE');
    expect(root).toMatchObject({ kind: 'binary', op: '||', left: { kind: 'binary', op: '&&', left: { kind: 'binary', op: '=' } } });
    expect(parseFormula('"a" & 1 + 2').root).toMatchObject({ kind: 'binary', op: '&', right: { kind: 'binary', op: '+' } });
  });

  it('normalises operator spellings', () => {
    expect(parseFormula('{!a} == 1').root).toMatchObject({ op: '=' });
    expect(parseFormula('{!a} != 1').root).toMatchObject({ op: '<>' });
    expect(parseFormula('!{!a}').root).toMatchObject({ kind: 'unary', op: '!' });
  });

  it('decodes string escapes', () => {
    expect(parseFormula(String.raw`"say \"hi\"\n" & 'it\'s' & "\\"`).root).toMatchObject({
      left: { left: { value: 'say "hi"\n' }, right: { value: "it's" } },
      right: { value: '\\' },
    });
  });

  it('reads TRUE, FALSE and NULL in any case, and bare names as references', () => {
    expect(parseFormula('true').root).toEqual({ kind: 'literal', value: true });
    expect(parseFormula('Null').root).toEqual({ kind: 'literal', value: null });
    const parsed = parseFormula('$Flow.CurrentDate + 1');
    expect(parsed.references).toEqual([{ root: '$Flow', path: ['CurrentDate'], text: '$Flow.CurrentDate' }]);
  });

  it('folds negative number literals and keeps unary minus on expressions', () => {
    expect(parseFormula('-5').root).toEqual({ kind: 'literal', value: -5 });
    expect(parseFormula('-({!a} + 1)').root).toMatchObject({ kind: 'unary', op: '-' });
  });

  it('rejects bad syntax with a position', () => {
    for (const expression of ['', '1 +', 'IF(1, 2', '"open', '{!a', '{a}', '1 2', '/* open', 'LEFT(a,, 1)', '#']) {
      expect(syntaxError(expression).code).toBe('SYNTAX');
    }
    expect(syntaxError('1 + ) 2').position).toBe(4);
  });

  it('rejects unknown functions and wrong argument counts', () => {
    expect(syntaxError('FOO(1)')).toMatchObject({ code: 'UNKNOWN_FUNCTION', message: 'Unknown function FOO.' });
    expect(syntaxError('IF(TRUE, 1)').code).toBe('ARITY');
    expect(syntaxError('TODAY(1)').code).toBe('ARITY');
    expect(syntaxError('CASE({!a}, 1, 2, 3, 4)').code).toBe('ARITY');
    expect(() => parseFormula('CASE({!a}, 1, 2, 3)')).not.toThrow();
  });
});

describe('function catalogue', () => {
  it('evaluates every known function except the unsupported ones and the record-context special forms', () => {
    const special = new Set(['ISCHANGED', 'PRIORVALUE']);
    for (const name of FORMULA_FUNCTION_ARITY.keys()) {
      const evaluated = FORMULA_FUNCTIONS.has(name) || special.has(name);
      expect(evaluated, name).toBe(!UNSUPPORTED_FORMULA_FUNCTIONS.has(name));
    }
    for (const name of FORMULA_FUNCTIONS.keys()) expect(FORMULA_FUNCTION_ARITY.has(name), name).toBe(true);
  });
});
