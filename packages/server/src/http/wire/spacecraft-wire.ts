import type { Spacecraft } from "@uplink/core";
import { z } from "zod";
import { formatInstant } from "./telecommand-wire.js";
import { instantSchema } from "./wire-schemas.js";

/** SPEC §8's health values. */
export const HEALTH_VALUES = ["nominal", "degraded", "safe", "silent", "unknown"] as const;
export type Health = (typeof HEALTH_VALUES)[number];

/** SPEC §10's queue states. */
export const QUEUE_STATES = ["open", "held", "closed"] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** The body of `POST /api/spacecraft/:id/queue` (checked by core's `parseQueueState`; this one documents it). */
export const queueStateBodySchema = z.strictObject({
  state: z.enum(QUEUE_STATES).meta({
    description: "open (default), held (accepted, nothing sent) or closed (new submissions refused)",
  }),
});

const scalar = z.union([z.number(), z.string(), z.boolean()]);

/** A parameter's latest value. */
export const telemetryValueWireSchema = z.object({ value: scalar, time: instantSchema, seq: z.int().min(1) });

/** A spacecraft as every fleet route returns it (SPEC §8). */
export const spacecraftWireSchema = z.object({
  id: z.string(),
  name: z.string(),
  mission: z.string().nullable(),
  createdAt: instantSchema,
  contacts: z
    .string()
    .nullable()
    .meta({ description: "Its contact plan (UPLINK_CONTACTS syntax); null: the default" }),
  uplinkUrl: z
    .string()
    .nullable()
    .meta({ description: "Overrides UPLINK_SPACECRAFT_URL for it; null: the default" }),
  uplinkRateBps: z.int().nullable(),
  queue: z.enum(QUEUE_STATES),
  health: z.enum(HEALTH_VALUES),
  lastFrameAt: instantSchema.nullable(),
  telemetry: z
    .record(z.string(), telemetryValueWireSchema)
    .meta({ description: "Latest value of each parameter" }),
});
export type SpacecraftWire = z.infer<typeof spacecraftWireSchema>;

/** `GET /api/spacecraft` and `GET /api/missions/:mission`. */
export const fleetWireSchema = z.object({ items: z.array(spacecraftWireSchema) });

/** `GET /api/missions`. */
export const missionsWireSchema = z.object({
  items: z.array(z.object({ mission: z.string(), spacecraft: z.int().min(1) })),
});

/** What the wire adds to a stored spacecraft: read live when it is answered. */
export interface SpacecraftLive {
  readonly queue: QueueState;
  readonly health: Health;
  readonly telemetry: Readonly<
    Record<string, { readonly value: number | string | boolean; readonly time: number; readonly seq: number }>
  >;
}

/** A spacecraft on the wire. */
export function spacecraftWire(s: Spacecraft, live: SpacecraftLive): SpacecraftWire {
  const telemetry: SpacecraftWire["telemetry"] = {};
  for (const [name, sample] of Object.entries(live.telemetry)) {
    telemetry[name] = { value: sample.value, time: formatInstant(sample.time) as string, seq: sample.seq };
  }
  return {
    id: s.id,
    name: s.name,
    mission: s.mission,
    createdAt: formatInstant(s.createdAt) as string,
    contacts: s.contacts,
    uplinkUrl: s.uplinkUrl,
    uplinkRateBps: s.uplinkRateBps,
    queue: live.queue,
    health: live.health,
    lastFrameAt: formatInstant(s.lastFrameAt),
    telemetry,
  };
}
