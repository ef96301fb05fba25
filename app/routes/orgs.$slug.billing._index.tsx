import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { BillingDocuments } from "~/components/memberships/BillingDocuments";
import { InvoiceRequestForm } from "~/components/memberships/InvoiceRequestForm";
import { JoinSteps } from "~/components/memberships/JoinSteps";
import { SubsidySection } from "~/components/memberships/SubsidySection";
import { TierCard } from "~/components/memberships/TierCard";
import { OrganizationPledges } from "~/components/pledges/OrganizationPledges";
import { Badge, type BadgeTone } from "~/components/ui/Badge";
import { Button } from "~/components/ui/Button";
import { Card, CardHeader } from "~/components/ui/Card";
import { EmptyState } from "~/components/ui/EmptyState";
import { countryOptions } from "~/lib/address.server";
import { formatDay } from "~/lib/dates";
import { ConflictError, ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm, intentOf } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { formatMoney } from "~/lib/money";
import { returnOrigin } from "~/lib/return-origin.server";
import { db } from "~/modules/database.server";
import { listHubs } from "~/modules/hubs/hubs.server";
import { requestMembershipInvoice } from "~/modules/memberships/invoices.server";
import {
  changeTier,
  currentMembership,
  listBillingDocuments,
  openBillingPortal,
  setCancelAtPeriodEnd,
  startCardCheckout,
} from "~/modules/memberships/memberships.server";
import { listReceipts } from "~/modules/memberships/receipts.server";
import {
  invoiceRequestSchema,
  joinByCardSchema,
  subsidyApplicationSchema,
} from "~/modules/memberships/schemas";
import { applyForSubsidy, latestApplication } from "~/modules/memberships/subsidies.server";
import { listActiveTiers } from "~/modules/memberships/tiers.server";
import { requireOrganization } from "~/modules/organizations/request.server";
import { pledgesOfOrganization } from "~/modules/pledges/organization-pledges.server";
import { savedCardsOf } from "~/modules/pledges/pledges.server";

const STATUS_TONE: Record<string, BadgeTone> = {
  active: "success",
  pending: "warning",
  past_due: "danger",
  canceled: "neutral",
  expired: "neutral",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const [current, tiers, hubs, documents, application, receipts, pledges, cards] = await Promise.all([
    currentMembership(db(), context.organization.id),
    listActiveTiers(db()),
    listHubs(db(), context.organization.id),
    listBillingDocuments(db(), context),
    latestApplication(db(), context.organization.id),
    listReceipts(db(), context),
    pledgesOfOrganization(db(), context.organization.id),
    savedCardsOf(db(), context.organization.id),
  ]);
  return {
    slug: context.organization.slug,
    countries: countryOptions(),
    current,
    tiers,
    activeHubs: hubs.filter((h) => h.status === "active").length,
    documents,
    receipts: receipts.map((r) => ({
      id: r.id,
      number: r.number,
      paidAt: r.paidAt.toISOString().slice(0, 10),
      amountMinor: r.amountMinor,
      currency: r.currency,
    })),
    pledges: pledges.map(({ pledge, initiative }) => ({
      id: pledge.id,
      status: pledge.status,
      amountMinor: pledge.amountMinor,
      currency: pledge.currency,
      method: pledge.method,
      initiativeTitle: initiative.title,
      initiativeSlug: initiative.slug,
    })),
    cards,
    contact: { billingName: context.viewer.name, billingEmail: context.viewer.email },
    isCommunity: context.organization.kind === "community",
    application: application
      ? {
          status: application.status,
          decisionReason: application.decisionReason,
          createdAt: application.createdAt,
        }
      : null,
  };
}

