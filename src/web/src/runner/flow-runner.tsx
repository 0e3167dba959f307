/**
 * The flow runner: shows an interview's current screen from the runtime API, submits it with
 * Next/Finish, goes Back, pauses with a reason, and ends clearly — back to the record the flow
 * was launched from, or Home. Visibility and validation are the server's: the runner shows the
 * model it gets and puts each error at its field; on a screen with visibility rules it previews
 * the screen as the user changes it (`screen-preview.ts`), so fields appear and disappear at once.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { FlowValue, NavigationAction, ScreenModel } from '../../../engine/index.js';
import { ApiError, errorMessage } from '../api/api-error.js';
import type { InterviewView } from '../api/eddy-api.js';
import { ErrorNotice, Notice } from '../components/alerts.js';
import { Spinner } from '../components/spinner.js';
import { useToast } from '../components/toast.js';
import { Link, navigate } from '../router.js';
import { routePath } from '../routes.js';
import { useSession } from '../session/session-context.js';
import { PausedConfirmation, PauseDialog } from './pause-dialog.js';
import { FlowText } from './rich-text.js';
import { ScreenField } from './screen-field.js';
import { useScreenPreview } from './screen-preview.js';
import { type FieldValues, initialScreenValues, submittedValues } from './screen-values.js';
import { StageProgress } from './stage-progress.js';

type RunnerState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'view'; readonly view: InterviewView };

/** Where "back to the record" goes. */
interface ReturnTarget {
  readonly path: string;
  readonly label: string;
}

