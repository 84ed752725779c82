import { UplinkError } from "../errors.js";

// The fleet's domain errors, beside errors.ts so that slices adding errors do not collide.

/** No spacecraft registered with that id (`GET/PATCH/DELETE /api/spacecraft/:id`): 404. */
export class SpacecraftNotFoundError extends UplinkError {
  readonly code = "spacecraft_not_found";
  readonly details: { readonly id: string };
  constructor(readonly id: string) {
    super(`spacecraft ${id} is not registered`);
    this.name = "SpacecraftNotFoundError";
    this.details = { id };
  }
}

/** A registration whose id is taken: 409. */
export class SpacecraftExistsError extends UplinkError {
  readonly code = "spacecraft_exists";
  readonly details: { readonly id: string; readonly field: "id" };
  constructor(readonly id: string) {
    super(`spacecraft ${id} is already registered`);
    this.name = "SpacecraftExistsError";
    this.details = { id, field: "id" };
  }
}

/** A submission to a spacecraft that is not registered: 422 `unknown_spacecraft`. */
export class UnknownSpacecraftError extends UplinkError {
  readonly code = "unknown_spacecraft";
  readonly details: { readonly spacecraftId: string; readonly field: "spacecraftId" };
  constructor(readonly spacecraftId: string) {
    super(`spacecraft ${spacecraftId} is not registered`);
    this.name = "UnknownSpacecraftError";
    this.details = { spacecraftId, field: "spacecraftId" };
  }
}

/** A removal while commands to the spacecraft are still pending: 409. */
export class SpacecraftBusyError extends UplinkError {
  readonly code = "spacecraft_has_pending_commands";
  readonly details: { readonly id: string };
  constructor(readonly id: string) {
    super(`spacecraft ${id} still has pending commands: wait until they are final, or cancel them`);
    this.name = "SpacecraftBusyError";
    this.details = { id };
  }
}

/** No registered spacecraft belongs to that mission: 404. */
export class MissionNotFoundError extends UplinkError {
  readonly code = "mission_not_found";
  readonly details: { readonly mission: string };
  constructor(readonly mission: string) {
    super(`no spacecraft belongs to mission ${mission}`);
    this.name = "MissionNotFoundError";
    this.details = { mission };
  }
}
