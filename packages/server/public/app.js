/**
 * Uplink operator console: wires the modules under `js/` to the page. Plain ES modules served
 * as they are; the page uses only the public REST API and the event stream.
 */
import { ApiError, api } from "./js/api-client.js";
import { ApprovalsPanel } from "./js/approvals-panel.js";
import { CommandStore } from "./js/command-store.js";
import { CommandTable } from "./js/command-table.js";
import { ContactSchedule } from "./js/contact-schedule.js";
import { ContactsPanel } from "./js/contacts-panel.js";
import { DetailView } from "./js/detail-view.js";
import { DictionaryCache } from "./js/dictionary-cache.js";
import { DictionaryForm } from "./js/dictionary-form.js";
import { openEventStream } from "./js/event-stream.js";
import { ExportLinks } from "./js/export-links.js";
import { FleetStore } from "./js/fleet-store.js";
import { FleetView } from "./js/fleet-view.js";
import { alertError, announce, notify } from "./js/notices.js";
import { RegisterForm } from "./js/register-form.js";
import { whenSignedIn } from "./js/session.js";
import { SpacecraftView } from "./js/spacecraft-view.js";
import { StatsPanel } from "./js/stats-panel.js";
import { FINAL_STATUSES } from "./js/status-badge.js";
import { SubmitForm } from "./js/submit-form.js";
import { ViewSwitch } from "./js/view-switch.js";

// Nothing below asks the API anything until someone is signed in.
const user = await whenSignedIn();
const mayOperate = user.permissions.includes("operate");
const mayApprove = user.permissions.includes("approve");

const PAGE_SIZE = 100;

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const store = new CommandStore();
/** Commands sent from this tab: their transitions are announced to screen readers. */
const mine = new Set();
const stats = new StatsPanel(byId("stats"));
const schedule = new ContactSchedule();
new ContactsPanel(byId("contacts"), schedule);
const fleet = new FleetStore();
const dictionaries = new DictionaryCache();
const views = new ViewSwitch();
schedule.expected = () => fleet.ids();

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

/**
 * Holds (or releases) a ready command; when it is no longer ready, says which status won.
 * @param {string} id
 * @param {boolean} hold
 * @param {HTMLButtonElement} button
 */
async function holdOrRelease(id, hold, button) {
  const name = store.get(id)?.name ?? "command";
  button.disabled = true;
  try {
    const command = await (hold ? api.hold(id) : api.release(id));
    store.put(command);
    notify(`${hold ? "Held" : "Released"} ${name}.`);
  } catch (error) {
    button.disabled = false;
    const status = error instanceof ApiError && error.status === 409 ? error.currentStatus : null;
    alertError(
      `Cannot ${hold ? "hold" : "release"} ${name}: ${status ? `it is already ${status}.` : error.message}`,
    );
    api.get(id).then(
      (command) => store.put(command),
      () => undefined,
    );
  }
}

new CommandTable({
  body: /** @type {HTMLTableSectionElement} */ (byId("command-rows")),
  count: byId("command-count"),
  loadMore: /** @type {HTMLButtonElement} */ (byId("load-more")),
  store,
  onCancel: cancel,
  onLoadOlder: loadOlder,
});
const detail = new DetailView({
  panel: byId("detail"),
  store,
  onCancel: cancel,
  onHold: holdOrRelease,
  mayOperate,
});
const approvals = new ApprovalsPanel({
  section: byId("approvals"),
  user,
  mayApprove,
  onChanged: (command) => store.put(command),
  notify,
});
new ExportLinks(byId("command-export"), "all commands");
const fleetView = new FleetView({ root: byId("fleet-view"), store: fleet, schedule, dictionaries });
const spacecraftView = new SpacecraftView({
  root: byId("spacecraft-view"),
  fleet,
  schedule,
  dictionaries,
  onCancel: cancel,
  notify,
  stats,
  mayChangeQueue: mayApprove,
});

