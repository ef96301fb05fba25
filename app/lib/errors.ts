// Domain errors thrown by modules; app/lib/http.server.ts maps them to responses.

export class DomainError extends Error {
  override name = "DomainError";
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
}

export class ConflictError extends DomainError {
  override name = "ConflictError";
}

export class InvalidTransitionError extends DomainError {
  override name = "InvalidTransitionError";
}

/** A problem with one or more submitted fields, shown next to each field. */
export class ValidationError extends DomainError {
  override name = "ValidationError";
  constructor(public readonly fieldErrors: Record<string, string[]>) {
    super(Object.values(fieldErrors).flat().join(" "));
  }
}

export class RateLimitedError extends DomainError {
  override name = "RateLimitedError";
  constructor(
    message: string,
    public readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** PostgreSQL's error code, through Drizzle's wrapping (`cause`) if any. */
export function databaseErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 3; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A unique index refused a row: two requests created the same thing at once (issue 12, item 12). */
export function isUniqueViolation(error: unknown) {
  return databaseErrorCode(error) === "23505";
}
