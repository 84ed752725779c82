import type { Awaitable } from "../awaitable.js";
import type { CommandArgs } from "../types.js";

/** What crosses the uplink: SPEC §3's `{id, spacecraftId, name, args}`. */
export interface UplinkCommand {
  readonly id: string;
  readonly spacecraftId: string;
  readonly name: string;
  readonly args: CommandArgs;
}

/** Whether the link took the command; a refusal fails the command with `link_error`. */
export type UplinkResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** The link to the spacecraft (in-process simulator, HTTP, or a mission's own gateway). */
export interface Uplink {
  /** The link's answer: at once (an in-process spacecraft) or a promise of it (HTTP). */
  send(command: UplinkCommand): Awaitable<UplinkResult>;
}

export const UPLINK = Symbol.for("uplink.Uplink");
