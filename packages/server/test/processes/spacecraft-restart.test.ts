import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ChildUplink,
  eventually,
  killChildren,
  postJson,
  spawnUplink,
  tempDir,
} from "../support/server.js";
import { type FakeGround, listening, startGround } from "./support/fake-ground.js";

const COMMAND = { id: "0190a000-0000-7000-8000-00000000c0de", spacecraftId: "sc-1", name: "PING", args: {} };
const BARRIER = { id: "0190a000-0000-7000-8000-0000000000ba", spacecraftId: "sc-1", name: "PING", args: {} };

describe("uplink spacecraft killed with SIGKILL between a command's receipt and its completion", () => {
  const dir = tempDir("uplink-spacecraft-");
  let ground: FakeGround;
  const of = (id: string, type: string) => ground.frames.filter((f) => f.commandId === id && f.type === type);
  const spacecraft = (execDelayMaxMs: number): ChildUplink =>
    spawnUplink(["spacecraft", "--downlink", ground.url], {
      UPLINK_DATA_DIR: dir.path,
      UPLINK_ACK_DELAY_MAX_MS: "0",
      UPLINK_EXEC_DELAY_MAX_MS: String(execDelayMaxMs),
      UPLINK_FAILURE_RATE: "0",
      PORT: "0",
    });

  beforeAll(async () => {
    ground = await startGround();
  });
  afterAll(async () => {
    await killChildren();
    await ground?.close();
    dir.dispose();
  });

  it("does not execute the retransmitted command again after the restart", async () => {
    // First life: the command is accepted, and its execution (up to an hour) is under way.
    const first = spacecraft(3_600_000);
    const firstUrl = await listening(first);
    expect((await postJson(`${firstUrl}/commands`, COMMAND)).status).toBe(202);
    await eventually(async () => (of(COMMAND.id, "acceptance").length > 0 ? true : undefined), 10_000);
    expect(of(COMMAND.id, "completion")).toEqual([]);
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    // Second life, on the same data directory, executing at once: the ground retransmits.
    const second = spacecraft(0);
    const secondUrl = await listening(second);
    expect((await postJson(`${secondUrl}/commands`, COMMAND)).status).toBe(202);
    // A new command sent after it: once it has completed, a second run of the first would have too.
    expect((await postJson(`${secondUrl}/commands`, BARRIER)).status).toBe(202);
    await eventually(async () => (of(BARRIER.id, "completion").length > 0 ? true : undefined), 10_000);

    expect(of(COMMAND.id, "acceptance")).toHaveLength(1);
    expect(of(COMMAND.id, "completion")).toEqual([]);
    const stats = (await (await fetch(`${secondUrl}/stats`)).json()) as {
      received: number;
      duplicates: number;
    };
    expect(stats).toMatchObject({ received: 1, duplicates: 1 });
    second.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
  }, 60_000);
});
