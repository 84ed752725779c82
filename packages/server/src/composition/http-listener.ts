import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { answerClientErrors } from "../http/client-errors.js";

/** The HTTP server of a ground process, and how to take it down in two steps. */
export interface HttpListener {
  readonly url: string;
  stopAccepting(): void;
  /** Waits up to `drainMs` for requests under way (event streams excepted), then cuts every connection. */
  drain(drainMs: number): Promise<void>;
}

/**
 * Listens on `port` and `host` with `handler`, counting requests under way (event streams
 * excepted) so that a drain can wait for exactly those. Requests Node's parser refuses are
 * answered as problems too (see {@link answerClientErrors}).
 *
 * @example
 * const http = await startHttp(app.callback(), 8080, "127.0.0.1");
 * http.stopAccepting();
 * await http.drain(5_000);
 */
export async function startHttp(handler: RequestListener, port: number, host: string): Promise<HttpListener> {
  let active = 0;
  let onIdle: (() => void) | null = null;
  const server = createServer((req, res) => {
    // Event streams never end on their own: they are cut once the other requests are done.
    if (req.url?.startsWith("/api/events")) return handler(req, res);
    active++;
    res.once("close", () => {
      active--;
      if (active === 0) onIdle?.();
    });
    return handler(req, res);
  });
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  const closed = new Promise<void>((resolve) => server.once("close", () => resolve()));
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${actual}`,
    stopAccepting() {
      server.close();
      server.closeIdleConnections();
    },
    async drain(drainMs) {
      if (active > 0) {
        await Promise.race([new Promise<void>((resolve) => (onIdle = resolve)), delay(drainMs)]);
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
