// Keystroke to preview on a 60-page paper, in the real app: the time from a key going
// down in the editor to the preview showing the changed text (the frame after the DOM
// took it), over 50 keystrokes typed at a drafter's pace, one section at a time and in
// the whole paper. Prints the median and the 95th percentile.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, test } from "vitest";
import { cli, openApp, repo, saved, scratch, startDriver, stopDriver, type Browser } from "./driver";

beforeAll(startDriver);
afterAll(stopDriver);

const KEYSTROKES = 50;
/** A drafter's pace: about five keys a second. */
const PACE_MS = 200;

/** A paper of about 60 pages (28,000 words): 12 sections of 17 numbered paragraphs, some
 * with lettered sub-paragraphs and a footnote, in the words of a national position. */
function longPaper(): string {
  const subjects = ["Ruritania", "The delegation", "States", "The Group", "Regional organizations", "The mechanism"];
  const verbs = ["recalls", "underlines", "welcomes", "considers", "encourages", "reaffirms"];
  const objects = [
    "the cumulative and evolving framework of responsible State behaviour in the use of ICTs",
    "the value of points of contact for reducing the risk of misperception and escalation",
    "that capacity-building should be demand-driven, sustainable and politically neutral",
    "the importance of protecting critical infrastructure that provides services across borders",
    "that existing international law applies to the conduct of States in cyberspace",
    "the need for transparency about national approaches to vulnerability disclosure",
  ];
  const headings = ["General remarks", "Existing and potential threats", "Rules, norms and principles", "International law", "Confidence-building measures", "Capacity-building", "Regular institutional dialogue", "Critical infrastructure", "Supply chains", "Points of contact", "The permanent mechanism", "Conclusions"];
  let number = 1;
  const sections = headings.map((heading, s) => {
    const paragraphs: string[] = [];
    for (let p = 0; p < 17; p++) {
      const sentences = Array.from({ length: 5 }, (_, k) => {
        const i = s * 31 + p * 7 + k;
        return `${subjects[i % 6]} ${verbs[(i >> 1) % 6]} ${objects[(i >> 2) % 6]}, as set out in earlier reports and in the statements of many delegations`;
      });
      let paragraph = `${number++}. ${sentences.join(". ")}.`;
      if (p % 8 === 3) paragraph += `[^n${s}-${p}]\n\n   (a) at the national level, through a designated authority;\n\n   (b) at the regional level, through existing organizations.`;
      paragraphs.push(paragraph);
      if (p % 8 === 3) paragraphs.push(`[^n${s}-${p}]: See the report of the Open-ended Working Group, para. ${p + 10}.`);
    }
    return `## ${heading}\n\n${paragraphs.join("\n\n")}`;
  });
  return `---\ntitle: Position of Ruritania on the work of the Open-ended Working Group\ndelegation: Ruritania\nlanguage: en\nkind: position\n---\n\n${sections.join("\n\n")}\n`;
}

/** Measures in the page: each keydown starts the clock, and the frame after the preview
 * first holds the wanted text stops it. */
function installClock(browser: Browser, section: number): Promise<void> {
  return browser.execute((id: number) => {
    const clock = { start: 0, want: "", times: [] as number[] };
    (window as unknown as { __typing: typeof clock }).__typing = clock;
    document.addEventListener("keydown", () => (clock.start = performance.now()), true);
    const preview = document.querySelector('[data-testid="preview"]')!;
    new MutationObserver(() => {
      const part = preview.querySelector(`[data-section="${id}"]`);
      if (!clock.want || !part?.textContent?.includes(clock.want)) return;
      clock.want = "";
      requestAnimationFrame(() => clock.times.push(performance.now() - clock.start));
    }).observe(preview, { childList: true, subtree: true, characterData: true });
  }, section);
}

async function typeAndMeasure(browser: Browser, label: string): Promise<string> {
  const section = (await browser.execute(() => {
    // The sixth section in the whole paper; the one shown otherwise.
    const parts = document.querySelectorAll<HTMLElement>('[data-testid="preview"] .preview-section');
    return Number(parts[Math.min(5, parts.length - 1)].dataset.section);
  })) as number;
  await installClock(browser, section);
  const editor = (await browser.$$(".stack-section").length) > 0 ? browser.$(`.stack-section[data-section="${section}"] .cm-content`) : browser.$('[data-testid="section-editor"] .cm-content');
  await editor.click();
  await browser.keys(["Control", "End"]);
  await editor.addValue(" Zq");
  await browser.pause(500);
  let typed = "Zq";
  for (let k = 0; k < KEYSTROKES; k++) {
    typed += "x";
    await browser.execute((want: string) => ((window as unknown as { __typing: { want: string } }).__typing.want = want), typed);
    const started = Date.now();
    await browser.keys("x");
    await browser.waitUntil(() => browser.execute((n: number) => (window as unknown as { __typing: { times: number[] } }).__typing.times.length === n, k + 1), { timeout: 10_000, interval: 5 });
    await browser.pause(Math.max(0, PACE_MS - (Date.now() - started)));
  }
  const times = ((await browser.execute(() => (window as unknown as { __typing: { times: number[] } }).__typing.times)) as number[]).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)].toFixed(1);
  await saved(browser);
  return `${label}: keystroke to preview over ${times.length} keys: median ${at(0.5)} ms, 95th percentile ${at(0.95)} ms, worst ${times[times.length - 1].toFixed(1)} ms`;
}

test("keystroke to preview on a 60-page paper", async () => {
  const db = join(scratch(), "chancery.sqlite3");
  const file = join(scratch(), "long.md");
  writeFileSync(file, longPaper());
  execFileSync(cli, ["--db", db, "paper", "import", file]);
  const pdf = join(scratch(), "long.pdf");
  execFileSync(cli, ["--db", db, "paper", "export", "1", "--pdf", pdf]);
  const pages = /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdf]).toString())?.[1];

  const browser = await openApp(db);
  await browser.$('[data-testid="paper-item"]').click();
  const words = (await browser.$('[data-testid="word-count"]').getText()).trim();
  const toggle = browser.$('[data-testid="whole-paper-toggle"]');
  if ((await toggle.getAttribute("aria-pressed")) === "true") await toggle.click();
  const items = await browser.$$('[data-testid="section-item"]').getElements();
  await items[5].click();
  const lines = [await typeAndMeasure(browser, "one section")];
  await toggle.click();
  await browser.$(".stack-section").waitForDisplayed();
  lines.push(await typeAndMeasure(browser, "whole paper"));
  await toggle.click();
  await browser.deleteSession();

  const report = [`A paper of ${pages} A4 pages in the PDF (${words}), app as built (target/debug):`, ...lines].join("\n");
  console.log(report);
  mkdirSync(join(repo, "target"), { recursive: true });
  writeFileSync(join(repo, "target/bench-ui.txt"), report + "\n");
});
