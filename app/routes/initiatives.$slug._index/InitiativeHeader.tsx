import { Form, Link } from "@remix-run/react";
import { DemandSignal, StatusBadge } from "~/components/initiatives/StatusBadge";
import { FundingPanel } from "~/components/pledges/FundingPanel";
import { Button, ButtonLink } from "~/components/ui/Button";
import { formatMoney } from "~/lib/money";
import { longDate } from "./dates";
import type { PageData } from "./route";

// The page's head: title, proposer, demand, funding, and what this viewer may do next.

export function InitiativeHeader({ data, busy }: { data: PageData; busy: boolean }) {
  const { initiative, organization, details } = data;
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: initiative.currency });
  const pledgePath = `/initiatives/${initiative.slug}/pledge`;
  return (
    <header className="space-y-3">
      <p className="text-sm">
        <Link to="/initiatives">← All initiatives</Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1>{initiative.title}</h1>
        <StatusBadge status={initiative.status} />
        {initiative.size ? <span className="text-sm text-muted">Size {initiative.size}</span> : null}
      </div>
      <p>
        Proposed by <Link to={`/members/${organization.slug}`}>{organization.name}</Link> on{" "}
        {longDate(initiative.createdAt)}
      </p>
      {initiative.summary ? <p className="text-lg">{initiative.summary}</p> : null}
      <DemandSignal
        organizations={initiative.demandOrganizations}
        hubs={initiative.demandHubs}
        users={initiative.demandUsers}
      />
      {details.duplicateOf ? (
        <p className="rounded-md border border-line bg-paper p-3 text-sm">
          Merged into <Link to={`/initiatives/${details.duplicateOf.slug}`}>{details.duplicateOf.title}</Link>
          .
        </p>
      ) : null}
      {data.funding ? (
        <FundingPanel
          summary={data.funding}
          status={initiative.status}
          pledgeHref={
            data.canPledge
              ? data.signedIn
                ? pledgePath
                : `/login?redirectTo=${encodeURIComponent(pledgePath)}`
              : null
          }
          pledgeLabel={
            !data.signedIn
              ? "Sign in to pledge"
              : data.ownPledges.length > 0
                ? "Change your pledge"
                : "Pledge"
          }
        />
      ) : initiative.goalMinor ? (
        <p className="text-sm">
          Goal <strong>{money(initiative.goalMinor)}</strong>
        </p>
      ) : initiative.suggestedGoalMinor ? (
        <p className="text-sm text-muted">Suggested goal: {money(initiative.suggestedGoalMinor)}</p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {data.canEdit ? (
          <ButtonLink to={`/initiatives/${initiative.slug}/edit`} variant="secondary">
            Edit proposal
          </ButtonLink>
        ) : null}
        {data.proposerMoves
          .filter((m) => m.to === "submitted")
          .map((m) => (
            <Form method="post" key={m.to}>
              <input type="hidden" name="intent" value="move" />
              <Button type="submit" name="to" value={m.to} disabled={busy}>
                {m.label}
              </Button>
            </Form>
          ))}
        {data.isStaff ? (
          <ButtonLink to={`/staff/initiatives/${initiative.slug}`} variant="secondary">
            Triage
          </ButtonLink>
        ) : null}
      </div>
      {data.proposerMoves.some((m) => m.to === "withdrawn") ? (
        <details className="text-sm">
          <summary className="cursor-pointer">Withdraw this proposal…</summary>
          <Form method="post" className="mt-2 space-y-2 rounded-md border border-line bg-paper p-3">
            <input type="hidden" name="intent" value="move" />
            <p>Withdrawing ends the proposal for good; endorsers are told. It cannot be undone.</p>
            <Button type="submit" name="to" value="withdrawn" variant="danger" disabled={busy}>
              Yes, withdraw it
            </Button>
          </Form>
        </details>
      ) : null}
    </header>
  );
}
