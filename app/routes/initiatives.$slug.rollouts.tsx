import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { redirectWithFlash } from "~/lib/flash.server";
import { intentOf } from "~/lib/forms.server";
import { conflictsAsFlash, handleDomainErrors } from "~/lib/http.server";
import { requireVerifiedUser } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { reportRollout, withdrawRollout } from "~/modules/delivery/rollouts.server";
import { rolloutSchema } from "~/modules/delivery/schemas";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";

// A hub's organization says its hub runs the result, or takes that back (issue 11).
// Posted from the initiative page; answers go back there.

export function loader({ params }: ActionFunctionArgs) {
  return redirect(`/initiatives/${params.slug ?? ""}`);
}

const withdrawSchema = z.object({ rolloutId: z.uuid() });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireVerifiedUser(request);
  const { initiative } = await handleDomainErrors(() => loadInitiative(db(), params.slug ?? "", viewer));
  const here = `/initiatives/${initiative.slug}`;
  const formData = await request.formData();
  return conflictsAsFlash(here, async () => {
    if (intentOf(formData) === "withdraw") {
      const parsed = withdrawSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) return redirectWithFlash(here, "Choose a rollout to withdraw.", "error");
      await handleDomainErrors(() => withdrawRollout(db(), viewer, parsed.data.rolloutId));
      return redirectWithFlash(here, "The rollout is withdrawn.");
    }
    const parsed = rolloutSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success)
      return redirectWithFlash(here, parsed.error.issues[0]?.message ?? "Check the form.", "error");
    const rollout = await handleDomainErrors(() => reportRollout(db(), viewer, initiative.id, parsed.data));
    return redirectWithFlash(
      here,
      rollout.status === "verified"
        ? "Thank you: the rollout is reported, and verified from the hub's own version."
        : "Thank you: the rollout is reported. It shows as verified once the hub's version includes the release.",
    );
  });
}
