import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { parseMajorAmount } from "~/lib/money";
import type { Viewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { setMatchingRule } from "~/modules/matching/pool.server";
import { refundPledge } from "~/modules/pledges/collection.server";
import { closeInitiative } from "~/modules/pledges/deadline.server";
import { setMinimumPledge } from "~/modules/pledges/staff.server";
import { closeSchema, minPledgeSchema, refundSchema, ruleSchema } from "./schemas";

// One function per intent of the staff collection page; route.tsx dispatches on `intent`.

export type CollectionActionArgs = {
  staff: Viewer;
  initiative: { id: string; currency: string };
  formData: FormData;
  here: string;
};

async function saveRule({ staff, initiative, formData, here }: CollectionActionArgs) {
  return handleForm(formData, ruleSchema, async (value) => {
    const capShare = value.capShare ? Math.round(Number(value.capShare) * 100) : null;
    await setMatchingRule(db(), staff.id, initiative.id, {
      rule: value.rule,
      capMinor: value.cap ? parseMajorAmount(value.cap, initiative.currency) : null,
      capShareBp: Number.isFinite(capShare) ? capShare : null,
    });
    return redirectWithFlash(here, "Matching rule saved.");
  });
}

async function closeEarly({ staff, initiative, formData, here }: CollectionActionArgs) {
  return handleForm(formData, closeSchema, async (value) => {
    await handleDomainErrors(() =>
      closeInitiative(db(), initiative.id, { staffId: staff.id, rationale: value.rationale }),
    );
    return redirectWithFlash(here, "Funded: collection has started.");
  });
}

async function saveMinimumPledge({ staff, initiative, formData, here }: CollectionActionArgs) {
  return handleForm(formData, minPledgeSchema, async (value) => {
    await setMinimumPledge(db(), staff.id, initiative.id, value.minPledge);
    return redirectWithFlash(here, "Smallest pledge saved.");
  });
}

async function refund({ staff, formData, here }: CollectionActionArgs) {
  return handleForm(formData, refundSchema, async (value) => {
    await handleDomainErrors(() => refundPledge(db(), staff.id, value.pledgeId, value.reason));
    return redirectWithFlash(
      here,
      "Refund sent to Stripe; the pledge shows as refunded when Stripe confirms it.",
    );
  });
}

export const collectionActions = {
  rule: saveRule,
  close: closeEarly,
  "min-pledge": saveMinimumPledge,
  refund,
};
