import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

// Most server tests wait on PostgreSQL, sockets and timers rather than the CPU: two files at
// a time on a 2-core machine (vitest's default there is one) took the suite from 489 s to 317 s.
export default mergeConfig(sharedConfig, defineConfig({ test: { maxWorkers: 2 } }));
