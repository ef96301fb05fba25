import http from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

// A real SMTP server that keeps what it receives (tests' mail sink), with an
// optional small HTTP API so a browser test in another process can read the mail.

export type ReceivedMail = {
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

export async function startSmtpSink(
  options: { port?: number; httpPort?: number; refuse?: (address: string) => boolean } = {},
) {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    // A mailbox the server refuses, as a real one answers an unknown address: 550 at RCPT TO.
    onRcptTo(address, _session, callback) {
      if (!options.refuse?.(address.address.toLowerCase())) return callback();
      const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const headers: Record<string, string> = {};
          for (const [key, value] of parsed.headers)
            headers[key] = typeof value === "string" ? value : JSON.stringify(value);
          messages.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            headers,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;

  let api: http.Server | undefined;
  if (options.httpPort !== undefined) {
    api = http.createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const to = url.searchParams.get("to")?.toLowerCase();
      const found = to ? messages.filter((m) => m.to.includes(to)) : messages;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(found));
    });
    await new Promise<void>((resolve) => api!.listen(options.httpPort, "127.0.0.1", resolve));
  }

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Waits up to fifteen seconds (as long as `eventually`) for a message to `to` matching `predicate`. */
    async waitFor(to: string, predicate: (m: ReceivedMail) => boolean = () => true) {
      for (let i = 0; i < 300; i++) {
        const found = messages.find((m) => m.to.includes(to.toLowerCase()) && predicate(m));
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no email to ${to} arrived`);
    },
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
    },
  };
}
