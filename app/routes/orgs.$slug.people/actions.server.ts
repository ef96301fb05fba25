import { redirectWithFlash } from "~/lib/flash.server";
import { handleForm } from "~/lib/forms.server";
import { handleDomainErrors } from "~/lib/http.server";
import { db } from "~/modules/database.server";
import { inviteMember, revokeInvitation } from "~/modules/organizations/invitations.server";
import { changeRole, removeMember } from "~/modules/organizations/people.server";
import type { requireOrganization } from "~/modules/organizations/request.server";
import {
  invitationIdSchema,
  inviteSchema,
  memberIdSchema,
  roleChangeSchema,
} from "~/modules/organizations/schemas";

// One function per intent of the people page; route.tsx dispatches on `intent` and turns a
// ConflictError (the last owner, …) into a message on the page.

export type PeopleActionArgs = {
  context: Awaited<ReturnType<typeof requireOrganization>>;
  formData: FormData;
  back: string;
};

async function invite({ context, formData, back }: PeopleActionArgs) {
  return handleForm(formData, inviteSchema, async (value) => {
    const { replacedEarlier } = await inviteMember(db(), context, {
      ...value,
      inviterName: context.viewer.name,
    });
    return redirectWithFlash(
      back,
      replacedEarlier
        ? `A new link was sent to ${value.email}; the earlier link no longer works.`
        : `Invitation sent to ${value.email}.`,
    );
  });
}

async function revoke({ context, formData, back }: PeopleActionArgs) {
  return handleForm(formData, invitationIdSchema, async ({ invitationId }) => {
    await handleDomainErrors(() => revokeInvitation(db(), context, invitationId));
    return redirectWithFlash(back, "Invitation revoked.");
  });
}

async function changeMemberRole({ context, formData, back }: PeopleActionArgs) {
  return handleForm(formData, roleChangeSchema, async ({ userId, role }) => {
    await handleDomainErrors(() => changeRole(db(), context, userId, role));
    return redirectWithFlash(back, "Role changed.");
  });
}

async function remove({ context, formData, back }: PeopleActionArgs) {
  return handleForm(formData, memberIdSchema, async ({ userId }) => {
    await handleDomainErrors(() => removeMember(db(), context, userId));
    return redirectWithFlash(back, "Removed from the organization.");
  });
}

async function leave({ context }: PeopleActionArgs) {
  await handleDomainErrors(() => removeMember(db(), context, context.viewer.id));
  return redirectWithFlash("/account", `You left ${context.organization.name}.`);
}

export const peopleActions = { invite, revoke, role: changeMemberRole, remove, leave };
