import pino, { type DestinationStream } from "pino";
import pretty from "pino-pretty";

// One logger. Secrets are redacted by path so a stray object cannot leak them, and errors
// are logged without the values a failed query carried (issue 12, item 10): drizzle puts
// them in the message ("params: ada@example.org,…") and in `params`, postgres.js in
// `parameters` and `args`. Those are people's emails and names; the SQL text stays.

const QUERY_VALUES = ["params", "parameters", "args"] as const;
const PARAMS_LINE = /\nparams: [\s\S]*?(?=\n\s+at |$)/;

type SerializedError = Record<string, unknown> & { message?: unknown; stack?: unknown; cause?: unknown };

function withoutQueryValues(error: SerializedError, depth = 0): SerializedError {
  const clean: SerializedError = { ...error };
  for (const key of QUERY_VALUES) delete clean[key];
  if (typeof clean.message === "string") clean.message = clean.message.replace(PARAMS_LINE, "");
  if (typeof clean.stack === "string") clean.stack = clean.stack.replace(PARAMS_LINE, "");
  if (clean.cause && typeof clean.cause === "object" && depth < 5)
    clean.cause = withoutQueryValues(clean.cause as SerializedError, depth + 1);
  return clean;
}

export function errorSerializer(error: unknown) {
  if (!(error instanceof Error)) return error;
  return withoutQueryValues(pino.stdSerializers.err(error) as unknown as SerializedError);
}

export function createLogger(destination?: DestinationStream, level?: string) {
  return pino(
    {
      level: level ?? process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
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
      serializers: { err: errorSerializer, error: errorSerializer },
    },
    destination ?? readableInTerminal(),
  );
}

/**
 * Development in a terminal reads lines, not JSON (issue 13, item 12); production, tests and
 * anything piped (a file, a log collector) keep one JSON object per line.
 */
function readableInTerminal() {
  const development = process.env.NODE_ENV !== "production" && process.env.NODE_ENV !== "test";
  if (!development || !process.stdout.isTTY) return undefined;
  return pretty({ colorize: true, sync: true, ignore: "pid,hostname", translateTime: "HH:MM:ss" });
}

export const logger = createLogger();
