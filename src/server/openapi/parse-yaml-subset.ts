/**
 * A parser for the YAML subset OpenAPI documents are usually written in — enough for the seed's
 * document without a YAML dependency: block mappings and sequences by indentation, plain,
 * single- and double-quoted scalars, folded (`>`, `>-`) and literal (`|`, `|-`) blocks, `[]`,
 * `{}` and one-line flow sequences, comments. Anything else (anchors, tags, multi-line plain
 * scalars, flow mappings with content) is refused with the line number, never guessed.
 */
import type { JsonValue } from '../../engine/index.js';

interface Line {
  readonly number: number;
  readonly indent: number;
  readonly text: string;
}

/** A YAML construct outside the subset, or malformed YAML. */
export class YamlSubsetError extends Error {
  constructor(line: number, message: string) {
    super(`YAML line ${line}: ${message}`);
    this.name = 'YamlSubsetError';
  }
}

function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      if (i === 0 || /[\s:[{,-]/.test(text[i - 1] ?? ' ')) quote = c;
    } else if (c === '#' && (i === 0 || text[i - 1] === ' ' || text[i - 1] === '\t')) {
      return text.slice(0, i).trimEnd();
    }
  }
  return text;
}

function scalar(raw: string, line: number): JsonValue {
  const text = raw.trim();
  if (text === '' || text === '~' || text === 'null' || text === 'Null' || text === 'NULL') return null;
  if (text === 'true' || text === 'True' || text === 'TRUE') return true;
  if (text === 'false' || text === 'False' || text === 'FALSE') return false;
  if (text.startsWith("'")) {
    if (!text.endsWith("'") || text.length < 2) throw new YamlSubsetError(line, `unterminated single-quoted string: ${text}`);
    return text.slice(1, -1).replace(/''/g, "'");
  }
  if (text.startsWith('"')) {
    try {
      return JSON.parse(text) as string;
    } catch {
      throw new YamlSubsetError(line, `unsupported double-quoted string: ${text}`);
    }
  }
  if (text === '[]') return [];
  if (text === '{}') return {};
  if (text.startsWith('[') && text.endsWith(']')) return splitFlow(text.slice(1, -1), line).map((item) => scalar(item, line));
  if (text.startsWith('{') || text.startsWith('&') || text.startsWith('*') || text.startsWith('!') || text.startsWith('|') || text.startsWith('>')) {
    throw new YamlSubsetError(line, `unsupported YAML construct: ${text}`);
  }
  if (/^[-+]?(?:0|[1-9]\d*)$/.test(text)) return Number(text);
  if (/^[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

function splitFlow(text: string, line: number): string[] {
  const items: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      current += c;
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
      current += c;
    } else if (c === '[' || c === '{') {
      throw new YamlSubsetError(line, 'nested flow collections are not supported');
    } else if (c === ',') {
      items.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') items.push(current.trim());
  return items;
}

/** Splits `key: value` (the key may be quoted); undefined when the text is not a mapping entry. */
function splitEntry(text: string): { key: string; rest: string } | undefined {
  if (text.startsWith("'") || text.startsWith('"')) {
    const quote = text[0] as string;
    let end = 1;
    while (end < text.length) {
      if (text[end] === quote) {
        if (quote === "'" && text[end + 1] === "'") {
          end += 2;
          continue;
        }
        break;
      }
      end++;
    }
    const after = text.slice(end + 1);
    if (!/^:(?:\s|$)/.test(after)) return undefined;
    const key = scalar(text.slice(0, end + 1), 0);
    return { key: String(key), rest: after.slice(1).trim() };
  }
  const match = /^([^\s:#][^:]*?):(?:\s+(.*))?$/.exec(text);
  if (!match) return undefined;
  return { key: (match[1] ?? '').trim(), rest: (match[2] ?? '').trim() };
}

class Parser {
  readonly #lines: Line[];
  #at = 0;

  constructor(lines: Line[]) {
    this.#lines = lines;
  }

  parse(): JsonValue {
    if (this.#lines.length === 0) return null;
    const first = this.#lines[0] as Line;
    const value = this.#block(first.indent);
    const extra = this.#lines[this.#at];
    if (extra) throw new YamlSubsetError(extra.number, `unexpected indentation: ${extra.text}`);
    return value;
  }

  #peek(): Line | undefined {
    return this.#lines[this.#at];
  }

  #block(indent: number): JsonValue {
    const line = this.#peek();
    if (!line || line.indent < indent) return null;
    return line.text === '-' || line.text.startsWith('- ') ? this.#sequence(line.indent) : this.#mapping(line.indent);
  }

  #mapping(indent: number): JsonValue {
    const out: Record<string, JsonValue> = {};
    for (let line = this.#peek(); line && line.indent === indent; line = this.#peek()) {
      if (line.text === '-' || line.text.startsWith('- ')) break;
      const entry = splitEntry(line.text);
      if (!entry) throw new YamlSubsetError(line.number, `expected "key: value", found: ${line.text}`);
      if (Object.hasOwn(out, entry.key)) throw new YamlSubsetError(line.number, `duplicate key "${entry.key}"`);
      this.#at++;
      out[entry.key] = this.#value(entry.rest, indent, line.number);
    }
    const next = this.#peek();
    if (next && next.indent > indent) throw new YamlSubsetError(next.number, `unexpected indentation: ${next.text}`);
    return out;
  }

  #sequence(indent: number): JsonValue {
    const out: JsonValue[] = [];
    for (let line = this.#peek(); line && line.indent === indent && (line.text === '-' || line.text.startsWith('- ')); line = this.#peek()) {
      const rest = line.text === '-' ? '' : line.text.slice(2).trim();
      if (rest === '') {
        this.#at++;
        out.push(this.#block(indent + 1));
        continue;
      }
      const entry = splitEntry(rest);
      if (entry) {
        // `- key: value` opens a mapping whose other keys are indented to the first key's column.
        const column = indent + 2 + (line.text.slice(2).length - line.text.slice(2).trimStart().length);
        this.#lines[this.#at] = { number: line.number, indent: column, text: rest };
        out.push(this.#mapping(column));
      } else {
        this.#at++;
        out.push(this.#value(rest, indent, line.number));
      }
    }
    return out;
  }

  #value(rest: string, indent: number, number: number): JsonValue {
    if (rest === '') {
      const next = this.#peek();
      if (next && next.indent > indent) return this.#block(next.indent);
      if (next && next.indent === indent && (next.text === '-' || next.text.startsWith('- '))) return this.#sequence(indent);
      return null;
    }
    if (/^[|>][-+]?$/.test(rest)) return this.#blockScalar(rest, indent);
    const next = this.#peek();
    if (next && next.indent > indent && !rest.startsWith("'") && !rest.startsWith('"')) {
      throw new YamlSubsetError(next.number, 'multi-line plain scalars are not supported (use > or |)');
    }
    return scalar(rest, number);
  }

  #blockScalar(header: string, indent: number): string {
    const parts: Line[] = [];
    for (let line = this.#peek(); line && line.indent > indent; line = this.#peek()) {
      parts.push(line);
      this.#at++;
    }
    const base = parts[0]?.indent ?? indent + 1;
    const texts = parts.map((p) => ' '.repeat(Math.max(0, p.indent - base)) + p.text);
    const body = header.startsWith('|') ? texts.join('\n') : texts.join(' ');
    return header.endsWith('-') ? body : `${body}\n`;
  }
}

/** Parses YAML text of the supported subset into JSON values. */
export function parseYamlSubset(text: string): JsonValue {
  const lines: Line[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.includes('\t') && /^\s*\t/.test(raw)) throw new YamlSubsetError(index + 1, 'tabs are not allowed for indentation');
    const stripped = stripComment(raw).trimEnd();
    if (stripped.trim() === '' || stripped.trim() === '---') return;
    const indent = stripped.length - stripped.trimStart().length;
    lines.push({ number: index + 1, indent, text: stripped.trim() });
  });
  return new Parser(lines).parse();
}
