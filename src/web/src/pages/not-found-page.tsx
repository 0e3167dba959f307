/** The page for unknown addresses. */
import { Link } from '../router.js';
import { routePath } from '../routes.js';

/** Says the page does not exist and links Home. */
export function NotFoundPage({ path }: { readonly path: string }) {
  return (
    <div className="slds-card slds-p-around_large">
      <h1 className="slds-text-heading_medium slds-m-bottom_small">Page not found</h1>
      <p className="slds-m-bottom_small">There is no page at {path}.</p>
      <Link to={routePath({ kind: 'home' })}>Go to Home</Link>
    </div>
  );
}
