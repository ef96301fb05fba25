import { date, usePledgePage } from "./page";

/** Every transition of the pledge, and the payment attempts Stripe saw. */
export function PledgeHistory() {
  const { data, money } = usePledgePage();
  return (
    <>
      <section aria-labelledby="history" className="space-y-2">
        <h3 id="history">History</h3>
        <ol className="space-y-1 border-l-2 border-line pl-4 text-sm">
          {data.history.map((h) => (
            <li key={h.id}>
              <time dateTime={new Date(h.at).toISOString()} className="text-muted">
                {date(h.at)}
              </time>{" "}
              {h.from ? `${h.from} → ` : ""}
              <strong>{h.to}</strong> · {money(h.amountMinor)} · {h.reason}
            </li>
          ))}
        </ol>
      </section>

      {data.attempts.length > 0 ? (
        <section aria-labelledby="attempts" className="space-y-2">
          <h3 id="attempts">Payment attempts</h3>
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Result</th>
                <th scope="col">Bank's reason</th>
              </tr>
            </thead>
            <tbody>
              {data.attempts.map((a) => (
                <tr key={a.id}>
                  <td>{date(a.at)}</td>
                  <td>
                    {a.status === "succeeded" ? "accepted" : a.status === "failed" ? "declined" : "sent"}
                  </td>
                  <td>{a.message ?? a.code ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}
