import { redirect } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { returnOrigin } from "~/lib/return-origin.server";
import { db } from "~/modules/database.server";
import { changeTier, openBillingPortal, setCancelAtPeriodEnd } from "~/modules/memberships/billing.server";
import { requestMembershipInvoice } from "~/modules/memberships/invoices.server";
import { startCardCheckout } from "~/modules/memberships/memberships.server";
import {
  invoiceRequestSchema,
  joinByCardSchema,
  subsidyApplicationSchema,
} from "~/modules/memberships/schemas";
import { applyForSubsidy } from "~/modules/memberships/subsidies.server";
import type { requireOrganization } from "~/modules/organizations/request.server";

// One function per intent of the billing page's forms; route.tsx dispatches on `intent`.

export type BillingActionArgs = {
  request: Request;
  context: Awaited<ReturnType<typeof requireOrganization>>;
  formData: FormData;
  back: string;
};

/** The tier buttons post a tier id; anything else (a forged form) is a 400, not a database error. */
function tierIdOf(formData: FormData) {
  const parsed = joinByCardSchema.safeParse({ tierId: String(formData.get("tierId") ?? "") });
  if (!parsed.success) throw new Response("Choose a tier.", { status: 400 });
  return parsed.data.tierId;
}

async function joinByInvoice({ context, formData, back }: BillingActionArgs) {
  return handleForm(formData, invoiceRequestSchema, async (value) => {
    const invoice = await requestMembershipInvoice(db(), context, value);
    return redirectWithFlash(
      back,
      `Invoice ${invoice.number ?? ""} is issued and emailed to ${value.billingEmail}.`,
    );
  });
}

async function applyForSubsidyAction({ context, formData, back }: BillingActionArgs) {
  return handleForm(formData, subsidyApplicationSchema, async (value) => {
    await applyForSubsidy(db(), context, value);
    return redirectWithFlash(back, "Application sent. Staff will answer with their reasons.");
  });
}

/** Off to Stripe Checkout for the chosen tier. */
async function joinByCard({ request, context, formData }: BillingActionArgs) {
  const tierId = tierIdOf(formData);
  return redirect(
    await startCardCheckout(db(), context, {
      tierId,
      viewer: context.viewer,
      returnOrigin: returnOrigin(request),
    }),
  );
}

async function openPortal({ request, context }: BillingActionArgs) {
  return redirect(await openBillingPortal(db(), context, returnOrigin(request)));
}

async function cancelAtPeriodEnd({ context, back }: BillingActionArgs) {
  await handleDomainErrors(() => setCancelAtPeriodEnd(db(), context, true));
  return redirectWithFlash(back, "The membership will end at the close of its period.");
}

async function keepRenewing({ context, back }: BillingActionArgs) {
  await handleDomainErrors(() => setCancelAtPeriodEnd(db(), context, false));
  return redirectWithFlash(back, "The membership will renew as usual.");
}

async function switchTier({ context, formData, back }: BillingActionArgs) {
  const tierId = tierIdOf(formData);
  return redirectWithFlash(
    back,
    (await changeTier(db(), context, tierId)) === "unchanged"
      ? "That tier is already what the membership renews at."
      : "Stripe has the change: the new tier is charged and applies from the next renewal. Until then the membership keeps the tier paid for.",
  );
}

export const billingActions = {
  "join-invoice": joinByInvoice,
  "apply-subsidy": applyForSubsidyAction,
  "join-card": joinByCard,
  portal: openPortal,
  cancel: cancelAtPeriodEnd,
  resume: keepRenewing,
  "change-tier": switchTier,
};
