import type { Db } from "../db/client.server";
import {
  hubs,
  initiatives,
  type OrganizationRole,
  organizationMembers,
  organizations,
  users,
} from "../db/schema";

// Builders shared by tests and db/seed: they write rows directly, with believable
// defaults, so a test states only what it is about.

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function buildUser(
  db: Db,
  overrides: Partial<typeof users.$inferInsert> & { passwordHash: string },
) {
  const n = next();
  const [user] = await db
    .insert(users)
    .values({
      name: `Person ${n}`,
      email: `person-${n}@example.org`,
      emailVerifiedAt: new Date(),
      ...overrides,
    })
    .returning();
  return user!;
}

export async function buildOrganization(db: Db, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const n = next();
  const [organization] = await db
    .insert(organizations)
    .values({ name: `Organization ${n}`, slug: `org-${n}`, kind: "community", description: "", ...overrides })
    .returning();
  return organization!;
}

export async function addMember(db: Db, organizationId: string, userId: string, role: OrganizationRole) {
  await db.insert(organizationMembers).values({ organizationId, userId, role });
}

export async function buildHub(
  db: Db,
  organizationId: string,
  overrides: Partial<typeof hubs.$inferInsert> = {},
) {
  const n = next();
  const [hub] = await db
    .insert(hubs)
    .values({ organizationId, name: `Hub ${n}`, url: `https://hub-${n}.example.org`, ...overrides })
    .returning();
  return hub!;
}

/** An initiative already open for pledges (issue 10), as staff would have opened it. */
export async function buildOpenInitiative(
  db: Db,
  organizationId: string,
  overrides: Partial<typeof initiatives.$inferInsert> = {},
) {
  const n = next();
  const now = new Date();
  const [initiative] = await db
    .insert(initiatives)
    .values({
      organizationId,
      slug: `initiative-${n}`,
      title: `Initiative ${n}`,
      summary: "A shared improvement for every hub.",
      problem: "Hubs each solve this alone.",
      solution: "Solve it once upstream.",
      plan: "Three milestones.",
      size: "M",
      status: "open",
      goalMinor: 1_000_000,
      currency: "USD",
      minBackers: 2,
      minPledgeMinor: 10_000,
      pledgeDeadline: new Date(now.getTime() + 14 * 86_400_000),
      reviewStartedAt: now,
      submittedAt: now,
      ...overrides,
    })
    .returning();
  return initiative!;
}