new RegisterForm({
  form: /** @type {HTMLFormElement} */ (byId("register-form")),
  fleet,
  onRegistered(spacecraft) {
    fleet.put(spacecraft);
    schedule.refresh();
    notify(`Registered ${spacecraft.id}.`);
  },
});

const submitForm = /** @type {HTMLFormElement} */ (byId("submit-form"));
const form = new SubmitForm({
  form: submitForm,
  commandFields: new DictionaryForm({ form: submitForm, fleet, dictionaries }),
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

async function loadFleet() {
  try {
    const body = await api.fleet();
    fleet.reset(body.items ?? []);
  } catch (error) {
    alertError(`Cannot load the fleet: ${error.message}`);
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
    spacecraftView.onCommand(event.command);
    approvals.onCommand(event.command);
    detail.onTransition(event);
    stats.poke();
    // Screen readers hear about commands sent from this tab and the one open in the detail panel.
    const transition = (event.entry.kind ?? "transition") === "transition";
    if (
      (mine.has(event.command.id) || detail.id === event.command.id) &&
      transition &&
      !event.entry.ignored
    ) {
      const reason = event.command.failureReason ? `, ${event.command.failureReason}` : "";
      announce(`${event.command.name}: ${event.entry.to}${reason}.`);
      if (FINAL_STATUSES.has(event.entry.to)) mine.delete(event.command.id);
    }
  },
  onSpacecraft(event) {
    const id = event.spacecraft.id;
    const before = fleet.get(id)?.health;
    if (event.change === "removed") fleet.remove(id);
    else fleet.put(event.spacecraft);
    if (event.change === "registered" || event.change === "removed")
      announce(`Spacecraft ${id} ${event.change}.`);
    else if (event.change === "health" && before !== event.spacecraft.health)
      announce(`${id} is now ${event.spacecraft.health}.`);
    if (event.change === "registered" || event.change === "removed" || event.change === "changed")
      schedule.refresh();
  },
  onTelemetry(event) {
    fleet.applyTelemetry(event);
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
      loadFleet();
      approvals.load();
      loadFirstPage().then(route);
    } else if (streamWasDown) {
      notify("Live updates resumed.");
      stats.poke();
      schedule.refresh();
      // Fleet events are not replayed: read the fleet again.
      loadFleet();
      // With no event seen before the drop there is no id to resume from: read everything again.
      if (stream.lastEventId === null) {
        loadFirstPage();
        approvals.load();
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
  loadFleet();
  approvals.load();
  loadFirstPage().then(route);
}, 3000);

/**
 * The address picks the view: `#/fleet[?mission=&sort=]`, `#/spacecraft/:id`, `#/send/:id`
 * (the commands view with the form set to that spacecraft), `#/commands/:id` (a command's
 * detail); anything else is the commands view.
 */
function route() {
  const [path, search] = location.hash.replace(/^#/, "").split("?");
  const command = /^\/commands\/([0-9a-fA-F-]{36})$/.exec(path ?? "");
  const spacecraft = /^\/spacecraft\/([^/]+)$/.exec(path ?? "");
  const send = /^\/send\/([^/]+)$/.exec(path ?? "");
  if (path === "/fleet") {
    // Keyboard and screen-reader users land on the view they asked for.
    if (views.show("fleet")) byId("fleet-heading").focus();
    detail.close();
    spacecraftView.close();
    fleetView.show(new URLSearchParams(search ?? ""));
    return;
  }
  if (spacecraft) {
    views.show("spacecraft");
    detail.close();
    spacecraftView.open(decodeURIComponent(spacecraft[1]));
    return;
  }
  views.show("commands");
  spacecraftView.close();
  if (send) form.chooseSpacecraft(decodeURIComponent(send[1]));
  if (command) detail.open(command[1]);
  else detail.close();
}
window.addEventListener("hashchange", route);

stats.start();
schedule.start();
