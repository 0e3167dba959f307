/**
 * A row's action menu that is never clipped: the menu is rendered in a portal at a fixed
 * position computed from its button (flipped above or to the left when there is no room), so no
 * table, card or scroll container can cut it off. Keyboard: Enter/Space/ArrowDown open it,
 * arrows move, Escape closes and gives focus back, Tab leaves it.
 */
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './icon.js';

/** One action of the menu. */
export interface MenuAction {
  readonly label: string;
  readonly onSelect: () => void;
  readonly disabled?: boolean;
  readonly destructive?: boolean;
}

/** Where the fixed menu goes, given the button's and the menu's boxes and the viewport. */
export function menuPosition(button: { top: number; bottom: number; left: number; right: number }, menu: { width: number; height: number }, viewport: { width: number; height: number }): { top: number; left: number } {
  const gap = 4;
  const below = button.bottom + gap;
  const top = below + menu.height <= viewport.height || button.top - gap - menu.height < 0 ? below : button.top - gap - menu.height;
  let left = button.right - menu.width;
  if (left < gap) left = Math.min(button.left, viewport.width - menu.width - gap);
  return { top: Math.max(gap, top), left: Math.max(gap, left) };
}

/** An icon button opening a menu of actions for one row (`label` names the row for screen readers). */
export function ActionMenu({ label, actions }: { readonly label: string; readonly actions: readonly MenuAction[] }) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | undefined>(undefined);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const place = useCallback(() => {
    if (button.current === null || menu.current === null) return;
    const box = button.current.getBoundingClientRect();
    setPosition(menuPosition(box, { width: menu.current.offsetWidth, height: menu.current.offsetHeight }, { width: window.innerWidth, height: window.innerHeight }));
  }, []);

  const items = (): HTMLElement[] => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])') ?? []);

  useLayoutEffect(() => {
    if (!open) {
      setPosition(undefined);
      return;
    }
    place();
  }, [open, place]);

  // Focus the first item once the menu is placed (a hidden, unplaced menu cannot take focus).
  const placed = position !== undefined;
  useEffect(() => {
    if (open && placed) items()[0]?.focus();
  }, [open, placed]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    const onMove = (): void => place();
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('resize', onMove);
    window.addEventListener('scroll', onMove, true);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('resize', onMove);
      window.removeEventListener('scroll', onMove, true);
    };
  }, [open, place]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onMenuKeyDown = (event: ReactKeyboardEvent): void => {
    const list = items();
    const index = list.indexOf(document.activeElement as HTMLElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        list[(index + 1) % list.length]?.focus();
        break;
      case 'ArrowUp':
        event.preventDefault();
        list[(index - 1 + list.length) % list.length]?.focus();
        break;
      case 'Home':
        event.preventDefault();
        list[0]?.focus();
        break;
      case 'End':
        event.preventDefault();
        list.at(-1)?.focus();
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="slds-button slds-button_icon slds-button_icon-border-filled slds-button_icon-x-small"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={label}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <Icon name="down" className="slds-button__icon slds-button__icon_hint slds-button__icon_small" />
        <span className="slds-assistive-text">{label}</span>
      </button>
      {open &&
        createPortal(
          <div
            ref={menu}
            id={menuId}
            className="slds-dropdown eddy-fixed-dropdown"
            style={{ position: 'fixed', top: position?.top ?? 0, left: position?.left ?? 0, visibility: position === undefined ? 'hidden' : 'visible' }}
            onKeyDown={onMenuKeyDown}
          >
            <ul className="slds-dropdown__list" role="menu" aria-label={label}>
              {actions.map((action) => (
                <li key={action.label} className="slds-dropdown__item" role="presentation">
                  <a
                    href="#"
                    role="menuitem"
                    tabIndex={-1}
                    aria-disabled={action.disabled === true ? 'true' : undefined}
                    className={action.destructive === true ? 'slds-text-color_error' : undefined}
                    onClick={(event) => {
                      event.preventDefault();
                      if (action.disabled === true) return;
                      close(true);
                      action.onSelect();
                    }}
                  >
                    <span className="slds-truncate" title={action.label}>
                      {action.label}
                    </span>
                  </a>
                </li>
              ))}
            </ul>
          </div>,
          document.body,
        )}
    </>
  );
}
