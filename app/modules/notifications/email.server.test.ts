import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { emailMessages } from "#db/schema";
import { Invitation } from "#emails/invitation";
import { eventually } from "#tests/integration/stripe-harness";
import { startSmtpSink } from "#tests/mocks/smtp-sink";
import { reloadEnv } from "~/lib/env.server";

// Real SMTP: the app's mail module talks to a local smtp-server. Every message is
// stored with its delivery job in one transaction (issue 9, section 6).
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink({ refuse: (address) => address.startsWith("refused") });
  process.env.SMTP_URL = sink.url;
  reloadEnv();
});
afterAll(async () => {
  const { stopBoss } = await import("~/modules/jobs/boss.server");
  await stopBoss();
  await sink.stop();
});

const invitation = (to: string, link = "http://localhost:3000/invitations/abc") => ({
  to,
  subject: "You're invited to Tide Lab on Commons",
  template: "invitation",
  body: Invitation({
    appUrl: "http://localhost:3000",
    organizationName: "Tide Lab",
    inviterName: "Ada <script>",
    role: "admin" as const,
    link,
    expiresOn: "2026-12-01",
  }),
});

const messageRow = async (id: string) =>
  (await getDb().select().from(emailMessages).where(eq(emailMessages.id, id)))[0]!;

