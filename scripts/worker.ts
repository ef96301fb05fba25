import { env } from "../app/lib/env.server";
import { logger } from "../app/lib/logger.server";
import { stopBoss } from "../app/modules/jobs/boss.server";
import { startWorker } from "../app/modules/jobs/worker.server";
import { closeDb } from "../db/client.server";

// `npm run worker`: the job worker without the web server (for separate worker machines).
env();
if (!process.env.DATABASE_URL) {
  logger.fatal("DATABASE_URL must be set for a standalone worker");
  process.exit(1);
}
await startWorker();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await stopBoss();
    await closeDb();
    process.exit(0);
  });
}
