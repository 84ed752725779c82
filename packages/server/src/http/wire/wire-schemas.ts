import { z } from "zod";

/** An RFC 3339 UTC instant on the wire (`2030-01-01T00:00:00.000Z`). */
export const instantSchema = z.iso.datetime().meta({ description: "RFC 3339 instant, UTC" });

const nullableInstant = instantSchema.nullable();

/** A telecommand as every route returns it (SPEC §5). */
export const telecommandWireSchema = z.object({
  id: z.uuid().meta({ description: "UUIDv7" }),
  spacecraftId: z.string(),
  name: z.string(),
  args: z.record(z.string(), z.unknown()),
  priority: z.int(),
  status: z.string().meta({
    description: "pending_approval, ready, transmitted, acknowledged, executed, failed or cancelled",
  }),
  failureReason: z
    .enum(["rejected", "timed_out", "expired", "inhibited", "link_error", "completion_failed"])
    .nullable(),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  transmittedAt: nullableInstant,
  acknowledgedAt: nullableInstant,
  executedAt: nullableInstant,
  failedAt: nullableInstant,
  cancelledAt: nullableInstant,
  notBefore: nullableInstant,
  notAfter: nullableInstant,
  version: z.int().min(1).meta({ description: "Grows by one with every applied transition" }),
  category: z
    .string()
    .nullable()
    .meta({ description: "The command's category in its mission's dictionary (SPEC §9); null without one" }),
  hazardous: z
    .boolean()
    .meta({ description: "Whether its dictionary marks it hazardous; false without one" }),
  dictionaryVersion: z
    .string()
    .nullable()
    .meta({ description: "The version of the dictionary it was checked against; null without one" }),
  submittedBy: z
    .string()
    .meta({ description: "The user who submitted it (SPEC §10); `anonymous` without one" }),
  held: z
    .boolean()
    .meta({ description: "Held by an operator (SPEC §10): it stays ready and is not sent until released" }),
});

/** One entry of a command's append-only history. */
export const historyEntryWireSchema = z.object({
  eventId: z.int().min(1).meta({ description: "Global and increasing: the SSE event id" }),
  commandId: z.uuid(),
  seq: z.int().min(1).meta({ description: "Position in the command's history, from 1" }),
  from: z.string().nullable(),
  to: z.string(),
  at: instantSchema,
  reason: z.string().nullable(),
  source: z.enum(["operator", "sender", "spacecraft", "timeout", "system"]),
  actor: z
    .string()
    .meta({ description: "Who did it (SPEC §10): the user's name, or `sender`, `spacecraft`, `system`" }),
  ignored: z.boolean().meta({ description: "Recorded but not applied (late or duplicate report)" }),
  kind: z.enum(["transition", "comment", "hold", "release"]).meta({
    description:
      "A lifecycle transition (applied or ignored), an operator's comment (its text in `reason`), or the hold or release of a ready command",
  }),
});

/** The data of one `telecommand` Server-Sent Event. */
export const transitionEventWireSchema = z.object({
  command: telecommandWireSchema,
  entry: historyEntryWireSchema,
});

/** A page of `GET /api/telecommands`. */
export const telecommandPageSchema = z.object({
  items: z.array(telecommandWireSchema),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: "Pass as `cursor` for the next page; null on the last" }),
});

/** The answer of `GET /api/telecommands/:id/history`. */
export const historySchema = z.object({ items: z.array(historyEntryWireSchema) });

/** RFC 9457 problem details, with Uplink's extension members. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  instance: z.string(),
  code: z.string().optional(),
  field: z.string().optional().meta({ description: "The request field at fault (validation problems)" }),
  errors: z
    .array(z.object({ field: z.string(), rule: z.string(), message: z.string() }))
    .optional()
    .meta({ description: "Every field at fault (validation problems)" }),
  currentStatus: z.string().optional().meta({ description: "The command's status (status conflicts)" }),
  suggestions: z
    .array(z.string())
    .optional()
    .meta({ description: "Known command names close to the unknown one (`unknown_command`)" }),
});

/** A contact window; `start`/`end` are null when unbounded (the `always` plan). */
export const contactWindowWireSchema = z.object({
  start: nullableInstant,
  end: nullableInstant,
  station: z.string().nullable(),
  maxElevationDeg: z.number().nullable(),
});

