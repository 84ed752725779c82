import { InMemoryTelemetryArchive } from "../../src/adapters/in-memory-telemetry-archive.js";
import { runTelemetryArchiveContract } from "../../src/testing/index.js";

runTelemetryArchiveContract("InMemoryTelemetryArchive", () => {
  const archive = new InMemoryTelemetryArchive();
  return { archive, peer: archive };
});
