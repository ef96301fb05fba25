import type { SubmissionResult } from "@conform-to/react";
import type { data, TypedResponse } from "@remix-run/node";
import { ValidationError } from "~/lib/errors";
import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import type { Viewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { markDuplicate } from "~/modules/initiatives/duplicates.server";
import { changeStatus } from "~/modules/initiatives/initiatives.server";
import { CONFIRMED_DECISIONS } from "~/modules/initiatives/policy";
import {
  duplicateSchema,
  noteSchema,
  reviewSchema,
  transitionSchema,
  triageSchema,
} from "~/modules/initiatives/schemas";
import { addNote, saveReview, setTriage } from "~/modules/initiatives/triage.server";
import { STATUS_LABELS } from "~/modules/initiatives/workflow";

// The triage page's forms, one function per intent (issue 13, section 3).

/**
 * What the page gets back: a redirect (no data) or the failed submission. handleForm and
 * conflictsAsFlash type their redirects as any Response, which would make the page's
 * useActionData `any`; the route's action says what they are.
 */
export type FormAnswer = TypedResponse<never> | ReturnType<typeof data<SubmissionResult<string[]>>>;

export type TriageAction = { staff: Viewer; initiativeId: string; here: string; formData: FormData };

/** A staff decision; the public, final ones need the confirmation box ticked. */
export function transition({ staff, initiativeId, here, formData }: TriageAction) {
  return handleForm(formData, transitionSchema, async (value) => {
    if (CONFIRMED_DECISIONS.includes(value.to) && formData.get("confirm") !== "on")
      throw new ValidationError({
        confirm: ["This decision is public and cannot be undone: tick the box to confirm it."],
      });
    await handleDomainErrors(() =>
      changeStatus(db(), { userId: staff.id, isStaff: true }, initiativeId, value),
    );
    return redirectWithFlash(
      here,
      `Now ${STATUS_LABELS[value.to].toLowerCase()}. The proposer and endorsers are emailed.`,
    );
  });
}

export function triage({ staff, initiativeId, here, formData }: TriageAction) {
  return handleForm(formData, triageSchema, async (value) => {
    await handleDomainErrors(() => setTriage(db(), staff, initiativeId, value));
    return redirectWithFlash(here, "Assignment and priority saved.");
  });
}

export function review({ staff, initiativeId, here, formData }: TriageAction) {
  return handleForm(formData, reviewSchema, async (value) => {
    await handleDomainErrors(() => saveReview(db(), staff, initiativeId, value));
    return redirectWithFlash(here, "Your scorecard is saved.");
  });
}

export function note({ staff, initiativeId, here, formData }: TriageAction) {
  return handleForm(formData, noteSchema, async (value) => {
    await handleDomainErrors(() => addNote(db(), staff, initiativeId, value.body));
    return redirectWithFlash(here, "Note added (staff only).");
  });
}

/** Merges this initiative into the original; the answer goes to the original's page. */
export function duplicate({ staff, initiativeId, formData }: TriageAction) {
  return handleForm(formData, duplicateSchema, async (value) => {
    const { original, moved } = await handleDomainErrors(() =>
      markDuplicate(db(), staff, initiativeId, value),
    );
    return redirectWithFlash(
      `/staff/initiatives/${original.slug}`,
      `Merged: ${moved} endorsement${moved === 1 ? "" : "s"} moved to “${original.title}”; everyone concerned is emailed.`,
    );
  });
}
