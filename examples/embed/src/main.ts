import { runEmbeddedPass } from "./run-embedded-pass.js";

for (const { command, entry } of await runEmbeddedPass()) {
  const at = new Date(entry.at).toISOString();
  const why = entry.reason ? `  (${entry.reason})` : "";
  const failure = entry.to === "failed" ? ` [${command.failureReason}]` : "";
  console.log(
    `${at}  ${command.name.padEnd(15)} ${String(entry.from ?? "-").padEnd(13)} → ${entry.to}${failure}${why}`,
  );
}
