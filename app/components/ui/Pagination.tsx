import { Link, useLocation } from "@remix-run/react";

/** Previous/next links that keep the other query parameters; works without JavaScript. */
export function Pagination({ page, pageSize, total }: { page: number; pageSize: number; total: number }) {
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-6 flex items-center justify-between gap-4 text-sm">
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-muted" aria-current="page">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** Reads ?page= safely: anything odd becomes page 1. */
export function pageFromUrl(url: string) {
  const raw = Number(new URL(url).searchParams.get("page") ?? "1");
  return Number.isInteger(raw) && raw > 0 && raw < 100_000 ? raw : 1;
}
