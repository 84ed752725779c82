// The entry of the worker thread that hashes and checks a trace (see check-on-worker.ts).

import { parentPort, workerData } from "node:worker_threads";
import { Lifecycle, type LifecycleDefinition } from "@uplink/core";
import { type TraceChunk, TraceChunkReader } from "../trace/trace-codec.js";
import { checkOnThisThread } from "./check-on-this-thread.js";
import { type CheckMessage, type CheckReply, DONE, FAILED } from "./check-protocol.js";

const data = workerData as {
  readonly progress: Int32Array;
  readonly lifecycle: LifecycleDefinition | null;
  readonly expectedCommands: number | null;
};
const port = parentPort;
if (port === null) throw new Error("check-worker-main runs only as a worker thread");
const check = checkOnThisThread({
  ...(data.lifecycle ? { lifecycle: new Lifecycle(data.lifecycle) } : {}),
  ...(data.expectedCommands === null ? {} : { expectedCommands: data.expectedCommands }),
});
const reader = new TraceChunkReader(check.sink);
let failed = false;

port.on("message", (message: CheckMessage) => {
  if (failed) return;
  try {
    if (message.kind === "chunk") {
      reader.read(message.chunk as TraceChunk);
      Atomics.add(data.progress, DONE, 1);
      Atomics.notify(data.progress, DONE);
    } else {
      void check
        .finish()
        .then((verdict) => port.postMessage({ kind: "verdict", verdict } satisfies CheckReply));
    }
  } catch (error) {
    failed = true;
    // The scenario's thread may be waiting for room: wake it, so that it stops sending.
    Atomics.store(data.progress, FAILED, 1);
    Atomics.notify(data.progress, DONE);
    port.postMessage({
      kind: "error",
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    } satisfies CheckReply);
  }
});
