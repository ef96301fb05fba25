import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";

// The error boundary of a page inside a layout (an organization's tabs, the staff area,
// an initiative): the layout stays, and the page's own space says what happened and what
// to do next (issue 13, section 3). Route modules export it as their ErrorBoundary.

const copy: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be read", body: "Go back, check what you entered and try again." },
  403: {
    title: "You can't do this here",
    body: "Your account does not have access. If you think it should, ask an admin of the organization.",
  },
  404: { title: "Not found", body: "It may have been moved or renamed, or the address may be mistyped." },
  409: { title: "This changed in the meantime", body: "Reload the page to see the current state." },
  429: {
    title: "Slow down a little",
    body: "Too many requests in a short time. Wait a moment and try again.",
  },
};
const fallback = {
  title: "Something went wrong on our side",
  body: "The error has been logged. Try again in a moment; nothing you saved was lost.",
};

export function RouteErrorBoundary() {
  const error = useRouteError();
  const { pathname, search } = useLocation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const detail = isRouteErrorResponse(error) && typeof error.data === "string" ? error.data : undefined;
  const text = copy[status] ?? fallback;
  return (
    <section
      role="alert"
      aria-labelledby="route-error"
      className="rounded-lg border border-line bg-paper p-6"
    >
      <p className="text-sm font-semibold text-brand-700">Error {status}</p>
      <h2 id="route-error" className="mt-1">
        {text.title}
      </h2>
      <p className="mt-2 text-muted">{detail && status < 500 ? detail : text.body}</p>
      <p className="mt-4 flex flex-wrap gap-4 text-sm">
        <Link to={`${pathname}${search}`} reloadDocument>
          Try again
        </Link>
        <Link to="/account">Your account</Link>
      </p>
    </section>
  );
}
