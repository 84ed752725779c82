import { bearer } from "../../support/tokens.js";

/** One Server-Sent Event as a client sees it. */
export interface SseMessage {
  readonly id: string | null;
  readonly event: string;
  readonly data: string;
  /** When the client received it (Date.now()). */
  readonly at: number;
}

/**
 * A minimal EventSource for tests, over fetch: it records every event and comment of one
 * connection, and can wait until a condition on them holds.
 */
export class SseClient {
  /** Every event of the stream, of any type, in order. */
  readonly all: SseMessage[] = [];
  readonly comments: string[] = [];
  private ended = false;
  private wake: (() => void) | null = null;

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  /**
   * Connects as the test admin (unless `headers` has its own `authorization`); resolves once
   * the response headers arrived (check `response.status`).
   */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: "text/event-stream", ...bearer(), ...headers },
      signal: abort.signal,
    });
    const client = new SseClient(response, abort);
    if (response.ok && response.body) void client.read(response.body);
    return client;
  }

  /** The `telecommand` events (transitions) so far; fleet events are in {@link all}. */
  get messages(): SseMessage[] {
    return this.all.filter((m) => m.event === "telecommand");
  }

  /** The parsed `data` of every `spacecraft` event so far. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the wire shape
  get spacecraft(): any[] {
    return this.all.filter((m) => m.event === "spacecraft").map((m) => JSON.parse(m.data));
  }

  /** The parsed `data` of every `telemetry` event so far. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the wire shape
  get telemetry(): any[] {
    return this.all.filter((m) => m.event === "telemetry").map((m) => JSON.parse(m.data));
  }

  /** The parsed `data` of every `telecommand` event so far. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read the wire shape
  get events(): any[] {
    return this.messages.filter((m) => m.event === "telecommand").map((m) => JSON.parse(m.data));
  }

  /** The `id:` of every `telecommand` event so far, as numbers. */
  get ids(): number[] {
    return this.messages.map((m) => Number(m.id));
  }

  get closedByServer(): boolean {
    return this.ended;
  }

  /** Resolves when `condition` holds; rejects after `timeoutMs`. */
  async until(condition: (client: SseClient) => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      const left = deadline - Date.now();
      if (left <= 0 || this.ended) {
        if (condition(this)) return;
        throw new Error(`SSE condition not met (${this.all.length} events, ended: ${this.ended})`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut = buffer.indexOf("\n\n");
        while (cut >= 0) {
          this.parse(buffer.slice(0, cut));
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf("\n\n");
        }
        this.wake?.();
      }
    } catch {
      // Aborted by close().
    }
    this.ended = true;
    this.wake?.();
  }

  private parse(block: string): void {
    let id: string | null = null;
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) this.comments.push(line.slice(1).trim());
      else if (line.startsWith("id: ")) id = line.slice(4);
      else if (line.startsWith("event: ")) event = line.slice(7);
      else if (line.startsWith("data: ")) data.push(line.slice(6));
    }
    if (data.length > 0) this.all.push({ id, event, data: data.join("\n"), at: Date.now() });
  }
}
