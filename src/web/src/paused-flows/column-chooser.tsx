/** The dialog that chooses and orders the Paused Flows columns. */
import { useState } from 'react';
import { Modal } from '../components/modal.js';
import { moveColumn, toggleColumn } from './column-preferences.js';

/** Shows every column with a checkbox, and up/down buttons to order the shown ones. */
export function ColumnChooser<C extends string>({ available, labels, columns, onApply, onClose }: {
  readonly available: readonly C[];
  readonly labels: Readonly<Record<C, string>>;
  readonly columns: readonly C[];
  readonly onApply: (columns: C[]) => void;
  readonly onClose: () => void;
}) {
  const [draft, setDraft] = useState<C[]>([...columns]);
  const hidden = available.filter((column) => !draft.includes(column));
  const ordered = [...draft, ...hidden];
  return (
    <Modal
      title="Choose columns"
      size="small"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="slds-button slds-button_neutral" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="slds-button slds-button_brand"
            onClick={() => {
              onApply(draft);
              onClose();
            }}
          >
            Save
          </button>
        </>
      }
    >
      <p className="slds-m-bottom_small slds-text-color_weak">Pick the columns to show and their order. This page remembers your choice.</p>
      <ul className="eddy-column-list" aria-label="Columns">
        {ordered.map((column) => {
          const shown = draft.includes(column);
          const index = draft.indexOf(column);
          return (
            <li key={column} className="slds-grid slds-grid_vertical-align-center slds-p-vertical_xx-small">
              <div className="slds-checkbox slds-col">
                <input
                  type="checkbox"
                  id={`column-${column}`}
                  checked={shown}
                  disabled={shown && draft.length === 1}
                  onChange={() => setDraft((current) => toggleColumn(current, column))}
                />
                <label className="slds-checkbox__label" htmlFor={`column-${column}`}>
                  <span className="slds-checkbox_faux" />
                  <span className="slds-form-element__label">{labels[column]}</span>
                </label>
              </div>
              {shown && (
                <div className="slds-button-group" role="group" aria-label={`Order of ${labels[column]}`}>
                  <button type="button" className="slds-button slds-button_neutral slds-button_small" disabled={index === 0} onClick={() => setDraft((current) => moveColumn(current, column, -1))} aria-label={`Move ${labels[column]} earlier`}>
                    Up
                  </button>
                  <button type="button" className="slds-button slds-button_neutral slds-button_small" disabled={index === draft.length - 1} onClick={() => setDraft((current) => moveColumn(current, column, 1))} aria-label={`Move ${labels[column]} later`}>
                    Down
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
