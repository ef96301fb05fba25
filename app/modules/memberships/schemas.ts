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
  .transform((tier, ctx) => {
    const priceMinor = parseMajorAmount(tier.price, tier.currency);
    if (priceMinor === null) {
      ctx.addIssue({ code: "custom", path: ["price"], message: "Enter an amount like 5000 or 5000.00." });
      return z.NEVER;
    }
    const { price: _price, ...rest } = tier;
    return { ...rest, priceMinor };
  });
export type TierInput = z.infer<typeof tierSchema>;

export const joinByCardSchema = z.object({ tierId: z.uuid({ error: "Choose a tier." }) });
