// The submission check on the real app: Export first shows what to fix and check (an
// over-limit count, an unresolved reference, an open legal-risk note, an empty section),
// a finding opens its section, and the same dialog writes a Word file through the
// native save dialog (answered with xdotool, as a user would type a path).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, repo, scratch, screenshot, startDriver, stopDriver, type Browser, text } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

const STATEMENT = `---
title: Statement of Ruritania on undersea data cables
delegation: Ruritania
kind: statement
---

## Statement

Madam Chair, Ruritania aligns itself with the statement of the Group of Friends of Cables.

${"Ruritania supports the work of the Group on undersea data cables and their landing stations. ".repeat(50)}

As the Group found, repair ships are few [@A/99/123, para. 42].

## Closing
`;

/** Answers the native save dialog: types the full path into its name field and presses Enter. */
function answerSaveDialog(path: string): void {
  const window = execFileSync("timeout", ["20", "xdotool", "search", "--sync", "--onlyvisible", "--name", "Save"]).toString().trim().split("\n")[0];
  execFileSync("xdotool", ["windowfocus", "--sync", window]);
  execFileSync("xdotool", ["key", "--window", window, "ctrl+a"]);
  execFileSync("xdotool", ["type", "--delay", "20", path]);
  execFileSync("xdotool", ["key", "Return"]);
}

async function openExport(browser: Browser): Promise<void> {
  await browser.$('[data-testid="export-pdf"]').click();
  const verdict = browser.$('[data-testid="submission-verdict"]');
  await verdict.waitForDisplayed({ timeout: 10_000 });
  await browser.waitUntil(async () => (await text(verdict)) !== "Checking…", { timeout: 10_000 });
}

test("Export shows the submission report, opens a finding's section, and writes a Word file", async () => {
  const dir = scratch();
  const db = join(dir, "chancery.sqlite3");
  const run = (...args: string[]) => execFileSync(cli, ["--db", db, ...args]).toString();
  run("library", "import", join(repo, "tests/it/fixtures/library/gge-report.txt"), "--symbol", "A/99/123", "--title", "Report of the Group of Governmental Experts on undersea data cables");
  writeFileSync(join(dir, "statement.md"), STATEMENT);
  const id = run("paper", "import", join(dir, "statement.md")).trim();
  const sections = JSON.parse(run("paper", "show", id, "--json")).sections as { id: number; heading: string }[];
  const statement = sections.find((s) => s.heading === "Statement")!.id;
  run("annotate", id, "--section", String(statement), "--quote", "repair ships are few", "--kind", "legal-risk", "--body", "Say which report; the figure is disputed.", "--as", "Anna Rossi");

  const browser = await openApp(db);
  await browser.$(`[data-testid="paper-item"][data-paper-id="${id}"]`).click();
  // The count the editor shows is the one the check applies.
  await browser.waitUntil(async () => (await text(browser.$('[data-testid="word-count"]'))).startsWith("778 words"), { timeout: 10_000 });
  await openExport(browser);

  // Against the statement's own limit (650 words): over it, and the rest to check.
  expect(await text(browser.$('[data-testid="submission-verdict"]'))).toBe("2 items to fix before submission, 2 items to check.");
  expect(await text(browser.$('[data-testid="submission-count"]'))).toBe("778 of 650 words (the limit for its kind of paper)");
  const kinds = () => browser.execute(() => [...document.querySelectorAll('[data-testid="submission-finding"]')].map((f) => f.getAttribute("data-kind")));
  expect(await kinds()).toEqual(["over-limit", "unresolved-reference", "open-note", "empty-section"]);
  expect(await text(browser.$('[data-kind="over-limit"]'))).toContain("over the limit of 650");
  expect(await text(browser.$('[data-kind="empty-section"]'))).toContain("Closing");
  expect(await text(browser.$(".severity.sev-must-fix"))).toBe("Must fix before submission");
  // GTK's overlay scrollbars of the editor behind fade out before the picture is taken.
  await browser.pause(1500);
  screenshot("submission-check");

  // A preset: the count is within it, and no longer a finding.
  await browser.$('[data-testid="submission-limit"]').selectByAttribute("value", "in-session");
  await browser.waitUntil(async () => (await text(browser.$('[data-testid="submission-count"]'))).includes("3,300"), { timeout: 10_000 });
  expect(await kinds()).toEqual(["unresolved-reference", "open-note", "empty-section"]);

  // The pages as the PDF will print them, before anything is saved.
  await browser.$('[data-testid="preview-pages"]').click();
  const firstPage = browser.$('[data-testid="page-preview"] [data-testid="page"]');
  await firstPage.waitForDisplayed({ timeout: 20_000 });
  const pages = await browser.$$('[data-testid="page-preview"] [data-testid="page"]');
  expect(await pages[0].getAttribute("alt")).toBe(`Page 1 of ${pages.length}`);
  // Each page image is drawn, at a page's proportions (A4: 1 to 1.414).
  await browser.waitUntil(
    async () => {
      const { width, height } = await firstPage.getSize();
      return width > 300 && Math.abs(height / width - 1.414) < 0.02;
    },
    { timeout: 10_000 },
  );
  await browser.pause(500);
  screenshot("page-preview");
  await browser.$('[data-testid="pages-close"]').click();
  await browser.$('[data-testid="page-preview"]').waitForExist({ reverse: true, timeout: 5_000 });

  // A finding opens its section in the editor, and nothing is exported.
  await browser.$('[data-kind="empty-section"] button').click();
  await browser.$(".overlay").waitForExist({ reverse: true, timeout: 5_000 });
  expect(await browser.$('[data-testid="section-heading-input"]').getValue()).toBe("Closing");

  // Export Word from the same dialog, through the native save dialog.
  await openExport(browser);
  const out = join(dir, "statement-out.docx");
  await browser.$('[data-testid="export-docx"]').click();
  answerSaveDialog(out);
  const result = browser.$('[data-testid="export-result"]');
  await browser.waitUntil(async () => (await text(result)).startsWith("Saved to"), { timeout: 20_000 });
  expect(await text(result)).toBe(`Saved to ${out}`);
  expect(existsSync(out)).toBe(true);
  const bytes = readFileSync(out);
  expect(bytes.subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");
  expect(execFileSync("unzip", ["-l", out]).toString()).toContain("word/document.xml");
  await browser.deleteSession();
});
