import http from "node:http";

// A local HTTP server standing in for a JupyterHub (issue 2, item 7):
// /hub/api answers like JupyterHub; /not-a-hub/hub/api answers like any web page;
// /slow/hub/api never answers within the check's timeout.

export async function startFakeHub(port = 0, initialVersion = "5.2.1") {
  let version = initialVersion;
  const server = http.createServer((req, res) => {
    // A hub's root, or one behind a base_url prefix (issue 11): /jupyter/hub/api.
    if (
      req.url === "/hub/api" ||
      (/^\/[a-z0-9-]+\/hub\/api$/.test(req.url ?? "") &&
        !req.url?.startsWith("/not-a-hub") &&
        !req.url?.startsWith("/slow"))
    ) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ version }));
    } else if (req.url === "/not-a-hub/hub/api") {
      res.setHeader("content-type", "text/html");
      res.end("<html><body>Welcome</body></html>");
    } else if (req.url === "/slow/hub/api") {
      setTimeout(() => res.end("{}"), 10_000).unref();
    } else {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    /** The hub is upgraded (or downgraded): later checks see this version. */
    setVersion: (next: string) => {
      version = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
