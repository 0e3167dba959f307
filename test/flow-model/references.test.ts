import { describe, expect, it } from 'vitest';
import { hasMergeFields, mergeFieldReferences, parseReference, parseTemplate } from '../../src/flow-model/index.js';

describe('references', () => {
  it('splits a dotted name into root and path, keeping the text', () => {
    expect(parseReference('$Record.Account.Name')).toEqual({ root: '$Record', path: ['Account', 'Name'], text: '$Record.Account.Name' });
    expect(parseReference('  myVar ')).toEqual({ root: 'myVar', path: [], text: 'myVar' });
    expect(parseReference('   ')).toBeUndefined();
  });

  it('parses a template into literal parts and references', () => {
    expect(parseTemplate('Hello {!name}, today is {!$Flow.CurrentDateTime}!').parts).toEqual([
      'Hello ',
      { root: 'name', path: [], text: 'name' },
      ', today is ',
      { root: '$Flow', path: ['CurrentDateTime'], text: '$Flow.CurrentDateTime' },
      '!',
    ]);
  });

  it('tolerates spaces inside the braces', () => {
    expect(parseTemplate('{! Get_Records.Name }').parts).toEqual([{ root: 'Get_Records', path: ['Name'], text: 'Get_Records.Name' }]);
  });

  it('keeps braces that are not merge fields as text', () => {
    const text = 'JSON {"a": 1} and {x} and {!} and {!not a name}';
    expect(parseTemplate(text).parts).toEqual([text]);
    expect(hasMergeFields(text)).toBe(false);
  });

  it('reads $Record__Prior, $Label and custom settings roots', () => {
    expect(mergeFieldReferences('{!$Record__Prior.Status} {!$Label.Greeting} {!$Setup.My_Setting__c.Limit__c}').map((ref) => [ref.root, ref.path])).toEqual([
      ['$Record__Prior', ['Status']],
      ['$Label', ['Greeting']],
      ['$Setup', ['My_Setting__c', 'Limit__c']],
    ]);
  });

  it('keeps the original text of a template', () => {
    expect(parseTemplate('a {!b} c').text).toBe('a {!b} c');
    expect(parseTemplate('').parts).toEqual([]);
  });
});
