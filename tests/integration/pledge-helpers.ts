import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { getDb } from "#db/client.server";
import { initiatives, pledges } from "#db/schema";
import { addMember, buildOpenInitiative, buildOrganization, buildUser } from "#tests/factories";
import { savePledge } from "~/modules/pledges/pledges.server";
import { pledgeFormSchema } from "~/modules/pledges/schemas";
import { eventually } from "./stripe-harness";

// Building blocks of the pledge tests (issue 10): an organization with an owner, an
// open initiative, and pledges by card (through Stripe's page) or by invoice.

const db = getDb();

export const CARDS = {
  ok: "4242424242424242",
  authentication: "4000002760003184",
  insufficient: "4000000000009995",
  lost: "4000000000009987",
};

export async function pledger(name: string) {
  const organization = await buildOrganization(db, { name, kind: "community" });
  const user = await buildUser(db, { passwordHash: "x", email: `admin@${organization.slug}.example.org` });
  await addMember(db, organization.id, user.id, "owner");
  return { organization, viewer: { id: user.id, isStaff: false, email: user.email, name: user.name } };
}
export type Pledger = Awaited<ReturnType<typeof pledger>>;

export async function openInitiative(overrides: Parameters<typeof buildOpenInitiative>[2] = {}) {
  const proposer = await pledger("Proposer");
  return buildOpenInitiative(db, proposer.organization.id, overrides);
}

export const form = (who: Pledger, fields: Record<string, string>) =>
  pledgeFormSchema.parse({ organizationId: who.organization.id, method: "card", card: "new", ...fields });

export const pledgeOf = async (id: string) => (await db.select().from(pledges).where(eq(pledges.id, id)))[0]!;
export const initiativeOf = async (id: string) =>
  (await db.select().from(initiatives).where(eq(initiatives.id, id)))[0]!;
export const waitForStatus = (id: string, status: string, timeoutMs?: number) =>
  eventually(async () => (await pledgeOf(id)).status === status, `pledge ${status}`, timeoutMs);

/** Saves a card on Stripe's page, completing 3-D Secure when the bank asks. */
export async function saveCardOnStripe(url: string, card: string, expiry = "12 / 34") {
  let response = await fetch(url, {
    method: "POST",
    body: new URLSearchParams({ card, expiry, cvc: "123" }),
    redirect: "manual",
  });
  if (response.status === 200)
    response = await fetch(`${url}/authenticate`, {
      method: "POST",
      body: new URLSearchParams({ card, expiry, outcome: "complete" }),
      redirect: "manual",
    });
  expect(response.status).toBe(303);
}

export async function pledgeByCard(who: Pledger, initiativeId: string, amount: string, card = CARDS.ok) {
  const saved = await savePledge(db, who.viewer, initiativeId, form(who, { amount }));
  expect(saved.pledge.status).toBe("pending");
  expect(saved.checkoutUrl).toBeTruthy();
  await saveCardOnStripe(saved.checkoutUrl!, card);
  await waitForStatus(saved.pledge.id, "committed");
  return saved.pledge;
}

export const pledgeByInvoice = (who: Pledger, initiativeId: string, amount: string) =>
  savePledge(
    db,
    who.viewer,
    initiativeId,
    form(who, {
      amount,
      method: "invoice",
      contactName: "Accounts Payable",
      contactEmail: `ap@${who.organization.slug}.example.org`,
      poNumber: "PO-7781",
      taxId: "ATU12345678",
      addressLine1: "Ring 1",
      city: "Vienna",
      postalCode: "1010",
      country: "AT",
    }),
  );
