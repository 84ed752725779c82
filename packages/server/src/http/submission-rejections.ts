import type { Middleware } from "koa";
import { RequestValidationError } from "./request-validation-error.js";

/**
 * Counts submissions refused by the HTTP schema, which core's service never sees; `/api/stats`
 * adds them to the service's own count.
 */
export class SubmissionRejections {
  private refused = 0;

  /** Submissions refused so far by this process. */
  get count(): number {
    return this.refused;
  }

  /** Route middleware: counts a validation failure below it, then lets it through to the problem mapper. */
  readonly counting: Middleware = async (_ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof RequestValidationError) this.refused++;
      throw error;
    }
  };
}
