// Drafting as the submission will look: the preview numbers the paper's paragraphs as the
// PDF does (a section going on from the previous one's numbers), and the whole paper can
// be edited as one scrolling document, each section saved as typed, the arrows going on
// from one section into the next; a limit of the paper's own turns the count red.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, repo, saved, scratch, screenshot, startDriver, stopDriver, text, type Browser } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

const sentence = "Ruritania adds that due regard is owed to the rights of individuals.";

/** Opens the section with this heading. */
async function openSection(browser: Browser, heading: string): Promise<void> {
  const items = browser.$$('[data-testid="section-item"]');
  await browser.waitUntil(async () => (await items.length) > 1);
  for (const item of await items.getElements()) {
    if ((await text(item)).includes(heading)) return item.click();
  }
  throw new Error(`no section "${heading}"`);
}

/** One section at a time or the whole paper (the webview remembers the last choice across runs). */
async function wholePaper(browser: Browser, on: boolean): Promise<void> {
  const toggle = browser.$('[data-testid="whole-paper-toggle"]');
  if ((await toggle.getAttribute("aria-pressed")) !== String(on)) await toggle.click();
}

const labels = (browser: Browser) =>
  browser.execute(() => [...document.querySelectorAll('[data-testid="preview"] .para-number')].map((e) => e.textContent));

test("the preview numbers paragraphs as the submission does, and the whole paper is typed in and saved per section", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  execFileSync(cli, ["--db", db, "paper", "import", join(repo, "tests/it/fixtures/position.md")]);

  let browser = await openApp(db);
  // The section's list goes on from the previous section's paragraph 3.
  await browser.$('[data-testid="paper-item"]').click();
  await wholePaper(browser, false);
  await openSection(browser, "Due diligence");
  await browser.waitUntil(async () => (await labels(browser)).length > 0);
  expect(await labels(browser)).toEqual(["4.", "(a)", "(b)"]);
  screenshot("preview-numbers");

  await wholePaper(browser, true);
  const blocks = browser.$$(".stack-section");
  await browser.waitUntil(async () => (await blocks.length) > 3);
  // Every section's numbers show in the whole paper's preview, in order.
  expect((await labels(browser)).slice(0, 5)).toEqual(["1.", "2.", "3.", "4.", "(a)"]);
  const second = (await blocks.getElements())[1];
  const content = second.$(".cm-content");
  await content.click();
  await browser.keys(["Control", "End"]);
  await browser.keys("Enter");
  await browser.keys("Enter");
  await content.addValue(sentence);
  await saved(browser, "whole-paper-not-saved");
  screenshot("whole-paper");

  // The arrows go on across sections: down from the last line into the next section, up again.
  const focusedSection = () => browser.execute(() => document.activeElement?.closest<HTMLElement>(".stack-section")?.dataset.section ?? null);
  const ids = await browser.execute(() => [...document.querySelectorAll<HTMLElement>(".stack-section")].map((b) => b.dataset.section));
  await browser.keys("ArrowDown");
  await browser.waitUntil(async () => (await focusedSection()) === ids[2], { timeout: 3000, timeoutMsg: "ArrowDown on the last line did not go on to the next section" });
  expect(await browser.$('[data-testid="section-heading-input"]').getValue()).toBe("Due diligence");
  await browser.keys("ArrowUp");
  await browser.waitUntil(async () => (await focusedSection()) === ids[1], { timeout: 3000, timeoutMsg: "ArrowUp on the first line did not go back" });

  // A word limit of the paper's own, below its count: the count turns red.
  await browser.$('[data-testid="word-count"]').click();
  const limit = browser.$('[data-testid="word-limit-input"]');
  await limit.waitForDisplayed();
  await limit.setValue("100");
  screenshot("word-limit-dialog");
  await browser.keys("Enter");
  const count = browser.$('[data-testid="word-count"]');
  await browser.waitUntil(async () => (await text(count)).includes(" of 100") && (await count.getAttribute("class")).includes("over"), {
    timeout: 5000,
    timeoutMsg: "the count did not turn red past the paper's own limit",
  });
  expect(await browser.$(".overlay").isExisting()).toBe(false);
  expect(await browser.execute(() => getComputedStyle(document.querySelector('[data-testid="word-count"]')!).color)).toBe("rgb(164, 38, 44)");
  screenshot("word-limit");
  await browser.deleteSession();
  expect(execFileSync(cli, ["--db", db, "paper", "show", "1"]).toString()).toContain("\nWord limit: 100 (the paper's own limit)\n");

  // Saved in the second section, where it was typed.
  const markdown = execFileSync(cli, ["--db", db, "paper", "show", "1", "--markdown"]).toString();
  const at = markdown.indexOf(sentence);
  expect(at).toBeGreaterThan(markdown.indexOf("## Sovereignty"));
  expect(at).toBeLessThan(markdown.indexOf("## Due diligence"));

  browser = await openApp(db);
  await browser.$('[data-testid="paper-item"]').click();
  const editor = browser.$('[data-testid="section-editor"]');
  await browser.waitUntil(async () => (await text(editor)).includes("Ruritania"));
  // The choice of the whole paper is remembered, so the typed words show at once.
  await browser.waitUntil(async () => (await text(editor)).includes(sentence), { timeoutMsg: "the typed sentence is not in the editor after a restart" });
  // The other tests start from one section at a time.
  await wholePaper(browser, false);
  await browser.deleteSession();
});

test("the preview follows the editor's scroll to the same numbered paragraph", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  const file = join(scratch(), "long.md");
  const paragraphs = Array.from({ length: 40 }, (_, i) => `${i + 1}. Ruritania recalls, in paragraph ${i + 1}, that confidence-building measures reduce the risk of misperception between States and support the work of the points of contact.`);
  writeFileSync(file, `---\ntitle: Views of Ruritania on confidence-building measures\nlanguage: en\n---\n\n## Confidence-building measures\n\n${paragraphs.join("\n\n")}\n`);
  execFileSync(cli, ["--db", db, "paper", "import", file]);

  const browser = await openApp(db);
  await browser.$('[data-testid="paper-item"]').click();
  await wholePaper(browser, false);
  await browser.waitUntil(async () => (await labels(browser)).length === 40);
  // Halfway down the section in the editor.
  await browser.execute(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="section-editor"] .cm-scroller')!;
    scroller.scrollTop = scroller.scrollHeight / 2;
  });
  await browser.pause(300);
  /** The number of the first paragraph showing at the top of a pane. */
  const topNumber = (pane: string, blocks: string) =>
    browser.execute(
      (pane: string, blocks: string) => {
        const el = document.querySelector<HTMLElement>(pane)!;
        const top = el.getBoundingClientRect().top;
        const block = [...el.querySelectorAll<HTMLElement>(blocks)].find((b) => b.getBoundingClientRect().bottom > top + 4 && /^\s*\d+\./.test(b.textContent!));
        return Number(/(\d+)\./.exec(block?.textContent ?? "")?.[1] ?? 0);
      },
      pane,
      blocks,
    );
  const inEditor = await topNumber('[data-testid="section-editor"] .cm-scroller', ".cm-line");
  expect(inEditor).toBeGreaterThan(10);
  await browser.waitUntil(async () => Math.abs((await topNumber('[data-testid="preview"]', "li[data-line]")) - inEditor) <= 1, {
    timeout: 5000,
    timeoutMsg: `the preview did not follow the editor to paragraph ${inEditor}`,
  });
  await browser.deleteSession();
});
