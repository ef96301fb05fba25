import {
  ConflictError,
  databaseErrorCode,
  ForbiddenError,
  InvalidTransitionError,
  isUniqueViolation,
  NotFoundError,
  RateLimitedError,
} from "./errors";
import { redirectWithFlash } from "./flash.server";

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
    // A value PostgreSQL cannot read as its column's type ("not-a-uuid" as a uuid) names
    // nothing that can exist: 404, not 500 (issue 12, item 12).
    if (databaseErrorCode(error) === "22P02") notFound("Nothing has this address.");
    if (isUniqueViolation(error))
      throw new Response("This was just created by another request. Reload the page to see it.", {
        status: 409,
      });
    if (error instanceof ForbiddenError) forbidden(error.message);
    if (error instanceof ConflictError || error instanceof InvalidTransitionError)
      throw new Response(error.message, { status: 409 });
    if (error instanceof RateLimitedError) {
      throw new Response(error.message, {
        status: 429,
        headers: { "Retry-After": String(error.retryAfterSeconds) },
      });
    }
    throw error;
  }
}

/**
 * For form actions: a conflict (the page was stale, or the move is no longer
 * allowed) comes back to `redirectTo` as an error message instead of an error page.
 */
export async function conflictsAsFlash<T>(redirectTo: string, work: () => Promise<T>): Promise<T | Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError || error instanceof InvalidTransitionError)
      return redirectWithFlash(redirectTo, error.message, "error");
    // handleDomainErrors inside `work` already turned the conflict into a 409 response.
    if (error instanceof Response && error.status === 409)
      return redirectWithFlash(redirectTo, await error.text(), "error");
    throw error;
  }
}
