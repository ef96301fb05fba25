import type { SubmissionResult } from "@conform-to/react";
import { lazy, Suspense } from "react";
import { Markdown } from "~/components/Markdown";
import { longDate } from "./dates";
import type { PageData } from "./route";

// The proposers' updates (markdown rendered on the server) and, for them and staff, the form to post one.
// Only proposers and staff post, so the form (with Conform and its schema) is fetched only by
// them and stays off every visitor's first download (the 100 KB budget, ADR 0017).
const PostUpdateForm = lazy(() => import("./PostUpdateForm"));

export function UpdatesSection({
  updates,
  canPost,
  lastResult,
  busy,
}: {
  updates: PageData["details"]["updates"];
  canPost: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="updates" className="space-y-3">
      <h2 id="updates">Updates</h2>
      {updates.length === 0 ? (
        <p className="text-sm text-muted">No updates yet.</p>
      ) : (
        <ul className="space-y-4">
          {updates.map((u) => (
            <li key={u.id} className="rounded-lg border border-line bg-paper p-4">
              <h3>{u.title}</h3>
              <p className="text-xs text-muted">
                {longDate(u.createdAt)}
                {u.authorName ? ` · ${u.authorName}` : ""}
              </p>
              <Markdown className="mt-2" html={u.body} />
            </li>
          ))}
        </ul>
      )}
      {canPost ? (
        <Suspense>
          <PostUpdateForm lastResult={lastResult} busy={busy} />
        </Suspense>
      ) : null}
    </section>
  );
}
