import { describe, expect, it } from "vitest";
import { AlwaysContactPlan } from "../../src/contacts/always-contact-plan.js";
import { buildContactPlan, parseContactsSpec } from "../../src/contacts/contacts-spec.js";
import { PeriodicContactPlan } from "../../src/contacts/periodic-contact-plan.js";
import { WindowListContactPlan } from "../../src/contacts/window-list-contact-plan.js";
import { ConfigError } from "../../src/errors.js";
import { isInContact } from "../../src/ports/contact-plan.js";

describe("parseContactsSpec", () => {
  it("reads always, periodic and window lists", () => {
    expect(parseContactsSpec("always")).toEqual({ kind: "always" });
    expect(parseContactsSpec(" ALWAYS ")).toEqual({ kind: "always" });
    expect(parseContactsSpec("periodic:90m/10m")).toEqual({
      kind: "periodic",
      periodMs: 5_400_000,
      durationMs: 600_000,
      offsetMs: 0,
    });
    expect(parseContactsSpec("periodic:2h/45s@500ms")).toEqual({
      kind: "periodic",
      periodMs: 7_200_000,
      durationMs: 45_000,
      offsetMs: 500,
    });
    expect(
      parseContactsSpec(
        "windows:2030-01-01T00:00:00Z/2030-01-01T00:10:00Z, 2030-01-01T01:00:00+01:00/2030-01-01T00:20:00Z",
      ),
    ).toEqual({
      kind: "windows",
      windows: [
        { start: Date.UTC(2030, 0, 1), end: Date.UTC(2030, 0, 1, 0, 10) },
        { start: Date.UTC(2030, 0, 1), end: Date.UTC(2030, 0, 1, 0, 20) },
      ],
    });
  });

  it("returns tle:PATH as a descriptor for the composition root", () => {
    expect(parseContactsSpec("tle:/data/iss.tle")).toEqual({ kind: "tle", path: "/data/iss.tle" });
  });

  it("names UPLINK_CONTACTS and what it accepts on bad input", () => {
    const bad = [
      "",
      "sometimes",
      "always:now",
      "periodic:90m",
      "periodic:90/10",
      "periodic:10m/20m",
      "periodic:10m/0s",
      "periodic:0s/0s",
      "periodic:90m/10m@x",
      "windows:",
      "windows:2030-01-01T00:00:00Z",
      "windows:2030-01-01T00:10:00Z/2030-01-01T00:00:00Z",
      "windows:2030-01-01/2030-01-02",
      "tle:",
    ];
    for (const text of bad) {
      let error: unknown;
      try {
        parseContactsSpec(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).details.name).toBe("UPLINK_CONTACTS");
      expect((error as ConfigError).message).toMatch(/UPLINK_CONTACTS: .*expected always \| periodic:/);
    }
  });
});

describe("buildContactPlan", () => {
  it("builds the plan each spec describes", () => {
    expect(buildContactPlan(parseContactsSpec("always"))).toBeInstanceOf(AlwaysContactPlan);
    const periodic = buildContactPlan(parseContactsSpec("periodic:1m/10s@5s"));
    expect(periodic).toBeInstanceOf(PeriodicContactPlan);
    expect(isInContact(periodic, "sc-1", 4_999)).toBe(false);
    expect(isInContact(periodic, "sc-1", 5_000)).toBe(true);
    expect(isInContact(periodic, "sc-1", 15_000)).toBe(false);
    const windows = buildContactPlan(parseContactsSpec("windows:1970-01-01T00:00:01Z/1970-01-01T00:00:02Z"));
    expect(windows).toBeInstanceOf(WindowListContactPlan);
    expect(isInContact(windows, "sc-1", 1_500)).toBe(true);
  });

  it("hands tle specs to the injected resolver, and fails clearly without one", () => {
    const resolved = new AlwaysContactPlan();
    const seen: string[] = [];
    const plan = buildContactPlan(parseContactsSpec("tle:sat.tle"), {
      resolveTle: (path) => {
        seen.push(path);
        return resolved;
      },
    });
    expect(plan).toBe(resolved);
    expect(seen).toEqual(["sat.tle"]);
    expect(() => buildContactPlan({ kind: "tle", path: "sat.tle" })).toThrow(
      /UPLINK_CONTACTS: tle:sat.tle needs a pass predictor/,
    );
  });
});
