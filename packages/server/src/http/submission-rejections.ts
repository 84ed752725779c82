import { type Counters, SUBMISSION_COUNTERS } from "@uplink/core";
import type { Middleware } from "koa";
import { RequestValidationError } from "./request-validation-error.js";

/**
 * Counts submissions refused by the HTTP layer (its schema, the body's framing), which core's
 * service never sees, in the same durable counter as the service's own refusals.
 */
export class SubmissionRejections {
  constructor(private readonly counters: Counters) {}

  /** Route middleware: counts a validation failure below it, then lets it through to the problem mapper. */
  readonly counting: Middleware = async (_ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof RequestValidationError) await this.count();
      throw error;
    }
  };

  private async count(): Promise<void> {
    try {
      await this.counters.add(SUBMISSION_COUNTERS.rejected, 1);
    } catch {
      // The submitter is owed its 400: a count that cannot be stored is the one thing lost.
    }
  }
}
