import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, killChildren, postJson, spawnUplink, tempDir } from "../support/server.js";
import { type FakeGround, type Frame, listening, startGround } from "./support/fake-ground.js";

const ORBIT = {
  mission: "orbit",
  commands: [
    { name: "DEPLOY_ANTENNA", category: "comms", description: "Unfold the antenna", hazardous: false },
  ],
};

describe("uplink spacecraft knows each spacecraft's dictionary", () => {
  const dir = tempDir("uplink-spacecraft-dictionary-");
  let ground: FakeGround;
  let url: string;
  const acceptanceOf = (id: string): Frame | undefined =>
    ground.frames.find((f) => f.commandId === id && f.type === "acceptance");
  const send = async (n: number, spacecraftId: string, name: string): Promise<Frame> => {
    const id = `0190a000-0000-7000-8000-0000000d1c${n.toString().padStart(2, "0")}`;
    expect((await postJson(`${url}/commands`, { id, spacecraftId, name, args: {} })).status).toBe(202);
    return eventually(async () => acceptanceOf(id), 10_000);
  };

  beforeAll(async () => {
    ground = await startGround();
    const file = join(dir.path, "orbit.json");
    writeFileSync(file, JSON.stringify(ORBIT));
    const child = spawnUplink(["spacecraft", "--downlink", ground.url], {
      UPLINK_DATA_DIR: dir.path,
      UPLINK_DICTIONARY: file,
      UPLINK_SPACECRAFT_MISSIONS: "sat-1=orbit,sat-2=orbit,demo-1=demo",
      UPLINK_ACK_DELAY_MAX_MS: "0",
      UPLINK_EXEC_DELAY_MAX_MS: "0",
      UPLINK_FAILURE_RATE: "0",
      PORT: "0",
    });
    url = await listening(child);
  }, 30_000);
  afterAll(async () => {
    await killChildren();
    await ground?.close();
    dir.dispose();
  });

  it("accepts its mission's commands and rejects the others", async () => {
    expect(await send(1, "sat-1", "DEPLOY_ANTENNA")).toMatchObject({ success: true });
    expect(await send(2, "sat-2", "PING")).toMatchObject({ success: false, reason: "unknown command PING" });
  });

  it("gives the demo mission the bundled dictionary unless a file replaces it", async () => {
    expect(await send(3, "demo-1", "PING")).toMatchObject({ success: true });
    expect(await send(4, "demo-1", "DEPLOY_ANTENNA")).toMatchObject({ success: false });
  });

  it("lets a spacecraft without a mission know every name but UNKNOWN…", async () => {
    expect(await send(5, "sc-1", "DEPLOY_ANTENNA")).toMatchObject({ success: true });
    expect(await send(6, "sc-1", "UNKNOWN_THING")).toMatchObject({ success: false });
  });
});
