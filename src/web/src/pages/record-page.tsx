/**
 * A record page (`/lightning/r/{Object}/{Id}/view`): the record's fields, a "Run a flow"
 * launcher for active screen flows (passing `recordId`), and the record's Paused Flows.
 */
import { useState } from 'react';
import type { FieldDescribe, LaunchableFlow, SObjectRecord } from '../api/eddy-api.js';
import { ErrorNotice, EmptyState } from '../components/alerts.js';
import { ObjectIcon } from '../components/icon.js';
import { Spinner } from '../components/spinner.js';
import { formatFieldValue } from '../format.js';
import { PausedFlows } from '../paused-flows/paused-flows.js';
import { Link, navigate } from '../router.js';
import { routePath } from '../routes.js';
import { useSession } from '../session/session-context.js';
import { useAsync } from '../use-async.js';

const OBJECT_ICONS: Readonly<Record<string, string>> = { account: 'account', contact: 'contact', case: 'case', lead: 'lead', opportunity: 'opportunity', user: 'user', task: 'task', event: 'event' };
const HIDDEN_FIELDS = new Set(['Id', 'IsDeleted', 'SystemModstamp', 'attributes']);

/** The standard icon of an object (a generic one for custom objects). */
export function objectIconName(objectName: string): string {
  return OBJECT_ICONS[objectName.toLowerCase()] ?? 'record';
}

function recordTitle(record: SObjectRecord, fields: readonly FieldDescribe[]): string {
  const nameField = fields.find((field) => field.nameField === true)?.name ?? 'Name';
  const value = record[nameField];
  return typeof value === 'string' && value !== '' ? value : record.Id;
}

/** The launcher: pick an active screen flow and run it on this record. */
function RunFlowLauncher({ recordId }: { readonly recordId: string }) {
  const { api } = useSession();
  const flows = useAsync<LaunchableFlow[]>(() => api.launchableFlows(), [api]);
  const [chosen, setChosen] = useState('');
  const list = flows.data ?? [];
  const selected = chosen !== '' ? chosen : (list[0]?.apiName ?? '');
  return (
    <article className="slds-card" aria-labelledby="run-flow-heading">
      <div className="slds-card__header">
        <h2 className="slds-card__header-title" id="run-flow-heading">
          Run a flow
        </h2>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        {flows.status === 'error' && <ErrorNotice error={flows.error} onRetry={flows.reload} prefix="Flows could not be loaded." />}
        {flows.status === 'loading' && <Spinner label="Loading flows" />}
        {flows.status === 'ready' && list.length === 0 && <EmptyState title="No active screen flows" />}
        {list.length > 0 && (
          <form
            className="slds-grid slds-grid_vertical-align-end slds-gutters_x-small slds-wrap"
            onSubmit={(event) => {
              event.preventDefault();
              if (selected !== '') navigate(routePath({ kind: 'flow', apiName: selected, recordId }));
            }}
          >
            <div className="slds-col slds-form-element slds-grow">
              <label className="slds-form-element__label" htmlFor="run-flow-select">
                Flow
              </label>
              <div className="slds-form-element__control">
                <div className="slds-select_container">
                  <select id="run-flow-select" className="slds-select" value={selected} onChange={(event) => setChosen(event.target.value)}>
                    {list.map((flow) => (
                      <option key={flow.apiName} value={flow.apiName}>
                        {flow.label}
                      </option>
                    ))}
                  </select>
                </div>
              </div>
            </div>
            <div className="slds-col slds-no-flex">
              <button type="submit" className="slds-button slds-button_brand">
                Run
              </button>
            </div>
          </form>
        )}
      </div>
    </article>
  );
}

