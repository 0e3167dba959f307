/**
 * The pause dialog: an optional reason (at most 255 characters, as Salesforce allows) that
 * becomes the interview's Pause Reason, then the screen's `pausedText` as the confirmation.
 */
import { useId, useState } from 'react';
import { Modal } from '../components/modal.js';

/** The most characters a pause reason may have. */
export const PAUSE_REASON_MAX_LENGTH = 255;

/** Asks for the reason; `onPause` pauses and resolves when done. */
export function PauseDialog({ onPause, onCancel, busy, error }: {
  readonly onPause: (reason: string) => void;
  readonly onCancel: () => void;
  readonly busy: boolean;
  readonly error: string | undefined;
}) {
  const [reason, setReason] = useState('');
  const id = useId();
  return (
    <Modal
      title="Pause this flow"
      size="small"
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="slds-button slds-button_neutral" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="slds-button slds-button_brand" onClick={() => onPause(reason.trim())} disabled={busy}>
            {busy ? 'Pausing…' : 'Pause'}
          </button>
        </>
      }
    >
      <p className="slds-m-bottom_small">You can resume it later from the record page or from Home, where it picks up with the values you entered.</p>
      <div className={`slds-form-element${error !== undefined ? ' slds-has-error' : ''}`}>
        <label className="slds-form-element__label" htmlFor={`${id}-reason`}>
          Why are you pausing? (optional)
        </label>
        <div className="slds-form-element__control">
          <textarea
            id={`${id}-reason`}
            className="slds-textarea"
            rows={3}
            maxLength={PAUSE_REASON_MAX_LENGTH}
            value={reason}
            aria-describedby={`${id}-count${error !== undefined ? ` ${id}-error` : ''}`}
            onChange={(event) => setReason(event.target.value.slice(0, PAUSE_REASON_MAX_LENGTH))}
          />
        </div>
        <div id={`${id}-count`} className="slds-form-element__help slds-text-color_weak" aria-live="polite">
          {reason.length}/{PAUSE_REASON_MAX_LENGTH} characters
        </div>
        {error !== undefined && (
          <div id={`${id}-error`} className="slds-form-element__help">
            {error}
          </div>
        )}
      </div>
    </Modal>
  );
}

/** The confirmation after pausing: the screen's paused text (plain), and the way back. */
export function PausedConfirmation({ pausedText, onDone, doneLabel }: { readonly pausedText: string | null | undefined; readonly onDone: () => void; readonly doneLabel: string }) {
  return (
    <Modal
      title="Flow paused"
      size="small"
      onClose={onDone}
      footer={
        <button type="button" className="slds-button slds-button_brand" onClick={onDone}>
          {doneLabel}
        </button>
      }
      initialFocus=".slds-modal__footer .slds-button_brand"
    >
      <p className="eddy-plain-text" data-testid="paused-text">
        {pausedText !== null && pausedText !== undefined && pausedText !== '' ? pausedText : 'Your flow has been paused. Resume it from Paused Flows.'}
      </p>
    </Modal>
  );
}
