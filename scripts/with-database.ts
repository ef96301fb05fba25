import { logger } from "../app/lib/logger.server";
import { prepareDatabase } from "../server/database";

/** Runs `work` against DATABASE_URL, or the embedded PostgreSQL (started and stopped here). */
export async function withDatabase(work: (url: string) => Promise<void>, options = { migrate: true }) {
  const database = await prepareDatabase({ migrate: options.migrate, log: (line) => logger.info(line) });
  try {
    await work(database.url);
  } finally {
    await database.embedded?.stop();
  }
}
