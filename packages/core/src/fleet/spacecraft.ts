import type { Instant } from "../types.js";

/**
 * A registered spacecraft as stored (SPEC §8). What the wire adds to it (`queue`, `health`,
 * `telemetry`) is read from elsewhere when it is answered.
 */
export interface Spacecraft {
  /** Matches `SPACECRAFT_ID_PATTERN`; never changes. */
  readonly id: string;
  /** A display name; the id when none was given. */
  readonly name: string;
  /** Free text, compared case-insensitively; null when it belongs to no mission. */
  readonly mission: string | null;
  readonly createdAt: Instant;
  /** A contact plan in the `UPLINK_CONTACTS` syntax; null: the process-wide plan. */
  readonly contacts: string | null;
  /** Overrides `UPLINK_SPACECRAFT_URL` for this spacecraft; null: the process-wide link. */
  readonly uplinkUrl: string | null;
  /** Bits per second the uplink carries; null: unlimited. */
  readonly uplinkRateBps: number | null;
  /** When the ground last stored a frame from it (arrival time); null before any. */
  readonly lastFrameAt: Instant | null;
}

/** The fields a registration or a change may set besides the id. */
export interface SpacecraftSettings {
  readonly name: string;
  readonly mission: string | null;
  readonly contacts: string | null;
  readonly uplinkUrl: string | null;
  readonly uplinkRateBps: number | null;
}

/** A checked change: only the fields it sets. */
export type SpacecraftChanges = Partial<SpacecraftSettings>;

/** The fields `POST /api/spacecraft` accepts. */
export const REGISTRATION_FIELDS: readonly string[] = [
  "id",
  "name",
  "mission",
  "contacts",
  "uplinkUrl",
  "uplinkRateBps",
];

/** The fields `PATCH /api/spacecraft/:id` accepts (the id never changes). */
export const CHANGE_FIELDS: readonly string[] = ["name", "mission", "contacts", "uplinkUrl", "uplinkRateBps"];

/** The longest name and mission. */
export const MAX_SPACECRAFT_TEXT_LENGTH = 100;
/** The longest `uplinkUrl` and `contacts`. */
export const MAX_SPACECRAFT_SPEC_LENGTH = 2048;
/** The fastest uplink rate accepted (1 Tbit/s): beyond is a typo. */
export const MAX_UPLINK_RATE_BPS = 1_000_000_000_000;

/**
 * A spacecraft with defaults (name: the id, no mission, the process-wide plan and link): for
 * tests, the simulator and start-up registration.
 */
export function newSpacecraft(
  id: string,
  createdAt: Instant,
  settings: Partial<Omit<Spacecraft, "id" | "createdAt">> = {},
): Spacecraft {
  return {
    id,
    name: settings.name ?? id,
    mission: settings.mission ?? null,
    createdAt,
    contacts: settings.contacts ?? null,
    uplinkUrl: settings.uplinkUrl ?? null,
    uplinkRateBps: settings.uplinkRateBps ?? null,
    lastFrameAt: settings.lastFrameAt ?? null,
  };
}
