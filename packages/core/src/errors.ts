/**
 * Domain errors. Each has a literal `code` and structured `details`; none knows about HTTP.
 * The server maps them to `application/problem+json` in one middleware.
 */
export abstract class UplinkError extends Error {
  abstract readonly code: string;
  abstract readonly details: Readonly<Record<string, unknown>>;
}

/** Input that breaks a rule; `field` names it (a JSON pointer-ish path such as `args` or `notAfter`). */
export class ValidationError extends UplinkError {
  readonly code = "validation_failed";
  readonly details: { readonly field: string; readonly rule: string };
  constructor(
    readonly field: string,
    message: string,
    rule = "invalid",
  ) {
    super(`${field}: ${message}`);
    this.name = "ValidationError";
    this.details = { field, rule };
  }
}

/** No telecommand with that id. */
export class NotFoundError extends UplinkError {
  readonly code = "not_found";
  readonly details: { readonly id: string };
  constructor(readonly id: string) {
    super(`telecommand ${id} not found`);
    this.name = "NotFoundError";
    this.details = { id };
  }
}

/** The command is not in a status that allows the operation (e.g. cancel when not ready). */
export class StatusConflictError extends UplinkError {
  readonly code = "status_conflict";
  readonly details: { readonly id: string; readonly status: string; readonly operation: string };
  constructor(
    readonly id: string,
    readonly status: string,
    readonly operation: string,
  ) {
    super(`cannot ${operation} telecommand ${id}: it is ${status}`);
    this.name = "StatusConflictError";
    this.details = { id, status, operation };
  }
}

/** The idempotency key was used before with a different request body. */
export class IdempotencyConflictError extends UplinkError {
  readonly code = "idempotency_conflict";
  readonly details: { readonly key: string; readonly existingId: string };
  constructor(
    readonly key: string,
    readonly existingId: string,
  ) {
    super(`idempotency key ${key} was used with another request body`);
    this.name = "IdempotencyConflictError";
    this.details = { key, existingId };
  }
}

/** The storage behind a port cannot be reached; the server answers 503. */
export class StorageUnavailableError extends UplinkError {
  readonly code = "storage_unavailable";
  readonly details: { readonly cause: string };
  constructor(cause: string) {
    super(`storage unavailable: ${cause}`);
    this.name = "StorageUnavailableError";
    this.details = { cause };
  }
}

/** A lifecycle definition that breaks a rule of {@link defineLifecycle}. */
export class LifecycleDefinitionError extends UplinkError {
  readonly code = "invalid_lifecycle";
  readonly details: { readonly lifecycle: string };
  constructor(lifecycle: string, message: string) {
    super(`lifecycle ${lifecycle}: ${message}`);
    this.name = "LifecycleDefinitionError";
    this.details = { lifecycle };
  }
}

/** A status that the lifecycle does not define. */
export class UnknownStatusError extends UplinkError {
  readonly code = "unknown_status";
  readonly details: { readonly status: string };
  constructor(readonly status: string) {
    super(`unknown status ${status}`);
    this.name = "UnknownStatusError";
    this.details = { status };
  }
}

/** A configuration value that cannot be used (e.g. a malformed `UPLINK_CONTACTS`). */
export class ConfigError extends UplinkError {
  readonly code = "invalid_config";
  readonly details: { readonly name: string; readonly accepts: string };
  constructor(
    readonly variable: string,
    readonly accepts: string,
    message?: string,
  ) {
    super(message ?? `${variable}: expected ${accepts}`);
    this.name = "ConfigError";
    this.details = { name: variable, accepts };
  }
}

/**
 * A dictionary that breaks SPEC §9's shape. `place` is where, as a path into the document
 * (`commands[3].args.duration.default`); `source` the file it came from, when it came from one.
 * Its message is one line: `source: place: what is wrong`.
 */
export class DictionaryError extends UplinkError {
  readonly code = "invalid_dictionary";
  readonly details: { readonly place: string; readonly source?: string };
  constructor(
    readonly place: string,
    readonly problem: string,
    readonly source?: string,
  ) {
    super(`${source === undefined ? "" : `${source}: `}${place === "" ? "" : `${place}: `}${problem}`);
    this.name = "DictionaryError";
    this.details = source === undefined ? { place } : { place, source };
  }
}

/** A submission whose name the spacecraft's dictionary does not know; `suggestions` are close names. */
export class UnknownCommandError extends UplinkError {
  readonly code = "unknown_command";
  readonly details: {
    readonly field: "name";
    readonly name: string;
    readonly mission: string;
    readonly suggestions: readonly string[];
  };
  constructor(name: string, mission: string, suggestions: readonly string[]) {
    super(
      `mission ${mission} has no command ${name}` +
        (suggestions.length > 0 ? `; did you mean ${suggestions.join(", ")}?` : ""),
    );
    this.name = "UnknownCommandError";
    this.details = { field: "name", name, mission, suggestions };
  }
}

/** An argument that the command's dictionary entry refuses: missing, extra, out of range, wrong type… */
export class InvalidArgumentError extends UplinkError {
  readonly code = "invalid_argument";
  readonly details: { readonly field: string; readonly rule: string };
  constructor(
    readonly argument: string,
    message: string,
    readonly rule: string,
    /** The command's dictionary category, for the statistics of dropped submissions. */
    readonly category: string | null = null,
  ) {
    super(`args.${argument}: ${message}`);
    this.name = "InvalidArgumentError";
    this.details = { field: `args.${argument}`, rule };
  }
}

/** A submission of a command that its spacecraft inhibits, by category or by name (SPEC §9). */
export class InhibitedError extends UplinkError {
  readonly code = "inhibited";
  readonly details: {
    readonly field: "name";
    readonly spacecraftId: string;
    readonly name: string;
    readonly category: string | null;
    readonly by: "category" | "command";
  };
  constructor(spacecraftId: string, name: string, category: string | null, by: "category" | "command") {
    super(
      by === "command"
        ? `${spacecraftId} inhibits command ${name}`
        : `${spacecraftId} inhibits category ${category} (command ${name})`,
    );
    this.name = "InhibitedError";
    this.details = { field: "name", spacecraftId, name, category, by };
  }
}

/** A command's submitter asked to approve it (SPEC §10: the two-person rule needs another person). */
export class SelfApprovalError extends UplinkError {
  readonly code = "self_approval";
  readonly details: { readonly id: string; readonly actor: string };
  constructor(id: string, actor: string) {
    super(`${actor} submitted telecommand ${id} and may not approve it: a second person must`);
    this.name = "SelfApprovalError";
    this.details = { id, actor };
  }
}

/** A submission to a spacecraft whose queue is closed (SPEC §10). */
export class QueueClosedError extends UplinkError {
  readonly code = "queue_closed";
  readonly details: { readonly spacecraftId: string };
  constructor(spacecraftId: string) {
    super(`the queue of ${spacecraftId} is closed: it takes no new commands`);
    this.name = "QueueClosedError";
    this.details = { spacecraftId };
  }
}
