import { seedIfEmpty } from "../db/seed/index";
import { withDatabase } from "./with-database";

// Loads the demo network. Refuses to touch a database that already has accounts.
await withDatabase(async (url) => {
  const seeded = await seedIfEmpty(url);
  console.log(seeded ? "demo network loaded" : "the database already has accounts; nothing was loaded");
});
