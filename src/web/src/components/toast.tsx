/** Toasts: short confirmations ("Interview deleted.") announced to screen readers. */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Icon } from './icon.js';

/** A toast's kind. */
export type ToastVariant = 'success' | 'error' | 'info' | 'warning';

interface ToastEntry {
  readonly id: number;
  readonly variant: ToastVariant;
  readonly message: string;
}

const ToastContext = createContext<(variant: ToastVariant, message: string) => void>(() => undefined);

/** Shows a toast: `showToast('success', 'Interview deleted.')`. */
export function useToast(): (variant: ToastVariant, message: string) => void {
  return useContext(ToastContext);
}

let nextId = 1;
const TOAST_DURATION_MS = 6000;

/** Holds and renders the toasts. */
export function ToastProvider({ children }: { readonly children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastEntry[]>([]);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (variant: ToastVariant, message: string) => {
      const id = nextId++;
      setToasts((list) => [...list.slice(-2), { id, variant, message }]);
      window.setTimeout(() => dismiss(id), TOAST_DURATION_MS);
    },
    [dismiss],
  );
  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="slds-notify_container eddy-toasts" aria-live="polite" role="status">
        {toasts.map((toast) => (
          <div key={toast.id} className={`slds-notify slds-notify_toast slds-theme_${toast.variant}`}>
            <span className="slds-assistive-text">{toast.variant}</span>
            <span className={`slds-icon_container slds-icon-utility-${toast.variant} slds-m-right_small slds-no-flex slds-align-top`}>
              <Icon name={toast.variant} className="slds-icon slds-icon_small" />
            </span>
            <div className="slds-notify__content">
              <h2 className="slds-text-heading_small">{toast.message}</h2>
            </div>
            <div className="slds-notify__close">
              <button type="button" className="slds-button slds-button_icon slds-button_icon-inverse" title="Close" onClick={() => dismiss(toast.id)}>
                <Icon name="close" className="slds-button__icon slds-button__icon_large" />
                <span className="slds-assistive-text">Close</span>
              </button>
            </div>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
