import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HttpListener, startHttp } from "../../src/composition/http-listener.js";

/** Sends raw bytes and reads everything until the server closes the connection. */
function exchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      text += chunk;
    });
    socket.on("error", reject);
    socket.on("close", () => resolve(text));
    socket.end(request);
  });
}

/** The status, headers and parsed body of a raw HTTP answer. */
function parse(answer: string): { status: number; headers: string; body: Record<string, unknown> } {
  const split = answer.indexOf("\r\n\r\n");
  const head = answer.slice(0, split);
  return {
    status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(head)?.[1]),
    headers: head.toLowerCase(),
    body: JSON.parse(answer.slice(split + 4)) as Record<string, unknown>,
  };
}

describe("answers from Node's HTTP parser", () => {
  let http: HttpListener;
  beforeAll(async () => {
    // Like the API's routes, it reads the body before it answers.
    http = await startHttp(
      (req, res) => {
        req.on("end", () => res.end("ok"));
        req.on("error", () => undefined);
        req.resume();
      },
      0,
      "127.0.0.1",
    );
  });
  afterAll(async () => {
    http.stopAccepting();
    await http.drain(100);
  });

  const cases: ReadonlyArray<readonly [string, string, number]> = [
    [
      "header fields larger than Node takes",
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(32 * 1024)}\r\n\r\n`,
      431,
    ],
    ["a request line that is not HTTP", "HELLO THERE\r\n\r\n", 400],
    ["a header name with a space", "GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n", 400],
    ["a NUL in a header value", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\u0000b\r\n\r\n", 400],
    [
      "chunk extensions larger than Node takes",
      `POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;${"e".repeat(32 * 1024)}\r\na\r\n0\r\n\r\n`,
      413,
    ],
  ];

  for (const [what, request, status] of cases) {
    it(`answers ${what} with a ${status} problem and closes the connection`, async () => {
      const answer = parse(await exchange(http.url, request));
      expect(answer.status).toBe(status);
      expect(answer.headers).toContain("content-type: application/problem+json");
      expect(answer.headers).toContain("connection: close");
      expect(answer.body).toMatchObject({ type: "about:blank", status, title: expect.any(String) });
      expect(answer.body.detail).toEqual(expect.any(String));
    });
  }

  it("still answers well-formed requests", async () => {
    expect(await (await fetch(`${http.url}/`)).text()).toBe("ok");
  });
});
