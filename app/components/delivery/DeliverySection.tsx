import type { SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { lazy, Suspense } from "react";
import { Badge } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { formatDay } from "~/lib/dates";
import { formatCount } from "~/lib/numbers";
import type { InitiativeDelivery } from "~/modules/credits/initiative-credit.server";
import { DeliveryRecordView } from "./DeliveryRecordView";

// The public face of funded work on the initiative page (issue 11): what it produced,
// where it runs (verified or reported), and a way for hub admins to say theirs runs it.
// The report form is fetched only by those who see it (hub admins), off the public page's
// first download (ADR 0017).
const RolloutForm = lazy(() => import("./RolloutForm"));

export function ReachLine({ reach }: { reach: InitiativeDelivery["reach"] }) {
  if (reach.hubs === 0) return null;
  return (
    <p className="text-sm">
      Running on <strong>{formatCount(reach.hubs)}</strong> {reach.hubs === 1 ? "hub" : "hubs"} (
      {formatCount(reach.verified)} verified), reaching <strong>{formatCount(reach.users)}</strong>{" "}
      {reach.users === 1 ? "user" : "users"}
    </p>
  );
}

export function DeliverySection({
  slug,
  delivery,
  canRecord,
  lastResult,
  busy,
}: {
  slug: string;
  delivery: InitiativeDelivery;
  canRecord: boolean;
  /** The report form's failed submission, if it was the one sent. */
  lastResult: SubmissionResult<string[]> | undefined;
  busy: boolean;
}) {
  const reportable = delivery.rolloutChoices.filter((c) => !c.rolloutId);
  const own = delivery.rolloutChoices.filter((c) => c.rolloutId);
  return (
    <section aria-labelledby="delivery" className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="delivery">The work</h2>
        {canRecord ? (
          <Link to={`/initiatives/${slug}/delivery`}>Record milestones and deliverables</Link>
        ) : null}
      </div>
      <DeliveryRecordView record={delivery.record} />
      <section aria-labelledby="rollouts" className="space-y-2">
        <h2 id="rollouts">Where it runs</h2>
        <ReachLine reach={delivery.reach} />
        {delivery.rollouts.named.length === 0 && delivery.rollouts.unlisted === 0 ? (
          <p className="text-sm text-muted">No hub has reported running it yet.</p>
        ) : (
          <ul className="divide-y divide-line rounded-lg border border-line bg-paper">
            {delivery.rollouts.named.map((r) => (
              <li
                key={`${r.organizationSlug}-${r.hubName}`}
                className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm"
              >
                <span>
                  {r.hubName} · <Link to={`/members/${r.organizationSlug}`}>{r.organizationName}</Link>
                  {r.since ? <span className="block text-muted">Since {formatDay(r.since)}</span> : null}
                </span>
                {r.status === "verified" ? (
                  <Badge tone="success">
                    Verified{r.verifiedVersion ? ` · JupyterHub ${r.verifiedVersion}` : ""}
                  </Badge>
                ) : (
                  <Badge tone="neutral">Reported by the hub</Badge>
                )}
              </li>
            ))}
            {delivery.rollouts.unlisted > 0 ? (
              <li className="p-3 text-sm text-muted">
                and {delivery.rollouts.unlisted} {delivery.rollouts.unlisted === 1 ? "hub" : "hubs"} of
                unlisted organizations
              </li>
            ) : null}
          </ul>
        )}
        {reportable.length > 0 ? (
          <Suspense>
            <RolloutForm choices={reportable} lastResult={lastResult} busy={busy} />
          </Suspense>
        ) : null}
        {own.map((c) => (
          <Form key={c.rolloutId} method="post" className="text-sm">
            <input type="hidden" name="intent" value="withdraw-rollout" />
            <input type="hidden" name="rolloutId" value={c.rolloutId ?? ""} />
            {c.label}: {c.status === "verified" ? "verified" : "reported"}.{" "}
            <Button type="submit" variant="ghost" disabled={busy}>
              Withdraw
            </Button>
          </Form>
        ))}
      </section>
    </section>
  );
}
