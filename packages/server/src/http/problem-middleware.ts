import {
  DictionaryError,
  IdempotencyConflictError,
  InhibitedError,
  InvalidArgumentError,
  MissionNotFoundError,
  NotFoundError,
  QueueClosedError,
  SelfApprovalError,
  SpacecraftBusyError,
  SpacecraftExistsError,
  SpacecraftNotFoundError,
  StatusConflictError,
  StorageUnavailableError,
  UnknownCommandError,
  UnknownSpacecraftError,
  ValidationError,
} from "@uplink/core";
import type { Middleware } from "koa";
import type { Logger } from "pino";
import {
  CrossOriginError,
  ForbiddenError,
  SignInThrottledError,
  UnauthenticatedError,
  UserExistsError,
  UserNotFoundError,
} from "../auth/account-errors.js";
import { UnsupportedMediaTypeError } from "./read-json-body.js";
import { RequestValidationError } from "./request-validation-error.js";
import type { ProblemWire } from "./wire/wire-schemas.js";

/** The media type of every error answer (RFC 9457). */
export const PROBLEM_TYPE = "application/problem+json";

type ProblemFields = Omit<ProblemWire, "instance">;

const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  406: "Not acceptable",
  408: "Request timeout",
  409: "Conflict",
  413: "Payload too large",
  415: "Unsupported media type",
  422: "Unprocessable content",
  429: "Too many requests",
  431: "Request header fields too large",
  500: "Internal server error",
  501: "Not implemented",
  503: "Service unavailable",
};

function domain(code: string, title: string, status: number, detail: string): ProblemFields {
  return { type: `urn:uplink:problem:${code}`, title, status, detail, code };
}

/** The generic problem for a bare HTTP status (`about:blank`, RFC 9457 §4.2.1). */
export function statusProblem(status: number, detail: string): ProblemFields {
  return { type: "about:blank", title: STATUS_TITLES[status] ?? `HTTP ${status}`, status, detail };
}

/**
 * The one mapping from errors to problem details: core's typed errors by class, errors that
 * carry an HTTP status (Koa's, the router's) by that status, anything else 500.
 */
export function problemFor(error: unknown): ProblemFields {
  if (error instanceof ValidationError) {
    const errors =
      error instanceof RequestValidationError
        ? error.errors
        : [{ field: error.field, rule: error.details.rule, message: error.message }];
    return {
      ...domain(error.code, "Invalid request", 400, error.message),
      field: error.field,
      errors: [...errors],
    };
  }
  if (error instanceof DictionaryError) {
    const field = error.place === "" ? "body" : error.place;
    return {
      ...domain(error.code, "Invalid dictionary", 400, error.message),
      field,
      errors: [{ field, rule: "dictionary", message: error.message }],
    };
  }
  if (error instanceof UnknownCommandError) {
    return {
      ...domain(error.code, "Unknown command", 422, error.message),
      field: "name",
      suggestions: [...error.details.suggestions],
    };
  }
  if (error instanceof InvalidArgumentError) {
    return {
      ...domain(error.code, "Invalid argument", 422, error.message),
      field: error.details.field,
      errors: [{ field: error.details.field, rule: error.details.rule, message: error.message }],
    };
  }
  if (error instanceof InhibitedError) {
    return { ...domain(error.code, "Command inhibited", 422, error.message), field: "name" };
  }
  if (error instanceof NotFoundError) return domain(error.code, "Telecommand not found", 404, error.message);
  if (error instanceof SelfApprovalError) {
    return domain(error.code, "A second person must approve", 403, error.message);
  }
  if (error instanceof QueueClosedError) {
    return { ...domain(error.code, "Queue closed", 409, error.message), field: "spacecraftId" };
  }
  if (error instanceof StatusConflictError) {
    return { ...domain(error.code, "Status conflict", 409, error.message), currentStatus: error.status };
  }
  if (error instanceof IdempotencyConflictError) {
    return domain(error.code, "Idempotency key reused with another body", 409, error.message);
  }
  if (error instanceof UnknownSpacecraftError) {
    return { ...domain(error.code, "Unknown spacecraft", 422, error.message), field: "spacecraftId" };
  }
  if (error instanceof SpacecraftNotFoundError)
    return domain(error.code, "Spacecraft not found", 404, error.message);
  if (error instanceof MissionNotFoundError)
    return domain(error.code, "Mission not found", 404, error.message);
  if (error instanceof SpacecraftExistsError) {
    return { ...domain(error.code, "Spacecraft already registered", 409, error.message), field: "id" };
  }
  if (error instanceof SpacecraftBusyError) {
    return domain(error.code, "Spacecraft has pending commands", 409, error.message);
  }
  if (error instanceof UnauthenticatedError) return domain(error.code, "Unauthorized", 401, error.message);
  if (error instanceof ForbiddenError) return domain(error.code, "Forbidden", 403, error.message);
  if (error instanceof CrossOriginError)
    return domain(error.code, "Cross-origin request refused", 403, error.message);
  if (error instanceof SignInThrottledError) {
    return domain(error.code, "Too many failed sign-ins", 429, error.message);
  }
  if (error instanceof UserExistsError) {
    return { ...domain(error.code, "User exists", 409, error.message), field: "name" };
  }
  if (error instanceof UserNotFoundError) return domain(error.code, "User not found", 404, error.message);
  if (error instanceof StorageUnavailableError) {
    return domain(error.code, "Storage unavailable", 503, "the database cannot be reached; retry later");
  }
  if (error instanceof UnsupportedMediaTypeError) return statusProblem(415, error.message);
  const status = httpStatusOf(error);
  if (status !== null) return statusProblem(status, (error as Error).message);
  return statusProblem(500, "an unexpected error occurred; it has been logged");
}

/** The status of an exposed client error (http-errors, `ctx.throw`), or null. */
function httpStatusOf(error: unknown): number | null {
  if (!(error instanceof Error)) return null;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return typeof status === "number" && status >= 400 && status < 500 && expose === true ? status : null;
}

/**
 * Koa middleware that turns every error below it, and every empty error answer (no route,
 * method not allowed), into `application/problem+json`. Unknown errors are logged; 503s carry
 * `Retry-After`.
 */
export function problemMiddleware(logger: Logger | undefined, retryAfterSeconds: number): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status >= 400 && ctx.body == null) {
        const detail = ctx.status === 404 ? `no route for ${ctx.method} ${ctx.path}` : ctx.message;
        send(ctx, statusProblem(ctx.status, detail));
      }
    } catch (error) {
      const problem = problemFor(error);
      if (problem.status === 500)
        logger?.error({ err: error, method: ctx.method, path: ctx.path }, "request failed");
      if (error instanceof UnauthenticatedError) {
        ctx.set(
          "WWW-Authenticate",
          error.reason === "missing"
            ? 'Bearer realm="uplink"'
            : 'Bearer realm="uplink", error="invalid_token"',
        );
      }
      if (error instanceof SignInThrottledError) ctx.set("Retry-After", String(error.retryAfterSeconds));
      if (problem.status === 503) {
        logger?.warn({ err: error, path: ctx.path }, "storage unavailable");
        ctx.set("Retry-After", String(retryAfterSeconds));
      }
      send(ctx, problem);
    }
  };
}

function send(ctx: Parameters<Middleware>[0], problem: ProblemFields): void {
  ctx.status = problem.status;
  ctx.type = PROBLEM_TYPE;
  ctx.body = { ...problem, instance: ctx.path };
}
