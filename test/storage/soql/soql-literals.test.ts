import { describe, expect, it } from 'vitest';
import { decodeDateTime, decodeLikePattern, decodeNumber, decodeString } from '../../../src/storage/soql/soql-literals.js';

describe('SOQL literals', () => {
  it('decodes the quoted-string escape sequences', () => {
    expect(decodeString("'O\\'Brien'")).toBe("O'Brien");
    expect(decodeString("'a\\\\b'")).toBe('a\\b');
    expect(decodeString("'line\\nnext\\ttab\\Rret'")).toBe('line\nnext\ttab\rret');
    expect(decodeString("'\\u00e9t\\u00C9'")).toBe('étÉ');
    expect(decodeString("'say \\\"hi\\\"'")).toBe('say "hi"');
    expect(decodeString("'é☃'")).toBe('é☃');
  });

  it('rejects other escapes and unterminated escapes', () => {
    expect(() => decodeString("'a\\qb'")).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
    expect(() => decodeString("'\\u12'")).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
  });

  it('keeps LIKE wildcards and escapes literal %, _ and backslash for SQL', () => {
    expect(decodeLikePattern("'100\\%%'")).toBe('100\\%%');
    expect(decodeLikePattern("'a\\_b_'")).toBe('a\\_b_');
    expect(decodeLikePattern("'c:\\\\dir%'")).toBe('c:\\\\dir%');
  });

  it('reads numbers, currency-prefixed numbers and date-times with offsets', () => {
    expect(decodeNumber('-1.5')).toBe(-1.5);
    expect(decodeNumber('USD5000')).toBe(5000);
    expect(decodeDateTime('2024-01-01T10:00:00+02:00')).toBe('2024-01-01T08:00:00.000Z');
    expect(decodeDateTime('2024-01-01T10:00:00.000+0000')).toBe('2024-01-01T10:00:00.000Z');
    expect(decodeDateTime('2024-01-01T00:00:00Z')).toBe('2024-01-01T00:00:00.000Z');
    expect(() => decodeDateTime('2024-02-30T00:00:00Z')).toThrow(expect.objectContaining({ code: 'MALFORMED_QUERY' }));
  });
});
