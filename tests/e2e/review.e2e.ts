// Review and the library on the real app: a legal adviser's note on selected words
// (shown in the Notes panel and as a highlight, then resolved), the agreed-language
// check (a deviation and unresolved references), and a library search whose hit is
// inserted into the paper as a quotation with its reference.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Key } from "webdriverio";
import { cli, openApp, repo, scratch, screenshot, startDriver, stopDriver, type Browser, saved, text, textNow } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

/** Presses each key in turn (down, up) while `modifier` is held. */
async function press(browser: Browser, modifier: string | null, ...keys: string[]): Promise<void> {
  let action = browser.action("key");
  if (modifier) action = action.down(modifier);
  for (const key of keys) action = action.down(key).up(key);
  if (modifier) action = action.up(modifier);
  await action.perform();
}

/** Waits for the completion list to offer WANTED. A list CodeMirror closed while the typing
 * outran the library's answer is asked for again as a drafter would, with Ctrl+Space (the
 * screen is kept as completion-reopened.png to show it happened). */
async function completionOffers(browser: Browser, wanted: string): Promise<void> {
  const offers = async () => (await textNow(browser, ".cm-tooltip-autocomplete")).includes(wanted);
  try {
    await browser.waitUntil(offers, { timeout: 5_000 });
  } catch {
    screenshot("completion-reopened");
    await press(browser, Key.Ctrl, Key.Space);
    await browser.waitUntil(offers, { timeout: 10_000, timeoutMsg: `the completion list never offered ${wanted}` });
  }
  // CodeMirror ignores keys for a moment after a list opens (interactionDelay, 75 ms), so
  // that an Enter typed as the list appears is not taken for a choice.
  await browser.pause(300);
}

