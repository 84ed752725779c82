import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import { PROBLEM_TYPE, statusProblem } from "./problem-middleware.js";

/** Node's parser and timeout errors, by `code`, and the status each is answered with. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  408: "Request Timeout",
  413: "Payload Too Large",
  431: "Request Header Fields Too Large",
};

const DETAILS: Readonly<Record<number, string>> = {
  400: "the request is not well-formed HTTP",
  408: "the request was not received in time",
  413: "the chunk extensions of the request body are too large",
  431: "the request's header fields are too large",
};

/**
 * Answers what Node's HTTP parser refuses before any route sees it (malformed HTTP, header
 * fields too large, a request too slow to arrive) as an RFC 9457 problem, like every other
 * error, instead of Node's bare status line; the connection is closed after it. A socket that
 * cannot be written to any more, or whose response has started, is destroyed, as Node does.
 *
 * @example
 * const server = createServer(app.callback());
 * answerClientErrors(server);
 */
export function answerClientErrors(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    const response = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || response?.headersSent) {
      socket.destroy();
      return;
    }
    const status = STATUS_BY_CODE[error.code ?? ""] ?? 400;
    const body = JSON.stringify(statusProblem(status, DETAILS[status] as string));
    socket.end(
      `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
        `Content-Type: ${PROBLEM_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        "Connection: close\r\n\r\n" +
        body,
    );
  });
}
