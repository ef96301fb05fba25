import { withDatabase } from "./with-database";

await withDatabase(async () => {
  console.log("migrations applied");
});
