// Comments on a Chair's draft on the real app: the zero draft imported into the library
// with the CLI, a comments paper made on it in the New paper dialog, an amendment typed
// in the Draft view and shown as a UN-style redline (struck-through deletions, bold
// underlined insertions), then checked through the CLI.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, repo, scratch, screenshot, startDriver, stopDriver, text } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

const ZERO_DRAFT = "A/AC.999/2026/CRP.1";

test("an amendment to a paragraph of the Chair's draft, shown as a redline", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  const fixtures = join(repo, "tests/it/fixtures/proposals");
  const run = (...args: string[]) => execFileSync(cli, ["--db", db, ...args]).toString();
  run("library", "import", join(fixtures, "crp1.txt"), "--symbol", ZERO_DRAFT, "--title", "Zero draft of the annual progress report", "--kind", "other");

  const browser = await openApp(db);
  await browser.$('[data-testid="new-paper"]').click();
  await browser.$('[data-testid="paper-title"]').addValue("Comments of Ruritania on the zero draft");
  await browser.$('[data-testid="paper-delegation"]').addValue("Ruritania");
  await browser.$('[data-testid="paper-template"]').selectByAttribute("value", "comments");
  const base = browser.$('[data-testid="paper-base"]');
  await base.waitForDisplayed({ timeout: 10_000 });
  await browser.waitUntil(async () => (await base.$$("option").length) > 1, { timeout: 10_000 });
  await base.selectByAttribute("value", ZERO_DRAFT);
  await browser.$('[data-testid="create-paper"]').click();

  // The paper answers the draft: the Proposals tab shows.
  const tab = browser.$('[data-testid="view-proposals"]');
  await tab.waitForDisplayed({ timeout: 10_000 });

  // A few proposals made elsewhere (a colleague with the CLI), for the compilation to show them all.
  run("propose", "1", "--para", "2", "--comment", "Ruritania welcomes the balanced approach of the draft.");
  run("propose", "1", "--para", "6", "--delete", "--why", "Repeats paragraph 7.");
  run("propose", "1", "--para", "7", "--insert-after", "States called for the exchange of information on incidents affecting landing stations, on a voluntary basis.", "--why", "Confidence-building.");

  await tab.click();
  const para = browser.$('[data-testid="base-para"][data-label="4"]');
  await para.waitForDisplayed({ timeout: 10_000 });
  expect(await text(browser.$('[data-testid="proposals-base"]'))).toBe(ZERO_DRAFT);

  // Amend para. 4: the wording comes prefilled; change it.
  await para.moveTo();
  await para.$('[data-testid="para-amend"]').click();
  const wording = para.$('[data-testid="proposal-text"]');
  await wording.waitForDisplayed({ timeout: 10_000 });
  expect(await wording.getProperty("value")).toContain("States noted that the disruption of undersea data cables");
  await wording.clearValue();
  await wording.addValue("States noted with concern that the disruption of undersea data cables could affect essential services in several States at once.");
  await para.$('[data-testid="proposal-why"]').addValue("The humanitarian consequences are addressed in paragraph 8.");
  await para.$('[data-testid="proposal-save"]').click();

  // The redline: a struck-through deletion and a bold, underlined insertion, with the right words.
  const amended = browser.$('[data-testid="base-para"][data-label="4"]');
  await amended.$("del").waitForExist({ timeout: 10_000 });
  expect(await text(amended.$("ins"))).toContain("with concern");
  expect(await text(amended.$("del"))).toContain("and have serious humanitarian consequences");
  expect(await text(amended.$('[data-testid="proposal-justification"]'))).toContain("paragraph 8");

  const stored = JSON.parse(run("proposals", "1", "--json"));
  const amendment = stored.find((p: { label: string; kind: string }) => p.label === "4" && p.kind === "amend");
  expect(amendment).toMatchObject({
    kind: "amend",
    status: "open",
    text: "States noted with concern that the disruption of undersea data cables could affect essential services in several States at once.",
    justification: "The humanitarian consequences are addressed in paragraph 8.",
  });
  expect(amendment.redline.some((c: { kind: string; text: string }) => c.kind === "insert" && c.text.includes("with concern"))).toBe(true);

  // The compilation as a whole: the deletion, the comment, the new paragraph 7 bis.
  expect(await browser.$('[data-testid="base-para"][data-label="6"] del').isExisting()).toBe(true);
  expect(await text(browser.$('[data-testid="proposal-comment"]'))).toContain("balanced approach");
  expect(await text(browser.$('[data-testid="proposal-inserted"]'))).toContain("7 bis.");
  // Off the paragraphs (no hover toolbar), from the top of the page.
  await browser.$('[data-testid="proposals-base"]').moveTo();
  await browser.execute(() => document.querySelector(".proposals-view .diff-scroll")?.scrollTo(0, 0));
  await browser.pause(400);
  screenshot("proposals-draft");

  // The list view: by paragraph.
  await browser.$('[data-testid="proposals-list-view"]').click();
  await browser.$('[data-testid="proposal-list"]').waitForDisplayed({ timeout: 10_000 });
  const rows = await browser.$$('[data-testid="proposal-row"]');
  const labels: string[] = [];
  for (const row of rows) labels.push((await row.getAttribute("data-label")) ?? "");
  expect(labels).toEqual(["2", "4", "6", "7"]);
  await browser.pause(300);
  screenshot("proposals-list");

  // The Chair's revised draft: the proposals move onto it, and the report lists them.
  run("library", "import", join(fixtures, "crp1-rev1.txt"), "--symbol", `${ZERO_DRAFT}/Rev.1`, "--title", "Revised draft of the annual progress report", "--kind", "other");
  await browser.$('[data-testid="proposals-rebase"]').click();
  const revised = browser.$('[data-testid="rebase-base"]');
  await revised.waitForDisplayed({ timeout: 10_000 });
  await revised.selectByAttribute("value", `${ZERO_DRAFT}/Rev.1`);
  await browser.$('[data-testid="rebase-run"]').click();
  const report = browser.$('[data-testid="rebase-report"]');
  await report.waitForDisplayed({ timeout: 10_000 });
  expect(await browser.$$('[data-testid="rebase-item"]').length).toBe(4);
  expect(await text(report)).toContain("Para. 4 → ");
  await browser.pause(300);
  screenshot("proposals-rebase");
  await browser.$('[data-testid="rebase-close"]').click();
  await report.waitForExist({ reverse: true, timeout: 10_000 });
  expect(await text(browser.$('[data-testid="proposals-base"]'))).toBe(`${ZERO_DRAFT}/Rev.1`);
  await browser.deleteSession();
});
