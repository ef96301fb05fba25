import { describe, expect, it } from "vitest";
import { actionInWords, auditInWords, detailsInWords } from "./words";

describe("the audit log in words (issue 13, item 10)", () => {
  it("says what happened without raw keys or minor units", () => {
    expect(actionInWords("invitation.accepted")).toBe("Invitation accepted");
    expect(actionInWords("membership.past_due")).toBe("Membership past due");
    expect(detailsInWords({ amountMinor: 1_200_000, currency: "USD", method: "card" })).toBe(
      "amount: $12,000 · method: card",
    );
    expect(detailsInWords({ isPublic: true, hubs: 3, periodEnd: "2027-11-03" })).toBe(
      "is public: yes · hubs: 3 · period end: Nov 3, 2027",
    );
    expect(detailsInWords({ reason: null, tags: [] })).toBe("reason: none · tags: none");
  });
});

describe("audit rows in words, from the typed vocabulary (issue 13, section 3)", () => {
  it("keeps the words rows had before the vocabulary was typed", () => {
    expect(auditInWords("invitation.accepted", { email: "kofi@tide.test", role: "admin" })).toEqual({
      what: "Invitation accepted",
      details: "email: kofi@tide.test · role: admin",
    });
    expect(auditInWords("hub.created", { name: "Tide Hub", url: "https://hub.tide.test/" })).toEqual({
      what: "Hub created",
      details: "name: Tide Hub · url: https://hub.tide.test/",
    });
    expect(
      auditInWords("matching.pool-transfer", { amountMinor: 1_200_000, currency: "USD", reason: "dues" }),
    ).toEqual({ what: "Matching pool transfer", details: "amount: $12,000 · reason: dues" });
  });

  it("says what an action's details mean where their keys would not", () => {
    expect(
      auditInWords("pledge.credit-changed", {
        from: { showName: true, showAmount: true },
        to: { showName: false, showAmount: false },
      }).details,
    ).toBe("from: name and amount · to: anonymous");
    expect(
      auditInWords("matching.rule", {
        rule: "one_to_one",
        capMinor: 500_000,
        capShareBp: null,
        currency: "USD",
      }).details,
    ).toBe("rule: 1:1 · cap: $5,000");
    expect(
      auditInWords("matching.rule", { rule: "quadratic", capMinor: null, capShareBp: 2500 }).details,
    ).toBe("rule: quadratic · cap share: 25% of the pool");
    expect(
      auditInWords("pledge.paid", {
        from: "collecting",
        by: "stripe",
        reason: "paid",
        amountMinor: 50_000,
        currency: "EUR",
      }).details,
    ).toBe("from: collecting · by: stripe · reason: paid · amount: €500");
  });

  it("still renders rows written before the vocabulary: unknown actions and details of an older shape", () => {
    expect(auditInWords("hub.renamed", { name: "Tide Hub", isPublic: true })).toEqual({
      what: "Hub renamed",
      details: "name: Tide Hub · is public: yes",
    });
    // Known action, details that no longer match its schema.
    expect(auditInWords("member.left", { role: "superuser", note: "x" })).toEqual({
      what: "Member left",
      details: "role: superuser · note: x",
    });
    expect(auditInWords("pledge.credit-changed", "not an object")).toEqual({
      what: "Pledge credit changed",
      details: "",
    });
    expect(auditInWords("organization.logo-removed", null)).toEqual({
      what: "Organization logo removed",
      details: "",
    });
  });
});
