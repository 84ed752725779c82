import type { AddressInfo } from "node:net";
import { connect, createServer, type Server, type Socket } from "node:net";

/** A TCP proxy in front of the server that can cut the event streams passing through it. */
export interface StreamCutter {
  /** The proxy's base URL: open the console here. */
  readonly url: string;
  /**
   * Drops every open `GET /api/events` connection and refuses new ones (the browser sees a
   * network error) until {@link restore}; every other request still goes through.
   */
  cut(): number;
  /** Lets event streams through again. */
  restore(): void;
  close(): Promise<void>;
}

const EVENTS_REQUEST = Buffer.from("GET /api/events");

/**
 * Starts a proxy on an ephemeral port forwarding to `target` (`http://host:port`). A connection
 * whose request is `GET /api/events` counts as an event stream; EventSource keeps its own
 * connection, so cutting it leaves the rest of the page's traffic alone.
 *
 * @example
 * const cutter = await startStreamCutter(server.url);
 * await page.goto(cutter.url);
 * cutter.cut(); // ... transitions happen ...
 * cutter.restore();
 */
export async function startStreamCutter(target: string): Promise<StreamCutter> {
  const { hostname, port } = new URL(target);
  const streams = new Set<Socket>();
  const all = new Set<Socket>();
  let cutting = false;

  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    all.add(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      streams.delete(client);
      all.delete(client);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    client.on("data", (chunk: Buffer) => {
      const isStream = chunk.subarray(0, EVENTS_REQUEST.length).equals(EVENTS_REQUEST);
      if (isStream && cutting) return drop();
      if (isStream) streams.add(client);
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      cutting = true;
      const dropped = streams.size;
      for (const socket of [...streams]) socket.destroy();
      return dropped;
    },
    restore() {
      cutting = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of all) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
