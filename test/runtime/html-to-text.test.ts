import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities, htmlToText, looksLikeHtml } from '../../src/runtime/email/html-to-text.js';

describe('htmlToText', () => {
  it('turns paragraphs into lines and an empty paragraph into an empty line, as Salesforce rich text renders', () => {
    expect(htmlToText('<p>First</p><p>Second</p>')).toBe('First\nSecond');
    expect(htmlToText('<p>First</p><p><br></p><p>Third</p>')).toBe('First\n\nThird');
  });

  it('ends a line at <br> but not twice at the end of a block', () => {
    expect(htmlToText('one<br>two<br/><br>three')).toBe('one\ntwo\n\nthree');
    expect(htmlToText('<p>one<br></p><p>two</p>')).toBe('one\ntwo');
  });

  it('collapses source whitespace as a browser does', () => {
    expect(htmlToText('<p>  Hello\n   <b>big</b>\n world  </p>')).toBe('Hello big world');
  });

  it('drops tags, scripts, styles and comments and decodes entities', () => {
    expect(htmlToText('<style>p { color: red }</style><script>alert(1)</script><!-- note --><span style="x">Tom &amp; Jerry&nbsp;&#39;s &#x2014; &lt;b&gt;</span>')).toBe(
      "Tom & Jerry 's — <b>",
    );
  });

  it('bullets list items and keeps link targets', () => {
    expect(htmlToText('<ul><li>One</li><li><a href="https://example.com/a?x=1&amp;y=2">Two</a></li></ul>')).toBe('- One\n- Two (https://example.com/a?x=1&y=2)');
    expect(htmlToText('<a href="mailto:ada@example.com">ada@example.com</a>')).toBe('ada@example.com');
  });

  it('puts table rows on lines', () => {
    expect(htmlToText('<table><tr><td>A</td><td>B</td></tr><tr><td>C</td></tr></table>')).toBe('A B\nC');
  });

  it('keeps plain text as it is', () => {
    expect(htmlToText('Just text')).toBe('Just text');
  });
});

describe('decodeHtmlEntities', () => {
  it('keeps unknown entities and replaces invalid code points', () => {
    expect(decodeHtmlEntities('&unknown; &#0; &eacute;')).toBe('&unknown; \uFFFD é');
  });
});

describe('looksLikeHtml', () => {
  it('tells markup from plain text', () => {
    expect(looksLikeHtml('<p>x</p>')).toBe(true);
    expect(looksLikeHtml('a &amp; b')).toBe(true);
    expect(looksLikeHtml('a < b and c > d')).toBe(false);
  });
});
