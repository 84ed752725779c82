// A worker thread's entry when the simulator runs from its TypeScript sources (a workspace
// checkout, or its tests): registers tsx in this thread, then loads the real entry. Built
// packages start their workers on the compiled JavaScript and never come here.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
