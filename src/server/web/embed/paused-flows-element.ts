/**
 * `<eddy-paused-flows record-id="003...">`: the Paused Flows list as a standalone web component
 * that any web app can put on its own record page. Served by Eddy at `/embed/paused-flows.js`
 * (an ES module). Attributes:
 *
 * - `record-id` (required): the record whose paused interviews to list.
 * - `server`: Eddy's base URL (default: the origin the script came from).
 * - `token`: an OAuth access token; without one the Eddy web session (same origin) is used.
 * - `columns`: comma-separated columns (`label,pauseReason,pausedDate,currentElement,owner,startedDate`).
 * - `resume-target`: where Resume opens Eddy's runner (`_self` default, `_blank`...).
 *
 * Events (bubbling, composed): `eddy-resume` (cancelable; `detail.interviewId`, `detail.url`),
 * `eddy-deleted` and `eddy-error` (`detail.message`). Rendering uses text only (no HTML from data),
 * in a shadow root; the row menu is a fixed-position popover, so it is never clipped.
 */
import { ApiClient } from '../../../web/src/api/api-client.js';
import { errorMessage } from '../../../web/src/api/api-error.js';
import { EddyApi, type InterviewRow } from '../../../web/src/api/eddy-api.js';

const COLUMN_LABELS: Readonly<Record<string, string>> = {
  label: 'Interview Label',
  pauseReason: 'Pause Reason',
  pausedDate: 'Paused Date',
  currentElement: 'Current Element',
  owner: 'Owner',
  startedDate: 'Started Date',
};
const DEFAULT_COLUMNS = ['label', 'pauseReason', 'pausedDate', 'currentElement', 'owner'];

const STYLE = `
:host { display: block; font-family: -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; font-size: 13px; color: #181818; }
.card { border: 1px solid #e5e5e5; border-radius: 4px; background: #fff; box-shadow: 0 2px 2px rgba(0,0,0,.1); }
.header { display: flex; align-items: center; justify-content: space-between; padding: 12px 16px; }
h2 { font-size: 14px; font-weight: 700; margin: 0; }
.body { padding: 0 16px 12px; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-top: 1px solid #e5e5e5; vertical-align: top; overflow-wrap: anywhere; }
thead th { background: #f3f3f3; color: #444; font-weight: 600; }
button { font: inherit; border: 1px solid #c9c9c9; background: #fff; color: #0176d3; border-radius: 4px; padding: 2px 10px; cursor: pointer; min-height: 28px; }
button:focus-visible, [role=menuitem]:focus-visible { outline: 2px solid #0176d3; outline-offset: 1px; }
button.brand { background: #0176d3; color: #fff; border-color: #0176d3; }
button.danger { background: #ba0517; color: #fff; border-color: #ba0517; }
.menu { position: fixed; z-index: 2147483000; background: #fff; border: 1px solid #e5e5e5; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.2); padding: 4px 0; min-width: 8rem; }
[role=menuitem] { display: block; width: 100%; text-align: left; border: 0; border-radius: 0; padding: 6px 12px; color: #181818; background: none; }
[role=menuitem]:hover { background: #f3f3f3; }
[role=menuitem][aria-disabled=true] { color: #939393; cursor: default; }
.notice { padding: 8px 12px; border-radius: 4px; margin: 0 0 8px; }
.error { background: #fddde3; color: #3a0b10; }
.empty { color: #5c5c5c; padding: 12px 0; text-align: center; }
.confirm { position: fixed; inset: 0; background: rgba(8,7,7,.6); display: flex; align-items: center; justify-content: center; z-index: 2147483001; }
.confirm > div { background: #fff; border-radius: 4px; padding: 16px; max-width: 26rem; width: calc(100% - 2rem); }
.confirm .actions { display: flex; justify-content: flex-end; gap: 8px; margin-top: 12px; }
@media (max-width: 480px) { thead { display: none; } tr { display: block; border-top: 1px solid #e5e5e5; } td, th { display: block; border: 0; } td::before, th::before { content: attr(data-label) ": "; font-weight: 600; } }
`;

