import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { buildUser } from "#tests/factories";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  validateSessionToken,
} from "./session.server";

const db = getDb();
const user = () => buildUser(db, { passwordHash: "x" });

describe("sessions", () => {
  it("validates a fresh token and returns its user", async () => {
    const u = await user();
    const { token } = await createSession(db, u.id);
    const result = await validateSessionToken(db, token);
    expect(result.ok && result.user.email).toBe(u.email);
  });

  it("rejects a token whose secret is wrong, and malformed tokens", async () => {
    const u = await user();
    const { token } = await createSession(db, u.id);
    const [id] = token.split(".");
    expect(await validateSessionToken(db, `${id}.wrongsecret`)).toEqual({ ok: false, reason: "unknown" });
    expect(await validateSessionToken(db, "no-dot")).toEqual({ ok: false, reason: "malformed" });
    expect(await validateSessionToken(db, "a.b.c")).toEqual({ ok: false, reason: "malformed" });
  });

  it("expires after the idle timeout and deletes the row", async () => {
    const u = await user();
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(db, u.id, start);
    const late = new Date(start.getTime() + SESSION_IDLE_MS + 1000);
    expect(await validateSessionToken(db, token, late)).toEqual({ ok: false, reason: "expired" });
    expect(await validateSessionToken(db, token, start)).toEqual({ ok: false, reason: "unknown" });
  });

  it("expires at the absolute timeout even when used every day", async () => {
    const u = await user();
    const start = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(db, u.id, start);
    for (let day = 1; day * 86_400_000 < SESSION_ABSOLUTE_MS; day += 3) {
      const result = await validateSessionToken(db, token, new Date(start.getTime() + day * 86_400_000));
      expect(result.ok).toBe(true);
    }
    const result = await validateSessionToken(db, token, new Date(start.getTime() + SESSION_ABSOLUTE_MS));
    expect(result).toEqual({ ok: false, reason: "expired" });
  });

  it("signing out deletes the session; ending others keeps the current one", async () => {
    const u = await user();
    const a = await createSession(db, u.id);
    const b = await createSession(db, u.id);
    const c = await createSession(db, u.id);
    await invalidateSession(db, a.token.split(".")[0]!);
    expect((await validateSessionToken(db, a.token)).ok).toBe(false);
    await invalidateUserSessions(db, u.id, b.token.split(".")[0]!);
    expect((await validateSessionToken(db, b.token)).ok).toBe(true);
    expect((await validateSessionToken(db, c.token)).ok).toBe(false);
  });
});
