/**
 * The runner's pages: `/flow/{ApiName}?recordId=...` starts an interview (passing `recordId`
 * when the flow takes it) and moves to `/interview/{Id}`, which shows and drives an interview,
 * resuming it when it is paused.
 */
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../components/alerts.js';
import { Spinner } from '../components/spinner.js';
import { FlowRunner } from '../runner/flow-runner.js';
import { Link, navigate } from '../router.js';
import { routePath } from '../routes.js';
import { useSession } from '../session/session-context.js';

/** Starts the flow once, then shows its interview at its own address. */
export function FlowStartPage({ apiName, recordId }: { readonly apiName: string; readonly recordId: string | undefined }) {
  const { api } = useSession();
  const [error, setError] = useState<unknown>(undefined);
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        const view = await api.startInterview(apiName, recordId);
        navigate(routePath({ kind: 'interview', interviewId: view.interviewId, recordId }), { replace: true });
      } catch (caught) {
        setError(caught);
      }
    })();
  }, [api, apiName, recordId]);

  if (error !== undefined) {
    return (
      <div className="slds-card slds-p-around_medium">
        <ErrorNotice error={error} prefix={`The flow “${apiName}” could not be started.`} />
        <Link to={routePath({ kind: 'home' })}>Go to Home</Link>
      </div>
    );
  }
  return <Spinner label="Starting the flow" />;
}

/** Shows an interview (its title is the flow's label, from the runtime API). */
export function InterviewPage({ interviewId, recordId }: { readonly interviewId: string; readonly recordId: string | undefined }) {
  return <FlowRunner key={interviewId} interviewId={interviewId} recordId={recordId} />;
}
