import { InMemoryTelecommandRepository } from "../../src/adapters/in-memory-telecommand-repository.js";
import { runTelecommandRepositoryContract } from "../../src/testing/index.js";

runTelecommandRepositoryContract("InMemoryTelecommandRepository", () => ({
  repository: new InMemoryTelecommandRepository(),
}));

runTelecommandRepositoryContract("InMemoryTelecommandRepository with two queued statuses", () => ({
  repository: new InMemoryTelecommandRepository({ queuedStatuses: ["ready", "held"] }),
}));
