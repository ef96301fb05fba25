import { sql } from "drizzle-orm";
import { hashPassword } from "../../app/modules/auth/password.server";
import { addMember, buildHub, buildOrganization, buildUser } from "../../tests/factories";
import { createPool, type Database } from "../client.server";
import { membershipTiers, users } from "../schema";
import { seedDelivery } from "./delivery";
import { seedInitiatives } from "./initiatives";
import { seedMemberships } from "./memberships";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, NETWORK, PEOPLE, TIERS } from "./network";
import { seedPledges } from "./pledges";

export { DEMO_ACCOUNTS };

/** Loads the demo network into an empty database, in one transaction. */
export async function seed(db: Database) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const bySlug = new Map<string, string>();
    const hubsByOrganization = new Map<string, { id: string }[]>();
    for (const [index, org] of NETWORK.entries()) {
      const created = await buildOrganization(tx, {
        slug: org.slug,
        name: org.name,
        kind: org.kind,
        website: org.website,
        description: org.description,
        isPublic: org.isPublic ?? true,
        showMembership: org.showMembership ?? false,
      });
      bySlug.set(org.slug, created.id);
      hubsByOrganization.set(org.slug, []);
      for (const hub of org.hubs) {
        const reported = new Date(Date.UTC(2026, 8 + (index % 3), 1 + index)).toISOString().slice(0, 10);
        const built = await buildHub(tx, created.id, {
          name: hub.name,
          url: `https://${hub.host}`,
          region: hub.region,
          status: hub.status ?? "active",
          userCount: hub.users,
          usersReportedOn: reported,
          description: `${hub.name}, run by ${org.name}.`,
          jupyterhubVersion: hub.version ?? null,
          lastSeenAt: hub.version ? new Date(`${reported}T12:00:00Z`) : null,
          lastCheckedAt: hub.version ? new Date(`${reported}T12:00:00Z`) : null,
        });
        if (built.status === "active") hubsByOrganization.get(org.slug)!.push(built);
      }
    }
    await tx.insert(membershipTiers).values(TIERS.map((tier, position) => ({ ...tier, position })));
    const staff: string[] = [];
    const ownerOf = new Map<string, string>();
    for (const person of PEOPLE) {
      const user = await buildUser(tx, {
        name: person.name,
        email: person.email,
        isStaff: person.isStaff ?? false,
        passwordHash,
      });
      if (user.isStaff) staff.push(user.id);
      for (const [slug, role] of person.memberships) {
        await addMember(tx, bySlug.get(slug)!, user.id, role);
        if (role === "owner" && !ownerOf.has(slug)) ownerOf.set(slug, user.id);
      }
    }
    // Before the initiatives, so members' endorsements count as demand from the start.
    await seedMemberships(tx, { organizations: bySlug, ownerOf }, staff[0]!);
    await seedInitiatives(tx, { organizations: bySlug, hubsByOrganization, staff, ownerOf });
    await seedPledges(tx, { organizations: bySlug, ownerOf }, staff[0]);
    await seedDelivery(tx, staff[0]);
  });
}

/** Seeds only when there are no accounts yet; returns whether it seeded. */
export async function seedIfEmpty(url: string) {
  const { db, sql: client } = createPool(url, 1);
  try {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((row?.n ?? 0) > 0) return false;
    await seed(db);
    return true;
  } finally {
    await client.end();
  }
}
