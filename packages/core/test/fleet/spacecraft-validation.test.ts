import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { validateChanges, validateRegistration } from "../../src/fleet/spacecraft-validation.js";

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  throw new Error("expected a ValidationError");
}

describe("validateRegistration", () => {
  it("fills in the defaults: the id as name, the rest null", () => {
    expect(validateRegistration({ id: "sat-7" })).toEqual({
      id: "sat-7",
      name: "sat-7",
      mission: null,
      contacts: null,
      uplinkUrl: null,
      uplinkRateBps: null,
    });
  });

  it("keeps every valid field, trimming text and the URL's trailing slash", () => {
    expect(
      validateRegistration({
        id: "7.b_c-d",
        name: "  Seven ",
        mission: "Demo",
        contacts: "periodic:90m/10m",
        uplinkUrl: "https://gs.example:9100/",
        uplinkRateBps: 9600,
      }),
    ).toEqual({
      id: "7.b_c-d",
      name: "Seven",
      mission: "Demo",
      contacts: "periodic:90m/10m",
      uplinkUrl: "https://gs.example:9100",
      uplinkRateBps: 9600,
    });
  });

  const bad: ReadonlyArray<readonly [string, unknown, string]> = [
    ["not an object", [1], "body"],
    ["no id", { name: "x" }, "id"],
    ["an id with a slash", { id: "sc/1" }, "id"],
    ["an id starting with a dash", { id: "-sc" }, "id"],
    ["an id of 65 characters", { id: `a${"b".repeat(64)}` }, "id"],
    ["an unknown field", { id: "a", colour: "red" }, "colour"],
    ["a null name", { id: "a", name: null }, "name"],
    ["an empty name", { id: "a", name: "  " }, "name"],
    ["a name with a control character", { id: "a", name: "a\u0007b" }, "name"],
    ["a numeric mission", { id: "a", mission: 3 }, "mission"],
    ["a mission of 101 characters", { id: "a", mission: "m".repeat(101) }, "mission"],
    ["a contact plan that is not one", { id: "a", contacts: "sometimes" }, "contacts"],
    ["a periodic plan without a duration", { id: "a", contacts: "periodic:90m" }, "contacts"],
    ["a contact plan that is a number", { id: "a", contacts: 5 }, "contacts"],
    ["an uplink URL that is not http", { id: "a", uplinkUrl: "ftp://x" }, "uplinkUrl"],
    ["an uplink URL with a space", { id: "a", uplinkUrl: "http://a b" }, "uplinkUrl"],
    ["a rate of 0", { id: "a", uplinkRateBps: 0 }, "uplinkRateBps"],
    ["a fractional rate", { id: "a", uplinkRateBps: 1.5 }, "uplinkRateBps"],
    ["a rate as text", { id: "a", uplinkRateBps: "9600" }, "uplinkRateBps"],
  ];
  it.each(bad)("refuses %s, naming the field", (_, body, field) => {
    expect(fieldOf(() => validateRegistration(body))).toBe(field);
  });
});

describe("validateChanges", () => {
  it("keeps only the fields given; null clears", () => {
    expect(validateChanges({ mission: null, uplinkRateBps: 100 })).toEqual({
      mission: null,
      uplinkRateBps: 100,
    });
    expect(validateChanges({})).toEqual({});
  });

  it("refuses the id and unknown fields, naming them", () => {
    expect(fieldOf(() => validateChanges({ id: "b" }))).toBe("id");
    expect(fieldOf(() => validateChanges({ queue: "open" }))).toBe("queue");
    expect(fieldOf(() => validateChanges({ name: null }))).toBe("name");
    expect(fieldOf(() => validateChanges(null))).toBe("body");
  });
});