function useReturnTarget(recordId: string | undefined): ReturnTarget {
  const { api } = useSession();
  const [target, setTarget] = useState<ReturnTarget>({ path: routePath({ kind: 'home' }), label: recordId === undefined ? 'Back to Home' : 'Back to the record' });
  useEffect(() => {
    if (recordId === undefined) return;
    let cancelled = false;
    void api.objectOfId(recordId).then(
      (object) => {
        if (!cancelled && object !== undefined) setTarget({ path: routePath({ kind: 'record', objectName: object.name, recordId }), label: `Back to the ${object.label}` });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, recordId]);
  return target;
}

function actionLabel(screen: ScreenModel, action: NavigationAction): string {
  switch (action) {
    case 'NEXT':
      return screen.labels.next ?? 'Next';
    case 'BACK':
      return screen.labels.back ?? 'Previous';
    case 'PAUSE':
      return screen.labels.pause ?? 'Pause';
    case 'FINISH':
      return screen.labels.finish ?? 'Finish';
  }
}

/** Runs one interview: `initial` is the view its creation or resumption answered, if any. */
export function FlowRunner({ interviewId, recordId, initial, title }: { readonly interviewId: string; readonly recordId: string | undefined; readonly initial?: InterviewView; readonly title?: string | null }) {
  const { api } = useSession();
  const showToast = useToast();
  const back = useReturnTarget(recordId);
  const [state, setState] = useState<RunnerState>(initial === undefined ? { kind: 'loading' } : { kind: 'view', view: initial });
  const [values, setValues] = useState<FieldValues>(initial?.kind === 'screen' ? initialScreenValues(initial.screen) : {});
  /** User edits since the screen was shown (each one previews a reactive screen). */
  const [edits, setEdits] = useState(0);
  const [busy, setBusy] = useState<NavigationAction | undefined>(undefined);
  const [actionError, setActionError] = useState<string | undefined>(undefined);
  const [pausing, setPausing] = useState(false);
  const [paused, setPaused] = useState<{ readonly pausedText: string | null } | undefined>(undefined);
  const [movedTo, setMovedTo] = useState<{ objectName: string; recordId: string; name: string } | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const focusAfterRender = useRef<'heading' | 'error' | undefined>(undefined);

  const show = useCallback(
    (view: InterviewView) => {
      switch (view.kind) {
        case 'screen':
          setValues(initialScreenValues(view.screen));
          setEdits(0);
          focusAfterRender.current = Object.keys(view.screen.errors).length > 0 || view.screen.pageErrors.length > 0 ? 'error' : 'heading';
          setState({ kind: 'view', view });
          break;
        case 'finished':
          showToast('success', `${view.flowLabel ?? title ?? 'The flow'} finished.`);
          navigate(back.path);
          break;
        case 'paused':
          setState({ kind: 'view', view });
          setPaused({ pausedText: view.pausedText });
          break;
        case 'waiting':
        case 'failed':
          setState({ kind: 'view', view });
          break;
      }
    },
    [back.path, showToast, title],
  );

  // Load the interview (resuming it when it is paused) unless its view came with the page.
  useEffect(() => {
    if (initial !== undefined) return;
    let cancelled = false;
    void (async () => {
      try {
        let view = await api.interviewView(interviewId);
        if (view.kind === 'paused') view = await api.resume(interviewId);
        if (!cancelled) show(view);
      } catch (error) {
        if (!cancelled) setState({ kind: 'error', error });
      }
    })();
    return () => {
      cancelled = true;
    };
    // `show` changes when the return target resolves; loading once per interview is intended.
  }, [api, interviewId, initial]);

  // Say so when the interview is now related to another record than the one it was opened from.
  useEffect(() => {
    if (recordId === undefined) return;
    let cancelled = false;
    void (async () => {
      const relations = await api.relationsOf([interviewId]);
      const other = relations.find((relation) => relation.recordId.slice(0, 15) !== recordId.slice(0, 15));
      if (other === undefined || relations.some((relation) => relation.recordId.slice(0, 15) === recordId.slice(0, 15))) return;
      const names = await api.recordNames([other.recordId]);
      const name = names.get(other.recordId);
      if (!cancelled && name !== undefined) setMovedTo({ objectName: name.objectName, recordId: other.recordId, name: name.name });
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [api, interviewId, recordId]);

  useEffect(() => {
    const target = focusAfterRender.current;
    if (target === undefined) return;
    focusAfterRender.current = undefined;
    if (target === 'error') {
      const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"], .slds-has-error input, .slds-has-error textarea, .slds-has-error select');
      if (invalid !== null && invalid !== undefined) {
        invalid.focus();
        return;
      }
    }
    heading.current?.focus();
  });

  const act = async (action: NavigationAction, pauseReason?: string): Promise<void> => {
    if (state.kind !== 'view' || state.view.kind !== 'screen') return;
    setBusy(action);
    setActionError(undefined);
    try {
      const view = await api.navigate(interviewId, action, submittedValues(state.view.screen, values), { screen: state.view.screen.name, pauseReason, version: state.view.version });
      if (action === 'PAUSE') setPausing(false);
      show(view.kind === 'paused' && view.pausedText === null ? { ...view, pausedText: state.view.screen.pausedText ?? null } : view);
    } catch (error) {
      setActionError(error instanceof ApiError && error.errorCode === 'CONFLICT' ? 'This interview was changed in another window or by someone else. Reload the page to see where it is now.' : errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  const onChange = useCallback((name: string, value: FlowValue) => {
    setValues((current) => ({ ...current, [name]: value }));
    setEdits((count) => count + 1);
  }, []);

  // A preview replaces the screen model only: the values typed and the focus stay.
  const applyPreview = useCallback(
    (previewed: ScreenModel) =>
      setState((current) =>
        current.kind === 'view' && current.view.kind === 'screen' && current.view.screen.name === previewed.name ? { kind: 'view', view: { ...current.view, screen: previewed } } : current,
      ),
    [],
  );
  useScreenPreview(api, interviewId, state.kind === 'view' && state.view.kind === 'screen' ? state.view.screen : undefined, values, edits, applyPreview);

  if (state.kind === 'loading') return <Spinner label="Loading the flow" />;
  if (state.kind === 'error') {
    return (
      <div className="slds-card slds-p-around_medium">
        <ErrorNotice error={state.error} prefix="This flow interview cannot be opened." />
        <Link to={back.path}>{back.label}</Link>
      </div>
    );
  }
  const { view } = state;
  const flowTitle = view.flowLabel ?? title ?? 'Flow';

  if (view.kind !== 'screen') {
    return (
      <article className="slds-card slds-p-around_medium eddy-runner" aria-label={flowTitle}>
        <h1 className="slds-text-heading_medium slds-m-bottom_small">{flowTitle}</h1>
        {view.kind === 'failed' && <Notice variant="error">The flow failed: {view.message}</Notice>}
        {view.kind === 'waiting' && <Notice variant="info">This interview is waiting for a time or an event and resumes by itself.</Notice>}
        {view.kind === 'paused' && <Notice variant="info">This interview is paused.</Notice>}
        {view.kind === 'finished' && <Notice variant="success">This flow has finished.</Notice>}
        <Link className="slds-button slds-button_brand" to={back.path}>
          {back.label}
        </Link>
        {paused !== undefined && <PausedConfirmation pausedText={paused.pausedText} doneLabel={back.label} onDone={() => navigate(back.path)} />}
      </article>
    );
  }

  const { screen } = view;
  const primary: NavigationAction | undefined = screen.actions.includes('NEXT') ? 'NEXT' : screen.actions.includes('FINISH') ? 'FINISH' : undefined;
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    if (primary !== undefined && busy === undefined) void act(primary);
  };
  const errorCount = Object.keys(screen.errors).length;

  return (
    <article className="slds-card eddy-runner" aria-labelledby="eddy-screen-title">
      <div className="slds-card__body slds-card__body_inner slds-p-top_medium">
        {movedTo !== undefined && (
          <Notice variant="info">
            This interview is now related to <Link to={routePath({ kind: 'record', objectName: movedTo.objectName, recordId: movedTo.recordId })}>{movedTo.name}</Link>.
          </Notice>
        )}
        <p className="slds-text-title_caps slds-m-bottom_xx-small">{flowTitle}</p>
        <StageProgress screen={screen} />
        <h1 id="eddy-screen-title" ref={heading} tabIndex={-1} className={`slds-text-heading_medium slds-m-bottom_small${screen.showHeader ? '' : ' slds-assistive-text'}`}>
          {screen.label}
        </h1>
        {screen.helpText !== undefined && screen.helpText !== '' && <FlowText text={screen.helpText} rich className="slds-m-bottom_small slds-text-color_weak" />}
        {screen.pageErrors.map((message) => (
          <Notice key={message} variant="error">
            {message}
          </Notice>
        ))}
        {errorCount > 0 && (
          <Notice variant="error">
            {errorCount === 1 ? 'One field needs your attention.' : `${errorCount} fields need your attention.`}
          </Notice>
        )}
        {actionError !== undefined && <Notice variant="error">{actionError}</Notice>}
        <form ref={form} noValidate onSubmit={onSubmit} aria-busy={busy !== undefined} data-screen={screen.name}>
          {screen.fields.map((field) => (
            <ScreenField key={field.name} field={field} values={values} errors={screen.errors} onChange={onChange} />
          ))}
          {screen.showFooter && (
            <div className="slds-docked-form-footer_stacked eddy-runner-footer slds-grid slds-grid_align-spread slds-wrap slds-p-top_medium slds-border_top">
              <div>
                {screen.actions.includes('PAUSE') && (
                  <button type="button" className="slds-button slds-button_neutral" disabled={busy !== undefined} onClick={() => setPausing(true)}>
                    {actionLabel(screen, 'PAUSE')}
                  </button>
                )}
              </div>
              <div className="slds-button-group_row">
                {screen.actions.includes('BACK') && (
                  <button type="button" className="slds-button slds-button_neutral" disabled={busy !== undefined} onClick={() => void act('BACK')}>
                    {busy === 'BACK' ? 'Going back…' : actionLabel(screen, 'BACK')}
                  </button>
                )}
                {primary !== undefined && (
                  <button type="submit" className="slds-button slds-button_brand" disabled={busy !== undefined}>
                    {busy === primary ? 'Working…' : actionLabel(screen, primary)}
                  </button>
                )}
              </div>
            </div>
          )}
        </form>
        {busy !== undefined && <Spinner label="Working" />}
      </div>
      {pausing && (
        <PauseDialog
          busy={busy === 'PAUSE'}
          error={actionError}
          onCancel={() => {
            setPausing(false);
            setActionError(undefined);
          }}
          onPause={(reason) => void act('PAUSE', reason)}
        />
      )}
    </article>
  );
}
