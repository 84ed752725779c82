import fc from "fast-check";
import { expect, it } from "vitest";
import { describeHttp } from "./support/describe-http.js";
import { downlinkBody, submissionBody } from "./support/hostile-arbitraries.js";
import type { HttpHarness } from "./support/http-harness.js";

const MAX_BODY_BYTES = 64 * 1024;

describeHttp("hostile input, property", ({ start, storedRows }) => {
  /**
   * POSTs a body and checks the answer: a 2xx, or a 4xx problem after which the database holds
   * exactly the rows it held before; never a 5xx.
   */
  async function check(h: HttpHarness, path: string, body: string): Promise<void> {
    fc.pre(Buffer.byteLength(body) <= MAX_BODY_BYTES);
    const before = await storedRows();
    const res = await h.post(path, body);
    const answer = JSON.stringify(res.body);
    expect(res.status, answer).toBeLessThan(500);
    if (res.status >= 400) {
      expect(res.headers.get("content-type"), answer).toMatch(/^application\/problem\+json/);
      expect(res.body, answer).toMatchObject({ status: res.status, type: expect.any(String) });
      expect(await storedRows(), `rows stored by a ${res.status}: ${answer}`).toBe(before);
    } else {
      expect(res.status, answer).toBeGreaterThanOrEqual(200);
    }
  }

  it("answers any submission with a 2xx or a 4xx problem that stored nothing, never a 5xx", async () => {
    const h = await start();
    await fc.assert(
      fc.asyncProperty(submissionBody, (body) => check(h, "/api/telecommands", body)),
      { numRuns: 300 },
    );
  });

  it("answers any downlink body, one frame or many, with a 2xx or a 4xx problem that stored nothing, never a 5xx", async () => {
    const h = await start();
    await fc.assert(
      fc.asyncProperty(downlinkBody, (body) => check(h, "/api/downlink", body)),
      { numRuns: 300 },
    );
  });
});
