import { Form, useNavigation } from "@remix-run/react";
import { TierCard } from "~/components/memberships/TierCard";
import { Button } from "~/components/ui/Button";
import { useBillingPage } from "./page";

/** Join by card, or switch tier at renewal. */
export function TierChoice() {
  const { current, settled, live, canChangeTier, paidTiers } = useBillingPage();
  const navigation = useNavigation();
  const busyTier = navigation.state !== "idle" ? navigation.formData?.get("tierId") : null;
  return (
    <>
      {canChangeTier || !live ? (
        <section className="space-y-4">
          <h2>{canChangeTier ? "Change tier" : "Join"}</h2>
          <ul className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {paidTiers.map((tier) => {
              const renewsAt = current?.nextTier ?? current?.tier;
              const isCurrent = settled && renewsAt?.id === tier.id;
              return (
                <li key={tier.id}>
                  <TierCard
                    tier={tier}
                    current={Boolean(isCurrent)}
                    action={
                      isCurrent ? null : (
                        <Form method="post">
                          <input type="hidden" name="tierId" value={tier.id} />
                          {canChangeTier ? (
                            <Button
                              type="submit"
                              name="intent"
                              value="change-tier"
                              variant="secondary"
                              className="w-full"
                            >
                              Switch at renewal
                            </Button>
                          ) : (
                            <Button
                              type="submit"
                              name="intent"
                              value="join-card"
                              className="w-full"
                              disabled={busyTier === tier.id}
                              aria-label={`Pay for ${tier.name} by card`}
                            >
                              {busyTier === tier.id ? "Opening checkout…" : "Pay by card"}
                            </Button>
                          )}
                        </Form>
                      )
                    }
                  />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
    </>
  );
}
