import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Db } from "#db/client.server";
import {
  endorsements,
  initiatives,
  notificationPreferences,
  organizationMembers,
  organizations,
  users,
} from "#db/schema";
import type { PreferenceKey } from "~/modules/notifications/preferences.server";

// What the initiative notices (notices.server.ts) share: who hears of an initiative (its
// proposers, its followers, less those who turned that kind of email off), the
// initiative as the emails name it, and the shape of one message.

type Recipient = { id: string; email: string };

/** People of the proposing organization and of every organization endorsing now. */
export async function followersOf(
  db: Db,
  initiativeId: string,
  preference: PreferenceKey,
): Promise<Recipient[]> {
  const [initiative] = await db
    .select({ organizationId: initiatives.organizationId })
    .from(initiatives)
    .where(eq(initiatives.id, initiativeId));
  if (!initiative) return [];
  const endorsing = await db
    .select({ organizationId: endorsements.organizationId, endorsedById: endorsements.endorsedById })
    .from(endorsements)
    .where(and(eq(endorsements.initiativeId, initiativeId), isNull(endorsements.withdrawnAt)));
  const endorsingOrgs = endorsing.map((e) => e.organizationId);
  const endorsers = endorsing.flatMap((e) => (e.endorsedById ? [e.endorsedById] : []));
  const rows = await db
    .selectDistinct({ id: users.id, email: users.email })
    .from(organizationMembers)
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(
      or(
        // Everyone in the proposing organization…
        eq(organizationMembers.organizationId, initiative.organizationId),
        // …and the admins of endorsing organizations, plus whoever endorsed.
        endorsingOrgs.length > 0
          ? and(
              inArray(organizationMembers.organizationId, endorsingOrgs),
              inArray(organizationMembers.role, ["owner", "admin"]),
            )
          : undefined,
        endorsers.length > 0 ? inArray(organizationMembers.userId, endorsers) : undefined,
      ),
    );
  return withPreference(db, rows, preference);
}

/** Everyone in the organization that proposed the initiative. */
export async function membersOf(db: Db, initiativeId: string): Promise<Recipient[]> {
  return db
    .selectDistinct({ id: users.id, email: users.email })
    .from(initiatives)
    .innerJoin(organizationMembers, eq(organizationMembers.organizationId, initiatives.organizationId))
    .innerJoin(users, eq(users.id, organizationMembers.userId))
    .where(eq(initiatives.id, initiativeId));
}

export async function withPreference(db: Db, people: Recipient[], preference: PreferenceKey) {
  if (people.length === 0) return [];
  const optedOut = await db
    .select({ userId: notificationPreferences.userId })
    .from(notificationPreferences)
    .where(
      and(
        inArray(
          notificationPreferences.userId,
          people.map((p) => p.id),
        ),
        eq(notificationPreferences[preference], false),
      ),
    );
  const skip = new Set(optedOut.map((o) => o.userId));
  return people.filter((p) => !skip.has(p.id));
}

export async function initiativeById(db: Db, id: string) {
  const [row] = await db
    .select({
      id: initiatives.id,
      slug: initiatives.slug,
      title: initiatives.title,
      summary: initiatives.summary,
      organizationName: organizations.name,
    })
    .from(initiatives)
    .innerJoin(organizations, eq(organizations.id, initiatives.organizationId))
    .where(eq(initiatives.id, id));
  return row;
}

export type Message = {
  to: Recipient;
  subject: string;
  template: string;
  body: (unsub: string) => JSX.Element;
};
