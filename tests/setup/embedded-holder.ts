import { startEmbeddedPostgres } from "../../db/embedded";

// Test fixture for db/embedded.test.ts: starts an embedded PostgreSQL and keeps
// running until killed, like a dev server would.
const [dataDir, port] = process.argv.slice(2);
const database = await startEmbeddedPostgres({ dataDir: dataDir!, port: Number(port) });
process.once("SIGINT", () => void database.stop().then(() => process.exit(0)));
console.log("ready");
setInterval(() => {}, 60_000);