/** The tier buttons post a tier id; anything else (a forged form) is a 400, not a database error. */
function requireTierId(tierId: string) {
  if (!joinByCardSchema.safeParse({ tierId }).success) throw new Response("Choose a tier.", { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const formData = await request.formData();
  const back = `/orgs/${context.organization.slug}/billing`;
  const tierId = String(formData.get("tierId") ?? "");
  try {
    switch (intentOf(formData)) {
      case "join-invoice":
        return await handleForm(formData, invoiceRequestSchema, async (value) => {
          const invoice = await requestMembershipInvoice(db(), context, value);
          return redirectWithFlash(
            back,
            `Invoice ${invoice.number ?? ""} is issued and emailed to ${value.billingEmail}.`,
          );
        });
      case "apply-subsidy":
        return await handleForm(formData, subsidyApplicationSchema, async (value) => {
          await applyForSubsidy(db(), context, value);
          return redirectWithFlash(back, "Application sent. Staff will answer with their reasons.");
        });
      case "join-card":
        requireTierId(tierId);
        return redirect(
          await startCardCheckout(db(), context, {
            tierId,
            viewer: context.viewer,
            returnOrigin: returnOrigin(request),
          }),
        );
      case "portal":
        return redirect(await openBillingPortal(db(), context, returnOrigin(request)));
      case "cancel":
      case "resume":
        await handleDomainErrors(() => setCancelAtPeriodEnd(db(), context, intentOf(formData) === "cancel"));
        return redirectWithFlash(
          back,
          intentOf(formData) === "cancel"
            ? "The membership will end at the close of its period."
            : "The membership will renew as usual.",
        );
      case "change-tier":
        requireTierId(tierId);
        return redirectWithFlash(
          back,
          (await changeTier(db(), context, tierId)) === "unchanged"
            ? "That tier is already what the membership renews at."
            : "Stripe has the change: the new tier is charged and applies from the next renewal. Until then the membership keeps the tier paid for.",
        );
      default:
        throw new Response("Unknown action", { status: 400 });
    }
  } catch (error) {
    if (error instanceof ConflictError || error instanceof ValidationError) {
      return redirectWithFlash(back, error.message, "error");
    }
    throw error;
  }
}

export default function Billing() {
  const data = useLoaderData<typeof loader>();
  const { slug, current, tiers, activeHubs, documents, receipts, contact, isCommunity, application } = data;
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busyTier = navigation.state !== "idle" ? navigation.formData?.get("tierId") : null;
  const membership = current?.membership;
  const settled = Boolean(membership && ["active", "past_due"].includes(membership.status));
  const awaitingCheckout =
    membership?.status === "pending" && membership.method === "card" && !membership.stripeSubscriptionId;
  const live = settled || (membership?.status === "pending" && !awaitingCheckout);
  const canChangeTier = settled && Boolean(membership?.stripeSubscriptionId);
  const paidTiers = tiers.filter((t) => !t.isSubsidised);
  const subsidisedTiers = tiers.filter((t) => t.isSubsidised);
  const reply = lastResult && "status" in lastResult ? lastResult : undefined;
  const replyIntent = (reply?.initialValue as { intent?: string } | undefined)?.intent;
  const joining = live ? undefined : tiers.find((t) => t.id === params.get("tier"));
  return (
    <div className="space-y-8">
      {joining ? <JoinSteps current={3} tierName={joining.name} /> : null}
      {params.get("canceled") ? (
        <output className="block rounded-md border border-line bg-paper px-4 py-3 text-sm">
          Checkout was canceled: nothing was charged.
        </output>
      ) : null}
      <Card>
        <CardHeader title="Membership" />
        {membership && current ? (
          <div className="space-y-3">
            <p className="flex flex-wrap items-center gap-2">
              <strong>{current.tier.name}</strong>
              <Badge tone={STATUS_TONE[membership.status]}>{membership.status.replace("_", " ")}</Badge>
              <span className="text-sm text-muted">
                {formatMoney({ amountMinor: membership.amountMinor, currency: membership.currency })} / year,
                by {membership.method}
              </span>
            </p>
            {membership.status === "pending" && membership.method === "invoice" ? (
              <p className="text-sm">
                Invoice issued, due within 30 days{membership.poNumber ? ` (PO ${membership.poNumber})` : ""}.{" "}
                {membership.invoiceUrl ? <a href={membership.invoiceUrl}>View or pay the invoice</a> : null}{" "}
                The membership starts when it is paid.
              </p>
            ) : null}
            {awaitingCheckout ? (
              <p className="text-sm">
                Checkout was started but not completed. Choose a tier below to pay by card.
              </p>
            ) : null}
            {membership.currentPeriodEnd && settled ? (
              <p className="text-sm">
                {membership.cancelAtPeriodEnd ? "Ends" : "Next renewal"} on{" "}
                {formatDay(membership.currentPeriodEnd)}
              </p>
            ) : null}
            {settled && current.nextTier && membership.currentPeriodEnd ? (
              <p className="text-sm">
                Changes to <strong>{current.nextTier.name}</strong> (
                {formatMoney({
                  amountMinor: membership.nextAmountMinor ?? current.nextTier.priceMinor,
                  currency: membership.currency,
                })}{" "}
                / year) at the next renewal on {formatDay(membership.currentPeriodEnd)}.
              </p>
            ) : null}
            {settled ? (
              <p className="text-sm">
                {Math.min(activeHubs, current.tier.hubsIncluded)} of {current.tier.hubsIncluded} hubs covered
                by your membership
              </p>
            ) : null}
            {membership.status === "past_due" ? (
              <p role="alert" className="text-sm font-medium text-danger-700">
                The last renewal payment failed. Update the card in the billing portal; we retry for two
                weeks.
              </p>
            ) : null}
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
          </div>
        ) : (
          <EmptyState title="No membership yet">Choose a tier below to join the network.</EmptyState>
        )}
      </Card>

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

      {live ? null : (
        <Card className="max-w-3xl">
          <CardHeader title="Pay by invoice" />
          <InvoiceRequestForm
            tiers={paidTiers}
            countries={data.countries}
            lastResult={replyIntent === "join-invoice" ? reply : undefined}
            defaultValue={{ tierId: params.get("tier") ?? paidTiers[0]?.id, ...contact }}
          />
        </Card>
      )}

      {isCommunity && subsidisedTiers.length > 0 && (application || !live) ? (
        <SubsidySection
          tiers={subsidisedTiers}
          application={application}
          canApply={!settled && application?.status !== "pending"}
          lastResult={replyIntent === "apply-subsidy" ? reply : undefined}
        />
      ) : null}

      <OrganizationPledges slug={slug} pledges={data.pledges} cards={data.cards} />
      <BillingDocuments slug={slug} receipts={receipts} documents={documents} />
    </div>
  );
}

export function ErrorBoundary() {
  return <RouteErrorBoundary />;
}
