import { grantStaff } from "../app/modules/auth/accounts.server";
import { createPool } from "../db/client.server";
import { withDatabase } from "./with-database";

// `npm run staff:grant -- someone@example.org`: makes an existing account staff.
const email = process.argv[2];
if (!email) {
  console.error("usage: npm run staff:grant -- <email>");
  process.exit(2);
}
let found = false;
await withDatabase(async (url) => {
  const { db, sql } = createPool(url, 1);
  try {
    found = (await grantStaff(db, email)) !== null;
  } finally {
    await sql.end();
  }
});
if (!found) {
  console.error(`No account with the email ${email}. Sign up first, then run this again.`);
  process.exit(1);
}
console.log(`${email} is now staff.`);
