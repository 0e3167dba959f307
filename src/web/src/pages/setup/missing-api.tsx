/** What a Setup page says when Eddy's REST API has no resource for it (the UI uses nothing else). */
import { Notice } from '../../components/alerts.js';

/** Explains that the API does not offer `what`, and where to do it instead. */
export function MissingApi({ what, instead }: { readonly what: string; readonly instead?: string }) {
  return (
    <Notice variant="info">
      Eddy’s REST API does not offer {what} yet, and the web UI uses nothing but that API, so this page cannot show it.
      {instead !== undefined && <> {instead}</>}
    </Notice>
  );
}
