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
