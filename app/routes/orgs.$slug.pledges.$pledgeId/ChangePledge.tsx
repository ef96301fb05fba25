import { Form, Link } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { usePledgePage } from "./page";

/** Change the amount, card or credit, or cancel, while the initiative is open. */
export function ChangePledge() {
  const { data, pledge, initiative, open, busy, money } = usePledgePage();
  return (
    <>
      {data.canManage && (open || ["pending", "committed"].includes(pledge.status)) ? (
        <section aria-labelledby="change" className="space-y-3">
          <h3 id="change">Change</h3>
          <div className="flex flex-wrap gap-3">
            {open ? (
              <Link
                to={`/initiatives/${initiative.slug}/pledge?org=${data.organizationId}`}
                className="rounded-md border border-line px-4 py-2 text-sm font-semibold no-underline"
              >
                Change amount, card or credit
              </Link>
            ) : null}
            {pledge.method === "card" && ["pending", "committed"].includes(pledge.status) ? (
              <Form method="post">
                <input type="hidden" name="intent" value="replace-card" />
                <Button type="submit" variant="secondary" disabled={busy}>
                  Replace the card
                </Button>
              </Form>
            ) : null}
          </div>
          {open && ["pending", "committed"].includes(pledge.status) ? (
            <details className="text-sm">
              <summary className="cursor-pointer">Cancel this pledge…</summary>
              <Form method="post" className="mt-2 space-y-2 rounded-md border border-line bg-paper p-3">
                <input type="hidden" name="intent" value="cancel" />
                <p>
                  Canceling withdraws {money(pledge.amountMinor)} from the initiative. You can pledge again
                  while it is open.
                </p>
                <Button type="submit" variant="danger" disabled={busy}>
                  Yes, cancel the pledge
                </Button>
              </Form>
            </details>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
