/**
 * The lookup component (`flowruntime:lookup`): a searchable combobox over the records the
 * lookup field points to, found by name with SOQL. Its value is the component's outputs
 * `{ recordId, recordName }`. When the target object cannot be described, an ID can be typed.
 */
import { useEffect, useId, useState } from 'react';
import type { FlowValue, ScreenFieldModel } from '../../../engine/index.js';
import { soqlContains, soqlName } from '../api/soql.js';
import { useSession } from '../session/session-context.js';
import { componentOutput, valueText } from './screen-values.js';

interface Option {
  readonly id: string;
  readonly name: string;
}

function text(field: ScreenFieldModel, name: string): string | undefined {
  const value = field.inputs[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The lookup's input. */
export function LookupInput({ id, field, value, onChange, invalid, describedBy }: {
  readonly id: string;
  readonly field: ScreenFieldModel;
  readonly value: FlowValue;
  readonly onChange: (value: FlowValue) => void;
  readonly invalid: boolean;
  readonly describedBy: string | undefined;
}) {
  const { api } = useSession();
  const listId = useId();
  const recordId = valueText(componentOutput(value, 'recordId'));
  const recordName = valueText(componentOutput(value, 'recordName'));
  const [query, setQuery] = useState(recordName !== '' ? recordName : recordId);
  const [target, setTarget] = useState<{ object: string; nameField: string } | null | undefined>(undefined);
  const [options, setOptions] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    let cancelled = false;
    const objectName = text(field, 'objectApiName');
    const fieldName = text(field, 'fieldApiName');
    void (async () => {
      try {
        if (objectName === undefined || fieldName === undefined) throw new Error('no target');
        const describe = await api.describe(objectName);
        const lookupField = describe.fields.find((candidate) => candidate.name.toLowerCase() === fieldName.toLowerCase());
        const object = lookupField?.referenceTo?.[0];
        if (object === undefined) throw new Error('no target');
        const targetDescribe = await api.describe(object);
        const nameField = targetDescribe.fields.find((candidate) => candidate.nameField === true)?.name ?? 'Name';
        if (!cancelled) setTarget({ object, nameField });
      } catch {
        if (!cancelled) setTarget(null);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api, field]);

  useEffect(() => {
    if (target === undefined || target === null || !open) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      void api.client
        .query<{ Id: string; [field: string]: unknown }>(
          `SELECT Id, ${soqlName(target.nameField)} FROM ${soqlName(target.object)}${query.trim() === '' ? '' : ` WHERE ${soqlName(target.nameField)} LIKE ${soqlContains(query.trim())}`} ORDER BY ${soqlName(target.nameField)} LIMIT 10`,
          { signal: controller.signal, maxRecords: 10 },
        )
        .then((rows) => setOptions(rows.map((row) => ({ id: row.Id, name: String(row[target.nameField] ?? row.Id) }))))
        .catch(() => setOptions([]));
    }, 200);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [api, target, query, open]);

  const choose = (option: Option): void => {
    setQuery(option.name);
    setOpen(false);
    onChange({ recordId: option.id, recordIds: [option.id], recordName: option.name });
  };

  const locked = field.readOnly === true || field.disabled === true;
  if (target === null) {
    return (
      <input
        id={id}
        type="text"
        className="slds-input"
        placeholder="Record ID"
        value={recordId}
        readOnly={locked}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value === '' ? null : { recordId: event.target.value, recordIds: [event.target.value], recordName: null })}
      />
    );
  }
  return (
    <div className="slds-combobox_container">
      <div className={`slds-combobox slds-dropdown-trigger slds-dropdown-trigger_click${open && options.length > 0 ? ' slds-is-open' : ''}`}>
        <div className="slds-combobox__form-element slds-input-has-icon slds-input-has-icon_right" role="none">
          <input
            id={id}
            type="text"
            role="combobox"
            className="slds-input slds-combobox__input"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={open && options.length > 0}
            aria-controls={listId}
            aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            placeholder={text(field, 'placeholder') ?? 'Search…'}
            value={query}
            readOnly={locked}
            onFocus={() => setOpen(true)}
            onBlur={() => window.setTimeout(() => setOpen(false), 150)}
            onChange={(event) => {
              setQuery(event.target.value);
              setOpen(true);
              setActive(-1);
              if (event.target.value === '') onChange(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown') {
                event.preventDefault();
                setOpen(true);
                setActive((index) => Math.min(options.length - 1, index + 1));
              } else if (event.key === 'ArrowUp') {
                event.preventDefault();
                setActive((index) => Math.max(0, index - 1));
              } else if (event.key === 'Enter' && open && active >= 0 && options[active] !== undefined) {
                event.preventDefault();
                choose(options[active]);
              } else if (event.key === 'Escape') {
                setOpen(false);
              }
            }}
          />
        </div>
        <div id={listId} className="slds-dropdown slds-dropdown_length-with-icon-7 slds-dropdown_fluid" role="listbox" aria-label={`${field.label ?? field.name} results`}>
          <ul className="slds-listbox slds-listbox_vertical" role="presentation">
            {options.map((option, index) => (
              <li key={option.id} role="presentation" className="slds-listbox__item">
                <div
                  id={`${listId}-${index}`}
                  role="option"
                  aria-selected={index === active}
                  className={`slds-media slds-listbox__option slds-listbox__option_entity${index === active ? ' slds-has-focus' : ''}`}
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(option);
                  }}
                >
                  <span className="slds-media__body">
                    <span className="slds-listbox__option-text slds-listbox__option-text_entity">{option.name}</span>
                  </span>
                </div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
