/**
 * The console's sign-in (SPEC §10): asks the server who is signed in (`GET /api/session`,
 * carried by the HttpOnly session cookie); when nobody is, shows the sign-in form and posts it
 * to `POST /api/session`. The views stay hidden until someone is (`body[data-signed-in]` in
 * styles.css). Once signed in it shows the user's name and role with a sign-out
 * button, and marks the page with what the role may do, so that actions it may not take are
 * hidden (`body[data-may-operate|approve|administer=false]` in styles.css).
 */

const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @returns {Promise<{name: string, role: string, permissions: string[]} | null>} */
async function currentUser() {
  const response = await fetch("/api/session", { headers: { accept: "application/json" } });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return response.json();
}

/**
 * Shows the signed-in user and marks what the role may do.
 * @param {{name: string, role: string, permissions: string[]}} user
 */
function showUser(user) {
  document.body.dataset.role = user.role;
  // The server names the role's permissions (core's table): the console keeps no table of its own.
  document.body.dataset.mayOperate = String(user.permissions.includes("operate"));
  document.body.dataset.mayApprove = String(user.permissions.includes("approve"));
  document.body.dataset.mayAdminister = String(user.permissions.includes("administer"));
  byId("session-user").textContent = user.name;
  byId("session-role").textContent = user.role;
  byId("session").hidden = false;
  byId("sign-in").hidden = true;
  document.body.dataset.signedIn = "true";
}

/** @returns {Promise<{name: string, role: string, permissions: string[]}>} resolves once the form signed someone in */
function askToSignIn() {
  const section = byId("sign-in");
  const form = /** @type {HTMLFormElement} */ (byId("sign-in-form"));
  const error = byId("sign-in-error");
  section.hidden = false;
  document.body.dataset.signedIn = "false";
  /** @type {HTMLInputElement} */ (form.elements.namedItem("name")).focus();
  return new Promise((resolve) => {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const button = /** @type {HTMLButtonElement} */ (form.querySelector("button[type=submit]"));
      button.disabled = true;
      error.hidden = true;
      try {
        const response = await fetch("/api/session", {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify({
            name: String(data.get("name") ?? ""),
            password: String(data.get("password") ?? ""),
          }),
        });
        if (response.ok) {
          resolve(await response.json());
          return;
        }
        const retry = response.headers.get("Retry-After");
        error.textContent =
          response.status === 429
            ? `Too many failed sign-ins: try again in ${retry ?? "a few"} seconds.`
            : response.status === 401 || response.status === 400
              ? "Wrong user name or password."
              : `Cannot sign in: the server answered ${response.status}.`;
      } catch (failure) {
        error.textContent = `Cannot sign in: ${failure instanceof Error ? failure.message : String(failure)}`;
      }
      error.hidden = false;
      button.disabled = false;
    });
  });
}

async function signOut() {
  await fetch("/api/session", { method: "DELETE" }).catch(() => undefined);
  location.reload();
}

/**
 * Resolves with the signed-in user, after the sign-in form when nobody is signed in.
 * @returns {Promise<{name: string, role: string, permissions: string[]}>}
 */
export async function whenSignedIn() {
  byId("sign-out").addEventListener("click", signOut);
  const user = (await currentUser()) ?? (await askToSignIn());
  showUser(user);
  return user;
}
