/**
 * @uplink/sim/testing: fast-check arbitraries for whole scenarios, for a mission's own
 * property tests. Kept out of the main entry so that code that only runs the simulated
 * spacecraft or predicts passes (the server) never loads fast-check; fast-check is an
 * optional peer dependency that only this entry needs.
 *
 * @example
 * ```ts
 * import { arbScenario } from "@uplink/sim/testing";
 * await fc.assert(fc.asyncProperty(arbScenario(), async (scenario) => { … }));
 * ```
 */

export { type ArbScenarioOptions, arbContactsSpec, arbScenario } from "./arb-scenario.js";
