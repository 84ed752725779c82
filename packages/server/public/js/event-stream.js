/**
 * Follows `GET /api/events` (Server-Sent Events: `event: telecommand`, and the fleet's
 * `event: spacecraft` and `event: telemetry`). EventSource resumes by
 * itself with the `Last-Event-ID` header after a network drop; when the browser gives up (the
 * server answered an error while restarting), this module opens a new stream with
 * `?lastEventId=` so the server replays what was missed. Events are delivered once each, in order.
 */

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

/**
 * @typedef {object} StreamHandlers
 * @property {(event: {command: object, entry: object}) => void} onTransition
 * @property {(event: {change: string, spacecraft: Record<string, any>}) => void} [onSpacecraft]
 * @property {(event: {spacecraftId: string, parameters: Record<string, any>}) => void} [onTelemetry]
 * @property {(state: "connecting" | "open" | "down") => void} onState
 */

/**
 * Opens the stream and keeps it open until `close()` is called.
 * @param {StreamHandlers} handlers
 * @param {{url?: string}} [options]
 */
export function openEventStream(handlers, options = {}) {
  const url = options.url ?? "/api/events";
  /** @type {EventSource | null} */
  let source = null;
  let lastEventId = null;
  let retryMs = MIN_RETRY_MS;
  let retryTimer = 0;
  let closed = false;

  const connect = () => {
    retryTimer = 0;
    const target = lastEventId === null ? url : `${url}?lastEventId=${encodeURIComponent(lastEventId)}`;
    source = new EventSource(target);
    source.addEventListener("open", () => {
      retryMs = MIN_RETRY_MS;
      handlers.onState("open");
    });
    source.addEventListener("telecommand", (message) => receive(message));
    source.addEventListener("spacecraft", (message) => {
      const event = parse(message);
      if (event && typeof event.spacecraft === "object" && event.spacecraft) handlers.onSpacecraft?.(event);
    });
    source.addEventListener("telemetry", (message) => {
      const event = parse(message);
      if (event && typeof event.spacecraftId === "string" && event.parameters) handlers.onTelemetry?.(event);
    });
    source.addEventListener("error", () => {
      if (closed) return;
      handlers.onState("down");
      if (source && source.readyState === EventSource.CLOSED) {
        source = null;
        retryTimer = window.setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
    });
  };

  /**
   * A fleet event's data. Fleet events are snapshots (a spacecraft, the latest values with their
   * `seq`) that the page applies idempotently, so they skip the id check: an event without an
   * `id:` line reports the previous event's id, which must not count as a replay.
   * @param {MessageEvent} message
   */
  const parse = (message) => {
    try {
      const event = JSON.parse(message.data);
      return event && typeof event === "object" ? event : null;
    } catch {
      return null;
    }
  };

  /** @param {MessageEvent} message */
  const receive = (message) => {
    const id = message.lastEventId === "" ? null : Number(message.lastEventId);
    // A replay may overlap what was already seen (header and query both honoured): skip it.
    if (id !== null && lastEventId !== null && id <= lastEventId) return;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (id !== null) lastEventId = id;
    if (event && typeof event === "object" && event.command && event.entry) handlers.onTransition(event);
  };

  handlers.onState("connecting");
  connect();

  return {
    /** The id of the last event delivered, or null before the first. */
    get lastEventId() {
      return lastEventId;
    },
    close() {
      closed = true;
      window.clearTimeout(retryTimer);
      source?.close();
      source = null;
    },
  };
}
