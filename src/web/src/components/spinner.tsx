/** A loading indicator with an accessible label. */
export function Spinner({ label = 'Loading', inline = false }: { readonly label?: string; readonly inline?: boolean }) {
  const spinner = (
    <div role="status" className={`slds-spinner slds-spinner_small slds-spinner_brand${inline ? ' slds-spinner_inline' : ''}`}>
      <span className="slds-assistive-text">{label}</span>
      <div className="slds-spinner__dot-a" />
      <div className="slds-spinner__dot-b" />
    </div>
  );
  return inline ? spinner : <div className="eddy-spinner-box">{spinner}</div>;
}
