import pino from "pino";

// One logger. Secrets are redacted by path so a stray object cannot leak them.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
  redact: {
    paths: [
      "password",
      "*.password",
      "token",
      "*.token",
      "headers.cookie",
      "headers.authorization",
      "*.secret",
    ],
    censor: "[redacted]",
  },
});
