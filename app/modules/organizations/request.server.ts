import { getDb } from "#db/client.server";
import { handleDomainErrors } from "~/lib/http.server";
import { requireVerifiedUser, type Viewer } from "~/modules/auth/request.server";
import { loadOrganizationFor, type OrganizationContext } from "./organizations.server";
import type { OrganizationAction } from "./policy";

/** For loaders and actions under /orgs/<slug>: signed in, verified, and allowed to `action`. */
export async function requireOrganization(
  request: Request,
  slug: string | undefined,
  action: OrganizationAction,
): Promise<OrganizationContext & { viewer: Viewer }> {
  const viewer = await requireVerifiedUser(request);
  const context = await handleDomainErrors(() => loadOrganizationFor(getDb(), slug ?? "", viewer, action));
  return { ...context, viewer };
}
