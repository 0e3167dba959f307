/**
 * Deploying metadata from the browser: pick flow files (`*.flow-meta.xml`, `*.flow`) or a whole
 * SFDX folder (object and field files go first), optionally activate, and watch the progress
 * file by file with each file's outcome and diagnostics.
 */
import { useRef, useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import type { DeployFile } from '../../../../runtime/index.js';
import { Notice } from '../../components/alerts.js';
import { useToast } from '../../components/toast.js';
import { useSession } from '../../session/session-context.js';

/** What a file is, from its path. */
export function metadataKind(path: string): 'flow' | 'object' | 'other' {
  const lower = path.toLowerCase();
  if (lower.endsWith('.flow-meta.xml') || lower.endsWith('.flow')) return 'flow';
  if (lower.endsWith('.object-meta.xml') || lower.endsWith('.field-meta.xml')) return 'object';
  return 'other';
}

/** One line of the deploy log. */
interface LogEntry {
  readonly path: string;
  readonly outcome: 'ok' | 'warning' | 'error';
  readonly message: string;
}

/** Splits picked files into deploy batches: all object metadata together first, then one batch per flow. */
export function deployBatches(files: readonly DeployFile[]): DeployFile[][] {
  const objects = files.filter((file) => metadataKind(file.path) === 'object');
  const flows = files.filter((file) => metadataKind(file.path) === 'flow');
  return [...(objects.length > 0 ? [objects] : []), ...flows.map((file) => [file])];
}

/** The deploy form. */
export function DeployPanel({ onDeployed }: { readonly onDeployed: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [activate, setActivate] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [skipped, setSkipped] = useState(0);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const deploy = async (list: FileList | null): Promise<void> => {
    if (list === null || list.length === 0) return;
    const picked = Array.from(list);
    const files: DeployFile[] = [];
    for (const file of picked) {
      const path = file.webkitRelativePath !== '' ? file.webkitRelativePath : file.name;
      if (metadataKind(path) !== 'other') files.push({ path, content: await file.text() });
    }
    setSkipped(picked.length - files.length);
    const batches = deployBatches(files);
    const entries: LogEntry[] = [];
    setLog([]);
    setProgress({ done: 0, total: files.length });
    let done = 0;
    for (const batch of batches) {
      try {
        const result = await api.deploy(batch, { activate });
        for (const flow of result.flows) {
          const errors = flow.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
          const outcome = flow.status === 'refused' ? 'error' : errors.length > 0 || (flow.activationRequested && !flow.activated) ? 'warning' : 'ok';
          const detail = flow.status === 'refused' ? (flow.reason ?? 'refused') : `version ${flow.versionNumber ?? '?'} ${flow.status}${flow.activated ? ', active' : ''}${flow.reason !== undefined ? ` (${flow.reason})` : ''}${errors.length > 0 ? `; ${errors.length} error${errors.length === 1 ? '' : 's'}: ${errors[0]?.message ?? ''}` : ''}`;
          entries.push({ path: flow.path, outcome, message: `${flow.apiName}: ${detail}` });
        }
        for (const file of result.objects.files) entries.push({ path: file.path, outcome: file.status === 'refused' ? 'error' : 'ok', message: `${file.name}: ${file.status}${file.reason !== undefined ? ` (${file.reason})` : ''}` });
      } catch (error) {
        for (const file of batch) entries.push({ path: file.path, outcome: 'error', message: errorMessage(error) });
      }
      done += batch.length;
      setProgress({ done, total: files.length });
      setLog([...entries]);
    }
    const failed = entries.filter((entry) => entry.outcome === 'error').length;
    showToast(failed === 0 ? 'success' : 'warning', `Deployed ${files.length - failed} of ${files.length} file${files.length === 1 ? '' : 's'}.`);
    if (filesInput.current !== null) filesInput.current.value = '';
    if (folderInput.current !== null) folderInput.current.value = '';
    onDeployed();
  };

  const running = progress !== undefined && progress.done < progress.total;
  return (
    <article className="slds-card slds-m-bottom_medium" aria-labelledby="deploy-heading">
      <div className="slds-card__header">
        <h2 className="slds-card__header-title" id="deploy-heading">
          Deploy metadata
        </h2>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        <p className="slds-m-bottom_small eddy-muted">Flow files (.flow-meta.xml, .flow) become new flow versions; object and field files in a folder are deployed first.</p>
        <div className="eddy-toolbar">
          <div className="slds-form-element">
            <label className="slds-form-element__label" htmlFor="deploy-files">
              Metadata files
            </label>
            <div className="slds-form-element__control">
              <input id="deploy-files" ref={filesInput} type="file" multiple accept=".xml,.flow" disabled={running} onChange={(event) => void deploy(event.target.files)} />
            </div>
          </div>
          <div className="slds-form-element">
            <label className="slds-form-element__label" htmlFor="deploy-folder">
              Or a folder
            </label>
            <div className="slds-form-element__control">
              <input
                id="deploy-folder"
                ref={(node) => {
                  folderInput.current = node;
                  node?.setAttribute('webkitdirectory', '');
                }}
                type="file"
                disabled={running}
                onChange={(event) => void deploy(event.target.files)}
              />
            </div>
          </div>
          <div className="slds-checkbox">
            <input id="deploy-activate" type="checkbox" checked={activate} disabled={running} onChange={(event) => setActivate(event.target.checked)} />
            <label className="slds-checkbox__label" htmlFor="deploy-activate">
              <span className="slds-checkbox_faux" />
              <span className="slds-form-element__label">Activate deployed flows</span>
            </label>
          </div>
        </div>
        {progress !== undefined && (
          <div className="eddy-progress" role="status" aria-live="polite">
            <progress max={Math.max(1, progress.total)} value={progress.done} aria-label="Deploy progress" /> {progress.done} of {progress.total} files
            {skipped > 0 && <span className="eddy-muted"> ({skipped} other files skipped)</span>}
          </div>
        )}
        {log.length > 0 && (
          <ul className="slds-has-dividers_bottom-space" aria-label="Deploy results">
            {log.map((entry) => (
              <li key={`${entry.path}-${entry.message}`} className="slds-item" data-outcome={entry.outcome}>
                <span className={entry.outcome === 'error' ? 'slds-text-color_error' : entry.outcome === 'warning' ? 'slds-text-color_default' : 'slds-text-color_success'}>{entry.outcome === 'ok' ? '✓' : entry.outcome === 'warning' ? '!' : '✗'}</span> <strong>{entry.path}</strong> — {entry.message}
              </li>
            ))}
          </ul>
        )}
        {progress !== undefined && progress.total === 0 && <Notice variant="warning">None of the chosen files is flow or object metadata.</Notice>}
      </div>
    </article>
  );
}
