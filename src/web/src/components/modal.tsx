/**
 * An SLDS modal dialog rendered in a portal: labelled by its title, focus moved in on open,
 * kept inside while open (Tab cycles) and given back on close; Escape closes it.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './icon.js';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** A modal dialog; `onClose` runs on Escape, the close button and the backdrop is inert. */
export function Modal({ title, children, footer, onClose, size, tagline, initialFocus }: {
  readonly title: string;
  readonly children: ReactNode;
  readonly footer?: ReactNode;
  readonly onClose: () => void;
  readonly size?: 'small' | 'medium' | 'large';
  readonly tagline?: ReactNode;
  /** CSS selector of the element to focus first (default: the first focusable element of the content). */
  readonly initialFocus?: string;
}) {
  const titleId = useId();
  const dialog = useRef<HTMLElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = dialog.current;
    const first = (initialFocus !== undefined ? root?.querySelector<HTMLElement>(initialFocus) : null) ?? root?.querySelector<HTMLElement>(`.slds-modal__content ${FOCUSABLE}`) ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (event.key !== 'Tab' || root === null) return;
      const focusable = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((element) => element.offsetParent !== null);
      const head = focusable[0];
      const tail = focusable.at(-1);
      if (head === undefined || tail === undefined) return;
      if (event.shiftKey && document.activeElement === head) {
        event.preventDefault();
        tail.focus();
      } else if (!event.shiftKey && document.activeElement === tail) {
        event.preventDefault();
        head.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.body.classList.add('eddy-modal-open');
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.body.classList.remove('eddy-modal-open');
      if (previous?.isConnected === true) previous.focus();
    };
  }, [initialFocus]);

  const sizeClass = size === undefined || size === 'small' ? (size === 'small' ? ' slds-modal_small' : '') : ` slds-modal_${size}`;
  return createPortal(
    <>
      <section ref={dialog} role="dialog" tabIndex={-1} aria-modal="true" aria-labelledby={titleId} className={`slds-modal slds-fade-in-open${sizeClass}`}>
        <div className="slds-modal__container">
          <button type="button" className="slds-button slds-button_icon slds-modal__close slds-button_icon-inverse" onClick={onClose} title="Close">
            <Icon name="close" className="slds-button__icon slds-button__icon_large" />
            <span className="slds-assistive-text">Close</span>
          </button>
          <div className="slds-modal__header">
            <h1 id={titleId} className="slds-modal__title slds-hyphenate">
              {title}
            </h1>
            {tagline !== undefined && <div className="slds-m-top_x-small">{tagline}</div>}
          </div>
          <div className="slds-modal__content slds-p-around_medium">{children}</div>
          {footer !== undefined && <div className="slds-modal__footer">{footer}</div>}
        </div>
      </section>
      <div className="slds-backdrop slds-backdrop_open" role="presentation" />
    </>,
    document.body,
  );
}

/** A confirmation dialog ("Delete this interview?"). */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, busy = false, destructive = false }: {
  readonly title: string;
  readonly children: ReactNode;
  readonly confirmLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
  readonly busy?: boolean;
  readonly destructive?: boolean;
}) {
  return (
    <Modal
      title={title}
      size="small"
      onClose={onCancel}
      initialFocus=".eddy-confirm-cancel"
      footer={
        <>
          <button type="button" className="slds-button slds-button_neutral eddy-confirm-cancel" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button type="button" className={`slds-button ${destructive ? 'slds-button_destructive' : 'slds-button_brand'}`} onClick={onConfirm} disabled={busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Modal>
  );
}
