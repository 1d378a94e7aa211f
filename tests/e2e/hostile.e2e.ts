// A hostile paper in the real app: every payload of the hostile corpus
// (tests/it/fixtures/hostile/paper.md: script tags, event handlers, javascript: and data:
// links, frames, remote images, styles with url(), a meta refresh) would set a marker or
// fetch from a server of ours if it ran. The paper is opened, its preview shown, its
// javascript: link clicked: no marker is set and no request leaves the app.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { cli, openApp, repo, scratch, screenshot, startDriver, stopDriver, text } from "./driver";

/** Stands in for the remote host of the payloads: every request that reaches it is kept. */
let server: Server;
const requests: string[] = [];

beforeAll(async () => {
  await startDriver();
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(() => {
  stopDriver();
  server.close();
});

/** What a payload would have left behind, read in the page. */
type Markers = { pwned: unknown; title: string; stored: string | null; attribute: string | null; href: string; foreign: string[] };

test("a hostile paper opens with none of its payloads run and nothing fetched", async () => {
  const dir = scratch();
  const db = join(dir, "chancery.sqlite3");
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const paper = join(dir, "hostile.md");
  const corpus = readFileSync(join(repo, "tests/it/fixtures/hostile/paper.md"), "utf8");
  writeFileSync(paper, corpus.replaceAll("https://evil.example", origin));
  execFileSync(cli, ["--db", db, "paper", "import", paper]);

  const browser = await openApp(db);
  const item = browser.$('[data-testid="paper-item"][data-paper-id="1"]');
  await item.click();
  const preview = browser.$('[data-testid="preview"]');
  await browser.waitUntil(async () => (await text(preview)).includes("eleven norms"), { timeout: 10_000 });
  // Time for an image's error, a frame's load, a refresh or an autofocus to fire.
  await browser.pause(1_500);

  // The links are there as words, without their targets; clicking one does nothing.
  const link = preview.$('.//a[contains(., "javascript link")]');
  expect(await link.getAttribute("href")).toBeNull();
  await link.click();
  await preview.$('.//a[contains(., "data link")]').click();
  await browser.pause(500);
  screenshot("hostile-preview");

  // The section whose heading carries a payload.
  await browser.$('//*[@data-testid="section-item"][contains(., "Capacity-building")]').click();
  await browser.waitUntil(async () => (await text(preview)).includes("needs-driven"), { timeout: 10_000 });
  await browser.pause(1_000);

  const markers = (await browser.execute(() => {
    const own = [location.origin, "http://ipc.localhost"];
    const foreign = performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((url) => /^https?:/i.test(url) && !own.some((o) => url.startsWith(o)));
    return {
      pwned: (window as unknown as { __chancery_pwned?: unknown }).__chancery_pwned ?? null,
      title: document.title,
      stored: localStorage.getItem("chancery_pwned"),
      attribute: document.body.getAttribute("data-pwned"),
      href: location.href,
      foreign,
    };
  })) as Markers;
  expect(markers.pwned).toBeNull();
  expect(markers.title).not.toContain("pwned");
  expect(markers.stored).toBeNull();
  expect(markers.attribute).toBeNull();
  expect(markers.foreign).toEqual([]);
  expect(requests).toEqual([]);
  // Still the app, not a page a link or a refresh went to.
  expect(markers.href.startsWith("http://127.0.0.1")).toBe(false);
  expect(await text(browser.$('[data-testid="paper-item"][data-paper-id="1"]'))).toContain("on hostile input");
  await browser.deleteSession();
});
