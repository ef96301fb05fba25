import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { emailMessages } from "#db/schema";
import { Invitation } from "#emails/invitation";
import { startSmtpSink } from "#tests/mocks/smtp-sink";

// Real SMTP: the app's mail module talks to a local smtp-server.
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
beforeAll(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = sink.url;
});
afterAll(() => sink.stop());

describe("sendEmail over SMTP", () => {
  it("delivers HTML and plain text and marks the stored message sent", async () => {
    const { sendEmail } = await import("./email.server");
    const id = await sendEmail(getDb(), {
      to: "grace@example.org",
      subject: "You're invited to Tide Lab on Commons",
      template: "invitation",
      body: Invitation({
        appUrl: "http://localhost:3000",
        organizationName: "Tide Lab",
        inviterName: "Ada <script>",
        role: "admin",
        link: "http://localhost:3000/invitations/abc",
        expiresOn: "2026-12-01",
      }),
    });
    const received = await sink.waitFor("grace@example.org");
    expect(received.subject).toBe("You're invited to Tide Lab on Commons");
    expect(received.html).toContain("http://localhost:3000/invitations/abc");
    expect(received.html).not.toContain("<script>");
    expect(received.text).toContain("Accept the invitation");
    const [row] = await getDb().select().from(emailMessages).where(eq(emailMessages.id, id!));
    expect(row?.status).toBe("sent");
  });
});
