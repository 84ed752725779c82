import type fc from "fast-check";
import type { TelecommandRepository } from "../../../src/ports/telecommand-repository.js";

/**
 * The same repository, with every call held back until the fast-check scheduler lets it run, so
 * that two services' reads and compare-and-sets interleave in every order the scheduler picks.
 */
export function scheduledRepository(
  repository: TelecommandRepository,
  scheduler: fc.Scheduler,
): TelecommandRepository {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return async (...args: unknown[]) => {
        await scheduler.schedule(Promise.resolve(), String(property));
        return value.apply(target, args);
      };
    },
  });
}
