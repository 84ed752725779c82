import { expect, it } from "vitest";
import { bearer } from "../support/tokens.js";
import { describeHttp } from "./support/describe-http.js";

const MISSING_ID = "01890000-0000-7000-8000-000000000000";
/** Sent as the test user of that role (each user is named after its role). */
const AS = (role: "operator" | "approver") => bearer(role);

describeHttp("the two-person rule: approve and reject (SPEC §10)", ({ start, storedRows }) => {
  it("stores a command submitted with approval: true as pending_approval; another person's approval makes it ready", async () => {
    const h = await start();
    const submitted = await h.post("/api/telecommands", { name: "PING", approval: true }, AS("operator"));
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: "pending_approval", submittedBy: "operator" });
    const id = submitted.body.id as string;
    const listed = await h.request("/api/telecommands?status=pending_approval");
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    const approved = await h.request(`/api/telecommands/${id}/approve`, {
      method: "POST",
      headers: AS("approver"),
    });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id, status: "ready", version: 2 });
    const history = await h.request(`/api/telecommands/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({
      from: "pending_approval",
      to: "ready",
      actor: "approver",
    });
  });

  it("refuses the submitter's own approval with 403 self_approval, changing nothing", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING", approval: true }, AS("approver"));
    const before = await storedRows();
    const self = await h.request(`/api/telecommands/${c.id}/approve`, {
      method: "POST",
      headers: AS("approver"),
    });
    expect(self.status).toBe(403);
    expect(self.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(self.body).toMatchObject({ status: 403, code: "self_approval" });
    // An operator may not approve anyone's command: the role's 403 comes first.
    const operator = await h.request(`/api/telecommands/${c.id}/approve`, {
      method: "POST",
      headers: AS("operator"),
    });
    expect(operator.body).toMatchObject({ status: 403, code: "forbidden" });
    expect(await storedRows()).toBe(before);
    expect((await h.repository.get(c.id))?.status).toBe("pending_approval");
  });

  it("rejects with a reason: the command is cancelled, the reason and the rejecter in its history", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING", approval: true }, AS("operator"));
    const rejected = await h.post(
      `/api/telecommands/${c.id}/reject`,
      { reason: "wrong pass" },
      AS("approver"),
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "cancelled" });
    expect(rejected.body.cancelledAt).toMatch(/Z$/);
    const history = await h.request(`/api/telecommands/${c.id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({
      to: "cancelled",
      reason: "wrong pass",
      actor: "approver",
    });
  });

  it("answers 409 with the status when the command is not pending approval, 404 when unknown", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING" }, AS("operator"));
    const approve = await h.request(`/api/telecommands/${c.id}/approve`, {
      method: "POST",
      headers: AS("approver"),
    });
    expect(approve.status).toBe(409);
    expect(approve.body).toMatchObject({ code: "status_conflict", currentStatus: "ready" });
    const reject = await h.post(`/api/telecommands/${c.id}/reject`, { reason: "no" }, AS("approver"));
    expect(reject.status).toBe(409);
    expect(reject.body.currentStatus).toBe("ready");
    const missing = await h.request(`/api/telecommands/${MISSING_ID}/approve`, { method: "POST" });
    expect(missing.status).toBe(404);
    expect((await h.repository.get(c.id))?.version).toBe(1);
  });

  it("answers 400 naming the field for a bad reason or approval flag, storing nothing", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING", approval: true }, AS("operator"));
    const before = await storedRows();
    for (const body of [{}, { reason: "" }, { reason: "x".repeat(1_001) }, { reason: "ok", extra: 1 }]) {
      const res = await h.post(`/api/telecommands/${c.id}/reject`, body, AS("approver"));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(["reason", "extra"]).toContain(res.body.field);
    }
    const flag = await h.post("/api/telecommands", { name: "PING", approval: "yes" });
    expect(flag.status).toBe(400);
    expect(flag.body.field).toBe("approval");
    expect(await storedRows()).toBe(before);
  });

  it("lets a pending command be cancelled", async () => {
    const h = await start();
    const { body: c } = await h.post("/api/telecommands", { name: "PING", approval: true }, AS("operator"));
    const cancelled = await h.request(`/api/telecommands/${c.id}/cancel`, {
      method: "POST",
      headers: AS("operator"),
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
  });
});
