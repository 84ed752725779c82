import type { Uplink, UplinkCommand, UplinkResult } from "@uplink/core";

export interface HttpUplinkOptions {
  /** The spacecraft service's base URL (`UPLINK_SPACECRAFT_URL`); commands go to `{baseUrl}/commands`. */
  readonly baseUrl: string;
  /** How long to wait for an answer (`UPLINK_LINK_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** The fetch to use (tests may pass their own); the global one by default. */
  readonly fetch?: typeof fetch;
}

/**
 * The uplink over HTTP (SPEC §3): POSTs `{id, spacecraftId, name, args}` to
 * `{baseUrl}/commands`. Any 2xx means the link took the command; any other status, a network
 * error, or no answer within the timeout is a refusal, which fails the command `link_error`.
 *
 * @example
 * const uplink = new HttpUplink({ baseUrl: "http://127.0.0.1:9100", timeoutMs: 5000 });
 * await uplink.send({ id, spacecraftId: "sc-1", name: "PING", args: {} }); // { ok: true }
 */
export class HttpUplink implements Uplink {
  private readonly endpoint: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: HttpUplinkOptions) {
    this.endpoint = `${options.baseUrl.replace(/\/+$/, "")}/commands`;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  async send(command: UplinkCommand): Promise<UplinkResult> {
    const body = JSON.stringify({
      id: command.id,
      spacecraftId: command.spacecraftId,
      name: command.name,
      args: command.args,
    });
    try {
      const response = await this.fetch(this.endpoint, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      // The body is not needed, but must be consumed to free the connection for reuse.
      await response.arrayBuffer().catch(() => undefined);
      if (response.ok) return { ok: true };
      return { ok: false, reason: `spacecraft answered ${response.status}` };
    } catch (error) {
      return { ok: false, reason: describeFailure(error, this.options.timeoutMs) };
    }
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  const message = error instanceof Error ? error.message : String(error);
  return `link unreachable: ${cause ?? message}`;
}
