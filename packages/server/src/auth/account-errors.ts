import { UplinkError, type UserRole } from "@uplink/core";

/** A user of that name exists already. */
export class UserExistsError extends UplinkError {
  readonly code = "user_exists";
  readonly details: { readonly name: string };
  constructor(readonly userName: string) {
    super(`user ${userName} exists already`);
    this.name = "UserExistsError";
    this.details = { name: userName };
  }
}

/** No user of that name. */
export class UserNotFoundError extends UplinkError {
  readonly code = "user_not_found";
  readonly details: { readonly name: string };
  constructor(readonly userName: string) {
    super(`no user ${userName}`);
    this.name = "UserNotFoundError";
    this.details = { name: userName };
  }
}

/** Missing, malformed, unknown or revoked credentials (HTTP 401). */
export class UnauthenticatedError extends UplinkError {
  readonly code = "unauthenticated";
  readonly details: { readonly reason: "missing" | "invalid" };
  constructor(readonly reason: "missing" | "invalid") {
    super(
      reason === "missing"
        ? "sign in, or send Authorization: Bearer TOKEN"
        : "the credentials are not valid (unknown, revoked or expired)",
    );
    this.name = "UnauthenticatedError";
    this.details = { reason };
  }
}

/** The user's role may not do this (HTTP 403). */
export class ForbiddenError extends UplinkError {
  readonly code = "forbidden";
  readonly details: { readonly role: UserRole; readonly permission: string };
  constructor(
    readonly role: UserRole,
    readonly permission: string,
  ) {
    super(`role ${role} may not do this (it needs the ${permission} permission)`);
    this.name = "ForbiddenError";
    this.details = { role, permission };
  }
}

/** A request that changes something, authenticated by the session cookie, came from another origin. */
export class CrossOriginError extends UplinkError {
  readonly code = "cross_origin";
  readonly details: { readonly origin: string | null };
  constructor(readonly origin: string | null) {
    super(
      origin === null
        ? "a change made with the session cookie must come from the console's own origin (no Origin header)"
        : `a change made with the session cookie must come from the console's own origin, not ${origin}`,
    );
    this.name = "CrossOriginError";
    this.details = { origin };
  }
}

/** Too many failed sign-ins for this name or address lately (HTTP 429). */
export class SignInThrottledError extends UplinkError {
  readonly code = "too_many_sign_ins";
  readonly details: { readonly retryAfterSeconds: number };
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins; try again in ${retryAfterSeconds} s`);
    this.name = "SignInThrottledError";
    this.details = { retryAfterSeconds };
  }
}
