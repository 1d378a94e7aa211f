// Autosave as a drafter relies on it: words typed reach the store within a second of the
// pause in typing, so killing the app outright loses nothing that was typed before.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, scratch, startDriver, stopDriver } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

const sentence = "Ruritania supports the early operationalization of the Global POC Directory.";

test("text typed a second before the app is killed with SIGKILL is there after a restart", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  execFileSync(cli, ["--db", db, "paper", "new", "--title", "Statement on CBMs", "--template", "statement"]);

  let browser = await openApp(db);
  await browser.$('[data-testid="paper-item"]').click();
  const editor = browser.$('[data-testid="section-editor"] .cm-content');
  await editor.waitForDisplayed();
  await editor.click();
  await editor.addValue(sentence);
  // The pause in typing: autosave promises the store within a second of it.
  await browser.pause(1500);

  const pid = execFileSync("pgrep", ["-f", `chancery-app --db ${db}`]).toString().trim().split("\n")[0];
  execFileSync("kill", ["-KILL", pid]);
  await browser.deleteSession().catch(() => undefined);

  expect(execFileSync(cli, ["--db", db, "paper", "show", "1", "--markdown"]).toString()).toContain(sentence);
  browser = await openApp(db);
  await browser.$('[data-testid="paper-item"]').click();
  const reopened = browser.$('[data-testid="section-editor"] .cm-content');
  await reopened.waitForDisplayed();
  expect(await reopened.getProperty("textContent")).toContain(sentence);
  await browser.deleteSession();
});
