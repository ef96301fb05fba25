import * as z from "zod/mini";

// Shared by the forms (client) and the services (server). Written with zod/mini, whose
// functions tree-shake, so the sign-in and sign-up pages stay within the public pages'
// JavaScript budget (issue 13, section 2; ADR 0017).

export const emailSchema = z.pipe(
  z
    .string({ error: "Enter your email address." })
    .check(z.trim(), z.toLowerCase(), z.maxLength(254, "That email address is too long.")),
  z.email({ error: "Enter a valid email address, like name@example.org." }),
);

export const newPasswordSchema = z
  .string({ error: "Choose a password." })
  .check(z.minLength(8, "Use at least 8 characters."), z.maxLength(128, "Use at most 128 characters."));

const passwordsMatch = z.refine<{ password: string; confirm: string }>((v) => v.password === v.confirm, {
  path: ["confirm"],
  message: "The two passwords do not match.",
});

export const signupSchema = z.object({
  name: z
    .string({ error: "Enter your name." })
    .check(z.trim(), z.minLength(1, "Enter your name."), z.maxLength(120, "Use at most 120 characters.")),
  email: emailSchema,
  password: newPasswordSchema,
});

export const loginSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).check(z.minLength(1, "Enter your password.")),
  redirectTo: z.optional(z.string()),
});

export const verifyCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from the email." })
    .check(z.trim(), z.regex(/^\d{6}$/, "Enter the 6-digit code from the email.")),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z
  .object({
    token: z.string().check(z.minLength(1)),
    password: newPasswordSchema,
    confirm: z.string({ error: "Repeat the new password." }),
  })
  .check(passwordsMatch);

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .check(z.minLength(1, "Enter your current password.")),
    password: newPasswordSchema,
    confirm: z.string({ error: "Repeat the new password." }),
  })
  .check(passwordsMatch);
