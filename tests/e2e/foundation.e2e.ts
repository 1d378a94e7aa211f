// A drafter's first day: the app starts on a new store, a paper imported with the CLI is
// there, a new paper is created and typed into, and the words are still there after the
// app is closed and started again.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, repo, scratch, screenshot, startDriver, stopDriver, saved } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

test("a paper typed in the app survives a restart, and a CLI import shows up", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  const imported = execFileSync(cli, ["--db", db, "paper", "import", join(repo, "tests/it/fixtures/position.md")])
    .toString()
    .trim();

  let browser = await openApp(db);
  const items = browser.$$('[data-testid="paper-item"]');
  await browser.waitUntil(async () => (await items.length) === 1);
  // textContent, not getText: WebKitWebDriver returns only what is not cut off by an ellipsis.
  expect(await items[0].getProperty("textContent")).toContain("National position of Ruritania");
  expect(await items[0].getAttribute("data-paper-id")).toBe(imported);

  await browser.$('[data-testid="new-paper"]').click();
  await browser.$('[data-testid="paper-title"]').setValue("Statement on capacity-building");
  await browser.$('[data-testid="paper-delegation"]').setValue("Ruritania");
  await browser.$('[data-testid="paper-template"]').selectByAttribute("value", "statement");
  await browser.$('[data-testid="create-paper"]').click();

  const editor = browser.$('[data-testid="section-editor"] .cm-content');
  await editor.waitForDisplayed();
  await editor.click();
  await editor.addValue("Mr Chair, Ruritania supports demand-driven capacity-building.");
  await saved(browser);
  screenshot("foundation-editing");
  await browser.deleteSession();

  const text = execFileSync(cli, ["--db", db, "paper", "show", "2", "--markdown"]).toString();
  expect(text).toContain("Mr Chair, Ruritania supports demand-driven capacity-building.");

  browser = await openApp(db);
  const again = browser.$$('[data-testid="paper-item"]');
  await browser.waitUntil(async () => (await again.length) === 2);
  const statement = browser.$('[data-testid="paper-item"][data-paper-id="2"]');
  await statement.click();
  const reopened = browser.$('[data-testid="section-editor"] .cm-content');
  await reopened.waitForDisplayed();
  expect(await reopened.getText()).toContain("Mr Chair, Ruritania supports demand-driven capacity-building.");
  await browser.deleteSession();
});
