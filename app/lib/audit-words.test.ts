import { describe, expect, it } from "vitest";
import { actionInWords, detailsInWords } from "./audit-words";

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
