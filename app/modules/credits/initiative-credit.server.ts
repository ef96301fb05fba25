import type { Db } from "#db/client.server";
import type { InitiativeStatus } from "#db/schema/initiatives";
import { deliveryRecord, deliveryRecordForPage } from "~/modules/delivery/delivery.server";
import { ROLLOUT_STATUSES } from "~/modules/delivery/policy";
import { rolloutChoices } from "~/modules/delivery/rollouts.server";
import { publicRollouts, reachOfOne } from "./rollouts.server";

// What the initiative page shows of funded work (issue 11): milestones, deliverables,
// the final report, where it runs and whom it reaches, and, for a signed-in admin of
// an organization with hubs, which of its hubs can say they run it.

export const DELIVERY_STATUSES: readonly InitiativeStatus[] = [
  "funded",
  "in_progress",
  "delivered",
  "not_delivered",
];

export async function initiativeDelivery(
  db: Db,
  initiative: { id: string; status: InitiativeStatus },
  viewerId: string | null,
) {
  if (!DELIVERY_STATUSES.includes(initiative.status)) return null;
  const [record, rollouts, reach, choices] = await Promise.all([
    deliveryRecord(db, initiative.id),
    publicRollouts(db, initiative.id),
    reachOfOne(db, initiative.id),
    viewerId && ROLLOUT_STATUSES.includes(initiative.status)
      ? rolloutChoices(db, viewerId, initiative.id)
      : Promise.resolve([]),
  ]);
  return {
    record: deliveryRecordForPage(record),
    rollouts,
    reach,
    rolloutChoices: choices.map((c) => ({
      hubId: c.hubId,
      label: `${c.hubName} (${c.organizationName})`,
      rolloutId: c.rolloutId,
      status: c.status,
    })),
  };
}
export type InitiativeDelivery = NonNullable<Awaited<ReturnType<typeof initiativeDelivery>>>;
