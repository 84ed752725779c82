import type { Awaitable, Spacecraft, Uplink, UplinkCommand, UplinkResult } from "@uplink/core";
import { HttpUplink } from "./http-uplink.js";

/**
 * The uplink of a registered fleet: a spacecraft with its own `uplinkUrl` is reached over HTTP
 * at that URL, every other one through the process-wide link (`UPLINK_SPACECRAFT_URL`, or the
 * in-process spacecraft). It answers from the fleet it was last given ({@link update}).
 *
 * @example
 * const uplink = new FleetUplink(defaultUplink, 5_000);
 * uplink.update(await registry.list());
 */
export class FleetUplink implements Uplink {
  private urls = new Map<string, string>();
  private readonly links = new Map<string, HttpUplink>();

  constructor(
    private readonly fallback: Uplink,
    private readonly timeoutMs: number,
  ) {}

  /** Takes the fleet as now registered. */
  update(fleet: readonly Pick<Spacecraft, "id" | "uplinkUrl">[]): void {
    const urls = new Map<string, string>();
    for (const { id, uplinkUrl } of fleet) if (uplinkUrl !== null) urls.set(id, uplinkUrl);
    this.urls = urls;
  }

  send(command: UplinkCommand): Awaitable<UplinkResult> {
    const url = this.urls.get(command.spacecraftId);
    if (url === undefined) return this.fallback.send(command);
    let link = this.links.get(url);
    if (!link) {
      link = new HttpUplink({ baseUrl: url, timeoutMs: this.timeoutMs });
      this.links.set(url, link);
    }
    return link.send(command);
  }
}
