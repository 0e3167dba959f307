/**
 * Text from flows on screen. Rich text (HTML from a flow's display text, help text or a
 * template) is sanitised with DOMPurify before it reaches the DOM: no scripts, no event
 * handlers, no `javascript:` URLs, no forms; links open in a new tab without an opener.
 * Plain text is rendered as text, never as HTML.
 */
import DOMPurify from 'dompurify';
import { useMemo } from 'react';

const FORBID_TAGS = ['form', 'input', 'button', 'textarea', 'select', 'option', 'style', 'iframe', 'object', 'embed', 'base', 'link', 'meta'];

let hooked = false;

function ensureLinkHook(): void {
  if (hooked) return;
  hooked = true;
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.getAttribute('href') !== null) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/** Sanitised HTML of a flow's rich text. */
export function sanitizeFlowHtml(html: string): string {
  ensureLinkHook();
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS, FORBID_ATTR: ['style'] });
}

/** Flow text: HTML sanitised when `rich`, otherwise plain text (line breaks kept). */
export function FlowText({ text, rich, className, id }: { readonly text: string; readonly rich: boolean; readonly className?: string; readonly id?: string }) {
  const html = useMemo(() => (rich ? sanitizeFlowHtml(text) : ''), [rich, text]);
  if (!rich) {
    return (
      <div id={id} className={`eddy-plain-text ${className ?? ''}`}>
        {text}
      </div>
    );
  }
  return <div id={id} className={`slds-rich-text-editor__output eddy-rich-text ${className ?? ''}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
