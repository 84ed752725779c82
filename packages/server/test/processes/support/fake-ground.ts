import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChildUplink, eventually } from "../../support/server.js";

/** A ground's downlink endpoint: its URL and every frame it was sent. */
export interface FakeGround {
  readonly url: string;
  readonly frames: Frame[];
  close(): Promise<void>;
}

/** A frame as the spacecraft service POSTs it. */
export interface Frame {
  readonly type: string;
  readonly spacecraftId?: string;
  readonly commandId?: string;
  readonly success?: boolean;
  readonly reason?: string;
}

/** A ground's downlink endpoint that keeps every frame it is sent. */
export async function startGround(): Promise<FakeGround> {
  const frames: Frame[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString("utf8");
    });
    req.on("end", () => {
      const parsed = JSON.parse(body) as Frame | Frame[];
      frames.push(...(Array.isArray(parsed) ? parsed : [parsed]));
      res.writeHead(202, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/downlink`;
  return {
    url,
    frames,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The URL the spacecraft service prints once it listens. */
export function listening(child: ChildUplink): Promise<string> {
  return eventually(
    async () => /spacecraft listening on (http:\/\/[^,]+),/.exec(child.output())?.[1],
    20_000,
  );
}
