import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { date, usePledgePage } from "./page";

/** "Fix payment" when a charge failed: a new card, or confirming with the bank. */
export function FixPayment() {
  const { data, pledge, busy } = usePledgePage();
  return (
    <>
      {pledge.status === "failed" && data.canManage ? (
        <section
          aria-labelledby="fix"
          className="space-y-3 rounded-lg border border-danger-700/40 bg-danger-50 p-4"
        >
          <h3 id="fix">Fix payment</h3>
          <p className="text-sm">
            The initiative was funded but this pledge could not be collected
            {pledge.failureMessage ? `: ${pledge.failureMessage}` : "."}{" "}
            {pledge.windowEndsAt ? (
              <>Fix it by {date(pledge.windowEndsAt)} (UTC), or the pledge is dropped.</>
            ) : null}
            {pledge.nextRetryAt ? <> We try the card again on {date(pledge.nextRetryAt)}.</> : null}
          </p>
          <div className="flex flex-wrap gap-3">
            {pledge.recovery === "authenticate" ? (
              <Form method="post">
                <input type="hidden" name="intent" value="confirm-payment" />
                <Button type="submit" disabled={busy}>
                  Confirm the payment with your bank
                </Button>
              </Form>
            ) : null}
            <Form method="post">
              <input type="hidden" name="intent" value="replace-card" />
              <Button
                type="submit"
                variant={pledge.recovery === "authenticate" ? "secondary" : "primary"}
                disabled={busy}
              >
                Use a new card
              </Button>
            </Form>
          </div>
        </section>
      ) : null}
    </>
  );
}