/** The record's fields as label/value pairs in describe order; lookups by name; empty fields on request. */
function RecordDetails({ record, fields, names }: { readonly record: SObjectRecord; readonly fields: readonly FieldDescribe[]; readonly names: ReadonlyMap<string, { objectName: string; name: string }> }) {
  const [showEmpty, setShowEmpty] = useState(false);
  const shown = fields.filter((field) => !HIDDEN_FIELDS.has(field.name) && field.type !== 'address' && field.type !== 'location' && Object.hasOwn(record, field.name));
  const isEmpty = (field: FieldDescribe): boolean => record[field.name] === null || record[field.name] === '';
  const empty = shown.filter(isEmpty);
  const listed = showEmpty ? shown : shown.filter((field) => !isEmpty(field));
  return (
    <article className="slds-card" aria-labelledby="details-heading">
      <div className="slds-card__header slds-grid">
        <h2 className="slds-card__header-title slds-has-flexi-truncate" id="details-heading">
          Details
        </h2>
        {empty.length > 0 && (
          <button type="button" className="slds-button slds-button_neutral slds-button_small" aria-pressed={showEmpty} onClick={() => setShowEmpty((value) => !value)}>
            {showEmpty ? 'Hide empty fields' : `Show ${empty.length} empty fields`}
          </button>
        )}
      </div>
      <div className="slds-card__body slds-card__body_inner">
        <dl className="slds-grid slds-wrap eddy-record-fields">
          {listed.map((field) => {
            const value = record[field.name];
            const target = field.type === 'reference' && typeof value === 'string' ? names.get(value) : undefined;
            return (
              <div key={field.name} className="slds-col slds-size_1-of-1 slds-medium-size_1-of-2 slds-form-element slds-form-element_readonly slds-p-horizontal_x-small" data-field={field.name}>
                <dt className="slds-form-element__label">{field.label}</dt>
                <dd className="slds-form-element__control">
                  <div className="slds-form-element__static eddy-field-value">
                    {target !== undefined && typeof value === 'string' ? <Link to={routePath({ kind: 'record', objectName: target.objectName, recordId: value })}>{target.name}</Link> : formatFieldValue(value, field.type) || '\u00a0'}
                  </div>
                </dd>
              </div>
            );
          })}
        </dl>
      </div>
    </article>
  );
}

/** The record page. */
export function RecordPage({ objectName, recordId }: { readonly objectName: string; readonly recordId: string }) {
  const { api } = useSession();
  const state = useAsync(async () => {
    const [describe, record] = await Promise.all([api.describe(objectName), api.record(objectName, recordId)]);
    const references = describe.fields.filter((field) => field.type === 'reference').map((field) => record[field.name]);
    const names = await api.recordNames(references.filter((value): value is string => typeof value === 'string')).catch(() => new Map<string, { objectName: string; name: string }>());
    return { describe, record, names };
  }, [api, objectName, recordId]);

  if (state.status === 'loading' && state.data === undefined) return <Spinner label="Loading the record" />;
  if (state.status === 'error' && state.data === undefined) {
    return (
      <div className="slds-card slds-p-around_medium">
        <ErrorNotice error={state.error} onRetry={state.reload} prefix="This record cannot be shown." />
      </div>
    );
  }
  if (state.data === undefined) return null;
  const { describe, record, names } = state.data;
  const title = recordTitle(record, describe.fields);
  return (
    <div className="eddy-record-page">
      <div className="slds-page-header slds-page-header_record-home slds-m-bottom_small">
        <div className="slds-page-header__row">
          <div className="slds-page-header__col-title">
            <div className="slds-media">
              <div className="slds-media__figure">
                <ObjectIcon name={objectIconName(describe.name)} title={describe.label} />
              </div>
              <div className="slds-media__body">
                <span className="slds-page-header__name-meta">{describe.label}</span>
                <h1 className="slds-page-header__title slds-truncate" title={title}>
                  {title}
                </h1>
              </div>
            </div>
          </div>
        </div>
      </div>
      <div className="slds-grid slds-wrap slds-gutters_small">
        <div className="slds-col slds-size_1-of-1 slds-large-size_8-of-12 slds-m-bottom_small">
          <PausedFlows recordId={record.Id} pageKey={`record:${describe.name}`} />
        </div>
        <div className="slds-col slds-size_1-of-1 slds-large-size_4-of-12 slds-m-bottom_small">
          <RunFlowLauncher recordId={record.Id} />
        </div>
        <div className="slds-col slds-size_1-of-1 slds-large-size_8-of-12">
          <RecordDetails record={record} fields={describe.fields} names={names} />
        </div>
      </div>
    </div>
  );
}