function formatDate(value: string | null): string {
  if (value === null) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function cellText(row: InterviewRow, column: string): string {
  switch (column) {
    case 'label':
      return row.label ?? row.id;
    case 'pauseReason':
      return row.pauseReason ?? (row.wasPausedFromScreen ? '' : 'Waiting for an event or a time');
    case 'pausedDate':
      return formatDate(row.pausedDate);
    case 'startedDate':
      return formatDate(row.createdDate);
    case 'currentElement':
      return row.currentElement ?? '';
    case 'owner':
      return row.ownerName ?? row.ownerId ?? '';
    default:
      return '';
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const scriptOrigin = (() => {
  try {
    return new URL(import.meta.url).origin;
  } catch {
    return '';
  }
})();

/** The `<eddy-paused-flows>` element. */
export class EddyPausedFlowsElement extends HTMLElement {
  static readonly observedAttributes = ['record-id', 'token', 'server', 'columns'];
  readonly #root: ShadowRoot;
  #api: EddyApi | undefined;
  #csrf: string | undefined;
  #rows: InterviewRow[] = [];
  #menu: HTMLElement | undefined;
  #loadGeneration = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    void this.refresh();
  }

  disconnectedCallback(): void {
    this.#closeMenu(false);
  }

  attributeChangedCallback(): void {
    this.#api = undefined;
    if (this.isConnected) void this.refresh();
  }

  get #server(): string {
    return (this.getAttribute('server') ?? scriptOrigin).replace(/\/+$/, '');
  }

  get #columns(): string[] {
    const listed = (this.getAttribute('columns') ?? '').split(',').map((name) => name.trim()).filter((name) => Object.hasOwn(COLUMN_LABELS, name));
    return listed.length > 0 ? listed : DEFAULT_COLUMNS;
  }

  async #client(): Promise<EddyApi> {
    if (this.#api !== undefined) return this.#api;
    const token = this.getAttribute('token') ?? undefined;
    const client = new ApiClient({ baseUrl: this.#server, accessToken: token === '' ? undefined : token, csrfToken: () => this.#csrf });
    const api = new EddyApi(client);
    if (token === undefined || token === '') {
      const session = await api.session();
      if (session === undefined) throw new Error('Sign in to Eddy to see paused flows.');
      this.#csrf = session.csrfToken;
    }
    await client.ready();
    this.#api = api;
    return api;
  }

  /** Reloads the list. */
  async refresh(): Promise<void> {
    const generation = ++this.#loadGeneration;
    const recordId = this.getAttribute('record-id');
    if (recordId === null || recordId === '') {
      this.#render({ error: 'The record-id attribute is missing.' });
      return;
    }
    this.#render({ loading: true });
    try {
      const api = await this.#client();
      const rows = await api.pausedInterviewsOfRecord(recordId);
      if (generation !== this.#loadGeneration) return;
      this.#rows = rows;
      this.#render({});
    } catch (error) {
      if (generation !== this.#loadGeneration) return;
      const message = errorMessage(error);
      this.#render({ error: message });
      this.dispatchEvent(new CustomEvent('eddy-error', { bubbles: true, composed: true, detail: { message } }));
    }
  }

  #render(state: { readonly loading?: boolean; readonly error?: string }): void {
    this.#closeMenu(false);
    const root = this.#root;
    root.replaceChildren();
    root.append(element('style', {}, STYLE));
    const card = element('article', { class: 'card', 'aria-labelledby': 'title' });
    const header = element('div', { class: 'header' });
    header.append(element('h2', { id: 'title' }, state.loading === true || state.error !== undefined ? 'Paused Flows' : `Paused Flows (${this.#rows.length})`));
    const refresh = element('button', { type: 'button', 'aria-label': 'Refresh paused flows' }, 'Refresh');
    refresh.addEventListener('click', () => void this.refresh());
    header.append(refresh);
    const body = element('div', { class: 'body' });
    card.append(header, body);
    root.append(card);
    if (state.loading === true) {
      body.append(element('p', { class: 'empty', role: 'status' }, 'Loading…'));
      return;
    }
    if (state.error !== undefined) {
      body.append(element('p', { class: 'notice error', role: 'alert' }, state.error));
      return;
    }
    if (this.#rows.length === 0) {
      body.append(element('p', { class: 'empty' }, 'No paused flows on this record.'));
      return;
    }
    const columns = this.#columns;
    const table = element('table', { 'aria-labelledby': 'title' });
    const headRow = element('tr');
    for (const column of columns) headRow.append(element('th', { scope: 'col' }, COLUMN_LABELS[column]));
    headRow.append(element('th', { scope: 'col' }, 'Actions'));
    table.append(element('thead'));
    table.tHead?.append(headRow);
    const tbody = element('tbody');
    for (const row of this.#rows) {
      const tr = element('tr', { 'data-interview-id': row.id });
      columns.forEach((column, index) => tr.append(element(index === 0 ? 'th' : 'td', { 'data-label': COLUMN_LABELS[column] ?? column, ...(index === 0 ? { scope: 'row' } : {}) }, cellText(row, column))));
      const actions = element('td', { 'data-label': 'Actions' });
      const button = element('button', { type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-label': `Actions for ${row.label ?? row.id}` }, '▾');
      button.addEventListener('click', () => this.#openMenu(button, row));
      actions.append(button);
      tr.append(actions);
      tbody.append(tr);
    }
    table.append(tbody);
    body.append(table);
  }

  #openMenu(button: HTMLButtonElement, row: InterviewRow): void {
    const wasOpen = this.#menu !== undefined && button.getAttribute('aria-expanded') === 'true';
    this.#closeMenu(false);
    if (wasOpen) return;
    const menu = element('div', { class: 'menu', role: 'menu', 'aria-label': `Actions for ${row.label ?? row.id}` });
    const resume = element('button', { type: 'button', role: 'menuitem', tabindex: '-1' }, 'Resume');
    if (!row.wasPausedFromScreen) resume.setAttribute('aria-disabled', 'true');
    resume.addEventListener('click', () => {
      if (!row.wasPausedFromScreen) return;
      this.#closeMenu(true);
      this.#resume(row);
    });
    const remove = element('button', { type: 'button', role: 'menuitem', tabindex: '-1' }, 'Delete');
    remove.addEventListener('click', () => {
      this.#closeMenu(true);
      this.#confirmDelete(row, button);
    });
    menu.append(resume, remove);
    this.#root.append(menu);
    const box = button.getBoundingClientRect();
    const top = box.bottom + 4 + menu.offsetHeight > window.innerHeight ? Math.max(4, box.top - 4 - menu.offsetHeight) : box.bottom + 4;
    menu.style.top = `${top}px`;
    menu.style.left = `${Math.max(4, Math.min(window.innerWidth - menu.offsetWidth - 4, box.right - menu.offsetWidth))}px`;
    button.setAttribute('aria-expanded', 'true');
    this.#menu = menu;
    const items = [resume, remove];
    menu.addEventListener('keydown', (event) => {
      const index = items.indexOf(this.#root.activeElement as HTMLButtonElement);
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        items[(index + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.#closeMenu(true);
      } else if (event.key === 'Tab') {
        this.#closeMenu(false);
      }
    });
    const outside = (event: Event): void => {
      if (!event.composedPath().includes(menu) && !event.composedPath().includes(button)) this.#closeMenu(false);
    };
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('scroll', () => this.#closeMenu(false), { once: true, capture: true });
    menu.dataset.owner = button.getAttribute('aria-label') ?? '';
    (menu as HTMLElement & { cleanup?: () => void }).cleanup = () => document.removeEventListener('pointerdown', outside, true);
    (menu as HTMLElement & { opener?: HTMLButtonElement }).opener = button;
    resume.focus();
  }

  #closeMenu(refocus: boolean): void {
    const menu = this.#menu as (HTMLElement & { cleanup?: () => void; opener?: HTMLButtonElement }) | undefined;
    if (menu === undefined) return;
    this.#menu = undefined;
    menu.cleanup?.();
    menu.remove();
    menu.opener?.setAttribute('aria-expanded', 'false');
    if (refocus) menu.opener?.focus();
  }

  #resume(row: InterviewRow): void {
    const recordId = this.getAttribute('record-id') ?? '';
    const url = `${this.#server}/interview/${encodeURIComponent(row.id)}?recordId=${encodeURIComponent(recordId)}`;
    const proceed = this.dispatchEvent(new CustomEvent('eddy-resume', { bubbles: true, composed: true, cancelable: true, detail: { interviewId: row.id, url } }));
    if (!proceed) return;
    const target = this.getAttribute('resume-target') ?? '_self';
    if (target === '_self') window.location.assign(url);
    else window.open(url, target, 'noopener');
  }

  #confirmDelete(row: InterviewRow, opener: HTMLButtonElement): void {
    const overlay = element('div', { class: 'confirm' });
    const dialog = element('div', { role: 'alertdialog', 'aria-modal': 'true', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' });
    dialog.append(element('h2', { id: 'confirm-title' }, 'Delete paused interview?'));
    dialog.append(element('p', { id: 'confirm-text' }, `“${row.label ?? row.id}” and the values entered in it will be deleted. It cannot be resumed afterwards.`));
    const status = element('p', { class: 'notice error', role: 'alert', hidden: '' });
    const actions = element('div', { class: 'actions' });
    const cancel = element('button', { type: 'button' }, 'Cancel');
    const confirm = element('button', { type: 'button', class: 'danger' }, 'Delete');
    actions.append(cancel, confirm);
    dialog.append(status, actions);
    overlay.append(dialog);
    this.#root.append(overlay);
    const close = (): void => {
      overlay.remove();
      opener.focus();
    };
    cancel.addEventListener('click', close);
    overlay.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') close();
      if (event.key === 'Tab') {
        event.preventDefault();
        (this.#root.activeElement === cancel ? confirm : cancel).focus();
      }
    });
    confirm.addEventListener('click', () => {
      confirm.disabled = true;
      cancel.disabled = true;
      void (async () => {
        try {
          await (await this.#client()).deleteInterview(row.id);
          overlay.remove();
          this.dispatchEvent(new CustomEvent('eddy-deleted', { bubbles: true, composed: true, detail: { interviewId: row.id } }));
          await this.refresh();
        } catch (error) {
          status.hidden = false;
          status.textContent = `The interview could not be deleted: ${errorMessage(error)}`;
          confirm.disabled = false;
          cancel.disabled = false;
        }
      })();
    });
    cancel.focus();
  }
}

if (customElements.get('eddy-paused-flows') === undefined) customElements.define('eddy-paused-flows', EddyPausedFlowsElement);
