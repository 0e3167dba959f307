/**
 * The data table component (`flowruntime:datatable`): the records of its `tableData` input with
 * the columns it names, and row selection (single or multiple) as its `selectedRows` output.
 */
import type { FlowValue, ScreenFieldModel } from '../../../engine/index.js';
import { formatFieldValue } from '../format.js';
import { componentOutput, valueText } from './screen-values.js';

interface Column {
  readonly field: string;
  readonly label: string;
}

type Row = Record<string, FlowValue>;

function isRow(value: FlowValue): value is Row {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The columns the `columns` input names (Flow Builder writes them as JSON), else the rows' fields. */
export function tableColumns(inputs: Record<string, FlowValue>, rows: readonly Row[]): Column[] {
  let declared: FlowValue = inputs.columns ?? null;
  if (typeof declared === 'string') {
    const text = declared;
    try {
      declared = JSON.parse(text) as FlowValue;
    } catch {
      declared = text.split(',').map((name) => name.trim());
    }
  }
  if (Array.isArray(declared) && declared.length > 0) {
    const columns = declared.flatMap((entry): Column[] => {
      if (typeof entry === 'string') return entry === '' ? [] : [{ field: entry, label: entry }];
      if (!isRow(entry)) return [];
      const field = valueText(entry.apiName ?? entry.fieldName ?? null);
      if (field === '') return [];
      const label = valueText(entry.label ?? null);
      return [{ field, label: label === '' ? field : label }];
    });
    if (columns.length > 0) return columns;
  }
  const first = rows[0];
  if (first === undefined) return [];
  return Object.keys(first)
    .filter((key) => key !== 'attributes' && key !== 'Id')
    .slice(0, 6)
    .map((key) => ({ field: key, label: key }));
}

/** The table with its selection. */
export function DataTableInput({ id, field, value, onChange }: { readonly id: string; readonly field: ScreenFieldModel; readonly value: FlowValue; readonly onChange: (value: FlowValue) => void }) {
  const data = field.inputs.tableData ?? null;
  const rows = (Array.isArray(data) ? data : []).filter(isRow);
  const columns = tableColumns(field.inputs, rows);
  const mode = valueText(field.inputs.selectionMode ?? null).toUpperCase();
  const maxSelection = typeof field.inputs.maxRowSelection === 'number' ? field.inputs.maxRowSelection : undefined;
  const single = mode === 'SINGLE_SELECT' || maxSelection === 1;
  const selectable = mode !== 'NO_SELECTION';
  const keyField = valueText(field.inputs.keyField ?? null) || 'Id';
  const selectedRows = componentOutput(value, 'selectedRows');
  const selectedKeys = new Set((Array.isArray(selectedRows) ? selectedRows : []).filter(isRow).map((row) => valueText(row[keyField] ?? null)));
  const keyOf = (row: Row, index: number): string => valueText(row[keyField] ?? null) || String(index);

  const select = (row: Row, index: number, on: boolean): void => {
    const key = keyOf(row, index);
    let next = single ? (on ? [row] : []) : rows.filter((candidate, candidateIndex) => (keyOf(candidate, candidateIndex) === key ? on : selectedKeys.has(keyOf(candidate, candidateIndex))));
    if (maxSelection !== undefined && next.length > maxSelection) next = next.slice(0, maxSelection);
    onChange({ selectedRows: next, firstSelectedRow: next[0] ?? null });
  };

  if (rows.length === 0) return <p className="slds-text-color_weak">No rows to show.</p>;
  return (
    <div className="eddy-table-scroll">
      <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-label={field.label ?? field.name}>
        <thead>
          <tr>
            {selectable && (
              <th scope="col" className="eddy-select-col">
                <span className="slds-assistive-text">Select</span>
              </th>
            )}
            {columns.map((column) => (
              <th key={column.field} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const key = keyOf(row, index);
            const name = valueText(row[columns[0]?.field ?? keyField] ?? null) || key;
            return (
              <tr key={key} aria-selected={selectedKeys.has(key)}>
                {selectable && (
                  <td data-label="Select">
                    <input
                      type={single ? 'radio' : 'checkbox'}
                      name={single ? id : undefined}
                      checked={selectedKeys.has(key)}
                      aria-label={`Select ${name}`}
                      onChange={(event) => select(row, index, event.target.checked)}
                    />
                  </td>
                )}
                {columns.map((column) => (
                  <td key={column.field} data-label={column.label}>
                    {formatFieldValue(row[column.field])}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
