import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/Button";
import { formatDay } from "~/lib/dates";
import { useBillingPage } from "./page";

/** Billing portal, keep renewing, or cancel at the period's end (card memberships). */
export function MembershipActions() {
  const { membership, canChangeTier } = useBillingPage();
  if (!membership) return null;
  return (
    <>
      {membership.method === "card" && canChangeTier ? (
        <div className="flex flex-wrap gap-3 pt-2">
          <Form method="post">
            <Button type="submit" name="intent" value="portal" variant="secondary">
              Open billing portal
            </Button>
          </Form>
          {membership.cancelAtPeriodEnd ? (
            <Form method="post">
              <Button type="submit" name="intent" value="resume" variant="secondary">
                Keep renewing
              </Button>
            </Form>
          ) : (
            // Ending a membership is asked twice (issue 13, item 6): a stray click does not end it.
            <details className="text-sm">
              <summary className="cursor-pointer rounded-md border border-line px-4 py-2 font-semibold">
                Cancel at period end…
              </summary>
              <Form method="post" className="mt-2 space-y-2 rounded-md border border-line bg-paper p-3">
                <p>
                  The membership ends
                  {membership.currentPeriodEnd
                    ? ` on ${formatDay(membership.currentPeriodEnd)}`
                    : " at the close of its period"}{" "}
                  and is not charged again. You can keep it renewing until then.
                </p>
                <Button type="submit" name="intent" value="cancel" variant="danger">
                  Yes, end it at the period's close
                </Button>
              </Form>
            </details>
          )}
        </div>
      ) : null}
    </>
  );
}
