/**
 * Uplink operator console: wires the modules under `js/` to the page. Plain ES modules served
 * as they are; the page uses only the public REST API and the event stream.
 */
import { ApiError, api } from "./js/api-client.js";
import { CommandStore } from "./js/command-store.js";
import { CommandTable } from "./js/command-table.js";
import { ContactsPanel } from "./js/contacts-panel.js";
import { DetailView } from "./js/detail-view.js";
import { openEventStream } from "./js/event-stream.js";
import { alertError, announce, notify } from "./js/notices.js";
import { whenSignedIn } from "./js/session.js";
import { StatsPanel } from "./js/stats-panel.js";
import { FINAL_STATUSES } from "./js/status-badge.js";
import { SubmitForm } from "./js/submit-form.js";

// Nothing below asks the API anything until someone is signed in.
await whenSignedIn();

const PAGE_SIZE = 100;

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const store = new CommandStore();
/** Commands sent from this tab: their transitions are announced to screen readers. */
const mine = new Set();
const stats = new StatsPanel(byId("stats"));
const contacts = new ContactsPanel(byId("contacts"));

/**
 * Cancels a command; when the cancel loses the race, shows the status that won.
 * @param {string} id
 * @param {HTMLButtonElement} button
 */
async function cancel(id, button) {
  const name = store.get(id)?.name ?? "command";
  button.disabled = true;
  try {
    const command = await api.cancel(id);
    store.put(command);
    notify(`Cancelled ${name}.`);
  } catch (error) {
    button.disabled = false;
    if (error instanceof ApiError && error.status === 409) {
      let status = error.currentStatus;
      try {
        const command = await api.get(id);
        store.put(command);
        status ??= command.status;
      } catch {
        // The problem body already named the status; the row follows the stream.
      }
      alertError(`Cannot cancel ${name}: it is already ${status ?? "past ready"}.`);
    } else {
      alertError(`Cannot cancel ${name}: ${error.message}`);
    }
  }
  stats.poke();
}

new CommandTable({
  body: /** @type {HTMLTableSectionElement} */ (byId("command-rows")),
  count: byId("command-count"),
  loadMore: /** @type {HTMLButtonElement} */ (byId("load-more")),
  store,
  onCancel: cancel,
  onLoadOlder: loadOlder,
});
const detail = new DetailView({ panel: byId("detail"), store, onCancel: cancel });

new SubmitForm({
  form: /** @type {HTMLFormElement} */ (byId("submit-form")),
  onSent(command) {
    mine.add(command.id);
    store.put(command);
    notify(`Sent ${command.name} to ${command.spacecraftId}: ${command.status}.`);
  },
  // Rejected and duplicate submissions change the counts without any event.
  onSettled: () => stats.poke(),
});

async function loadFirstPage() {
  try {
    const page = await api.list({ limit: PAGE_SIZE });
    store.reset(page.items ?? [], page.nextCursor ?? null);
  } catch (error) {
    alertError(`Cannot load commands: ${error.message}`);
  }
}

async function loadOlder() {
  try {
    const page = await api.list({ limit: PAGE_SIZE, cursor: store.nextCursor });
    store.appendPage(page.items ?? [], page.nextCursor ?? null);
  } catch (error) {
    alertError(`Cannot load older commands: ${error.message}`);
  }
}

const banner = byId("stream-banner");
let streamWasDown = false;
let firstPageLoaded = false;
const stream = openEventStream({
  onTransition(event) {
    store.put(event.command, true);
    detail.onTransition(event);
    stats.poke();
    // Screen readers hear about commands sent from this tab and the one open in the detail panel.
    if ((mine.has(event.command.id) || detail.id === event.command.id) && !event.entry.ignored) {
      const reason = event.command.failureReason ? `, ${event.command.failureReason}` : "";
      announce(`${event.command.name}: ${event.entry.to}${reason}.`);
      if (FINAL_STATUSES.has(event.entry.to)) mine.delete(event.command.id);
    }
  },
  onState(state) {
    document.body.dataset.stream = state;
    if (state === "down") {
      streamWasDown = true;
      banner.hidden = false;
      return;
    }
    if (state !== "open") return;
    banner.hidden = true;
    if (!firstPageLoaded) {
      // The list is read once the stream is subscribed, so no transition falls between the two.
      firstPageLoaded = true;
      loadFirstPage().then(route);
    } else if (streamWasDown) {
      notify("Live updates resumed.");
      stats.poke();
      contacts.refresh();
      // With no event seen before the drop there is no id to resume from: read everything again.
      if (stream.lastEventId === null) {
        loadFirstPage();
        detail.reload();
      }
    }
    streamWasDown = false;
  },
});

// If the stream cannot open at all, still show what the API has.
window.setTimeout(() => {
  if (firstPageLoaded) return;
  firstPageLoaded = true;
  loadFirstPage().then(route);
}, 3000);

function route() {
  const match = /^#\/commands\/([0-9a-fA-F-]{36})$/.exec(location.hash);
  if (match) detail.open(match[1]);
  else detail.close();
}
window.addEventListener("hashchange", route);

stats.start();
contacts.start();