/** The answer of `GET /api/contacts`. */
/** The answer of a dry run, `POST /api/telecommands?dryRun=true` (SPEC §10). */
export const dryRunWireSchema = z.object({
  valid: z.literal(true),
  status: z.string().meta({ description: "The status it would start in: ready, or pending_approval" }),
  expectedPass: contactWindowWireSchema
    .nullable()
    .meta({ description: "The contact window it is expected to go in; null when none will carry it" }),
});

export const contactsWireSchema = z.object({
  now: instantSchema,
  items: z.array(
    z.object({
      spacecraftId: z.string(),
      inContact: z.boolean(),
      windows: z.array(contactWindowWireSchema).meta({ description: "The current window first, if any" }),
    }),
  ),
});

const counter = z.int().min(0);

/** The answer of `GET /api/stats`. */
export const statsWireSchema = z.object({
  byStatus: z.record(z.string(), counter).meta({ description: "Every status of the lifecycle, 0 when none" }),
  total: counter,
  rejectedSubmissions: counter.meta({
    description: "Submissions refused as invalid, by every process (stored)",
  }),
  duplicateSubmissions: counter.meta({
    description: "Idempotent retries answered with the stored command, by every process (stored)",
  }),
  downlinkDuplicates: counter,
  downlinkGaps: counter,
  downlink: z.object({
    received: counter,
    accepted: counter,
    duplicates: counter,
    conflicts: counter,
    gaps: counter,
    late: counter,
    unknownCommand: counter,
    unknownType: counter,
    telemetry: counter,
  }),
  unknownSpacecraft: counter.meta({
    description:
      "Downlink frames dropped because their spacecraft is not registered, by every process (stored)",
  }),
  transitions: counter,
  senderClaims: counter,
  delivered: counter.meta({ description: "Commands executed (SPEC §9), by every process (stored)" }),
  dropped: counter.meta({
    description:
      "Submissions refused by a dictionary or an inhibit, and commands failed inhibited, expired or rejected (stored)",
  }),
  bySpacecraft: z
    .record(z.string(), z.object({ delivered: counter, dropped: counter }))
    .meta({ description: "delivered and dropped per spacecraft" }),
  byCategory: z
    .record(z.string(), z.object({ delivered: counter, dropped: counter }))
    .meta({ description: "delivered and dropped per dictionary category (commands that have one)" }),
  generatedAt: instantSchema,
});

/** The answer of `GET /readyz` (200 or 503). */
export const readinessWireSchema = z.object({
  status: z.enum(["ready", "unavailable"]),
  checks: z.record(z.string(), z.boolean()),
});

/** A gap skipped in a spacecraft's downlink stream. */
export const gapWireSchema = z.object({
  spacecraftId: z.string(),
  fromSeq: z.int().min(1),
  toSeq: z.int().min(1).meta({ description: "Inclusive" }),
  missing: counter.meta({ description: "Seqs skipped: toSeq - fromSeq + 1" }),
  at: instantSchema.meta({ description: "When it was skipped" }),
  cause: z.enum(["timeout", "overflow"]).meta({
    description: "timeout: waited the gap timeout; overflow: the reorder buffer was full",
  }),
});

/** The answer of `GET /api/downlink/gaps`: newest first. */
export const gapPageSchema = z.object({
  items: z.array(gapWireSchema),
  nextCursor: z
    .string()
    .nullable()
    .meta({ description: "Pass as `cursor` for the next page; null on the last" }),
});

/** The answer of `POST /api/downlink` (202). */
export const downlinkAcceptedSchema = z.object({
  received: counter,
  accepted: counter.meta({ description: "Frames new to the log" }),
  duplicates: counter,
  conflicts: counter,
});

/** A command on the wire. */
export type TelecommandWire = z.infer<typeof telecommandWireSchema>;
export type DryRunWire = z.infer<typeof dryRunWireSchema>;

/** A history entry on the wire. */
export type HistoryEntryWire = z.infer<typeof historyEntryWireSchema>;
/** The data of a `telecommand` Server-Sent Event. */
export type TransitionEventWire = z.infer<typeof transitionEventWireSchema>;
/** A contact window on the wire. */
export type ContactWindowWire = z.infer<typeof contactWindowWireSchema>;
/** `GET /api/contacts` on the wire. */
export type ContactsWire = z.infer<typeof contactsWireSchema>;
/** A gap on the wire. */
export type GapWire = z.infer<typeof gapWireSchema>;
/** `GET /api/stats` on the wire. */
export type StatsWire = z.infer<typeof statsWireSchema>;
/** RFC 9457 problem details on the wire. */
export type ProblemWire = z.infer<typeof problemSchema>;
