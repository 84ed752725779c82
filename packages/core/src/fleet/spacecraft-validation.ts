import { parseContactsSpec } from "../contacts/contacts-spec.js";
import { ConfigError, ValidationError } from "../errors.js";
import { SPACECRAFT_ID_PATTERN } from "../services/submit-validation.js";
import {
  CHANGE_FIELDS,
  MAX_SPACECRAFT_SPEC_LENGTH,
  MAX_SPACECRAFT_TEXT_LENGTH,
  MAX_UPLINK_RATE_BPS,
  REGISTRATION_FIELDS,
  type SpacecraftChanges,
  type SpacecraftSettings,
} from "./spacecraft.js";

/** A checked registration: the id and every setting, defaults filled in. */
export interface ValidRegistration extends SpacecraftSettings {
  readonly id: string;
}

// Control characters make names unreadable in logs and the console.
// biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;

/**
 * Checks a registration body (SPEC §8) and fills in defaults (`name`: the id; the rest null).
 * Throws a {@link ValidationError} naming the first bad or unknown field; pure.
 *
 * @example
 * validateRegistration({ id: "sat-7", mission: "Demo" }); // { id: "sat-7", name: "sat-7", mission: "Demo", contacts: null, … }
 */
export function validateRegistration(input: unknown): ValidRegistration {
  const body = objectOf(input);
  checkKnown(body, REGISTRATION_FIELDS);
  const id = body.id;
  if (typeof id !== "string" || !SPACECRAFT_ID_PATTERN.test(id)) {
    throw new ValidationError("id", `is required and must match ${SPACECRAFT_ID_PATTERN.source}`, "pattern");
  }
  const changes = checkSettings(body);
  return {
    id,
    name: changes.name ?? id,
    mission: changes.mission ?? null,
    contacts: changes.contacts ?? null,
    uplinkUrl: changes.uplinkUrl ?? null,
    uplinkRateBps: changes.uplinkRateBps ?? null,
  };
}

/**
 * Checks a change body (`PATCH`): only {@link CHANGE_FIELDS}, each as at registration; `name`
 * may not be null. Throws a {@link ValidationError} naming the field; pure.
 */
export function validateChanges(input: unknown): SpacecraftChanges {
  const body = objectOf(input);
  checkKnown(body, CHANGE_FIELDS);
  return checkSettings(body);
}

function objectOf(input: unknown): Record<string, unknown> {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    throw new ValidationError("body", "must be a JSON object", "type");
  }
  return input as Record<string, unknown>;
}

function checkKnown(body: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(body)) {
    if (!known.includes(key)) throw new ValidationError(key, "is not a known field", "unknown_field");
  }
}

function checkSettings(body: Record<string, unknown>): SpacecraftChanges {
  const changes: { -readonly [K in keyof SpacecraftSettings]?: SpacecraftSettings[K] } = {};
  if (body.name !== undefined) {
    changes.name = text("name", body.name, MAX_SPACECRAFT_TEXT_LENGTH);
  }
  if (body.mission !== undefined) {
    changes.mission =
      body.mission === null ? null : text("mission", body.mission, MAX_SPACECRAFT_TEXT_LENGTH);
  }
  if (body.contacts !== undefined) {
    changes.contacts = body.contacts === null ? null : contacts(body.contacts);
  }
  if (body.uplinkUrl !== undefined) {
    changes.uplinkUrl = body.uplinkUrl === null ? null : uplinkUrl(body.uplinkUrl);
  }
  if (body.uplinkRateBps !== undefined) {
    const rate = body.uplinkRateBps;
    if (
      rate !== null &&
      (typeof rate !== "number" || !Number.isInteger(rate) || rate < 1 || rate > MAX_UPLINK_RATE_BPS)
    ) {
      throw new ValidationError(
        "uplinkRateBps",
        `must be null or an integer from 1 to ${MAX_UPLINK_RATE_BPS}`,
        "range",
      );
    }
    changes.uplinkRateBps = rate;
  }
  return changes;
}

function text(field: string, value: unknown, max: number): string {
  if (typeof value !== "string") throw new ValidationError(field, "must be a string", "type");
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > max || CONTROL.test(trimmed)) {
    throw new ValidationError(field, `must be 1 to ${max} printable characters`, "pattern");
  }
  return trimmed;
}

function contacts(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_SPACECRAFT_SPEC_LENGTH) {
    throw new ValidationError(
      "contacts",
      `must be null or a contact plan of at most ${MAX_SPACECRAFT_SPEC_LENGTH} characters`,
      "type",
    );
  }
  try {
    parseContactsSpec(value, "contacts");
  } catch (error) {
    if (error instanceof ConfigError)
      throw new ValidationError("contacts", error.message.replace(/^contacts: /, ""), "pattern");
    throw error;
  }
  return value.trim();
}

function uplinkUrl(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_SPACECRAFT_SPEC_LENGTH || !HTTP_URL.test(value)) {
    throw new ValidationError("uplinkUrl", "must be null or an http(s) URL", "pattern");
  }
  return value.replace(/\/+$/, "");
}
