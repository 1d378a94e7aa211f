// Guidance and tracking on the real app: a national position's sections grouped by
// pillar with their progress, the checklist of practical actions kept across a restart,
// "Report in paper" opening the norms section at its paragraph, and the history's word
// diff between the created version and the latest.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, scratch, screenshot, startDriver, stopDriver, type Browser, saved, text } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

async function openChecklist(browser: Browser): Promise<void> {
  await browser.$('[data-testid="view-checklist"]').click();
  await browser.$('[data-testid="norm-block"][data-norm="c"]').waitForDisplayed({ timeout: 10_000 });
}

test("sections by pillar, the checklist kept across a restart, report in paper, history diff", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  let browser = await openApp(db);

  await browser.$('[data-testid="new-paper"]').click();
  await browser.$('[data-testid="paper-title"]').setValue("National position of Ruritania on international law");
  await browser.$('[data-testid="paper-delegation"]').setValue("Ruritania");
  await browser.$('[data-testid="paper-template"]').selectByAttribute("value", "position");
  await browser.$('[data-testid="create-paper"]').click();

  // The sections come grouped: the introduction, then International law, then the conclusions.
  const lawGroup = browser.$('[data-testid="section-group"][data-group="international-law"]');
  await lawGroup.waitForDisplayed();
  expect(await text(lawGroup.$(".section-group-label"))).toBe("International law");
  expect(await lawGroup.$$('[data-testid="section-item"]').length).toBe(12);
  const groups = await browser.$$('[data-testid="section-group"]').map((g) => g.getAttribute("data-group"));
  expect(groups).toEqual(["opening", "international-law", "closing"]);

  // Draft the introduction, draft and review the first law section: three kinds of mark.
  let editor = browser.$('[data-testid="section-editor"] .cm-content');
  await editor.click();
  await editor.addValue("Ruritania sets out how international law applies to the use of ICTs.");
  await saved(browser, "guidance-not-saved");
  await lawGroup.$('[data-testid="section-item"]').click();
  await editor.click();
  await editor.addValue("Sovereignty applies in cyberspace.");
  await browser.$('[data-testid="section-reviewed"]').click();
  await saved(browser, "guidance-not-saved");
  expect(await text(browser.$('[data-testid="sections-summary"]'))).toBe("2 of 14 sections drafted, 1 reviewed");
  const marks = await browser.$$('[data-testid="section-item"]').map((el) => el.getAttribute("data-progress"));
  expect(marks.slice(0, 3)).toEqual(["drafted", "reviewed", "empty"]);
  screenshot("guidance-sidebar");

  // The checklist: mark an action of norm 13(c) implemented, with a note.
  await openChecklist(browser);
  const action = () => browser.$('[data-testid="action"][data-action="c-nat-1"]');
  await action().$('[data-testid="action-status"]').selectByAttribute("value", "implemented");
  await action().$('[data-testid="action-notes-toggle"]').click();
  await action().$('[data-testid="action-note"]').addValue("ICT Security Act 2024, section 12.");
  await saved(browser, "guidance-not-saved");
  expect(await text(browser.$('[data-testid="norm-block"][data-norm="c"] [data-testid="norm-progress"]'))).toMatch(/^1 of \d+ implemented$/);
  expect(await text(browser.$('[data-testid="checklist-summary"]'))).toContain("1 implemented");
  await browser.execute(() => document.querySelector(".checklist-view")!.scrollTo(0, 0));
  await browser.pause(300); // let the window repaint before the display is captured
  screenshot("checklist");
  // The norm index brings 13(c) to the top (scrolling the checklist, not the window).
  await browser.$$(".norm-index-item")[2].click();
  await browser.pause(300);
  expect(await browser.execute(() => document.scrollingElement!.scrollTop)).toBe(0);
  screenshot("checklist-action");
  await browser.deleteSession();

  // Both are kept: the store says so, and so does the app after a restart.
  const stored = JSON.parse(execFileSync(cli, ["--db", db, "checklist", "1", "--json"]).toString());
  expect(stored.entries.find((e: { action: string }) => e.action === "c-nat-1")).toMatchObject({
    status: "implemented",
    note: "ICT Security Act 2024, section 12.",
  });

  browser = await openApp(db);
  await browser.$('[data-testid="paper-item"][data-paper-id="1"]').click();
  await openChecklist(browser);
  expect(await action().$('[data-testid="action-status"]').getProperty("value")).toBe("implemented");
  expect(await action().$('[data-testid="action-note"]').getProperty("value")).toBe("ICT Security Act 2024, section 12.");

  // Report in paper: the norms section (made for the purpose) opens at "On norm 13(c) (…): ".
  await action().$('[data-testid="report-action"]').click();
  editor = browser.$('[data-testid="section-editor"] .cm-content');
  await editor.waitForDisplayed();
  await browser.waitUntil(async () => (await text(editor)).includes("On norm 13("), { timeout: 10_000 });
  const current = browser.$('[data-testid="section-item"][aria-current="true"]');
  expect(await text(current)).toContain("norms");
  // The cursor is where the paragraph ends: typing goes on from "…): ".
  await editor.addValue("Ruritania has adopted the ICT Security Act.");
  await saved(browser, "guidance-not-saved");
  const markdown = execFileSync(cli, ["--db", db, "paper", "show", "1", "--markdown"]).toString();
  expect(markdown).toMatch(/On norm 13\(c\) \([^)]*\): Ruritania has adopted the ICT Security Act\./);

  // History: compare the version the paper was created with to the latest.
  await browser.$('[data-testid="history-toggle"]').click();
  // (a fresh query each time: a kept $$ answers with the elements it first found)
  await browser.waitUntil(async () => (await browser.$$('[data-testid="version"]').length) >= 2, { timeout: 10_000 });
  const numbers = await browser.$$('[data-testid="version"]').map((el) => el.getAttribute("data-number"));
  expect(numbers[numbers.length - 1]).toBe("1"); // newest first: the created version last
  expect(Number(numbers[0])).toBeGreaterThan(1);
  await browser.$('[data-testid="compare-from"]').selectByAttribute("value", "1");
  await browser.$('[data-testid="compare"]').click();
  const diff = browser.$('[data-testid="diff-view"]');
  await diff.waitForDisplayed();
  const inserted = await browser.$$('[data-testid="diff-text"] ins').map((el) => el.getProperty("textContent"));
  expect(inserted.join(" ")).toContain("Ruritania has adopted the ICT Security Act.");
  await browser.pause(300);
  screenshot("history-diff");
  await browser.$('[data-testid="diff-close"]').click();
  await editor.waitForDisplayed();

  // Focus mode, and find and replace inside it.
  await editor.click();
  await browser.keys("F11");
  await browser.waitUntil(async () => (await browser.$("#app").getAttribute("class")).includes("focus-mode"));
  expect(await browser.$(".sidebar").isDisplayed()).toBe(false);
  expect(await browser.$(".preview-pane").isDisplayed()).toBe(false);
  await browser.keys(["Control", "f"]);
  await browser.$(".cm-search").waitForDisplayed();
  await browser.$('.cm-search [name="search"]').addValue("Ruritania");
  await browser.pause(300);
  screenshot("focus-find");
  await browser.keys("Escape");
  await browser.$('[data-testid="focus-exit"]').click();
  await browser.$(".sidebar").waitForDisplayed();
  await browser.deleteSession();
});
