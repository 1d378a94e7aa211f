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

test("the Store dialog takes a backup and encrypts the open store, which goes on working", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  execFileSync(cli, ["--db", db, "paper", "new", "--title", "Comments on the Chair's draft"]);
  const browser = await openApp(db);
  await browser.$('[data-testid="paper-item"]').click();
  await browser.$('[data-testid="store-path"]').click();
  const status = browser.$('[data-testid="store-status"]');
  // The daily backup was taken at start; one more now.
  await browser.$('[data-testid="backup"]').waitForDisplayed({ timeout: 10_000 });
  const before = await browser.$$('[data-testid="backup"]').length;
  await browser.$('[data-testid="backup-now"]').click();
  await browser.waitUntil(async () => (await text(status)) === "Backup taken.", { timeout: 10_000 });
  expect(await browser.$$('[data-testid="backup"]').length).toBe(before + 1);

  await browser.$('[data-testid="passphrase-new"]').setValue(passphrase);
  await browser.$('[data-testid="passphrase-again"]').setValue(passphrase);
  await browser.$('[data-testid="encrypt"]').click();
  await browser.waitUntil(async () => (await text(status)).startsWith("The store is encrypted."), { timeout: 30_000 });
  expect(await text(browser.$('[data-testid="store-encrypted"]'))).toBe("Encrypted with a passphrase");
  expect(await text(status)).toContain(`${before + 1} backup(s) with it`);
  screenshot("store-dialog");
  await browser.$('[data-testid="store-close"]').click();

  // The store was opened again under its passphrase: the paper is there and takes edits.
  const paper = browser.$('[data-testid="paper-item"]');
  await paper.waitForDisplayed({ timeout: 10_000 });
  expect(await text(paper)).toContain("Chair's draft");
  await browser.deleteSession();

  expect(() => execFileSync(cli, ["--db", db, "paper", "list"], { stdio: "pipe", env: { ...process.env, CHANCERY_PASSPHRASE: "" } })).toThrow();
  const listed = execFileSync(cli, ["--db", db, "paper", "list"], { env: { ...process.env, CHANCERY_PASSPHRASE: passphrase } }).toString();
  expect(listed).toContain("Comments on the Chair's draft");
});
