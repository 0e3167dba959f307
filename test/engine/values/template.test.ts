import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../../src/flow-model/references.js';
import { compileFormula } from '../../../src/engine/formulas/formula.js';
import { renderTemplate } from '../../../src/engine/template.js';
import { NOW, resolver, v } from './formula-helpers.js';

const vars = {
  name: v('Ada <Admin> & "co"', 'String'),
  amount: v(1234.5, 'Currency'),
  due: v('2024-05-01', 'Date'),
  at: v('2024-05-01T08:00:00Z', 'DateTime'),
  done: v(true, 'Boolean'),
  empty: v(null, 'String'),
  tags: v(['a', 'b'], 'String', true),
  account: v({ attributes: { type: 'Account' }, Id: '001D000000IqhSLIAZ', Name: 'Acme' }, 'SObject'),
  'account.Name': v('Acme', 'String'),
  notes: v('line 1\nline 2', 'String'),
  link: v('<a href="/x">X</a>', 'String'),
};

describe('renderTemplate', () => {
  it('replaces merge fields with their values as text', () => {
    const template = parseTemplate('Hi {!name}: {!amount} due {!due} at {!at}, done={!done}, [{!empty}], {!tags}, {!account} ({!account.Name})');
    expect(renderTemplate(template, resolver(vars))).toBe(
      'Hi Ada <Admin> & "co": 1234.5 due 2024-05-01 at 2024-05-01T08:00:00.000Z, done=true, [], [a, b], 001D000000IqhSLIAZ (Acme)',
    );
  });

  it('returns text without merge fields unchanged', () => {
    expect(renderTemplate(parseTemplate('Plain {text} with braces'), resolver({}))).toBe('Plain {text} with braces');
  });

  it('escapes merged values in HTML templates but keeps the template markup', () => {
    const template = parseTemplate('<p>Hello <b>{!name}</b></p><p>{!notes}</p>');
    expect(renderTemplate(template, resolver(vars), { html: true })).toBe('<p>Hello <b>Ada &lt;Admin&gt; &amp; &quot;co&quot;</b></p><p>line 1<br>line 2</p>');
  });

  it('inserts trusted HTML values as they are', () => {
    const template = parseTemplate('{!link} {!name}');
    const trusted = renderTemplate(template, resolver(vars), { html: true, trustedHtml: (ref) => ref.text === 'link' });
    expect(trusted).toBe('<a href="/x">X</a> Ada &lt;Admin&gt; &amp; &quot;co&quot;');
  });

  it('renders formula results in templates', () => {
    const total = compileFormula('{!amount} * 2', 'Currency', { scale: 2 });
    const resolve = resolver({ ...vars, total: v(total.evaluate(resolver(vars), { now: NOW }), 'Currency') });
    expect(renderTemplate(parseTemplate('Total: {!total}'), resolve)).toBe('Total: 2469');
  });
});
