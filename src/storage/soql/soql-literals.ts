/**
 * SOQL literal values. The parser returns literals as raw source text (`'O\'Brien'`, `-1.5`,
 * `TRUE`, `2024-01-01T00:00:00Z`); these functions decode them. Strings follow Salesforce's
 * "Quoted String Escape Sequences": `\n \r \t \b \f \" \' \\ \uXXXX` (either case for the
 * letters), and in LIKE patterns `\%` and `\_` for a literal `%` and `_`; any other backslash is
 * an error.
 */
import { isValidDate, MalformedQueryError, normalizeDateTime } from '../../runtime/index.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\' };

/**
 * Decodes a quoted SOQL string literal. `like` keeps wildcards: unescaped `%` and `_` stay
 * wildcards, and every literal `%`, `_` and `\` comes out escaped with `\` for SQL's
 * `LIKE … ESCAPE '\'`.
 */
function decode(raw: string, like: boolean): string {
  if (raw.length < 2 || !raw.startsWith("'") || !raw.endsWith("'")) throw new MalformedQueryError(`Invalid string literal: ${raw}`);
  const body = raw.slice(1, -1);
  if (body.includes('\u0000')) throw new MalformedQueryError('Invalid string literal: NUL characters are not allowed.');
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) throw new MalformedQueryError(`Invalid string literal ${raw}: it ends with a backslash.`);
    i++;
    const simple = SIMPLE_ESCAPES[next.toLowerCase()] ?? SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += like && simple === '\\' ? '\\\\' : simple;
      continue;
    }
    if (next === '%' || next === '_') {
      out += like ? `\\${next}` : next;
      continue;
    }
    if (next === 'u' || next === 'U') {
      const hex = body.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new MalformedQueryError(`Invalid unicode escape in string literal ${raw}.`);
      const char = String.fromCharCode(parseInt(hex, 16));
      if (char === '\u0000') throw new MalformedQueryError(`Invalid string literal ${raw}: NUL characters are not allowed.`, ['\\u0000']);
      out += like && (char === '%' || char === '_' || char === '\\') ? `\\${char}` : char;
      i += 4;
      continue;
    }
    throw new MalformedQueryError(`Invalid string literal ${raw}. Illegal escape sequence: \\${next}`, [`\\${next}`]);
  }
  return out;
}

/** The text of a quoted SOQL string literal. */
export function decodeString(raw: string): string {
  return decode(raw, false);
}

/** A SOQL LIKE pattern as an SQL LIKE pattern with `\` as the escape character. */
export function decodeLikePattern(raw: string): string {
  return decode(raw, true);
}

/** Escapes `%`, `_` and `\` so that `text` matches itself in an SQL LIKE with `ESCAPE '\'`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A SOQL number literal (`42`, `-1.5`, and `USD5000`-style currency-prefixed numbers). */
export function decodeNumber(raw: string): number {
  const text = raw.replace(/^[A-Za-z]{3}(?=[-+]?\d)/, '');
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new MalformedQueryError(`Invalid number: ${raw}`, [raw]);
  return value;
}

/** A SOQL boolean literal. */
export function decodeBoolean(raw: string): boolean {
  const upper = raw.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  throw new MalformedQueryError(`Invalid boolean: ${raw}`, [raw]);
}

/** A SOQL date literal `YYYY-MM-DD`. */
export function decodeDate(raw: string): string {
  if (!isValidDate(raw)) throw new MalformedQueryError(`Invalid date: ${raw}`, [raw]);
  return raw;
}

/** A SOQL date-time literal (`…Z`, `…+hh:mm`, `…+hhmm`) as ISO-8601 UTC with milliseconds. */
export function decodeDateTime(raw: string): string {
  const normalized = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(raw) ? normalizeDateTime(raw.replace(/z$/, 'Z')) : undefined;
  if (normalized === undefined) throw new MalformedQueryError(`Invalid dateTime: ${raw}`, [raw]);
  return normalized;
}
