import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import type { loader } from "./route";

/** Projects proposers suggested: add to the list (and link) or dismiss. */
export function Suggestions() {
  const { suggestions } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  return (
    <section aria-labelledby="suggested" className="space-y-3">
      <h2 id="suggested">Suggested by proposers</h2>
      {suggestions.length === 0 ? (
        <p className="text-sm text-muted">No suggestions waiting.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
          {suggestions.map(({ suggestion, initiativeSlug, initiativeTitle }) => (
            <li
              key={suggestion.id}
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
            >
              <div>
                <strong>{suggestion.name}</strong>
                {suggestion.url ? (
                  <>
                    {" "}
                    ·{" "}
                    <a href={suggestion.url} rel="nofollow noopener noreferrer">
                      {suggestion.url}
                    </a>
                  </>
                ) : null}
                {initiativeSlug ? (
                  <div className="text-muted">
                    for <Link to={`/staff/initiatives/${initiativeSlug}`}>{initiativeTitle}</Link>
                  </div>
                ) : null}
              </div>
              <Form method="post" className="flex gap-2">
                <input type="hidden" name="intent" value="suggestion" />
                <input type="hidden" name="suggestionId" value={suggestion.id} />
                <Button type="submit" name="decision" value="accept" disabled={busy}>
                  Add to list
                </Button>
                <Button type="submit" name="decision" value="dismiss" variant="secondary" disabled={busy}>
                  Dismiss
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
