import { eq } from "drizzle-orm";
import type { Db } from "#db/client.server";
import { endorsementHubs, endorsements, organizations } from "#db/schema";
import { InitiativeEndorsed } from "#emails/initiative-notices";
import { initiativeById, type Message, membersOf, withPreference } from "./notice-audiences.server";

// The messages of the "endorsed" notice, sent by deliverNotice (notices.server.ts).

/**
 * A new endorsement (issue 13, item 3): the proposing organization's people hear of it,
 * unless they turned these emails off. An endorser its standing does not count is named all
 * the same: the proposers know who backs them.
 */
export async function endorsementMessages(db: Db, endorsementId: string, appUrl: string): Promise<Message[]> {
  const [endorsement] = await db
    .select({
      initiativeId: endorsements.initiativeId,
      note: endorsements.note,
      withdrawnAt: endorsements.withdrawnAt,
      endorserName: organizations.name,
    })
    .from(endorsements)
    .innerJoin(organizations, eq(organizations.id, endorsements.organizationId))
    .where(eq(endorsements.id, endorsementId));
  if (!endorsement || endorsement.withdrawnAt) return [];
  const initiative = await initiativeById(db, endorsement.initiativeId);
  if (!initiative) return [];
  const hubCount = await db.$count(endorsementHubs, eq(endorsementHubs.endorsementId, endorsementId));
  const proposers = await withPreference(
    db,
    await membersOf(db, endorsement.initiativeId),
    "initiativeEndorsements",
  );
  return proposers.map((to) => ({
    to,
    subject: `${endorsement.endorserName} endorses ${initiative.title}`,
    template: "initiative-endorsed",
    body: (unsub) =>
      InitiativeEndorsed({
        appUrl,
        initiativeTitle: initiative.title,
        initiativeUrl: `${appUrl}/initiatives/${initiative.slug}`,
        unsubscribeUrl: unsub,
        endorserName: endorsement.endorserName,
        hubCount,
        note: endorsement.note,
      }),
  }));
}
