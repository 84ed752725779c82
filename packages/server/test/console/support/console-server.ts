import { startUplink } from "../../../src/composition-root.js";
import { loadConfig } from "../../../src/config.js";
import { bearer, TEST_TOKENS } from "../../support/tokens.js";

/** A real Uplink (API, console, sender, in-process spacecraft) on in-memory PGlite. */
export interface ConsoleServer {
  readonly url: string;
  /** Answers of the API to the test admin (unless `init` has its own `authorization`), parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire shapes
  api(path: string, init?: RequestInit): Promise<{ status: number; body: any }>;
  /** Submits a command through the API. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire shapes
  submit(body: Record<string, unknown>): Promise<any>;
  /** Polls a command until `done(status)` holds; returns the command. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary wire shapes
  waitFor(id: string, done: (status: string) => boolean, timeoutMs?: number): Promise<any>;
  stop(): Promise<void>;
}

/**
 * Starts Uplink in this process with short delays (transmit ≤ 200 ms, acceptance and
 * execution ≤ 300 ms), contact always, on an in-memory database, listening on a free port.
 *
 * @example
 * const server = await startConsoleServer();
 * const command = await server.submit({ name: "PING" });
 */
export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  const config = loadConfig(["--port", "0", "--host", "127.0.0.1"], {
    UPLINK_TRANSMIT_DELAY_MAX_MS: "200",
    UPLINK_ACK_DELAY_MAX_MS: "300",
    UPLINK_EXEC_DELAY_MAX_MS: "300",
    UPLINK_CONTACTS: "always",
    UPLINK_SEED: "7",
    LOG_LEVEL: "silent",
    UPLINK_ADMIN_TOKEN: TEST_TOKENS.admin,
    ...env,
  });
  const uplink = await startUplink(config, { inMemoryDatabase: true, drainMs: 500 });
  const url = uplink.url;
  if (url === null) throw new Error("the server started without HTTP");

  const api: ConsoleServer["api"] = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("authorization")) headers.set("authorization", bearer().authorization);
    const response = await fetch(url + path, { ...init, headers });
    const text = await response.text();
    return { status: response.status, body: text === "" ? null : JSON.parse(text) };
  };

  return {
    url,
    api,
    async submit(body) {
      const answer = await api("/api/telecommands", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (answer.status !== 201)
        throw new Error(`submit answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body;
    },
    async waitFor(id, done, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await api(`/api/telecommands/${id}`);
        if (done(body.status)) return body;
        if (Date.now() > until) throw new Error(`command ${id} is still ${body.status}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    stop: () => uplink.stop(),
  };
}
