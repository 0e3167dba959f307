// Over 400 lines: one switch over every screen input type Salesforce has, each case small.
/**
 * One field of a screen, rendered for its `inputType`: text-like inputs, numbers and dates,
 * checkboxes and toggles, choices (radio, picklist, multi-select, checkbox group), display
 * text, sections and columns, and the standard components (name, address, lookup, data table,
 * dependent picklists, slider, image, message, rich text; file upload and custom components
 * are explained rather than faked). Every control is labelled, required fields are marked,
 * help text is one button away, and an error from the server shows at its field.
 */
import { useId, useState, type ReactNode } from 'react';
import type { FlowValue, ScreenFieldModel } from '../../../engine/index.js';
import { Icon } from '../components/icon.js';
import { FlowText } from './rich-text.js';
import { LookupInput } from './lookup-input.js';
import { DataTableInput } from './data-table-input.js';
import { choiceIndex, componentOutput, dateTimeFromInput, dateTimeToInput, type FieldValues, isComponentField, multiValues, numberFromInput, timeFromInput, timeToInput, valueText, withComponentOutput } from './screen-values.js';

/** What every field gets. */
export interface FieldProps {
  readonly field: ScreenFieldModel;
  readonly values: FieldValues;
  readonly errors: Readonly<Record<string, string>>;
  readonly onChange: (name: string, value: FlowValue) => void;
}

