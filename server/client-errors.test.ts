import type http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerClientErrors } from "./client-errors";

// The fuzz journey's broken percent-encodings made Express print a URIError stack trace per
// request (about 200 lines a run): a client's mistake, answered 400 and logged as if the
// server had failed. Express logs through console.error outside "test", which this suite
// counts as a failure, so the app here runs as production does.

let base = "";
let server: http.Server;
beforeAll(async () => {
  const app = express();
  app.set("env", "production");
  app.get("/initiatives/:slug", (req, res) => {
    res.send(`initiative ${req.params.slug}`);
  });
  app.get("/boom", () => {
    throw new Error("a server fault");
  });
  app.use(answerClientErrors());
  // Express's own handler stays for server faults; here it must not print (console.error fails a test).
  app.use(((error, _req, res, _next) => {
    res.status(500).send(`server fault: ${(error as Error).message}`);
  }) as express.ErrorRequestHandler);
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("errors a client causes", () => {
  it("a path with a broken percent-encoding is answered 400, with no stack trace logged", async () => {
    for (const path of ["/initiatives/%E0%A4%A", "/initiatives/%", "/initiatives/%zz"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toBe("Bad request");
    }
  });

  it("a well-formed path still reaches its route, and a server fault still goes on as a 500", async () => {
    expect(await (await fetch(`${base}/initiatives/caf%C3%A9`)).text()).toBe("initiative café");
    const fault = await fetch(`${base}/boom`);
    expect(fault.status).toBe(500);
    expect(await fault.text()).toBe("server fault: a server fault");
  });
});
