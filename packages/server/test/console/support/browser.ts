import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { TEST_TOKENS } from "../../support/tokens.js";

/** Debian's Chromium; `UPLINK_CHROMIUM_PATH` points elsewhere. */
export const CHROMIUM_PATH = process.env.UPLINK_CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where each test's screenshot goes (git-ignored). */
export const ARTIFACTS_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../artifacts/console");

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/**
 * Whether the browser tests run here: always under CI (where a missing Chromium fails them),
 * elsewhere only when Chromium is installed; a skip is said out loud.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) return true;
  console.log(`console browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  return false;
}

/** One Chromium with a fresh profile, closed and removed by {@link ConsoleBrowser.close}. */
export interface ConsoleBrowser {
  readonly context: BrowserContext;
  /**
   * Opens a page on `url`, signs in through the form as the test admin when it is shown (the
   * browser keeps the session cookie for later pages), and waits until the console has loaded
   * its list and its event stream.
   */
  openConsole(url: string): Promise<Page>;
  /**
   * Opens the console in a browser context of its own (its own cookies), signed in through the
   * form as `name`: a second person at another desk. The context closes with the page.
   */
  openConsoleAs(url: string, name: string, password: string): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Launches Debian's Chromium headless with a fresh `--user-data-dir`.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.openConsole(server.url);
 */
export async function launchBrowser(): Promise<ConsoleBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is required for the console tests (CI is set) but ${CHROMIUM_PATH} is missing`);
  }
  const profile = mkdtempSync(join(tmpdir(), "uplink-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
    reducedMotion: "reduce",
    timezoneId: "UTC",
    locale: "en-GB",
  });
  context.setDefaultTimeout(10_000);
  const errors: string[] = [];
  // A persistent context cannot make others: other users' contexts live in a second Chromium,
  // started when first needed.
  let others: Promise<Browser> | undefined;
  const signedIn = async (page: Page, url: string, name: string, password: string) => {
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(url);
    const signIn = page.getByRole("button", { name: "Sign in" });
    await page.locator("body[data-stream=open]").or(signIn).waitFor();
    if (await signIn.isVisible()) await signInThroughForm(page, name, password);
    await page.locator("body[data-stream=open]").waitFor();
    await page.locator("#command-count").filter({ hasText: "Showing" }).waitFor();
    return page;
  };
  return {
    context,
    async openConsole(url) {
      return signedIn(await context.newPage(), url, "admin", TEST_TOKENS.admin);
    },
    async openConsoleAs(url, name, password) {
      others ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
      const own = await (await others).newContext({
        viewport: { width: 1440, height: 900 },
        reducedMotion: "reduce",
        timezoneId: "UTC",
        locale: "en-GB",
      });
      own.setDefaultTimeout(10_000);
      const page = await own.newPage();
      page.on("close", () => {
        own.close().catch(() => undefined);
      });
      return signedIn(page, url, name, password);
    },
    async close() {
      if (others) await (await others).close();
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (errors.length > 0) throw new Error(`errors in the page: ${errors.join("; ")}`);
    },
  };
}

/** Fills the console's sign-in form (`User name`, `Password`) and sends it. */
export async function signInThroughForm(page: Page, name: string, password: string): Promise<void> {
  await page.getByLabel("User name").fill(name);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Saves a full-page screenshot as `artifacts/console/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`), fullPage: true });
}