describe("email outbox", () => {
  it("a worker process killed after the message was committed and before it was sent loses nothing", async () => {
    const { spawn } = await import("node:child_process");
    // node itself, not npx: the signals below must reach the worker, not a wrapper around it.
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
      env: { ...process.env, LOG_LEVEL: "info", SMTP_URL: sink.url },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await eventually(
      async () => output.includes("job worker started"),
      "the worker process to start",
      30_000,
    );
    // The worker freezes (as a process does before it dies), the message commits, then it is killed.
    process.kill(child.pid!, "SIGSTOP");
    const { sendEmail } = await import("./email.server");
    const id = await sendEmail(getDb(), invitation("killed-worker@example.org"));
    process.kill(child.pid!, "SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect((await messageRow(id)).status).toBe("queued");

    const { startWorker } = await import("~/modules/jobs/worker.server");
    await startWorker();
    const received = await sink.waitFor("killed-worker@example.org");
    expect(received.subject).toBe("You're invited to Tide Lab on Commons");
    expect(received.html).toContain("http://localhost:3000/invitations/abc");
    expect(received.html).not.toContain("<script>");
    expect(received.text).toContain("Accept the invitation");
    const sent = await eventually(async () => {
      const row = await messageRow(id);
      return row.status === "sent" && row;
    }, "the message marked sent");
    expect(sent.attempts).toBe(1);
  }, 60_000);

  it("a refused address fails only its own message: the others sent with it go out once, and their jobs complete", async () => {
    const { startWorker } = await import("~/modules/jobs/worker.server");
    await startWorker();
    const { sendEmail } = await import("./email.server");
    const to = [
      "batch-1@example.org",
      "refused-batch@example.org",
      "batch-2@example.org",
      "batch-3@example.org",
    ];
    // One transaction, one NOTIFY: the worker fetches them as one batch.
    const ids = await getDb().transaction(async (tx) => {
      const queued: string[] = [];
      for (const address of to) queued.push(await sendEmail(tx, invitation(address)));
      return queued;
    });
    for (const address of to.filter((a) => !a.startsWith("refused"))) await sink.waitFor(address);
    const jobState = async (id: string) => {
      const rows = await getDb().execute<{ state: string }>(
        sql`select state from pgboss.job where name = 'email-send' and data->>'messageId' = ${id}`,
      );
      return rows[0]?.state;
    };
    for (const [i, id] of ids.entries()) {
      if (to[i]!.startsWith("refused")) continue;
      const sent = await eventually(async () => {
        const row = await messageRow(id);
        return row.status === "sent" && row;
      }, `${to[i]} marked sent`);
      expect(sent.attempts).toBe(1);
      expect(
        await eventually(async () => (await jobState(id)) === "completed", `${to[i]}'s job completed`),
      ).toBe(true);
    }
    expect(sink.messages.filter((m) => m.to.includes("batch-1@example.org"))).toHaveLength(1);
    // The refused one alone is failed and waits for its retry, with the server's answer kept.
    const refused = await eventually(async () => {
      const row = await messageRow(ids[1]!);
      return row.attempts >= 1 && row.error ? row : null;
    }, "the refused message's first attempt");
    expect(refused.status).toBe("queued");
    expect(refused.error).toMatch(/550/);
    // Waiting for its retry (10 s away), or in it on a slow machine: never completed, never given up.
    expect(["retry", "active"]).toContain(await jobState(ids[1]!));
  });

  it("a message rolled back with its transaction is never sent", async () => {
    const { sendEmail } = await import("./email.server");
    let id = "";
    await getDb()
      .transaction(async (tx) => {
        id = await sendEmail(tx, invitation("rolled-back@example.org"));
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    expect(await getDb().select().from(emailMessages).where(eq(emailMessages.id, id))).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.messages.some((m) => m.to.includes("rolled-back@example.org"))).toBe(false);
  });

  it("an SMTP failure is retried; after the last retry the message is failed, listed for staff, and can be resent", async () => {
    const { deliverEmail, listFailedEmails, resendEmail, sendEmail } = await import("./email.server");
    // This test plays the worker's retries itself: the worker of the first test must not race it.
    const { stopBoss } = await import("~/modules/jobs/boss.server");
    const { startWorker } = await import("~/modules/jobs/worker.server");
    await stopBoss();
    const id = await getDb().transaction(async (tx) => {
      const messageId = await sendEmail(tx, invitation("bounce@example.org"));
      // Held back from the running worker: this test plays the worker's retries itself.
      await tx.update(emailMessages).set({ status: "failed" }).where(eq(emailMessages.id, messageId));
      return messageId;
    });
    const working = process.env.SMTP_URL;
    const { resetTransport } = await import("./email.server");
    process.env.SMTP_URL = "smtp://127.0.0.1:9";
    reloadEnv();
    resetTransport();
    await expect(deliverEmail(getDb(), id, { lastAttempt: false })).rejects.toThrow();
    expect((await messageRow(id)).status).toBe("queued");
    await expect(deliverEmail(getDb(), id, { lastAttempt: true })).rejects.toThrow();
    const failed = await messageRow(id);
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatch(/ECONNREFUSED/);
    expect((await listFailedEmails(getDb())).map((m) => m.id)).toContain(id);

    process.env.SMTP_URL = working;
    reloadEnv();
    resetTransport();
    await startWorker();
    expect(await resendEmail(getDb(), id)).toBe(true);
    await sink.waitFor("bounce@example.org");
    await eventually(async () => (await messageRow(id)).status === "sent", "the resent message delivered");
    expect(await resendEmail(getDb(), id)).toBe(false); // only failed messages are resent
  });

  it("a message with a live link keeps it only until delivery; an undelivered one until it expires (issue 12, item 10)", async () => {
    const { redactExpiredSecrets, sendEmail } = await import("./email.server");
    const secret = `s3cr3t${Date.now()}`;
    const withSecret = (to: string, expiresAt: Date) => ({
      ...invitation(to, `http://localhost:3000/invitations/${secret}`),
      subject: `Code ${secret}`,
      secrets: { values: [secret], expiresAt },
    });
    const id = await sendEmail(
      getDb(),
      withSecret("secret-link@example.org", new Date(Date.now() + 3_600_000)),
    );
    const received = await sink.waitFor("secret-link@example.org");
    expect(received.html).toContain(`/invitations/${secret}`);
    const sent = await eventually(async () => {
      const row = await messageRow(id);
      return row.status === "sent" && row;
    }, "the message marked sent");
    for (const part of [sent.subject, sent.html, sent.text]) {
      expect(part).not.toContain(secret);
      expect(part).toContain("[redacted]");
    }
    expect(sent.redacted).toBeNull();

    // Never delivered (here: held as failed): redacted by the sweep once the link expired.
    const held = await getDb().transaction(async (tx) => {
      const messageId = await sendEmail(
        tx,
        withSecret("never-sent@example.org", new Date(Date.now() + 60_000)),
      );
      await tx.update(emailMessages).set({ status: "failed" }).where(eq(emailMessages.id, messageId));
      return messageId;
    });
    expect(await redactExpiredSecrets(getDb())).toBeGreaterThanOrEqual(0);
    expect((await messageRow(held)).html).toContain(secret);
    await redactExpiredSecrets(getDb(), new Date(Date.now() + 120_000));
    const expired = await messageRow(held);
    expect(expired.html).not.toContain(secret);
    expect(expired.subject).toBe("Code [redacted]");
    expect(expired.secretsExpireAt).toBeNull();
  });
});
