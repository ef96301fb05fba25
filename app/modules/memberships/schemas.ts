import { z } from "zod";

import { parseMajorAmount } from "~/lib/money";

export const tierSchema = z
  .object({
    name: z.string({ error: "Enter the tier's name." }).trim().min(2, "Use at least 2 characters.").max(80),
    description: z.string().trim().max(500, "Keep it under 500 characters.").default(""),
    price: z.string({ error: "Enter the yearly price." }).trim().min(1, "Enter the yearly price."),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Use a three-letter currency code, like USD.")
      .default("USD"),
    hubsIncluded: z.coerce
      .number({ error: "Enter a whole number." })
      .int("Enter a whole number.")
      .min(0)
      .max(1000),
    benefits: z
      .string()
      .default("")
      .transform((v) =>
        v
          .split("\n")
          .map((line) => line.trim())
          .filter(Boolean),
      )
      .refine((list) => list.length <= 12, "List at most 12 benefits."),
    roadmapWeight: z.coerce.number({ error: "Enter a whole number." }).int().min(0).max(100).default(1),
    isSubsidised: z
      .union([z.literal("on"), z.literal("true")])
      .optional()
      .transform((v) => v !== undefined),
  })
  // A refinement, not a transform, keeps this a plain object schema the form can read.
  .superRefine((tier, ctx) => {
    if (parseMajorAmount(tier.price, tier.currency) === null) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "Enter an amount like 5000 or 5000.00." });
    }
  });
export type TierForm = z.infer<typeof tierSchema>;

/** The validated form as stored: the price in integer minor units. */
export function tierValues(form: TierForm) {
  const { price, ...rest } = form;
  return { ...rest, priceMinor: parseMajorAmount(price, form.currency) ?? 0 };
}
export type TierInput = ReturnType<typeof tierValues>;

export const joinByCardSchema = z.object({ tierId: z.uuid({ error: "Choose a tier." }) });

const required = (label: string, max = 200) =>
  z
    .string({ error: `Enter the ${label}.` })
    .trim()
    .min(1, `Enter the ${label}.`)
    .max(max, `Keep the ${label} under ${max} characters.`);

/** Asking for an invoice (issue 3, item 8): who pays, where, and their references. */
export const invoiceRequestSchema = z.object({
  tierId: z.uuid({ error: "Choose a tier." }),
  billingName: required("billing contact's name", 120),
  billingEmail: z
    .string({ error: "Enter the billing contact's email." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address." })),
  addressLine1: required("street address"),
  city: required("city", 100),
  postalCode: z.string().trim().max(20, "Keep the postal code under 20 characters.").default(""),
  country: z
    .string({ error: "Choose a country." })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Choose a country."),
  taxId: z.string().trim().max(40, "Keep the tax ID under 40 characters.").default(""),
  poNumber: z.string().trim().max(60, "Keep the PO number under 60 characters.").default(""),
});
export type InvoiceRequest = z.infer<typeof invoiceRequestSchema>;

export const subsidyApplicationSchema = z.object({
  tierId: z.uuid({ error: "Choose a tier." }),
  statement: z
    .string({ error: "Tell us about your community and why it needs support." })
    .trim()
    .min(40, "Write at least 40 characters: who you are, who uses your hub, why you cannot pay.")
    .max(1500, "Keep it under 1,500 characters."),
});

export const subsidyDecisionSchema = z.object({
  applicationId: z.uuid(),
  decision: z.enum(["approve", "decline"], { error: "Choose approve or decline." }),
  reason: z
    .string({ error: "Write the reason the applicant will see." })
    .trim()
    .min(10, "Write the reason the applicant will see (at least 10 characters).")
    .max(1000, "Keep it under 1,000 characters."),
});
