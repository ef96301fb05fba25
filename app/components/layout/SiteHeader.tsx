import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";

export type HeaderViewer = {
  name: string;
  isStaff: boolean;
  organizations: { slug: string; name: string }[];
} | null;

const navLink = ({ isActive }: { isActive: boolean }) =>
  `rounded-md px-2 py-1 text-sm font-medium no-underline hover:bg-brand-50 ${isActive ? "text-brand-800 underline decoration-2 underline-offset-4" : "text-ink"}`;

export function SiteHeader({ viewer }: { viewer: HeaderViewer }) {
  return (
    <header className="border-b border-line bg-paper">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-paper focus:p-2"
      >
        Skip to content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link to="/" className="text-lg font-bold text-brand-700 no-underline hover:no-underline">
          Commons
        </Link>
        <nav aria-label="Main" className="order-3 w-full sm:order-none sm:w-auto">
          <ul className="flex flex-wrap items-center gap-1">
            <li>
              <NavLink to="/initiatives" className={navLink}>
                Initiatives
              </NavLink>
            </li>
            <li>
              <NavLink to="/members" className={navLink}>
                Members
              </NavLink>
            </li>
            <li>
              <NavLink to="/membership" className={navLink}>
                Membership
              </NavLink>
            </li>
            {viewer?.isStaff ? (
              <li>
                <NavLink to="/staff" className={navLink}>
                  Staff
                </NavLink>
              </li>
            ) : null}
          </ul>
        </nav>
        <div className="flex items-center gap-2">
          {viewer ? (
            <>
              <OrganizationSwitcher organizations={viewer.organizations} />
              <NavLink to="/account" className={navLink}>
                Account
              </NavLink>
              <Form method="post" action="/logout">
                <button
                  type="submit"
                  className="rounded-md px-2 py-1 text-sm font-medium text-ink hover:bg-brand-50"
                >
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login" className={navLink}>
                Sign in
              </NavLink>
              <Link
                to="/signup"
                className="rounded-md bg-brand-700 px-3 py-1.5 text-sm font-semibold text-white no-underline hover:bg-brand-800 hover:no-underline"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

/**
 * A disclosure listing the viewer's organizations; works without JavaScript. It closes
 * when the page changes, and on Escape (issue 13, item 10: it stayed open after navigating).
 */
function OrganizationSwitcher({ organizations }: { organizations: { slug: string; name: string }[] }) {
  const details = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing is the effect of a new location
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [location.key]);
  return (
    <details
      ref={details}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && details.current?.open) {
          details.current.open = false;
          details.current.querySelector("summary")?.focus();
        }
      }}
    >
      <summary className="cursor-pointer list-none rounded-md px-2 py-1 text-sm font-medium hover:bg-brand-50">
        Your organizations <span aria-hidden="true">▾</span>
      </summary>
      <ul className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-line bg-paper p-1 shadow-lg">
        {organizations.map((o) => (
          <li key={o.slug}>
            <Link
              to={`/orgs/${o.slug}`}
              className="block rounded px-3 py-2 text-sm text-ink no-underline hover:bg-brand-50"
            >
              {o.name}
            </Link>
          </li>
        ))}
        <li className="border-t border-line pt-1">
          <Link to="/orgs/new" className="block rounded px-3 py-2 text-sm no-underline hover:bg-brand-50">
            + New organization
          </Link>
        </li>
      </ul>
    </details>
  );
}
