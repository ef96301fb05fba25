import { Link } from "@remix-run/react";

export function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-line bg-paper">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-6 text-sm text-muted">
        <p>Commons: co-funding shared improvements for community-run research hubs.</p>
        <nav aria-label="Footer">
          <ul className="flex gap-4">
            <li>
              <Link to="/initiatives">Initiatives</Link>
            </li>
            <li>
              <Link to="/members">Members</Link>
            </li>
            <li>
              <Link to="/membership">Membership</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
