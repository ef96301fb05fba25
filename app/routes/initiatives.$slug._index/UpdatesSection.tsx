import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { Markdown } from "~/components/Markdown";
import { Button } from "~/components/ui/Button";
import { Field, FormError, TextareaField } from "~/components/ui/Field";
import { longDate } from "./dates";
import type { PageData } from "./route";

// The proposers' updates (markdown rendered on the server) and, for them and staff, the form to post one.

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
      {canPost ? <PostUpdateForm lastResult={lastResult} busy={busy} /> : null}
    </section>
  );
}

// Only proposers and staff post, so the public page does not ship Conform and zod to every
// visitor (they put it over the 100 KB budget, issue 13 section 2): the server validates
// with updateSchema (handleForm) and its answer shows at each field.
function PostUpdateForm({
  lastResult,
  busy,
}: {
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const errors = lastResult?.error ?? {};
  return (
    <Form method="post" className="space-y-3 rounded-lg border border-line bg-paper p-4">
      <h3>Post an update</h3>
      <input type="hidden" name="intent" value="post-update" />
      <FormError errors={errors[""] ?? undefined} />
      <Field label="Title" name="title" required errors={errors.title ?? undefined} />
      <TextareaField
        label="Update"
        name="body"
        rows={4}
        required
        help="Markdown works. Endorsing organizations are emailed."
        errors={errors.body ?? undefined}
      />
      <Button type="submit" disabled={busy}>
        Post update
      </Button>
    </Form>
  );
}
