import { redirect } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { returnOrigin } from "~/lib/return-origin.server";
import { db } from "~/modules/database.server";
import type { requireOrganization } from "~/modules/organizations/request.server";
import { setCreditChoice } from "~/modules/pledges/credit-choice.server";
import { confirmPledgePayment, replacePledgeCard } from "~/modules/pledges/organization-pledges.server";
import { cancelPledge } from "~/modules/pledges/pledges.server";
import { creditChoiceSchema } from "~/modules/pledges/schemas";

// One function per intent of the pledge page's forms; route.tsx dispatches on `intent`.

type OrganizationContext = Awaited<ReturnType<typeof requireOrganization>>;

export type PledgeActionArgs = {
  request: Request;
  context: OrganizationContext;
  pledgeId: string;
  formData: FormData;
  here: string;
};

/** A failed or expiring card: off to Stripe to save a new one. */
async function replaceCard({ request, context, pledgeId }: PledgeActionArgs) {
  return redirect(
    await handleDomainErrors(() =>
      replacePledgeCard(db(), context.viewer, context.organization.slug, pledgeId, returnOrigin(request)),
    ),
  );
}

/** The bank wants the payer to confirm: Stripe's page, or done when it already went through. */
async function confirmPayment({ request, context, pledgeId, here }: PledgeActionArgs) {
  const url = await handleDomainErrors(() =>
    confirmPledgePayment(db(), context.viewer, context.organization.slug, pledgeId, returnOrigin(request)),
  );
  return url ? redirect(url) : redirectWithFlash(here, "The payment went through; Stripe is confirming it.");
}

async function saveCredit({ context, pledgeId, formData, here }: PledgeActionArgs) {
  return handleForm(formData, creditChoiceSchema, async (choice) => {
    await handleDomainErrors(() => setCreditChoice(db(), context.viewer, pledgeId, choice));
    return redirectWithFlash(here, "Saved: your credit shows this way everywhere.");
  });
}

async function cancel({ context, pledgeId, here }: PledgeActionArgs) {
  await handleDomainErrors(() => cancelPledge(db(), context.viewer, pledgeId));
  return redirectWithFlash(here, "The pledge is canceled. Nothing will be charged.");
}

export const pledgeActions = {
  "replace-card": replaceCard,
  "confirm-payment": confirmPayment,
  credit: saveCredit,
  cancel,
};
