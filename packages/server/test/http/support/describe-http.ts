import { InMemoryTelecommandRepository, type TelecommandRepository } from "@uplink/core";
import { afterEach, describe } from "vitest";
import { type HttpHarness, type HttpHarnessOptions, startHttp } from "./http-harness.js";

/** The storage behind a suite's servers. */
export type StorageKind = "memory";

/** Options of {@link HttpSuiteContext.start}. */
export interface SuiteServerOptions extends Omit<HttpHarnessOptions, "repository" | "downlinkLog"> {
  /** Wraps the suite's repository (to inject failures). */
  readonly wrapRepository?: (repository: TelecommandRepository) => TelecommandRepository;
}

/** What a suite run by {@link describeHttp} gets. */
export interface HttpSuiteContext {
  readonly kind: StorageKind;
  /** Starts a server on this storage (fresh and empty); it is closed after the test. */
  start(options?: SuiteServerOptions): Promise<HttpHarness>;
}

/**
 * Runs an HTTP suite once per storage kind, each test with its own listening server on empty
 * storage.
 */
export function describeHttp(name: string, body: (ctx: HttpSuiteContext) => void): void {
  describe(`${name} on memory`, () => {
    const open: HttpHarness[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((h) => h.close()));
    });
    body({
      kind: "memory",
      async start({ wrapRepository, ...options } = {}) {
        const repository = new InMemoryTelecommandRepository();
        const harness = await startHttp({
          ...options,
          repository: wrapRepository?.(repository) ?? repository,
        });
        open.push(harness);
        return harness;
      },
    });
  });
}
