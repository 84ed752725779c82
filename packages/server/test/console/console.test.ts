import { commandCases } from "./command-cases.js";
import { dictionaryCases } from "./dictionary-cases.js";
import { fleetCases } from "./fleet-cases.js";
import { navigationCases } from "./navigation-cases.js";
import { safetyCases } from "./safety-cases.js";
import { sessionCases } from "./session-cases.js";
import { spacecraftCases } from "./spacecraft-cases.js";
import { streamCases } from "./stream-cases.js";
import { describeConsole } from "./support/console-suite.js";

// One server and one browser for every case: PGlite and Chromium each take seconds to start.
describeConsole("operator console", (suite) => {
  commandCases(suite);
  streamCases(suite);
  navigationCases(suite);
  fleetCases(suite);
  spacecraftCases(suite);
  dictionaryCases(suite);
  safetyCases(suite);
  // Last: it signs out and in again.
  sessionCases(suite);
});
