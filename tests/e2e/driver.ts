// Starts the real Chancery app under tauri-driver and hands back a WebdriverIO browser.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { remote } from "webdriverio";

export const repo = resolve(__dirname, "../..");
export const app = join(repo, "target/debug/chancery-app");
export const cli = join(repo, "target/debug/chancery");
export const screenshots = join(repo, "target/screenshots");

export type Browser = WebdriverIO.Browser;

/** A scratch folder for one test's store. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), "chancery-e2e-"));
}

let driver: ChildProcess | undefined;
let port = 0;

/** A port no one listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts tauri-driver once, on ports of its own (so that a second run on the same
 * machine cannot take over this one's app), and waits until it answers. */
export async function startDriver(): Promise<void> {
  if (driver) return;
  const bin = process.env.TAURI_DRIVER ?? join(process.env.HOME ?? "", ".cargo/bin/tauri-driver");
  port = await freePort();
  const nativePort = await freePort();
  driver = spawn(bin, ["--port", String(port), "--native-port", String(nativePort)], { stdio: ["ignore", "inherit", "inherit"] });
  for (let i = 0; i < 100; i++) {
    try {
      const status = await fetch(`http://127.0.0.1:${port}/status`);
      if (status.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`tauri-driver did not start listening on 127.0.0.1:${port}`);
}

export function stopDriver(): void {
  driver?.kill();
  driver = undefined;
}

/** Opens the app on the store at `db`. */
export async function openApp(db: string): Promise<Browser> {
  const browser = await remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "warn",
    capabilities: {
      // tauri-driver passes BiDi capabilities on, and WebKitWebDriver refuses them.
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: app, args: ["--db", db] },
    } as WebdriverIO.Capabilities,
  });
  await browser.$('[data-testid="new-paper"]').waitForDisplayed({ timeout: 30_000 });
  return browser;
}

/** Saves the whole virtual display as target/screenshots/NAME.png. (WebKitWebDriver's own
 * screenshot command hangs under Xvfb, so the display is captured instead.) */
export function screenshot(name: string): void {
  mkdirSync(screenshots, { recursive: true });
  execFileSync("import", ["-window", "root", join(screenshots, `${name}.png`)]);
}

/** textContent, not getText: WebKitWebDriver leaves out what an ellipsis cuts off. */
export const text = (el: { getProperty(name: string): Promise<unknown> }) => el.getProperty("textContent") as Promise<string>;

/** The text of whatever matches SELECTOR now ("" when nothing does), read in the page: for
 * elements the app replaces while a test waits on them, such as the completion list, which
 * CodeMirror closes and opens again as the word typed changes. */
export const textNow = (browser: Browser, selector: string) =>
  browser.execute((s: string) => document.querySelector(s)?.textContent ?? "", selector) as Promise<string>;

/** Waits until the save status reads "Saved"; otherwise captures the screen as NAME.png and fails. */
export async function saved(browser: Browser, name = "not-saved"): Promise<void> {
  const status = browser.$('[data-testid="save-status"]');
  try {
    await browser.waitUntil(async () => (await text(status)) === "Saved", { timeout: 10_000 });
  } catch {
    screenshot(name);
    throw new Error(`the save status never read Saved; it reads "${await text(status)}"`);
  }
}
