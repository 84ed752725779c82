import { InMemoryDownlinkLog } from "../../src/adapters/in-memory-downlink-log.js";
import { runDownlinkLogContract } from "../../src/testing/index.js";

runDownlinkLogContract("InMemoryDownlinkLog", () => ({ log: new InMemoryDownlinkLog() }));
