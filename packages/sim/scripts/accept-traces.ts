// `npm run accept-traces -w @uplink/sim`: records today's trace hashes of the golden scenarios
// as the accepted ones for this engine version, after a change of behaviour made on purpose.
import "reflect-metadata";
import {
  currentTraceHashes,
  engineVersion,
  readGoldenTraces,
  writeGoldenTraces,
} from "../test/golden/golden-traces.js";

const engine = engineVersion();
const traces = readGoldenTraces();
const before = traces[engine] ?? {};
const now = await currentTraceHashes();
traces[engine] = now;
writeGoldenTraces(traces);
for (const [name, hash] of Object.entries(now)) {
  const was = before[name];
  const change = was === undefined ? "new" : was === hash ? "unchanged" : `was ${was}`;
  console.log(`${engine}  ${name}: ${hash} (${change})`);
}
