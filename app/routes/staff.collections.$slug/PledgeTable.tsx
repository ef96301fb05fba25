import { PledgeStatusBadge } from "~/components/pledges/PledgeStatusBadge";
import { Table, Td, Th } from "~/components/ui/Table";
import { date, useCollectionPage } from "./page";
import { RefundForm } from "./RefundForm";

/** Every pledge with its organization (anonymous ones too), attempts, Stripe's codes and what is next. */
export function PledgeTable() {
  const { data, money } = useCollectionPage();
  return (
    <section aria-labelledby="pledges" className="space-y-3">
      <h2 id="pledges">Pledges</h2>
      {data.pledges.length === 0 ? (
        <p className="text-sm text-muted">No pledges yet.</p>
      ) : (
        <Table caption="Pledges with their attempts" minWidth="min-w-[48rem]">
          <thead>
            <tr>
              <Th>Organization</Th>
              <Th>Amount</Th>
              <Th>State</Th>
              <Th>Attempts</Th>
              <Th>Stripe's codes</Th>
              <Th>Next</Th>
            </tr>
          </thead>
          <tbody>
            {data.pledges.map((p) => (
              <tr key={p.id}>
                <Td>
                  {p.organizationName}
                  {p.anonymous ? <span className="text-muted"> (anonymous in public)</span> : null}
                  <span className="block text-xs text-muted">{p.method}</span>
                </Td>
                <Td>{money(p.amountMinor)}</Td>
                <Td>
                  <PledgeStatusBadge status={p.status} />
                </Td>
                <Td>
                  {p.attemptCount}
                  <ul className="text-xs text-muted">
                    {p.attempts.map((a) => (
                      <li key={a.id}>
                        {date(a.at)}: {a.status}
                        {a.code ? ` (${a.code})` : ""}
                      </li>
                    ))}
                  </ul>
                </Td>
                <Td>{[p.declineCode, p.adviceCode].filter(Boolean).join(" · ") || "—"}</Td>
                <Td>
                  {p.status === "failed"
                    ? p.nextRetryAt
                      ? `retry ${date(p.nextRetryAt)}`
                      : p.recovery === "authenticate"
                        ? "waiting for the pledger to confirm"
                        : "waiting for a new card"
                    : ""}
                  {p.status === "failed" && p.windowEndsAt ? (
                    <span className="block text-xs text-muted">dropped after {date(p.windowEndsAt)}</span>
                  ) : null}
                  {p.status === "paid" ? <RefundForm pledgeId={p.id} amount={money(p.amountMinor)} /> : null}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
