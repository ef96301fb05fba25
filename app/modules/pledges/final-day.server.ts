import type { Db } from "#db/client.server";
import type { initiatives } from "#db/schema";
import { formatMoney } from "~/lib/money";
import { matchEstimate } from "~/modules/matching/pool.server";

// The final-day rule (issue 10, item 1), checked by every pledge change under the
// initiative's lock (pledges.server.ts).

type Initiative = typeof initiatives.$inferSelect;

export const FINAL_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Why a change in the final 24 hours is refused, or null: no change may take the
 * total (pledges plus match) from the goal to below it, nor the organizations from the
 * minimum to below it (issue 10, item 1).
 */
export async function finalDayProblem(
  tx: Db,
  initiative: Initiative,
  change: {
    organizationId: string;
    fromMinor: number;
    toMinor: number;
    fromCounted: boolean;
    toCounted: boolean;
  },
  now = new Date(),
) {
  if (!initiative.pledgeDeadline || initiative.pledgeDeadline.getTime() - now.getTime() > FINAL_DAY_MS)
    return null;
  const pledgedAfter = initiative.pledgedMinor - change.fromMinor + change.toMinor;
  const orgsAfter = initiative.pledgeOrganizations - Number(change.fromCounted) + Number(change.toCounted);
  const minimum = initiative.minBackers ?? 0;
  if (initiative.pledgeOrganizations >= minimum && orgsAfter < minimum)
    return `In the final 24 hours no change may take the initiative below its minimum of ${minimum} organizations.`;
  const goal = initiative.goalMinor ?? 0;
  const estimate = await matchEstimate(tx, initiative, {
    organizationId: change.organizationId,
    amountMinor: change.toCounted ? change.toMinor : 0,
    previousMinor: change.fromCounted ? change.fromMinor : 0,
  });
  const before = initiative.pledgedMinor + (estimate.before?.match ?? 0);
  const after = pledgedAfter + (estimate.after?.match ?? 0);
  if (before >= goal && after < goal)
    return `In the final 24 hours no change may take the initiative below its goal of ${formatMoney({ amountMinor: goal, currency: initiative.currency })}.`;
  return null;
}
