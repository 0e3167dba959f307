/**
 * Plain-text tables for the benchmark report: a header row, aligned columns, numbers formatted
 * with a sensible number of digits.
 */
import type { Spread } from './stats.js';

/** A number for a table: thousands separators for large ones, 2–3 significant decimals for small ones. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString('en-US');
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  if (abs >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** `min / median / max` of a spread. */
export function formatSpread(value: Spread): string {
  return `${formatNumber(value.min)} / ${formatNumber(value.median)} / ${formatNumber(value.max)}`;
}

/** Renders rows under a header; the first column is left-aligned, the others right-aligned. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}
