// An encrypted store in the real app: the first screen asks for the passphrase, a wrong one
// is said to be wrong, and the right one (typed, then Enter) opens the papers.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, scratch, screenshot, startDriver, stopDriver, text } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

const passphrase = "Ruritania's delegation, room 4 at 9";

test("an encrypted store opens once its passphrase is typed", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  execFileSync(cli, ["--db", db, "paper", "new", "--title", "Position on the protection of critical infrastructure"]);
  execFileSync(cli, ["--db", db, "store", "encrypt"], { env: { ...process.env, CHANCERY_PASSPHRASE: passphrase } });

  const browser = await openApp(db);
  const field = browser.$('[data-testid="unlock-passphrase"]');
  await field.waitForDisplayed();
  expect(await browser.$$('[data-testid="paper-item"]').length).toBe(0);

  await field.setValue("not the passphrase");
  await browser.keys("Enter");
  const hint = browser.$('[data-testid="unlock-hint"]');
  await browser.waitUntil(async () => (await text(hint)).includes("does not open this store"), { timeout: 20_000 });
  screenshot("unlock-wrong-passphrase");

  await field.setValue(passphrase);
  await browser.keys("Enter");
  const paper = browser.$('[data-testid="paper-item"]');
  await paper.waitForDisplayed({ timeout: 20_000 });
  expect(await text(paper)).toContain("critical infrastructure");
  expect(await browser.$('[data-testid="unlock-passphrase"]').isExisting()).toBe(false);
  await browser.deleteSession();
});
