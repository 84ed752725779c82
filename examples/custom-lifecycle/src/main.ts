import { runPusExample } from "./run-pus-example.js";

for (const { command, entry } of await runPusExample()) {
  const at = new Date(entry.at).toISOString();
  const reason = entry.reason ? `  (${entry.reason})` : "";
  console.log(
    `${at}  ${command.name.padEnd(15)} ${String(entry.from ?? "-").padEnd(13)} → ${entry.to}${reason}`,
  );
}
