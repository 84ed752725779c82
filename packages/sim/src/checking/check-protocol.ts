import type { TraceChunk } from "../trace/trace-codec.js";
import type { TraceVerdict } from "./trace-verdict.js";

/** What the scenario's thread sends the checking worker. */
export type CheckMessage =
  | { readonly kind: "chunk"; readonly chunk: TraceChunk }
  | { readonly kind: "finish" };

/** What the checking worker answers. */
export type CheckReply =
  | { readonly kind: "verdict"; readonly verdict: TraceVerdict }
  | { readonly kind: "error"; readonly message: string };

/** Slots of the shared progress array: chunks the worker has checked, and whether it failed. */
export const DONE = 0;
export const FAILED = 1;
