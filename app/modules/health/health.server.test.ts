import { describe, expect, it } from "vitest";
import { closeDb } from "#db/client.server";
import { loader } from "~/routes/healthz";

describe("GET /healthz", () => {
  it('answers {"status":"ok","db":"ok"} while Postgres is up', async () => {
    const response = await loader();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  it('answers 503 with "db":"down" when Postgres is unreachable', async () => {
    const saved = process.env.DATABASE_URL;
    await closeDb();
    process.env.DATABASE_URL = "postgres://nobody:nothing@127.0.0.1:1/none";
    try {
      const response = await loader();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ db: "down" });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});
