import { render } from "@react-email/render";
import { eq } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { ReactElement } from "react";
import type { Db } from "#db/client.server";
import { emailMessages } from "#db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";

// The one module that sends email. Every message is stored first; with SMTP_URL it
// is delivered over SMTP, without it (development) the stored row is the outbox
// that /dev/outbox shows.

export type OutgoingEmail = {
  to: string;
  subject: string;
  template: string;
  body: ReactElement;
  headers?: Record<string, string>;
};

let transporter: Transporter | undefined;
function transport() {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

export async function sendEmail(db: Db, email: OutgoingEmail) {
  // React Email's preview padding can contain NUL, which PostgreSQL text cannot store.
  const [html, text] = (await Promise.all([render(email.body), render(email.body, { plainText: true })])).map(
    (part) => part.replaceAll("\u0000", ""),
  ) as [string, string];
  const smtp = transport();
  const [row] = await db
    .insert(emailMessages)
    .values({
      to: email.to,
      subject: email.subject,
      html,
      text,
      template: email.template,
      headers: email.headers ?? {},
      status: smtp ? "queued" : "outbox",
    })
    .returning({ id: emailMessages.id });
  if (!smtp || !row) return row?.id;
  try {
    await smtp.sendMail({
      from: env().MAIL_FROM,
      to: email.to,
      subject: email.subject,
      html,
      text,
      headers: email.headers,
    });
    await db
      .update(emailMessages)
      .set({ status: "sent", sentAt: new Date() })
      .where(eq(emailMessages.id, row.id));
  } catch (error) {
    // The message stays stored as failed; the user-facing action still succeeds.
    logger.error({ err: error, template: email.template }, "email delivery failed");
    await db
      .update(emailMessages)
      .set({ status: "failed", error: String(error) })
      .where(eq(emailMessages.id, row.id));
  }
  return row.id;
}
