/**
 * Plain text from rich text (flow display text, HTML email bodies): tags dropped, entities
 * decoded, line breaks kept. Used where HTML must never be shown raw: the terminal and the
 * text alternative of an HTML email. It is not a sanitiser: its output is text, not HTML.
 */

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»',
  bull: '•', middot: '·', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', deg: '°', plusmn: '±',
  times: '×', divide: '÷', frac12: '½', frac14: '¼', frac34: '¾', para: '¶', iexcl: '¡', iquest: '¿',
  shy: '', zwnj: '', zwj: '', ensp: ' ', emsp: ' ', thinsp: ' ', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
  check: '✓', hearts: '♥', agrave: 'à', aacute: 'á', acirc: 'â', auml: 'ä', atilde: 'ã', aring: 'å',
  ccedil: 'ç', egrave: 'è', eacute: 'é', ecirc: 'ê', euml: 'ë', igrave: 'ì', iacute: 'í', icirc: 'î', iuml: 'ï',
  ntilde: 'ñ', ograve: 'ò', oacute: 'ó', ocirc: 'ô', ouml: 'ö', otilde: 'õ', oslash: 'ø', ugrave: 'ù', uacute: 'ú',
  ucirc: 'û', uuml: 'ü', yacute: 'ý', yuml: 'ÿ', szlig: 'ß', Agrave: 'À', Aacute: 'Á', Acirc: 'Â', Auml: 'Ä',
  Ccedil: 'Ç', Egrave: 'È', Eacute: 'É', Ecirc: 'Ê', Ouml: 'Ö', Uuml: 'Ü', Ntilde: 'Ñ', aelig: 'æ', AElig: 'Æ',
};

/** Elements whose start and end begin a new line. */
const BLOCK = 'p|div|h[1-6]|ul|ol|table|thead|tbody|tr|blockquote|pre|section|article|header|footer|dl|dt|dd|hr|figure|figcaption|address';

/** Decodes HTML character references (`&amp;`, `&#39;`, `&#x2014;`); unknown ones are kept as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z][a-zA-Z0-9]{1,31});/g, (whole, body: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD';
    }
    return NAMED_ENTITIES[body] ?? whole;
  });
}

/** Whether `text` contains something that looks like an HTML tag or character reference. */
export function looksLikeHtml(text: string): boolean {
  return /<\/?[a-zA-Z][^>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);/i.test(text);
}

/**
 * Converts HTML to plain text as a browser would lay it out in lines: `<br>` ends a line,
 * block elements (paragraphs, headings, divs, list items, table rows) start and end lines
 * without adding blank ones, so `<p>a</p><p><br></p><p>b</p>` (Salesforce's rich text for an
 * empty line) gives `a`, an empty line, `b`. `<li>` gets a `- ` bullet; links become
 * `text (url)` when the URL is not the text; `<script>`/`<style>` and comments disappear;
 * entities are decoded; whitespace collapses; at most one empty line in a row is kept.
 */
export function htmlToText(html: string): string {
  let text = html
    .replace(/\u0000/g, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/\s+/g, ' ');
  text = text.replace(/<a\b([^>]*)>(.*?)<\/a\s*>/gi, (_whole, attributes: string, inner: string) => {
    const href = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
    const url = decodeHtmlEntities(href?.[1] ?? href?.[2] ?? href?.[3] ?? '').trim();
    const label = decodeHtmlEntities(stripTags(inner)).trim();
    if (url === '' || url.startsWith('#') || /^javascript:/i.test(url) || url === label || url.replace(/^(mailto|tel):/i, '') === label) return inner;
    return `${inner} (${url.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')})`;
  });
  text = text
    .replace(/<br\s*\/?>/gi, `${MARK}B`)
    .replace(/<li\b[^>]*>/gi, `${MARK}L`)
    .replace(new RegExp(`</?(?:${BLOCK}|li)\\b[^>]*>`, 'gi'), `${MARK}P`)
    .replace(/<\/t[dh]\s*>/gi, ' ');
  const [first = '', ...rest] = decodeHtmlEntities(stripTags(text)).split(MARK);
  const lines: string[] = [];
  let line = first;
  const endLine = (evenIfEmpty: boolean): void => {
    const trimmed = line.replace(/\u00a0/g, ' ').replace(/ {2,}/g, ' ').trim();
    if (trimmed !== '' || evenIfEmpty) lines.push(trimmed);
    line = '';
  };
  for (const piece of rest) {
    const marker = piece[0];
    if (marker === 'B') endLine(true);
    else endLine(false);
    line += marker === 'L' ? `- ${piece.slice(1).trimStart()}` : piece.slice(1);
  }
  endLine(false);
  return lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
}

const MARK = '\u0000';

function stripTags(html: string): string {
  return html.replace(/<\/?[a-zA-Z!][^>]*>/g, '');
}
