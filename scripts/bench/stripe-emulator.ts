export {};

// The Stripe emulator in a process of its own, for benchmarks: Stripe is another
// machine, so its work should not share the app's event loop. Prints one line,
// `emulator <url>`, when it listens; stops on SIGTERM.

const { startStripeEmulator } = await import("../../tests/mocks/stripe/emulator");
const emulator = await startStripeEmulator({
  port: Number(process.env.EMULATOR_PORT ?? 0) || undefined,
  webhookUrl: process.env.EMULATOR_WEBHOOK_URL ?? null,
  webhookSecret: process.env.EMULATOR_WEBHOOK_SECRET,
  enabledEvents: process.env.EMULATOR_ENABLED_EVENTS?.split(",") ?? null,
});
emulator.events.concurrency = Number(process.env.EMULATOR_DELIVERY_CONCURRENCY ?? 1);
console.log(`emulator ${emulator.url}`);
process.on("SIGTERM", async () => {
  await emulator.stop();
  process.exit(0);
});
