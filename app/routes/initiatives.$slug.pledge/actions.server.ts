import type { SubmissionResult } from "@conform-to/react";
import { type data, redirect, type TypedResponse } from "@remix-run/node";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { returnOrigin } from "~/lib/return-origin.server";
import type { Viewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { savePledge } from "~/modules/pledges/pledges.server";
import { pledgeFormSchema } from "~/modules/pledges/schemas";

// The pledge page's one form (issue 13, section 3: one function per intent).

/**
 * What the page gets back: a redirect (no data) or the failed submission. handleForm and
 * conflictsAsFlash type their redirects as any Response, which would make the page's
 * useActionData `any`; the route's action says what they are.
 */
export type FormAnswer = TypedResponse<never> | ReturnType<typeof data<SubmissionResult<string[]>>>;

/** Saves the pledge: to Stripe's page when a new card is to be saved, else to the pledge. */
export function pledge(request: Request, viewer: Viewer, initiativeId: string, formData: FormData) {
  return handleForm(formData, pledgeFormSchema, async (value) => {
    const saved = await handleDomainErrors(() =>
      savePledge(db(), viewer, initiativeId, value, returnOrigin(request)),
    );
    if (saved.checkoutUrl) return redirect(saved.checkoutUrl);
    return redirectWithFlash(
      `/orgs/${saved.organizationSlug}/pledges/${saved.pledge.id}`,
      "Your pledge is committed. Nothing is charged unless the initiative is funded.",
    );
  });
}
