// The entry point of `uplink-sim`: tsyringe needs the Reflect polyfill before anything else.
import "reflect-metadata";
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2));
