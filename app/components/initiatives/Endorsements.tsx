import type { SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { Button } from "~/components/ui/Button";
import { formatCount } from "~/lib/numbers";

// The endorse form is fetched only by those who see it (organization admins), so Conform and
// the schema stay off the public page's first download (ADR 0017).
const EndorseForm = lazy(() => import("./EndorseForm"));

// An initiative's backing (issue 4, item 3): who endorses it with which hubs, and
// the endorse / withdraw forms for each organization the viewer administers.

export type Hub = { id: string; name: string; userCount: number | null };
export type EndorsementView = {
  id: string;
  note: string;
  organizationName: string;
  organizationSlug: string;
  organizationIsPublic: boolean;
  counted: boolean;
  hubs: Hub[];
};
export type EndorsementChoice = {
  id: string;
  name: string;
  hubs: Hub[];
  endorsement: { note: string; hubIds: string[] } | null;
};

export function Endorsements({
  endorsements,
  choices,
  signedIn,
  endorsable,
  slug,
  replyFor,
  busy,
}: {
  endorsements: EndorsementView[];
  choices: EndorsementChoice[];
  signedIn: boolean;
  endorsable: boolean;
  slug: string;
  /** The failed endorse form's reply, for the organization it was sent for. */
  replyFor: (organizationId: string) => SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="backing" className="space-y-3">
      <h2 id="backing">Endorsing organizations</h2>
      {endorsements.length === 0 ? (
        <p className="text-sm text-muted">No other organization endorses this yet.</p>
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
          {endorsements.map((e) => (
            <li key={e.id} className="space-y-1 px-4 py-3 text-sm">
              <p>
                {e.organizationIsPublic ? (
                  <Link to={`/members/${e.organizationSlug}`}>{e.organizationName}</Link>
                ) : (
                  <strong>{e.organizationName}</strong>
                )}
                {e.hubs.length > 0 ? (
                  <span className="text-muted">
                    {" "}
                    ·{" "}
                    {e.hubs
                      .map((h) => `${h.name}${h.userCount ? ` (${formatCount(h.userCount)} users)` : ""}`)
                      .join(", ")}
                  </span>
                ) : null}
              </p>
              {e.counted ? null : (
                <p className="text-xs text-muted">
                  Not counted in demand yet: counted once the organization is a member or one of its hubs
                  answers a check.
                </p>
              )}
              {e.note ? <p className="whitespace-pre-line text-muted">{e.note}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {choices.length > 0 ? (
        <div className="space-y-4">
          {choices.map((choice) => (
            <Suspense key={choice.id}>
              <EndorseForm choice={choice} lastResult={replyFor(choice.id)} busy={busy} />
            </Suspense>
          ))}
          {choices
            .filter((c) => c.endorsement)
            .map((c) => (
              <Form method="post" key={c.id} className="text-sm">
                <input type="hidden" name="intent" value="withdraw-endorsement" />
                <input type="hidden" name="organizationId" value={c.id} />
                <Button type="submit" variant="secondary" disabled={busy}>
                  Withdraw {c.name}'s endorsement
                </Button>
              </Form>
            ))}
        </div>
      ) : !signedIn && endorsable ? (
        <p className="text-sm">
          <Link to={`/login?redirectTo=/initiatives/${slug}`}>Sign in</Link> to endorse it for your
          organization.
        </p>
      ) : null}
    </section>
  );
}
