/** The terminal's closing message for a finished interview. */
import type { FlowValue } from '../../engine/index.js';
import { formatNumber } from '../../engine/index.js';
import { withoutControlCharacters } from './render-screen-text.js';

/**
 * `Flow finished.` followed by the output variables, one per line (`name: value`); records and
 * collections as compact JSON, empty values as `(empty)`.
 */
export function renderFinish(outputs: Readonly<Record<string, FlowValue>>): string {
  const names = Object.keys(outputs).filter((name) => outputs[name] !== undefined);
  if (names.length === 0) return 'Flow finished.\n';
  const lines = names.map((name) => `  ${name}: ${formatOutput(outputs[name] ?? null)}`);
  return `Flow finished.\nOutputs:\n${lines.join('\n')}\n`;
}

function formatOutput(value: FlowValue): string {
  if (value === null || value === '') return '(empty)';
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return withoutControlCharacters(value).replace(/\n/g, '\n    ');
  return JSON.stringify(value);
}
