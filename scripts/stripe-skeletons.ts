import { writeFileSync } from "node:fs";
import path from "node:path";
import { buildStripeSkeletons } from "../tests/contract/skeletons";

// `npx tsx scripts/stripe-skeletons.ts`: writes tests/mocks/stripe/skeletons.json from
// the pinned Stripe SDK's types. Run it after upgrading the `stripe` package; the
// contract test (tests/integration/stripe-emulator.test.ts) fails while it is stale.

const file = path.resolve(import.meta.dirname, "../tests/mocks/stripe/skeletons.json");
const skeletons = buildStripeSkeletons();
writeFileSync(file, `${JSON.stringify(skeletons)}\n`);
console.log(`wrote ${file}: ${Object.keys(skeletons.shapes).length} shapes`);
