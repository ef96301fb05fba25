import { z } from "zod";

// The pledge form (issue 10, item 1), shared by the page and the action.

const text = (max: number) => z.string().trim().max(max).default("");

export const pledgeFormSchema = z
  .object({
    organizationId: z.uuid({ message: "Choose the organization that pledges." }),
    amount: z.string({ message: "Enter the amount." }).trim().min(1, "Enter the amount."),
    method: z.enum(["card", "invoice"], { message: "Choose how your organization will pay." }),
    /** A saved card's id, "current" to keep the pledge's card, or "new" to save one on Stripe's page. */
    card: z.string().trim().default("new"),
    showName: z.enum(["yes", "no"]).default("yes"),
    showAmount: z.enum(["yes", "no"]).default("yes"),
    message: text(500),
    contactName: text(200),
    contactEmail: z.union([z.literal(""), z.email("Enter a valid email address.")]).default(""),
    poNumber: text(100),
    taxId: text(50),
    addressLine1: text(200),
    city: text(100),
    postalCode: text(20),
    country: z.union([z.literal(""), z.string().regex(/^[A-Z]{2}$/, "Choose a country.")]).default(""),
  })
  .superRefine((value, ctx) => {
    if (value.method !== "invoice") return;
    const required: [keyof typeof value, string][] = [
      ["contactName", "Name the person who receives the invoice."],
      ["contactEmail", "Enter the address the invoice is sent to."],
      ["addressLine1", "Enter the billing address."],
      ["city", "Enter the city."],
      ["country", "Choose a country."],
    ];
    for (const [field, message] of required)
      if (!value[field]) ctx.addIssue({ code: "custom", path: [field], message });
  });
export type PledgeForm = z.infer<typeof pledgeFormSchema>;

/** A funder's credit choice, changeable at any time (issue 11): it is not money. */
export const creditChoiceSchema = z.object({
  showName: z.enum(["yes", "no"], { message: "Choose whether to show your name." }),
  showAmount: z.enum(["yes", "no"], { message: "Choose whether to show the amount." }),
  message: text(500),
});
export type CreditChoice = z.infer<typeof creditChoiceSchema>;
