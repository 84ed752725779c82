import { ManualClock } from "@uplink/core";
import { describe, expect, it } from "vitest";
import { FREE_FAILURES, SignInThrottle } from "../../src/auth/sign-in-throttle.js";

describe("SignInThrottle", () => {
  it("lets the first failures through, then doubles the wait after each further one", () => {
    const clock = new ManualClock(0);
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < FREE_FAILURES; i++) {
      expect(throttle.waitSeconds("ada", "10.0.0.1")).toBe(0);
      throttle.failed("ada", "10.0.0.1");
    }
    expect(throttle.waitSeconds("ada", "10.0.0.1")).toBe(1);
    clock.advance(1_000);
    expect(throttle.waitSeconds("ada", "10.0.0.1")).toBe(0);
    throttle.failed("ada", "10.0.0.1");
    expect(throttle.waitSeconds("ada", "10.0.0.1")).toBe(2);
    clock.advance(2_000);
    throttle.failed("ada", "10.0.0.1");
    expect(throttle.waitSeconds("ada", "10.0.0.1")).toBe(4);
  });

  it("slows a name tried from many addresses, and an address trying many names", () => {
    const throttle = new SignInThrottle(new ManualClock(0));
    for (let i = 0; i < FREE_FAILURES; i++) throttle.failed("ada", `10.0.0.${i}`);
    expect(throttle.waitSeconds("ada", "10.9.9.9")).toBe(1);
    expect(throttle.waitSeconds("bob", "10.9.9.9")).toBe(0);
    for (let i = 0; i < FREE_FAILURES; i++) throttle.failed(`user${i}`, "10.1.1.1");
    expect(throttle.waitSeconds("carol", "10.1.1.1")).toBe(1);
  });

  it("waits at most 15 minutes, forgets failures 15 minutes after the last, and a success clears them", () => {
    const clock = new ManualClock(0);
    const throttle = new SignInThrottle(clock);
    for (let i = 0; i < FREE_FAILURES + 30; i++) throttle.failed("ada", "a");
    expect(throttle.waitSeconds("ada", "a")).toBe(900);
    clock.advance(900_001);
    expect(throttle.waitSeconds("ada", "a")).toBe(0);
    for (let i = 0; i < FREE_FAILURES + 1; i++) throttle.failed("ada", "a");
    expect(throttle.waitSeconds("ada", "a")).toBeGreaterThan(0);
    throttle.succeeded("ada", "a");
    expect(throttle.waitSeconds("ada", "a")).toBe(0);
  });
});
