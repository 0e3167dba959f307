/** Error and notice banners, and the empty state of lists. */
import type { ReactNode } from 'react';
import { errorMessage } from '../api/api-error.js';
import { Icon } from './icon.js';

/** A scoped notification: an error (with an optional retry), a warning or information. */
export function Notice({ variant, children, onRetry }: { readonly variant: 'error' | 'warning' | 'info' | 'success'; readonly children: ReactNode; readonly onRetry?: () => void }) {
  const icon = variant === 'error' ? 'error' : variant === 'warning' ? 'warning' : variant === 'success' ? 'success' : 'info';
  const themed = variant === 'info' ? 'slds-scoped-notification_light' : `slds-theme_${variant}`;
  return (
    <div className={`slds-scoped-notification slds-media slds-media_center ${themed} slds-m-bottom_small`} role={variant === 'error' ? 'alert' : 'status'}>
      <div className="slds-media__figure">
        <span className={`slds-icon_container slds-icon-utility-${icon}`}>
          <Icon name={icon} className={`slds-icon slds-icon_small${variant === 'info' ? ' slds-icon-text-default' : ''}`} />
        </span>
      </div>
      <div className="slds-media__body">{children}</div>
      {onRetry !== undefined && (
        <div className="slds-media__figure slds-media__figure_reverse">
          <button type="button" className="slds-button slds-button_neutral" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
    </div>
  );
}

/** The error of a failed load, as a notification with a retry. */
export function ErrorNotice({ error, onRetry, prefix }: { readonly error: unknown; readonly onRetry?: () => void; readonly prefix?: string }) {
  return (
    <Notice variant="error" onRetry={onRetry}>
      {prefix !== undefined && <strong>{prefix} </strong>}
      {errorMessage(error)}
    </Notice>
  );
}

/** What an empty list says. */
export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="eddy-empty slds-text-align_center slds-p-around_medium">
      <p className="slds-text-heading_small">{title}</p>
      {children !== undefined && <div className="slds-text-color_weak slds-m-top_x-small">{children}</div>}
    </div>
  );
}
