import { type DownlinkFrame, InhibitedError, ready, type TelecommandService } from "@uplink/core";
import { RECOVER_COMMAND } from "../spacecraft/housekeeping.js";

/** The simulated operator who answers safe mode: what it did. */
export interface SafeModeOperator {
  /** Looks at a frame the ground received: a `MODE: SAFE` one gets a `RECOVER` sent. */
  observe(frame: DownlinkFrame): void;
  /** RECOVER commands submitted. */
  readonly recovers: () => number;
}

/**
 * Simulated operators watching housekeeping: when the ground receives a frame saying a
 * spacecraft is in `MODE: SAFE`, they submit `RECOVER` to it, unless one they sent is still
 * under way (not final): once it ended, executed or not, the next SAFE frame gets another one. What the
 * ground then does with it (queue, inhibits, timeouts) is core's as always.
 *
 * @example
 * const operator = safeModeOperator(() => ground().service);
 * link = new UnreliableDownlink(clock, random, (frame) => { operator.observe(frame); ground().receive(frame); });
 */
export function safeModeOperator(service: () => TelecommandService): SafeModeOperator {
  const underWay = new Map<string, string>();
  let recovers = 0;
  return {
    observe(frame) {
      if (frame.type !== "telemetry" || frame.parameters?.MODE !== "SAFE") return;
      const sent = underWay.get(frame.spacecraftId);
      if (sent !== undefined) {
        const command = ready(service().get(sent), "the ground's service");
        if (!service().lifecycle.isFinal(command.status)) return;
      }
      try {
        const { command } = ready(
          service().submit({ name: RECOVER_COMMAND, spacecraftId: frame.spacecraftId }),
          "the ground's service",
        );
        underWay.set(frame.spacecraftId, command.id);
        recovers++;
      } catch (error) {
        // An inhibited RECOVER is the operators' own choice; they try again at the next frame.
        if (!(error instanceof InhibitedError)) throw error;
      }
    },
    recovers: () => recovers,
  };
}
