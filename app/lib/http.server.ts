import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError } from "./errors";

// Maps domain errors to HTTP responses in one place (ARCHITECTURE.md "Domain errors").

export function notFound(message = "Not found"): never {
  throw new Response(message, { status: 404, statusText: "Not Found" });
}

export function forbidden(message = "Forbidden"): never {
  throw new Response(message, { status: 403, statusText: "Forbidden" });
}

/** Runs a loader/action body and turns domain errors into the matching status. */
export async function handleDomainErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof NotFoundError) notFound(error.message);
    if (error instanceof ForbiddenError) forbidden(error.message);
    if (error instanceof ConflictError) throw new Response(error.message, { status: 409 });
    if (error instanceof RateLimitedError) {
      throw new Response(error.message, {
        status: 429,
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      });
    }
    throw error;
  }
}