function inputText(field: ScreenFieldModel, name: string): string | undefined {
  const value = field.inputs[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function inputNumber(field: ScreenFieldModel, name: string): number | undefined {
  const value = field.inputs[name];
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** A field's error (validation messages are rich text in flow metadata: sanitised). */
function FieldError({ id, field, error }: { readonly id: string; readonly field: ScreenFieldModel; readonly error: string }) {
  return (
    <div className="slds-form-element__help" id={`${id}-error`} data-field-error={field.name}>
      <FlowText text={error} rich className="eddy-inline-rich" />
    </div>
  );
}

/** The field's label, help text toggle, control and error, with SLDS form-element markup. */
function FormElement({ id, field, error, children, asFieldset = false, label }: {
  readonly id: string;
  readonly field: ScreenFieldModel;
  readonly error: string | undefined;
  readonly children: ReactNode;
  readonly asFieldset?: boolean;
  readonly label?: string;
}) {
  const [showHelp, setShowHelp] = useState(false);
  const text = label ?? field.label ?? field.name;
  const required = field.required ? (
    <abbr className="slds-required" title="required">
      *{' '}
    </abbr>
  ) : null;
  const help =
    field.helpText !== undefined && field.helpText !== '' ? (
      <button type="button" className="slds-button slds-button_icon slds-m-left_xx-small eddy-help-toggle" aria-expanded={showHelp} aria-controls={`${id}-help`} onClick={() => setShowHelp((value) => !value)} title="Help">
        <Icon name="info" className="slds-button__icon" />
        <span className="slds-assistive-text">Help for {text}</span>
      </button>
    ) : null;
  const helpText =
    showHelp && field.helpText !== undefined ? (
      <div id={`${id}-help`} className="slds-form-element__help eddy-help-text">
        <FlowText text={field.helpText} rich />
      </div>
    ) : null;
  const errorText = error !== undefined ? <FieldError id={id} field={field} error={error} /> : null;
  const className = `slds-form-element slds-m-bottom_small${error !== undefined ? ' slds-has-error' : ''}`;
  if (asFieldset) {
    return (
      <fieldset className={className} data-field={field.name}>
        <legend className="slds-form-element__legend slds-form-element__label">
          {required}
          {text}
          {help}
        </legend>
        {helpText}
        <div className="slds-form-element__control">{children}</div>
        {errorText}
      </fieldset>
    );
  }
  return (
    <div className={className} data-field={field.name}>
      <label className="slds-form-element__label" htmlFor={id}>
        {required}
        {text}
      </label>
      {help}
      {helpText}
      <div className="slds-form-element__control">{children}</div>
      {errorText}
    </div>
  );
}

/** ARIA attributes tying a control to its error and help. */
function describedBy(id: string, error: string | undefined): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  return error === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `${id}-error` };
}

const TEXT_TYPES: Readonly<Record<string, string>> = { text: 'text', password: 'password', email: 'email', phone: 'tel', url: 'url' };

/** A field of any input type (sections and columns render their children). */
export function ScreenField(props: FieldProps) {
  const { field, values, errors, onChange } = props;
  const reactId = useId();
  if (!field.visible) return null;
  const id = `f-${field.name}-${reactId.replace(/[^a-zA-Z0-9]/g, '')}`;
  const error = errors[field.name];
  const component = isComponentField(field);
  const raw: FlowValue = values[field.name] ?? null;
  const get = (output?: string): FlowValue => (output === undefined ? raw : componentOutput(raw, output));
  const set = (value: FlowValue, output?: string): void => onChange(field.name, output === undefined ? value : withComponentOutput(raw, output, value));
  const main = component ? 'value' : undefined;
  const locked = field.readOnly === true || field.disabled === true;
  const common = { id, readOnly: field.readOnly === true, disabled: field.disabled === true, 'aria-required': field.required || undefined, ...describedBy(id, error) };
  const placeholder = inputText(field, 'placeholder');

  switch (field.inputType) {
    case 'section':
      return <SectionField {...props} />;
    case 'column':
      return (
        <>
          {field.fields.map((child) => (
            <ScreenField key={child.name} field={child} values={values} errors={errors} onChange={onChange} />
          ))}
        </>
      );
    case 'displayText':
      return (
        <div className="slds-m-bottom_small eddy-display-text" data-field={field.name}>
          <FlowText text={field.text ?? ''} rich={field.isRichText} />
        </div>
      );
    case 'text':
    case 'password':
    case 'email':
    case 'phone':
    case 'url':
      return (
        <FormElement id={id} field={field} error={error}>
          <input
            {...common}
            type={TEXT_TYPES[field.inputType] ?? 'text'}
            className="slds-input"
            value={valueText(get(main))}
            placeholder={placeholder}
            autoComplete={field.inputType === 'password' ? 'new-password' : 'off'}
            onChange={(event) => set(event.target.value === '' ? null : event.target.value, main)}
          />
        </FormElement>
      );
    case 'textarea':
    case 'richText':
      return (
        <FormElement id={id} field={field} error={error}>
          <textarea {...common} className="slds-textarea" rows={4} value={valueText(get(main))} placeholder={placeholder} onChange={(event) => set(event.target.value === '' ? null : event.target.value, main)} />
          {field.inputType === 'richText' && <div className="slds-form-element__help slds-text-color_weak">Formatted text: basic HTML tags are kept, anything unsafe is removed when shown.</div>}
        </FormElement>
      );
    case 'number':
    case 'currency': {
      const scale = field.scale ?? inputNumber(field, 'scale');
      return (
        <FormElement id={id} field={field} error={error}>
          <div className={field.inputType === 'currency' ? 'slds-input-has-icon slds-input-has-icon_left' : undefined}>
            {field.inputType === 'currency' && (
              <span className="slds-icon slds-input__icon slds-input__icon_left slds-icon-text-default eddy-currency-sign" aria-hidden="true">
                ¤
              </span>
            )}
            <input
              {...common}
              type="text"
              inputMode="decimal"
              className="slds-input"
              value={valueText(get(main))}
              placeholder={placeholder}
              onChange={(event) => set(numberFromInput(event.target.value), main)}
              data-scale={scale}
            />
          </div>
        </FormElement>
      );
    }
    case 'date':
      return (
        <FormElement id={id} field={field} error={error}>
          <input {...common} type="date" className="slds-input" value={valueText(get(main)).slice(0, 10)} onChange={(event) => set(event.target.value === '' ? null : event.target.value, main)} />
        </FormElement>
      );
    case 'dateTime':
      return (
        <FormElement id={id} field={field} error={error}>
          <input {...common} type="datetime-local" className="slds-input" value={dateTimeToInput(get(main))} onChange={(event) => set(dateTimeFromInput(event.target.value), main)} />
        </FormElement>
      );
    case 'time':
      return (
        <FormElement id={id} field={field} error={error}>
          <input {...common} type="time" className="slds-input" value={timeToInput(get(main))} onChange={(event) => set(timeFromInput(event.target.value), main)} />
        </FormElement>
      );
    case 'checkbox':
      return (
        <div className={`slds-form-element slds-m-bottom_small${error !== undefined ? ' slds-has-error' : ''}`} data-field={field.name}>
          <div className="slds-form-element__control">
            <div className="slds-checkbox">
              <input {...common} type="checkbox" checked={get(main) === true} onChange={(event) => (locked ? undefined : set(event.target.checked, main))} />
              <label className="slds-checkbox__label" htmlFor={id}>
                <span className="slds-checkbox_faux" />
                <span className="slds-form-element__label">{field.label ?? field.name}</span>
              </label>
            </div>
          </div>
          {field.helpText !== undefined && <FlowText className="slds-form-element__help slds-text-color_weak" text={field.helpText} rich />}
          {error !== undefined && <FieldError id={id} field={field} error={error} />}
        </div>
      );
    case 'toggle': {
      const on = get('value') === true;
      return (
        <div className={`slds-form-element slds-m-bottom_small${error !== undefined ? ' slds-has-error' : ''}`} data-field={field.name}>
          <label className="slds-checkbox_toggle slds-grid" htmlFor={id}>
            <span className="slds-form-element__label slds-m-bottom_none">{field.label ?? field.name}</span>
            <input {...common} type="checkbox" role="switch" checked={on} onChange={(event) => set(event.target.checked, 'value')} aria-describedby={`${id}-state`} />
            <span id={`${id}-state`} className="slds-checkbox_faux_container">
              <span className="slds-checkbox_faux" />
              <span className="slds-checkbox_on">{inputText(field, 'messageToggleActive') ?? 'Active'}</span>
              <span className="slds-checkbox_off">{inputText(field, 'messageToggleInactive') ?? 'Inactive'}</span>
            </span>
          </label>
          {error !== undefined && <FieldError id={id} field={field} error={error} />}
        </div>
      );
    }
    case 'slider': {
      const min = inputNumber(field, 'min') ?? 0;
      const max = inputNumber(field, 'max') ?? 100;
      const step = inputNumber(field, 'step') ?? 1;
      const value = get('value');
      return (
        <FormElement id={id} field={field} error={error}>
          <div className="slds-slider">
            <input {...common} type="range" className="slds-slider__range" min={min} max={max} step={step} value={typeof value === 'number' ? value : min} onChange={(event) => set(Number(event.target.value), 'value')} />
            <span className="slds-slider__value" aria-hidden="true">
              {typeof value === 'number' ? value : '—'}
            </span>
          </div>
        </FormElement>
      );
    }
    case 'radio':
      return (
        <FormElement id={id} field={field} error={error} asFieldset>
          <div role="radiogroup" aria-required={field.required || undefined} {...describedBy(id, error)}>
            {field.choices.map((choice, index) => (
              <span key={`${index}-${choice.label}`} className="slds-radio">
                <input type="radio" id={`${id}-${index}`} name={id} checked={choiceIndex(field.choices, get()) === index} disabled={locked} onChange={() => set(choice.value)} />
                <label className="slds-radio__label" htmlFor={`${id}-${index}`}>
                  <span className="slds-radio_faux" />
                  <span className="slds-form-element__label">{choice.label}</span>
                </label>
              </span>
            ))}
          </div>
        </FormElement>
      );
    case 'picklist':
      return (
        <FormElement id={id} field={field} error={error}>
          <div className="slds-select_container">
            <select {...common} className="slds-select" value={String(choiceIndex(field.choices, get()))} onChange={(event) => set(Number(event.target.value) < 0 ? null : (field.choices[Number(event.target.value)]?.value ?? null))}>
              <option value="-1">--None--</option>
              {field.choices.map((choice, index) => (
                <option key={`${index}-${choice.label}`} value={index}>
                  {choice.label}
                </option>
              ))}
            </select>
          </div>
        </FormElement>
      );
    case 'multiPicklist':
    case 'checkboxGroup': {
      const selected = new Set(multiValues(get()));
      const toggle = (choiceValue: FlowValue, on: boolean): void => {
        const text = valueText(choiceValue);
        const next = field.choices.map((choice) => valueText(choice.value)).filter((candidate) => (candidate === text ? on : selected.has(candidate)));
        set(next.length === 0 ? null : next);
      };
      if (field.inputType === 'multiPicklist') {
        return (
          <FormElement id={id} field={field} error={error}>
            <select
              {...common}
              multiple
              className="slds-select eddy-multi-select"
              size={Math.min(6, Math.max(3, field.choices.length))}
              value={field.choices.map((choice, index) => (selected.has(valueText(choice.value)) ? String(index) : '')).filter((value) => value !== '')}
              onChange={(event) => {
                const chosen = Array.from(event.target.selectedOptions).map((option) => valueText(field.choices[Number(option.value)]?.value ?? null));
                set(chosen.length === 0 ? null : chosen);
              }}
            >
              {field.choices.map((choice, index) => (
                <option key={`${index}-${choice.label}`} value={index}>
                  {choice.label}
                </option>
              ))}
            </select>
          </FormElement>
        );
      }
      return (
        <FormElement id={id} field={field} error={error} asFieldset>
          {field.choices.map((choice, index) => (
            <div key={`${index}-${choice.label}`} className="slds-checkbox">
              <input type="checkbox" id={`${id}-${index}`} checked={selected.has(valueText(choice.value))} disabled={locked} onChange={(event) => toggle(choice.value, event.target.checked)} />
              <label className="slds-checkbox__label" htmlFor={`${id}-${index}`}>
                <span className="slds-checkbox_faux" />
                <span className="slds-form-element__label">{choice.label}</span>
              </label>
            </div>
          ))}
        </FormElement>
      );
    }
    case 'name':
      return <CompositeField {...props} id={id} error={error} parts={nameParts(field)} />;
    case 'address':
      return <CompositeField {...props} id={id} error={error} parts={ADDRESS_PARTS} />;
    case 'dependentPicklists':
      return (
        <CompositeField
          {...props}
          id={id}
          error={error}
          parts={[
            { output: 'topValue', label: inputText(field, 'topLabel') ?? 'Top value' },
            { output: 'middleValue', label: inputText(field, 'middleLabel') ?? 'Middle value' },
            { output: 'bottomValue', label: inputText(field, 'bottomLabel') ?? 'Bottom value' },
          ]}
        />
      );
    case 'lookup':
      return (
        <FormElement id={id} field={field} error={error}>
          <LookupInput
            id={id}
            field={field}
            value={raw}
            invalid={error !== undefined}
            describedBy={error === undefined ? undefined : `${id}-error`}
            onChange={(value) => onChange(field.name, value)}
          />
        </FormElement>
      );
    case 'datatable':
      return (
        <FormElement id={id} field={field} error={error} asFieldset>
          <DataTableInput id={id} field={field} value={raw} onChange={(value) => onChange(field.name, value)} />
        </FormElement>
      );
    case 'image': {
      const source = inputText(field, 'imageName') ?? inputText(field, 'imageUrl') ?? '';
      const alt = inputText(field, 'imageAlt') ?? inputText(field, 'altText') ?? field.label ?? 'Image';
      const safe = /^https:\/\//i.test(source) || /^data:image\/(png|jpeg|gif|webp);/i.test(source) || source.startsWith('/');
      return (
        <div className="slds-m-bottom_small" data-field={field.name}>
          {safe ? <img src={source} alt={alt} className="eddy-flow-image" /> : <div className="slds-box slds-box_x-small slds-text-color_weak">Image “{alt}” ({source === '' ? 'no source' : source}) is a Salesforce asset Eddy cannot show.</div>}
        </div>
      );
    }
    case 'message': {
      const body = inputText(field, 'messageBody') ?? inputText(field, 'message') ?? inputText(field, 'text') ?? field.text ?? '';
      return (
        <div className="slds-scoped-notification slds-scoped-notification_light slds-m-bottom_small" role="note" data-field={field.name}>
          {field.label !== undefined && <p className="slds-text-title_bold">{field.label}</p>}
          <FlowText text={body} rich />
        </div>
      );
    }
    case 'fileUpload':
      return (
        <FormElement id={id} field={field} error={error} asFieldset>
          <p className="slds-text-color_weak">File upload is not available in Eddy: Eddy has no file storage. {field.required ? 'This flow requires a file, so it cannot go past this screen here.' : 'You can go on without a file.'}</p>
        </FormElement>
      );
    default:
      return (
        <FormElement id={id} field={field} error={error} asFieldset label={field.label ?? field.extensionName ?? field.name}>
          <p className="slds-text-color_weak">
            The custom component “{field.extensionName ?? field.inputType}” has no web renderer in Eddy; its current outputs are kept as they are.
          </p>
        </FormElement>
      );
  }
}

/** A section (RegionContainer): an optional heading and its columns side by side on wide screens. */
function SectionField({ field, values, errors, onChange }: FieldProps) {
  const headingId = useId();
  const columns = field.fields.filter((column) => column.visible);
  const label = field.label !== undefined && field.label !== '' ? field.label : undefined;
  return (
    <div className="slds-section slds-is-open slds-m-bottom_small" data-field={field.name} role="group" aria-labelledby={label === undefined ? undefined : headingId}>
      {label !== undefined && (
        <h3 className="slds-section__title slds-theme_shade" id={headingId}>
          <span className="slds-truncate slds-p-horizontal_small" title={label}>
            {label}
          </span>
        </h3>
      )}
      <div className="slds-grid slds-wrap slds-gutters_small">
        {columns.map((column) => {
          const width = Math.min(12, Math.max(1, column.width ?? Math.floor(12 / Math.max(1, columns.length))));
          return (
            <div key={column.name} className={`slds-col slds-size_1-of-1 slds-medium-size_${width}-of-12`} data-field={column.name}>
              <ScreenField field={column} values={values} errors={errors} onChange={onChange} />
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface Part {
  readonly output: string;
  readonly label: string;
  readonly multiline?: boolean;
}

const ADDRESS_PARTS: readonly Part[] = [
  { output: 'street', label: 'Street', multiline: true },
  { output: 'city', label: 'City' },
  { output: 'province', label: 'State/Province' },
  { output: 'postalCode', label: 'Zip/Postal Code' },
  { output: 'country', label: 'Country' },
];

const NAME_LABELS: Readonly<Record<string, string>> = {
  salutation: 'Salutation',
  firstName: 'First Name',
  middleName: 'Middle Name',
  lastName: 'Last Name',
  suffix: 'Suffix',
  informalName: 'Informal Name',
};

function nameParts(field: ScreenFieldModel): Part[] {
  const listed = inputText(field, 'fieldsToDisplay')
    ?.split(/[,;]/)
    .map((part) => part.trim())
    .filter((part) => Object.hasOwn(NAME_LABELS, part));
  const outputs = listed !== undefined && listed.length > 0 ? listed : ['salutation', 'firstName', 'lastName'];
  return outputs.map((output) => ({ output, label: NAME_LABELS[output] ?? output }));
}

/** A component with several text outputs (name, address, dependent picklists) as a fieldset. */
function CompositeField({ field, values, onChange, id, error, parts }: FieldProps & { readonly id: string; readonly error: string | undefined; readonly parts: readonly Part[] }) {
  const raw = values[field.name] ?? null;
  const locked = field.readOnly === true || field.disabled === true;
  return (
    <FormElement id={id} field={field} error={error} asFieldset>
      <div className="slds-grid slds-wrap slds-gutters_x-small">
        {parts.map((part) => {
          const partId = `${id}-${part.output}`;
          const value = valueText(componentOutput(raw, part.output));
          const change = (text: string): void => onChange(field.name, withComponentOutput(raw, part.output, text === '' ? null : text));
          return (
            <div key={part.output} className={`slds-col slds-size_1-of-1${part.multiline === true ? '' : ' slds-medium-size_1-of-2'} slds-form-element slds-m-bottom_x-small`}>
              <label className="slds-form-element__label" htmlFor={partId}>
                {part.label}
              </label>
              <div className="slds-form-element__control">
                {part.multiline === true ? (
                  <textarea id={partId} className="slds-textarea" rows={2} value={value} readOnly={locked} onChange={(event) => change(event.target.value)} {...describedBy(id, error)} />
                ) : (
                  <input id={partId} type="text" className="slds-input" value={value} readOnly={locked} onChange={(event) => change(event.target.value)} {...describedBy(id, error)} />
                )}
              </div>
            </div>
          );
        })}
      </div>
    </FormElement>
  );
}
