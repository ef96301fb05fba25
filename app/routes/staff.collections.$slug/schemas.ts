import { z } from "zod";

// The collection page's forms, shared by the forms and the actions.

export const ruleSchema = z.object({
  rule: z.enum(["none", "one_to_one", "quadratic"]),
  cap: z.string().trim().default(""),
  capShare: z.string().trim().default(""),
});
export const minPledgeSchema = z.object({
  minPledge: z.string().trim().min(1, "Enter the smallest pledge."),
});
// Both move money for good, so each asks for a confirmation beside its button.
export const refundSchema = z.object({
  pledgeId: z.uuid(),
  reason: z.string().trim().min(10, "Say why it is refunded (at least 10 characters)."),
  confirm: z.literal("on", {
    error: "Confirm the refund: the money goes back and the pledge stays refunded.",
  }),
});
export const closeSchema = z.object({
  rationale: z.string().trim().min(10, "Say why it closes early (at least 10 characters)."),
  confirm: z.literal("on", { error: "Confirm the close: every pledge is collected now." }),
});
