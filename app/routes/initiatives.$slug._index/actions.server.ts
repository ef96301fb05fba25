import type { SubmissionResult } from "@conform-to/react";
import type { data, TypedResponse } from "@remix-run/node";
import { z } from "zod";
import { ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import type { Viewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { reportRollout, withdrawRollout } from "~/modules/delivery/rollouts.server";
import { rolloutSchema } from "~/modules/delivery/schemas";
import { postUpdate as postInitiativeUpdate } from "~/modules/initiatives/catalog.server";
import {
  endorse as endorseInitiative,
  withdrawEndorsement as withdrawInitiativeEndorsement,
} from "~/modules/initiatives/endorsements.server";
import { changeStatus, type loadInitiative } from "~/modules/initiatives/initiatives.server";
import { endorsementSchema, updateSchema } from "~/modules/initiatives/schemas";

// The initiative page's forms, one function per intent (issue 13, section 3). Each
// answers a redirect with a message, or the failed submission for the form that sent it.

/**
 * What the page gets back: a redirect (no data) or the failed submission. handleForm and
 * conflictsAsFlash type their redirects as any Response, which would make the page's
 * useActionData `any`; the route's action says what they are.
 */
export type FormAnswer = TypedResponse<never> | ReturnType<typeof data<SubmissionResult<string[]>>>;

export type PageAction = {
  viewer: Viewer;
  access: Awaited<ReturnType<typeof loadInitiative>>;
  here: string;
  formData: FormData;
};

export function endorse({ viewer, access, here, formData }: PageAction) {
  return handleForm(formData, endorsementSchema, async (value) => {
    const { created, counted } = await handleDomainErrors(() =>
      endorseInitiative(db(), viewer, access.initiative.id, value),
    );
    return redirectWithFlash(
      here,
      !created
        ? "Your endorsement is updated."
        : counted
          ? "Thank you: your endorsement is counted."
          : "Thank you: your endorsement is recorded. It counts in demand once your organization is a member or one of its hubs answers a check.",
    );
  });
}

export const withdrawSchema = z.object({ organizationId: z.uuid() });

export function withdrawEndorsement({ viewer, access, here, formData }: PageAction) {
  return handleForm(formData, withdrawSchema, async (value) => {
    await handleDomainErrors(() =>
      withdrawInitiativeEndorsement(db(), viewer, access.initiative.id, value.organizationId),
    );
    return redirectWithFlash(here, "Your endorsement is withdrawn.");
  });
}

export function postUpdate({ viewer, access, here, formData }: PageAction) {
  return handleForm(formData, updateSchema, async (value) => {
    await handleDomainErrors(() => postInitiativeUpdate(db(), access, viewer, value));
    return redirectWithFlash(here, "Update posted; endorsers are emailed.");
  });
}

export const moveSchema = z.object({ to: z.enum(["submitted", "withdrawn"]) });

/** The proposer submits the proposal for review, or withdraws it. */
export function move({ viewer, access, here, formData }: PageAction) {
  return handleForm(formData, moveSchema, async (value) => {
    try {
      await handleDomainErrors(() =>
        changeStatus(db(), { userId: viewer.id, isStaff: viewer.isStaff }, access.initiative.id, value),
      );
    } catch (error) {
      // What is missing is shown at each field of the edit form.
      if (value.to === "submitted" && error instanceof ValidationError)
        return redirectWithFlash(
          `${here}/edit?submit=failed`,
          "It cannot be submitted yet: see below.",
          "error",
        );
      throw error;
    }
    return redirectWithFlash(
      here,
      value.to === "withdrawn" ? "The proposal is withdrawn." : "Submitted for review.",
    );
  });
}

/** A hub's organization says its hub runs the result (issue 11); verified from the hub's version when it can be. */
export function reportHubRollout({ viewer, access, here, formData }: PageAction) {
  return handleForm(formData, rolloutSchema, async (value) => {
    const rollout = await handleDomainErrors(() => reportRollout(db(), viewer, access.initiative.id, value));
    return redirectWithFlash(
      here,
      rollout.status === "verified"
        ? "Thank you: the rollout is reported, and verified from the hub's own version."
        : "Thank you: the rollout is reported. It shows as verified once the hub's version includes the release.",
    );
  });
}

export const withdrawRolloutSchema = z.object({
  rolloutId: z.uuid({ error: "Choose a rollout to withdraw." }),
});

export function withdrawHubRollout({ viewer, here, formData }: PageAction) {
  return handleForm(formData, withdrawRolloutSchema, async (value) => {
    await handleDomainErrors(() => withdrawRollout(db(), viewer, value.rolloutId));
    return redirectWithFlash(here, "The rollout is withdrawn.");
  });
}
