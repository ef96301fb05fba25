import type { ErrorRequestHandler } from "express";

/**
 * A request Express refuses before any route runs, such as a path with a broken
 * percent-encoding (`/initiatives/%E0%A4%A`), is the client's error: it is answered 400
 * without a stack trace in the log, where anyone could otherwise write one per request.
 * Every other error goes on to Express's own handler, which logs it and answers 500.
 */
export function answerClientErrors(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const status = (error as { status?: unknown; statusCode?: unknown }).status;
    const clientError =
      error instanceof URIError || (typeof status === "number" && status >= 400 && status < 500);
    if (!clientError || res.headersSent) return next(error);
    res
      .status(typeof status === "number" ? status : 400)
      .type("text/plain")
      .send(status === 404 ? "Not found" : "Bad request");
  };
}
