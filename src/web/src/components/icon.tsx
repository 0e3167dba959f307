/** SLDS icons from the design system's sprites, served locally under `/slds/icons/`. */

/** A sprite category of the design system. */
export type IconSprite = 'utility' | 'standard' | 'action' | 'doctype' | 'custom';

/** The URL of an icon in a sprite. */
export function iconHref(sprite: IconSprite, name: string): string {
  return `/slds/icons/${sprite}-sprite/svg/symbols.svg#${name}`;
}

/** A decorative icon (hidden from assistive technology: label the control that holds it). */
export function Icon({ name, sprite = 'utility', className }: { readonly name: string; readonly sprite?: IconSprite; readonly className?: string }) {
  return (
    <svg className={className} aria-hidden="true" focusable="false">
      <use href={iconHref(sprite, name)} />
    </svg>
  );
}

/** An object icon in its coloured container (`standard:contact`). */
export function ObjectIcon({ name, size = 'medium', title }: { readonly name: string; readonly size?: 'small' | 'medium' | 'large'; readonly title?: string }) {
  const sizeClass = size === 'medium' ? '' : ` slds-icon_${size}`;
  return (
    <span className={`slds-icon_container slds-icon-standard-${name.replace(/_/g, '-')}`} title={title}>
      <Icon sprite="standard" name={name} className={`slds-icon${sizeClass}`} />
      {title !== undefined && <span className="slds-assistive-text">{title}</span>}
    </span>
  );
}
