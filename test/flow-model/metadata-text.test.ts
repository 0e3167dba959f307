/**
 * What flow metadata text must be before it is parsed (size, no DOCTYPE, no character XML
 * forbids, UTF-8) and Salesforce's length limits on names, labels and descriptions.
 */
import { describe, expect, it } from 'vitest';
import { checkXmlText, decodeUtf8, MAX_METADATA_FILE_BYTES, parseFlowXml } from '../../src/flow-model/index.js';
import { flowXml, parse } from './flow-xml.js';

const ASSIGNMENT = (name: string, label = 'Set') => `    <assignments>
        <name>${name}</name>
        <label>${label}</label>
        <locationX>0</locationX>
        <locationY>0</locationY>
    </assignments>`;

describe('metadata text', () => {
  it('refuses characters XML forbids, raw or as character references, with their line', () => {
    const cases: readonly [string, RegExp][] = [
      ['<Flow>\n<label>a\u0000b</label></Flow>', /U\+0000/],
      ['<Flow>\n<label>a\uFFFFb</label></Flow>', /U\+FFFF/],
      ['<Flow>\n<label>a\uD800b</label></Flow>', /lone surrogate \(U\+D800\)/],
      ['<Flow>\n<label>a\u0007b</label></Flow>', /U\+0007/],
      ['<Flow>\n<label>a&#0;b</label></Flow>', /U\+0000 \(&#0;\)/],
      ['<Flow>\n<label>a&#xFFFE;b</label></Flow>', /U\+FFFE/],
      ['<Flow>\n<label>a&#xDC00;b</label></Flow>', /lone surrogate/],
      ['<Flow>\n<label>a&#x110000;b</label></Flow>', /beyond Unicode/],
    ];
    for (const [xml, message] of cases) expect(checkXmlText(xml), xml).toEqual({ message: expect.stringMatching(message), line: 2 });
    expect(checkXmlText('<Flow><label>tab\there, line\nbreak, é 𝄞 &#233; &#x1D11E;</label></Flow>')).toBeUndefined();
  });

  it('refuses a DOCTYPE or ENTITY declaration, but not the words inside CDATA or a comment', () => {
    const bomb = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<Flow><label>&lol2;</label></Flow>';
    expect(checkXmlText(bomb)).toEqual({ message: expect.stringMatching(/<!DOCTYPE> declaration/), line: 2 });
    expect(checkXmlText('<Flow>\n\n<!entity x "y"></Flow>')).toMatchObject({ line: 3 });
    expect(checkXmlText('<Flow><!-- <!DOCTYPE x> --><label><![CDATA[<!DOCTYPE html>]]></label></Flow>')).toBeUndefined();
  });

  it('refuses a file over the size limit without parsing it', () => {
    const huge = flowXml(`<description>${'x'.repeat(MAX_METADATA_FILE_BYTES)}</description>`);
    expect(checkXmlText(huge)?.message).toMatch(/larger than 4 MiB/);
    const parsed = parseFlowXml(huge, { fileName: 'Huge.flow-meta.xml' });
    expect(parsed.definition).toBeUndefined();
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'XML_MALFORMED', message: expect.stringMatching(/larger than 4 MiB/) })]);
  });

  it('decodes UTF-8 strictly and says on which line it is not', () => {
    expect(decodeUtf8(Buffer.from('<Flow>\n<label>Café ✓</label>\n</Flow>', 'utf8'))).toEqual({ ok: true, text: '<Flow>\n<label>Café ✓</label>\n</Flow>' });
    const latin1 = Buffer.from('<Flow>\n\n<label>Caf\xe9</label></Flow>', 'latin1');
    expect(decodeUtf8(latin1)).toEqual({ ok: false, problem: { message: expect.stringMatching(/not valid UTF-8 \(byte 19 /), line: 3 } });
    expect(decodeUtf8(Buffer.from([0x3c, 0x0a, 0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, problem: { line: 2 } });
  });

  it('reports a forbidden character as malformed XML with its line, and no definition', () => {
    const { definition, diagnostics } = parseFlowXml(flowXml('', { label: 'Bad\uFFFFLabel' }), { fileName: 'Bad.flow-meta.xml' });
    expect(definition).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'XML_MALFORMED', message: 'The file is not well-formed XML (line 4): The file contains the character U+FFFF, which XML does not allow.' })]);
  });
});

describe("Salesforce's metadata length limits", () => {
  it('accepts names of 80, labels of 255 and descriptions of 4,000 characters', () => {
    const { diagnostics } = parse(flowXml(`<description>${'d'.repeat(4000)}</description>\n${ASSIGNMENT('A'.repeat(80), 'l'.repeat(255))}`, { label: 'L'.repeat(255) }));
    expect(diagnostics.filter((d) => d.code === 'VALUE_TOO_LONG')).toEqual([]);
  });

  it('reports every name, label and description over its limit, naming the element', () => {
    const xml = flowXml(`<description>${'d'.repeat(200_000)}</description>\n${ASSIGNMENT('A'.repeat(81))}\n${ASSIGNMENT('Set_Total', 'l'.repeat(256))}`, { label: 'L'.repeat(256) });
    const tooLong = parse(xml).diagnostics.filter((d) => d.code === 'VALUE_TOO_LONG');
    expect(tooLong.map((d) => [d.severity, d.element, d.message])).toEqual([
      ['error', undefined, 'The flow: the label is 256 characters long; Salesforce allows at most 255 (<label>).'],
      ['error', undefined, 'The flow: the description is 200,000 characters long; Salesforce allows at most 4,000 (<description>).'],
      ['error', 'A'.repeat(80), `"${'A'.repeat(77)}...": the API name is 81 characters long; Salesforce allows at most 80 (<name>).`],
      ['error', 'Set_Total', '"Set_Total": the label is 256 characters long; Salesforce allows at most 255 (<label>).'],
    ]);
  });
});