test("a note on selected words, the check report, and agreed text from the library", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  const fixtures = join(repo, "tests/it/fixtures/library");
  const run = (...args: string[]) => execFileSync(cli, ["--db", db, ...args]).toString();
  run("library", "import", join(fixtures, "gge-report.txt"), "--symbol", "A/99/123", "--title", "Report of the Group of Governmental Experts on undersea data cables", "--date", "2044-08-14");
  run("paper", "import", join(fixtures, "citing-paper.md"));
  run("profile", "set", "--role", "legal-adviser", "Anna Rossi");

  const browser = await openApp(db);
  await browser.$('[data-testid="paper-item"][data-paper-id="1"]').click();
  // The sidebar shows who writes the notes.
  await browser.waitUntil(async () => (await text(browser.$('[data-testid="profile"]'))).includes("Anna Rossi"), { timeout: 10_000 });

  // The International law section; select its first words with the keyboard.
  const law = browser.$('//*[@data-testid="section-item"][contains(., "International law")]');
  await law.click();
  const editor = browser.$('[data-testid="section-editor"] .cm-content');
  await browser.waitUntil(async () => (await text(editor)).includes("The Group affirmed"), { timeout: 10_000 });
  await editor.click();
  await press(browser, Key.Ctrl, Key.Home);
  for (let i = 0; i < 7; i++) await press(browser, null, Key.ArrowRight); // after "3. The "
  // Shift held over 14 presses: "Group affirmed".
  await press(browser, Key.Shift, ...Array.from({ length: 14 }, () => Key.ArrowRight));

  await browser.$('[data-testid="add-note"]').click();
  const kind = browser.$('[data-testid="note-kind"]');
  await kind.waitForDisplayed();
  await kind.selectByAttribute("value", "legal-risk");
  await browser.$('[data-testid="note-body"]').setValue("“Affirmed” overstates it: the Group only recalled. Check against para. 13.");
  await browser.$('[data-testid="note-save"]').click();

  // The note is in the panel, on the words selected, and highlighted in the editor.
  const card = browser.$('[data-testid="note"][data-kind="legal-risk"]');
  await card.waitForDisplayed({ timeout: 10_000 });
  expect(await text(card.$('[data-testid="note-quote"]'))).toBe("Group affirmed");
  expect(await text(card)).toContain("Anna Rossi");
  expect(await text(card)).toContain("Legal adviser");
  const highlight = browser.$(".cm-content .cm-note-legal-risk");
  await highlight.waitForExist({ timeout: 10_000 });
  expect(await text(highlight)).toBe("Group affirmed");
  const stored = JSON.parse(run("annotations", "1", "--json"));
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ kind: "legal-risk", status: "open", anchor: { quote: "Group affirmed" } });
  await browser.pause(300);
  screenshot("review-panel");

  // Resolve it.
  await card.$('[data-testid="note-resolve"]').click();
  await browser.waitUntil(async () => (await card.getAttribute("data-status")) === "resolved", { timeout: 10_000 });
  expect(JSON.parse(run("annotations", "1", "--json"))[0].status).toBe("resolved");

  // The check: a drifted quotation and unresolved references, marked in the editor too.
  await browser.$('[data-testid="check-run"]').click();
  await browser.$('[data-testid="check-deviation"]').waitForDisplayed({ timeout: 10_000 });
  expect(await browser.$$('[data-testid="check-deviation"]').length).toBeGreaterThanOrEqual(1);
  expect(await browser.$$('[data-testid="check-unresolved"]').length).toBeGreaterThanOrEqual(1);
  expect(await text(browser.$('[data-testid="check-deviation"] del'))).toContain("applicable");
  expect(await text(browser.$('[data-testid="check-deviation"] ins'))).toContain("binding");
  await browser.$(".cm-content .cm-check-deviation").waitForExist({ timeout: 10_000 });
  await browser.$(".cm-content .cm-check-unresolved").waitForExist({ timeout: 10_000 });
  await browser.$('[data-testid="check-deviation"]').click();
  await browser.pause(300);
  screenshot("check-report");

  // The library: search "cables", insert a hit at the cursor (the end of the section).
  await editor.click();
  await press(browser, Key.Ctrl, Key.End);
  await press(browser, null, Key.Enter, Key.Enter);
  await browser.$('[data-testid="library-toggle"]').click();
  await browser.$('[data-testid="library-document"][data-symbol="A/99/123"]').waitForDisplayed({ timeout: 10_000 });
  await browser.$('[data-testid="library-search"]').setValue("cables");
  await browser.$('[data-testid="library-hit"]').waitForDisplayed({ timeout: 10_000 });
  expect(await browser.$$('[data-testid="library-hit"] mark').length).toBeGreaterThanOrEqual(1);
  expect((await text(browser.$('[data-testid="library-hit"] mark'))).toLowerCase()).toMatch(/^cable/);
  // The filters: no resolution mentions cables; the report's year finds them again.
  const status = browser.$(".library-message");
  await browser.$('[data-testid="library-kind-filter"]').selectByAttribute("value", "resolution");
  await browser.waitUntil(async () => (await text(status)) === "Nothing found.", { timeout: 10_000 });
  expect(await browser.$$('[data-testid="library-hit"]').length).toBe(0);
  await browser.$('[data-testid="library-kind-filter"]').selectByAttribute("value", "");
  await browser.$('[data-testid="library-year-filter"]').selectByAttribute("value", "2044");
  await browser.$('[data-testid="library-hit"][data-label="19"]').waitForDisplayed({ timeout: 10_000 });
  await browser.pause(300);
  screenshot("library-search");

  const hit = browser.$('[data-testid="library-hit"][data-label="19"]');
  await hit.$('[data-testid="library-insert"]').click();
  await browser.waitUntil(async () => (await text(editor)).includes("[@A/99/123, para. 19]"), { timeout: 10_000 });
  expect(await text(editor)).toContain("“The Group further encouraged cooperation between cable owners");
  await saved(browser, "review-not-saved");
  const markdown = run("paper", "show", "1", "--markdown");
  expect(markdown).toMatch(/“The Group further encouraged cooperation between cable owners[^”]*” \[@A\/99\/123, para\. 19\]/);

  // Completion: after "[@" the library's symbols, after ", para. " the document's labels.
  await press(browser, Key.Ctrl, Key.End);
  await press(browser, null, Key.Enter, Key.Enter);
  await editor.addValue("As the Group said [@A/9");
  await completionOffers(browser, "A/99/123");
  await press(browser, null, Key.Enter);
  await browser.waitUntil(async () => (await text(editor)).includes("[@A/99/123"), { timeout: 10_000 });
  await editor.addValue(", para. 1");
  await completionOffers(browser, "19");
  screenshot("reference-completion");
  await press(browser, null, Key.Escape);
  await editor.addValue("9].");
  await browser.waitUntil(async () => (await text(editor)).includes("As the Group said [@A/99/123, para. 19]."), { timeout: 10_000 });

  // Hovering the reference shows the cited paragraph.
  const where = (await browser.execute(() => {
    // The line's text is split across the spans of its marks: find the character inside
    // the symbol by counting through the text nodes.
    const lines = Array.from(document.querySelectorAll('[data-testid="section-editor"] .cm-line'));
    const line = lines.find((l) => (l.textContent ?? "").includes("As the Group said [@A/99"));
    if (!line) return null;
    let target = line.textContent!.indexOf("[@A/99") + 4;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const length = node.textContent!.length;
      if (target < length) {
        const range = document.createRange();
        range.setStart(node, target);
        range.setEnd(node, target + 1);
        const box = range.getBoundingClientRect();
        return { x: Math.round(box.left + box.width / 2), y: Math.round(box.top + box.height / 2) };
      }
      target -= length;
    }
    return null;
  })) as { x: number; y: number } | null;
  expect(where).not.toBeNull();
  await browser.action("pointer").move({ x: where!.x, y: where!.y, origin: "viewport" }).perform();
  const tooltip = browser.$(".cm-reference-tooltip");
  await tooltip.waitForDisplayed({ timeout: 10_000 });
  expect(await text(tooltip)).toContain("A/99/123, para. 19");
  expect(await text(tooltip)).toContain("The Group further encouraged cooperation between cable owners");
  await browser.pause(300);
  screenshot("reference-hover");
  await browser.deleteSession();
});
