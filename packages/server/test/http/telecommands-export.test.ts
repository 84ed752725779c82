import { expect, it } from "vitest";
import { CSV_COLUMNS } from "../../src/http/export/telecommand-export.js";
import { bearer } from "../support/tokens.js";
import { describeHttp } from "./support/describe-http.js";
import type { HttpHarness } from "./support/http-harness.js";

/** Splits CSV text (RFC 4180, CRLF rows) into rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

async function submitSome(h: HttpHarness): Promise<string[]> {
  const ids: string[] = [];
  for (const [name, spacecraftId, args] of [
    ["PING", "sc-1", {}],
    ["SET_MODE", "sc-2", { mode: 'SAFE, "really"', note: "line\nbreak" }],
    ["DUMP_TM", "sc-1", { n: 3 }],
  ] as const) {
    const answer = await h.post("/api/telecommands", { name, spacecraftId, args });
    expect(answer.status).toBe(201);
    ids.push(answer.body.id);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return ids;
}

describeHttp("GET /api/telecommands/export", ({ start }) => {
  it("streams every command as CSV, newest first, as an attachment, quoting what needs it", async () => {
    const h = await start();
    const ids = await submitSome(h);
    await h.request(`/api/telecommands/${ids[0]}/cancel`, { method: "POST" });
    const response = await fetch(`${h.baseUrl}/api/telecommands/export?format=csv`, { headers: bearer() });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="telecommands-.*\.csv"$/,
    );
    const rows = parseCsv(await response.text());
    expect(rows[0]).toEqual(CSV_COLUMNS);
    const column = (name: string) => CSV_COLUMNS.indexOf(name);
    expect(rows.slice(1).map((r) => r[column("id")])).toEqual([...ids].reverse());
    const setMode = rows.find((r) => r[column("name")] === "SET_MODE") as string[];
    expect(JSON.parse(setMode[column("args")] as string)).toEqual({
      mode: 'SAFE, "really"',
      note: "line\nbreak",
    });
    const cancelled = rows.find((r) => r[column("id")] === ids[0]) as string[];
    expect(cancelled[column("status")]).toBe("cancelled");
    expect(cancelled[column("cancelledAt")]).toMatch(/Z$/);
    expect(cancelled[column("transmittedAt")]).toBe("");
  });

  it("streams NDJSON with each command's history, under the list's filters and from/to", async () => {
    const h = await start();
    const ids = await submitSome(h);
    await h.request(`/api/telecommands/${ids[2]}/cancel`, { method: "POST" });
    const read = async (query: string) => {
      const response = await fetch(`${h.baseUrl}/api/telecommands/export?format=ndjson&${query}`, {
        headers: bearer(),
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".*\.ndjson"$/);
      const text = await response.text();
      return text === ""
        ? []
        : text
            .trimEnd()
            .split("\n")
            .map((line) => JSON.parse(line));
    };
    const all = await read("");
    expect(all.map((c) => c.id)).toEqual([...ids].reverse());
    const cancelled = all.find((c) => c.id === ids[2]);
    expect(cancelled.history.map((e: { to: string }) => e.to)).toEqual(["ready", "cancelled"]);
    expect(cancelled.history[0]).toMatchObject({ commandId: ids[2], from: null, seq: 1 });
    expect((await read("spacecraftId=sc-1")).map((c) => c.id)).toEqual([ids[2], ids[0]]);
    expect((await read("status=cancelled")).map((c) => c.id)).toEqual([ids[2]]);
    const created = all.map((c) => c.createdAt as string).reverse();
    expect((await read(`from=${created[1]}`)).map((c) => c.id)).toEqual([ids[2], ids[1]]);
    expect((await read(`to=${created[1]}`)).map((c) => c.id)).toEqual([ids[1], ids[0]]);
    expect((await read(`from=${created[1]}&to=${created[1]}`)).map((c) => c.id)).toEqual([ids[1]]);
    expect(await read("from=2999-01-01T00:00:00Z")).toEqual([]);
  });

  it("refuses a bad format or filter with a 400 naming the field, before streaming anything", async () => {
    const h = await start();
    for (const [query, field] of [
      ["", "format"],
      ["format=xml", "format"],
      ["format=csv&status=nope", "status"],
      ["format=csv&spacecraftId=bad%20id", "spacecraftId"],
      ["format=csv&from=yesterday", "from"],
      ["format=csv&from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z", "to"],
      ["format=csv&limit=5", "limit"],
    ] as const) {
      const answer = await h.request(`/api/telecommands/export?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.headers.get("content-type"), query).toMatch(/problem\+json/);
      expect(answer.body.field, query).toBe(field);
    }
  });
});

describeHttp(
  "GET /api/telecommands/export over many pages",
  ({ start }) => {
    it("exports every command once, page after page", async () => {
      const h = await start();
      const ids = new Set<string>();
      for (let i = 0; i < 1_234; i++) {
        const { command } = await h.service.submit({ name: `CMD${i}` });
        ids.add(command.id);
      }
      const text = await (
        await fetch(`${h.baseUrl}/api/telecommands/export?format=csv`, { headers: bearer() })
      ).text();
      const rows = parseCsv(text).slice(1);
      const exported = rows.map((r) => r[0] as string);
      expect(exported).toHaveLength(ids.size);
      expect(new Set(exported)).toEqual(ids);
    });
  },
  ["memory"],
);
