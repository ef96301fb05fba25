import { render, toPlainText } from "@react-email/render";
import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { ReactElement } from "react";
import type { Db } from "#db/client.server";
import { emailMessages } from "#db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { enqueue, QUEUES } from "~/modules/jobs/boss.server";

// The one module that sends email (issue 9, section 6). `sendEmail` writes the
// message and its delivery job in the caller's transaction, so an email exists
// exactly when the change that causes it commits; the `email-send` job delivers it
// over SMTP with retries and backoff. A message that still fails after the last
// retry is `failed`, listed for staff with its error, and can be sent again.
// Without SMTP_URL (development) the stored row is the outbox /dev/outbox shows.

export type OutgoingEmail = {
  to: string;
  subject: string;
  template: string;
  body: ReactElement;
  headers?: Record<string, string>;
  /**
   * Live secrets in the message (a code, a link token) and when they stop working: the
   * stored copy keeps them only until delivery or that moment (issue 12, item 10).
   */
  secrets?: { values: string[]; expiresAt: Date };
};

const REDACTED = "[redacted]";

function redact(part: string, secrets: string[]) {
  return secrets.reduce((out, secret) => (secret ? out.replaceAll(secret, REDACTED) : out), part);
}

/** pg-boss retries of one delivery (backoff from 10 s, doubling: about 40 minutes in all). */
export const EMAIL_RETRY_LIMIT = 8;

let transporter: Transporter | undefined;
function transport() {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

/** Forgets the SMTP connection so the next message reads SMTP_URL again (tests). */
export function resetTransport() {
  transporter = undefined;
}

/** Stores the message and enqueues its delivery in one transaction; returns its id. */
export async function sendEmail(db: Db, email: OutgoingEmail) {
  // React Email's preview padding can contain NUL, which PostgreSQL text cannot store.
  // One React render; the text part is derived from its HTML (what render's plainText option does).
  const rendered = await render(email.body);
  const [html, text] = [rendered, toPlainText(rendered)].map((part) => part.replaceAll("\u0000", "")) as [
    string,
    string,
  ];
  const smtp = Boolean(env().SMTP_URL);
  const secrets = email.secrets?.values ?? [];
  const redacted = email.secrets
    ? { subject: redact(email.subject, secrets), html: redact(html, secrets), text: redact(text, secrets) }
    : null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(emailMessages)
      .values({
        to: email.to,
        subject: email.subject,
        html,
        text,
        template: email.template,
        headers: email.headers ?? {},
        status: smtp ? "queued" : "outbox",
        redacted,
        secretsExpireAt: email.secrets?.expiresAt ?? null,
      })
      .returning({ id: emailMessages.id });
    if (smtp) await enqueueDelivery(tx, row!.id);
    return row!.id;
  });
}

function enqueueDelivery(db: Db, messageId: string) {
  return enqueue(
    db,
    QUEUES.emailSend,
    { messageId },
    // A worker killed mid-send leaves the job active; it expires and is retried after 2 minutes.
    { retryLimit: EMAIL_RETRY_LIMIT, retryDelay: 10, retryBackoff: true, expireInSeconds: 120 },
  );
}

/**
 * The `email-send` job: delivers one stored message. Safe to run twice: a message
 * already sent is left alone. Throws on SMTP failure so pg-boss retries; the last
 * attempt marks the message failed.
 */
export async function deliverEmail(db: Db, messageId: string, options: { lastAttempt: boolean }) {
  const claimed = await db
    .update(emailMessages)
    .set({ attempts: sql`${emailMessages.attempts} + 1` })
    .where(and(eq(emailMessages.id, messageId), inArray(emailMessages.status, ["queued", "failed"])))
    .returning();
  const message = claimed[0];
  if (!message) return "already-sent" as const;
  const smtp = transport();
  if (!smtp) throw new Error("SMTP_URL is not set: queued email cannot be delivered");
  try {
    await smtp.sendMail({
      from: env().MAIL_FROM,
      to: message.to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      headers: message.headers,
    });
  } catch (error) {
    logger.warn(
      { err: error, template: message.template, attempt: message.attempts },
      "email delivery failed",
    );
    await db
      .update(emailMessages)
      .set({ status: options.lastAttempt ? "failed" : "queued", error: String(error) })
      .where(eq(emailMessages.id, messageId));
    throw error;
  }
  // Delivered: the stored copy no longer needs the live secrets.
  await db
    .update(emailMessages)
    .set({ status: "sent", sentAt: new Date(), error: null, ...REDACT_COLUMNS })
    .where(eq(emailMessages.id, messageId));
  return "sent" as const;
}

/** Swaps a message's secret-bearing parts for their redacted copy (a no-op without one). */
const REDACT_COLUMNS = {
  subject: sql`coalesce(${emailMessages.redacted}->>'subject', ${emailMessages.subject})`,
  html: sql`coalesce(${emailMessages.redacted}->>'html', ${emailMessages.html})`,
  text: sql`coalesce(${emailMessages.redacted}->>'text', ${emailMessages.text})`,
  redacted: null,
  secretsExpireAt: null,
};

/**
 * The `email-redaction` job: messages whose secrets expired (undelivered, failed, or the
 * development outbox) are redacted too, so no working link or code stays stored.
 */
export async function redactExpiredSecrets(db: Db, now = new Date()) {
  const rows = await db
    .update(emailMessages)
    .set(REDACT_COLUMNS)
    .where(lte(emailMessages.secretsExpireAt, now))
    .returning({ id: emailMessages.id });
  return rows.length;
}

/** Messages that could not be delivered after every retry, newest first (staff). */
export function listFailedEmails(db: Db, limit = 100) {
  return db
    .select({
      id: emailMessages.id,
      to: emailMessages.to,
      subject: emailMessages.subject,
      template: emailMessages.template,
      error: emailMessages.error,
      attempts: emailMessages.attempts,
      createdAt: emailMessages.createdAt,
    })
    .from(emailMessages)
    .where(eq(emailMessages.status, "failed"))
    .orderBy(desc(emailMessages.createdAt))
    .limit(limit);
}

/** Staff: try a failed message again (a new delivery job with fresh retries). */
export async function resendEmail(db: Db, messageId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(emailMessages)
      .set({ status: "queued", error: null })
      .where(and(eq(emailMessages.id, messageId), eq(emailMessages.status, "failed")))
      .returning({ id: emailMessages.id });
    if (!row) return false;
    await enqueueDelivery(tx, row.id);
    return true;
  });
}
