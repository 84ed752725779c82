import { type TelecommandService, UnknownSpacecraftError } from "@uplink/core";
import type { DependencyContainer } from "tsyringe";
import { expect, it } from "vitest";
import { runScenario } from "../../src/scenario/run-scenario.js";
import { TELECOMMAND_SERVICE } from "../../src/scenario/tokens.js";

it("registers the scenario's spacecraft, and core's rule refuses commands to any other", async () => {
  let container: DependencyContainer | null = null;
  const result = await runScenario({
    seed: 3,
    commands: 50,
    days: 1,
    spacecraft: ["sat-a", "sat-b"],
    keepTrace: false,
    configure: (c) => {
      container = c;
    },
  });
  expect(result.violation).toBeNull();
  const service = (container as DependencyContainer | null)?.resolve<TelecommandService>(TELECOMMAND_SERVICE);
  expect(() => service?.submit({ name: "PING", spacecraftId: "sc-1" })).toThrow(UnknownSpacecraftError);
  expect(service?.submit({ name: "PING", spacecraftId: "sat-b" })).toMatchObject({ created: true });
});
