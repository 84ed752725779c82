/**
 * The console's client for Uplink's REST API (SPEC §5). Every failure becomes an
 * {@link ApiError}; when the server answered with RFC 9457 problem details they are kept whole.
 */

/** A request that did not succeed: an HTTP problem, or no answer at all (`status` 0). */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 when the server could not be reached.
   * @param {Record<string, unknown>} problem The problem details body (may be empty).
   */
  constructor(status, problem) {
    super(
      String(
        problem.detail ?? problem.title ?? (status === 0 ? "The server cannot be reached" : `HTTP ${status}`),
      ),
    );
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /**
   * Every request field the problem names, with its message: the problem's `errors` member, or
   * its single `field` with the detail. Field names are dotted paths (`args`, `notAfter`).
   * @returns {{field: string, rule: string, message: string}[]}
   */
  get fieldErrors() {
    const p = this.problem;
    if (Array.isArray(p.errors) && p.errors.length > 0) {
      return p.errors
        .filter((e) => e && typeof e.field === "string")
        .map((e) => ({
          field: e.field,
          rule: String(e.rule ?? ""),
          message: String(e.message ?? p.detail ?? "is invalid"),
        }));
    }
    return typeof p.field === "string" ? [{ field: p.field, rule: "", message: this.message }] : [];
  }

  /** For a 409 on cancel: the status the command is in, when the problem says it. */
  get currentStatus() {
    const p = this.problem;
    const status = p.currentStatus;
    return typeof status === "string" ? status : null;
  }
}

/**
 * Sends one request and parses the JSON answer.
 * @param {string} path
 * @param {RequestInit} [init]
 */
async function request(path, init = {}) {
  let response;
  try {
    response = await fetch(path, { ...init, headers: { accept: "application/json", ...init.headers } });
  } catch (error) {
    throw new ApiError(0, {
      title: "Network error",
      detail: `The server cannot be reached (${error.message})`,
    });
  }
  const text = await response.text();
  let body = {};
  if (text !== "") {
    try {
      body = JSON.parse(text);
    } catch {
      body = { detail: text.slice(0, 200) };
    }
  }
  if (!response.ok) throw new ApiError(response.status, body && typeof body === "object" ? body : {});
  return body;
}

/** @param {Record<string, string | number | null | undefined>} params */
function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The API, one method per route the console uses. */
export const api = {
  /**
   * Submits a command; the idempotency key makes a retry of the same submission harmless.
   * @param {Record<string, unknown>} body
   * @param {string} idempotencyKey
   */
  submit(body, idempotencyKey) {
    return request("/api/telecommands", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
      body: JSON.stringify(body),
    });
  },

  /** @param {{limit?: number, cursor?: string | null, status?: string, spacecraftId?: string}} [params] */
  list(params = {}) {
    return request(`/api/telecommands${query(params)}`);
  },

  /** @param {string} id */
  get(id) {
    return request(`/api/telecommands/${encodeURIComponent(id)}`);
  },

  /** @param {string} id */
  cancel(id) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/cancel`, { method: "POST" });
  },

  /** @param {string} id */
  approve(id) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/approve`, { method: "POST" });
  },

  /**
   * @param {string} id
   * @param {string} reason
   */
  reject(id, reason) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/reject`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason }),
    });
  },

  /** @param {string} id */
  hold(id) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/hold`, { method: "POST" });
  },

  /** @param {string} id */
  release(id) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/release`, { method: "POST" });
  },

  /**
   * @param {string} id
   * @param {string} text
   */
  comment(id, text) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/comments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text }),
    });
  },

  /**
   * Sets a spacecraft's queue state (`open`, `held`, `closed`).
   * @param {string} id
   * @param {string} state
   */
  setQueue(id, state) {
    return request(`/api/spacecraft/${encodeURIComponent(id)}/queue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ state }),
    });
  },

  /** @param {string} id */
  history(id) {
    return request(`/api/telecommands/${encodeURIComponent(id)}/history`);
  },

  /**
   * The address of the export of the commands these filters list (SPEC §10); the session cookie
   * authenticates the download.
   * @param {"csv" | "ndjson"} format
   * @param {{status?: string, spacecraftId?: string, from?: string, to?: string}} [filters]
   */
  exportUrl(format, filters = {}) {
    return `/api/telecommands/export${query({ format, ...filters })}`;
  },

  contacts() {
    return request("/api/contacts");
  },

  stats() {
    return request("/api/stats");
  },

  /** @param {{sort?: string, mission?: string}} [params] */
  fleet(params = {}) {
    return request(`/api/spacecraft${query(params)}`);
  },

  /** @param {string} id */
  spacecraft(id) {
    return request(`/api/spacecraft/${encodeURIComponent(id)}`);
  },

  /** @param {Record<string, unknown>} body */
  register(body) {
    return request("/api/spacecraft", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  },

  missions() {
    return request("/api/missions");
  },

  /**
   * One parameter's values, oldest first.
   * @param {string} id
   * @param {{name: string, from?: string, to?: string, limit?: number}} params
   */
  telemetryHistory(id, params) {
    return request(`/api/spacecraft/${encodeURIComponent(id)}/telemetry${query(params)}`);
  },

  /**
   * One spacecraft's next contact windows.
   * @param {string} id
   * @param {number} count
   */
  passes(id, count) {
    return request(`/api/contacts${query({ spacecraftId: id, count })}`);
  },

  /** @param {string} id */
  inhibits(id) {
    return request(`/api/spacecraft/${encodeURIComponent(id)}/inhibits`);
  },

  /**
   * @param {string} id
   * @param {{categories: string[], commands: string[]}} body
   */
  putInhibits(id, body) {
    return request(`/api/spacecraft/${encodeURIComponent(id)}/inhibits`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  },

  /** @param {string} mission */
  dictionary(mission) {
    return request(`/api/missions/${encodeURIComponent(mission)}/dictionary`);
  },
};
