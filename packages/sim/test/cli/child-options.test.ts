import { describe, expect, it } from "vitest";
import { childOptions } from "../../bin/child-options.mjs";

describe("uplink-sim's child Node", () => {
  it("gets 8 MiB semi-spaces and an old generation of 128 MiB plus 200 bytes a command", () => {
    expect(childOptions(["run", "--commands", "1000000"], {}).flags).toEqual([
      "--max-semi-space-size=8",
      "--max-old-space-size=319",
    ]);
    expect(childOptions(["run", "--commands=2000000"], {}).flags).toContain("--max-old-space-size=510");
    expect(childOptions(["run"], {}).flags).toContain("--max-old-space-size=128");
  });

  it("leaves the old generation to a --max-old-space-size in NODE_OPTIONS", () => {
    const { flags, env } = childOptions(["run", "--commands", "10"], {
      NODE_OPTIONS: "--max-old-space-size=900",
    });
    expect(flags).toEqual(["--max-semi-space-size=8"]);
    expect(env["NODE_OPTIONS"]).toBe("--max-old-space-size=900");
  });

  it("fixes glibc's mmap threshold at 64 KiB unless the environment sets one, and keeps the rest", () => {
    expect(childOptions(["run"], { PATH: "/bin" }).env).toEqual({
      MALLOC_MMAP_THRESHOLD_: "65536",
      PATH: "/bin",
    });
    expect(childOptions(["run"], { MALLOC_MMAP_THRESHOLD_: "131072" }).env["MALLOC_MMAP_THRESHOLD_"]).toBe(
      "131072",
    );
  });
});
