import { eq } from "drizzle-orm";
import { getDb } from "#db/client.server";
import { type InitiativeStatus, initiatives, upstreamProjects } from "#db/schema";
import { addMember, buildHub, buildOpenInitiative, buildOrganization, buildUser } from "#tests/factories";
import { loadInitiative } from "~/modules/initiatives/initiatives.server";
import { createPledgeRow, movePledge } from "~/modules/pledges/workflow";

// Building blocks of the credit tests (issue 11): organizations with an admin and a
// plain member, funded initiatives with paid pledges as collection would leave them.

const db = getDb();

export async function organizationWithPeople(name: string, kind: "community" | "institution" = "community") {
  const organization = await buildOrganization(db, { name, kind });
  const admin = await buildUser(db, { passwordHash: "x" });
  const member = await buildUser(db, { passwordHash: "x" });
  await addMember(db, organization.id, admin.id, "owner");
  await addMember(db, organization.id, member.id, "member");
  return {
    organization,
    admin: { id: admin.id, isStaff: false },
    member: { id: member.id, isStaff: false },
  };
}
export type People = Awaited<ReturnType<typeof organizationWithPeople>>;

export async function staffUser() {
  const user = await buildUser(db, { passwordHash: "x", isStaff: true });
  return { id: user.id, isStaff: true };
}

export async function projectId(slug: string) {
  const [found] = await db.select().from(upstreamProjects).where(eq(upstreamProjects.slug, slug));
  if (found) return found.id;
  const [created] = await db.insert(upstreamProjects).values({ slug, name: slug }).returning();
  return created!.id;
}

type Pledge = { by: People; amount: number; showName?: boolean; showAmount?: boolean };

/** An initiative funded with `pledges` collected (paid), in `status`. */
export async function fundedInitiative(proposer: People, status: InitiativeStatus, pledgeList: Pledge[]) {
  const initiative = await buildOpenInitiative(db, proposer.organization.id);
  const system = { by: "system" as const, actorId: null, reason: "test" };
  await db.transaction(async (tx) => {
    for (const p of pledgeList) {
      const created = await createPledgeRow(
        tx,
        {
          initiativeId: initiative.id,
          organizationId: p.by.organization.id,
          createdById: p.by.admin.id,
          status: "committed",
          method: "invoice",
          amountMinor: p.amount,
          currency: "USD",
          showName: p.showName ?? true,
          showAmount: p.showAmount ?? true,
        },
        { by: "admin", actorId: p.by.admin.id, reason: "test" },
      );
      const collecting = await movePledge(tx, created, "collecting", system, { fundedAt: new Date() });
      await movePledge(
        tx,
        collecting,
        "paid",
        { by: "stripe", actorId: null, reason: "test" },
        { paidAt: new Date() },
      );
    }
  });
  await db
    .update(initiatives)
    .set({ status, fundedAt: new Date(), statusChangedAt: new Date() })
    .where(eq(initiatives.id, initiative.id));
  return (await db.select().from(initiatives).where(eq(initiatives.id, initiative.id)))[0]!;
}

export const accessFor = (slug: string, viewer: { id: string; isStaff: boolean }) =>
  loadInitiative(db, slug, viewer);

export const hubOf = (who: People, overrides: Parameters<typeof buildHub>[2] = {}) =>
  buildHub(db, who.organization.id, { userCount: 100, ...overrides });
