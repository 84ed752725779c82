import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { sharedChunkMemory, TraceChunkWriter } from "../trace/trace-codec.js";
import type { TraceCheckOptions } from "./check-on-this-thread.js";
import { type CheckMessage, type CheckReply, DONE, FAILED } from "./check-protocol.js";
import type { TraceCheck, TraceVerdict } from "./trace-verdict.js";

/**
 * Chunks written and not yet checked before the scenario's thread waits: the worker usually
 * keeps up (checking costs less than running the ground), so this bounds memory only when it
 * does not, e.g. on a machine whose other core is busy.
 */
const MAX_CHUNKS_AHEAD = 8;
/** The chunks of shared memory the writer takes in turn: those ahead, and the one it writes. */
const SLOTS = MAX_CHUNKS_AHEAD + 2;
const WAIT_SLICE_MS = 1_000;

/**
 * Hashes, counts and checks the trace on a worker thread while the scenario's thread runs the
 * ground: a million-command run writes eight million records, and checking them takes about a
 * third of a run's time, which a second core then does alongside. Records cross in chunks of
 * numbers, id bytes and strings ({@link TraceChunkWriter}) written in a ring of shared memory;
 * the worker rebuilds each record as it was and writes it to the same hasher, counter and
 * checker as {@link checkOnThisThread}, in the same order, so the verdict is the same. The
 * scenario's thread runs synchronously, event after event, and reads no message until the run
 * ends, so the worker reports progress through shared memory, which the scenario's thread waits
 * on when it is {@link MAX_CHUNKS_AHEAD} chunks ahead.
 */
export function checkOnWorker(options: TraceCheckOptions): TraceCheck {
  const progress = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
  const worker = startWorker({
    progress,
    lifecycle: options.lifecycle?.definition ?? null,
    expectedCommands: options.expectedCommands ?? null,
  });
  // Until the verdict is asked for, the worker does not keep the process alive.
  worker.unref();
  let sent = 0;
  const send = (message: CheckMessage) => worker.postMessage(message);
  const writer = new TraceChunkWriter(
    (chunk) => {
      if (Atomics.load(progress, FAILED) === 1) return;
      // Its memory is shared: nothing to transfer.
      send({ kind: "chunk", chunk });
      sent++;
      for (;;) {
        const done = Atomics.load(progress, DONE);
        if (sent - done <= MAX_CHUNKS_AHEAD || Atomics.load(progress, FAILED) === 1) return;
        Atomics.wait(progress, DONE, done, WAIT_SLICE_MS);
      }
    },
    { memory: sharedChunkMemory(SLOTS) },
  );
  const verdict = new Promise<TraceVerdict>((resolve, reject) => {
    worker.on("message", (reply: CheckReply) => {
      if (reply.kind === "verdict") resolve(reply.verdict);
      else reject(new Error(`the trace checker failed: ${reply.message}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the trace checker stopped (exit code ${code})`)));
  });
  // Observed at once, so that a failure the run never asks about is not left unhandled.
  verdict.catch(() => undefined);
  return {
    sink: writer,
    finish: async () => {
      writer.flush();
      worker.ref();
      send({ kind: "finish" });
      try {
        return await verdict;
      } finally {
        void worker.terminate();
      }
    },
    abandon: () => void worker.terminate(),
  };
}

/** The worker, on the compiled code, or on the TypeScript sources through tsx when running from them. */
function startWorker(workerData: object): Worker {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return new Worker(new URL("./check-worker-main.js", here), { workerData });
  const boot = fileURLToPath(new URL("../../bin/source-worker.mjs", here));
  return new Worker(boot, {
    execArgv: ["--conditions=source"],
    workerData: { ...workerData, entry: new URL("./check-worker-main.ts", here).href },
  });
}
