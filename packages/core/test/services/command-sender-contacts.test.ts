import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { PerSpacecraftContactPlan } from "../../src/contacts/per-spacecraft-contact-plan.js";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { WindowListContactPlan } from "../../src/contacts/window-list-contact-plan.js";
import { type ContactPlan, isInContact } from "../../src/ports/contact-plan.js";
import type { TelecommandRepository } from "../../src/ports/telecommand-repository.js";
import type { Instant } from "../../src/types.js";
import { createHarness } from "./command-sender-harness.js";

const T0 = Date.UTC(2030, 0, 1);
const HORIZON = 900_000;
const SPACECRAFT = ["sc-1", "sc-2"] as const;

const periodicPlan = fc
  .record({
    periodMs: fc.integer({ min: 10_000, max: 200_000 }),
    fraction: fc.double({ min: 0.02, max: 1, noNaN: true }),
    offsetMs: fc.integer({ min: 0, max: 200_000 }),
  })
  .map(({ periodMs, fraction, offsetMs }) => {
    const durationMs = Math.max(1, Math.round(periodMs * fraction));
    return new PeriodicContactPlan({ periodMs, durationMs, offsetMs: T0 + offsetMs });
  });

const windowPlan = fc
  .array(
    fc.record({ start: fc.integer({ min: 0, max: HORIZON }), length: fc.integer({ min: 1, max: 120_000 }) }),
    { maxLength: 12 },
  )
  .map(
    (ws) => new WindowListContactPlan(ws.map((w) => ({ start: T0 + w.start, end: T0 + w.start + w.length }))),
  );

const plan: fc.Arbitrary<ContactPlan> = fc.oneof(
  periodicPlan,
  windowPlan,
  fc
    .tuple(fc.oneof(periodicPlan, windowPlan), fc.oneof(periodicPlan, windowPlan))
    .map(([a, b]) => new PerSpacecraftContactPlan({ "sc-1": a, "sc-2": b })),
);

const submission = fc.record({
  at: fc.integer({ min: 0, max: HORIZON / 2 }),
  spacecraftId: fc.constantFrom(...SPACECRAFT),
  priority: fc.integer({ min: -3, max: 3 }),
  notBefore: fc.option(fc.integer({ min: -60_000, max: 400_000 }), { nil: null }),
  notAfterSpan: fc.option(fc.integer({ min: 0, max: 400_000 }), { nil: null }),
});

/** Records when each command was last claimed. */
function claimRecorder(times: Map<string, Instant>) {
  return (inner: InMemoryTelecommandRepository): TelecommandRepository =>
    new Proxy(inner, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property === "claim") {
          return async (request: Parameters<InMemoryTelecommandRepository["claim"]>[0]) => {
            const claimed = await target.claim(request);
            for (const c of claimed) times.set(c.id, request.now);
            return claimed;
          };
        }
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
}

describe("the command sender against contact plans", () => {
  it("never transmits outside a window, before notBefore or after notAfter, and waits at most the maximum delay", async () => {
    await fc.assert(
      fc.asyncProperty(
        plan,
        fc.array(submission, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer(),
        fc.constantFrom("observe", "nudge-spacecraft", "nudge"),
        async (contactPlan, submissions, transmitDelayMaxMs, seed, notice) => {
          const claimedAt = new Map<string, Instant>();
          const h = createHarness({
            plan: contactPlan,
            seed,
            wrap: claimRecorder(claimedAt),
            sender: { transmitDelayMaxMs },
            timeouts: { acceptanceMs: 10 * HORIZON },
            // How new commands are noticed: published events, or nudges as a NOTIFY listener sends them.
            observe: notice === "observe",
          });
          h.sender.start();
          const submitted = [];
          for (const s of [...submissions].sort((a, b) => a.at - b.at)) {
            await h.clock.advanceToAsync(T0 + s.at);
            const notBefore = s.notBefore === null ? null : T0 + s.at + s.notBefore;
            const notAfter = s.notAfterSpan === null ? null : (notBefore ?? T0 + s.at) + s.notAfterSpan;
            const { command } = await h.service.submit({
              name: "CMD",
              spacecraftId: s.spacecraftId,
              priority: s.priority,
              notBefore,
              notAfter,
            });
            submitted.push(command);
            if (notice === "nudge-spacecraft") h.sender.nudge(command.spacecraftId);
            if (notice === "nudge") h.sender.nudge();
          }
          await h.clock.advanceToAsync(T0 + HORIZON);

          const byId = new Map(submitted.map((c) => [c.id, c]));
          const sentIds = new Set<string>();
          for (const { at, command: sent } of h.uplink.sent) {
            const c = byId.get(sent.id);
            expect(c).toBeDefined();
            expect(sentIds.has(sent.id)).toBe(false);
            sentIds.add(sent.id);
            expect(isInContact(contactPlan, sent.spacecraftId, at)).toBe(true);
            if (c?.notBefore != null) expect(at).toBeGreaterThanOrEqual(c.notBefore);
            if (c?.notAfter != null) expect(at).toBeLessThanOrEqual(c.notAfter);
            const delay = at - (claimedAt.get(sent.id) ?? Number.NaN);
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(transmitDelayMaxMs);
          }

          for (const c of submitted) {
            const stored = await h.store.get(c.id);
            if (sentIds.has(c.id)) {
              expect(stored?.status).toBe("transmitted");
              expect(h.uplink.sent.find((s) => s.command.id === c.id)?.at).toBe(stored?.transmittedAt);
              continue;
            }
            expect(["ready", "failed"]).toContain(stored?.status);
            if (stored?.status === "failed") {
              expect(stored.failureReason).toBe("expired");
              expect(stored.failedAt).toBeGreaterThan(c.notAfter ?? Number.POSITIVE_INFINITY);
            }
            // Liveness: a later window long enough for the whole delay, inside notBefore..notAfter, sends it.
            const earliest = Math.max(c.createdAt, c.notBefore ?? c.createdAt);
            const fits = contactPlan
              .windowsBetween(c.spacecraftId, earliest, T0 + HORIZON)
              .some(
                (w) =>
                  w.start >= earliest &&
                  w.start + transmitDelayMaxMs < w.end &&
                  w.start + transmitDelayMaxMs <=
                    Math.min(c.notAfter ?? Number.POSITIVE_INFINITY, T0 + HORIZON),
              );
            expect(fits).toBe(false);
          }

          const stats = h.sender.stats();
          expect(stats.claims).toBe(
            stats.transmitted + stats.expired + stats.released + stats.lostRaces + stats.pending,
          );
          await h.sender.stop();
        },
      ),
      { numRuns: 120 },
    );
  });
});
