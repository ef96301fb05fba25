import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useSearchParams } from "@remix-run/react";
import { RouteErrorBoundary } from "~/components/layout/RouteErrorBoundary";
import { BillingDocuments } from "~/components/memberships/BillingDocuments";
import { InvoiceRequestForm } from "~/components/memberships/InvoiceRequestForm";
import { JoinSteps } from "~/components/memberships/JoinSteps";
import { SubsidySection } from "~/components/memberships/SubsidySection";
import { OrganizationPledges } from "~/components/pledges/OrganizationPledges";
import { Card, CardHeader } from "~/components/ui/Card";
import { countryOptions } from "~/lib/address.server";
import { ConflictError, ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { intentOf } from "~/lib/forms.server";
import { db } from "~/modules/database.server";
import { listHubs } from "~/modules/hubs/hubs.server";
import { listBillingDocuments } from "~/modules/memberships/billing.server";
import { currentMembership } from "~/modules/memberships/memberships.server";
import { listReceipts } from "~/modules/memberships/receipts.server";
import { latestApplication } from "~/modules/memberships/subsidies.server";
import { listActiveTiers } from "~/modules/memberships/tiers.server";
import { requireOrganization } from "~/modules/organizations/request.server";
import { pledgesOfOrganization } from "~/modules/pledges/organization-pledges.server";
import { savedCardsOf } from "~/modules/pledges/pledge-form.server";
import { billingActions } from "./actions.server";
import { MembershipCard } from "./MembershipCard";
import { useBillingPage } from "./page";
import { TierChoice } from "./TierChoice";

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

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireOrganization(request, params.slug, "manage-billing");
  const formData = await request.formData();
  const back = `/orgs/${context.organization.slug}/billing`;
  const intent = intentOf(formData);
  if (!Object.hasOwn(billingActions, intent)) throw new Response("Unknown action", { status: 400 });
  try {
    return await billingActions[intent as keyof typeof billingActions]({ request, context, formData, back });
  } catch (error) {
    if (error instanceof ConflictError || error instanceof ValidationError) {
      return redirectWithFlash(back, error.message, "error");
    }
    throw error;
  }
}

export default function Billing() {
  const { data, live, paidTiers, subsidisedTiers, settled, reply, replyIntent } = useBillingPage();
  const { slug, tiers, documents, receipts, contact, isCommunity, application } = data;
  const [params] = useSearchParams();
  const joining = live ? undefined : tiers.find((t) => t.id === params.get("tier"));
  return (
    <div className="space-y-8">
      {joining ? <JoinSteps current={3} tierName={joining.name} /> : null}
      {params.get("canceled") ? (
        <output className="block rounded-md border border-line bg-paper px-4 py-3 text-sm">
          Checkout was canceled: nothing was charged.
        </output>
      ) : null}
      <MembershipCard />
      <TierChoice />

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
