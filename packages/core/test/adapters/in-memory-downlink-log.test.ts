import { InMemoryDownlinkLog } from "../../src/adapters/in-memory-downlink-log.js";
import { runDownlinkGapsContract, runDownlinkLogContract } from "../../src/testing/index.js";

runDownlinkLogContract("InMemoryDownlinkLog", () => ({ log: new InMemoryDownlinkLog() }));
runDownlinkGapsContract("InMemoryDownlinkLog", () => ({ log: new InMemoryDownlinkLog() }));
