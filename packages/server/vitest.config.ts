import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.js";

// Most server tests wait on PostgreSQL, sockets, browsers and child processes rather than the
// CPU: on a 2-core machine (vitest's default there is one file at a time), two files at a time
// took the suite from 489 s to 317 s, and three from 570 s to 506 s on a slower day (2026-12-05),
// when two left a fifth of both cores idle.
export default mergeConfig(sharedConfig, defineConfig({ test: { maxWorkers: 3 } }));
