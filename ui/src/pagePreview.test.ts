import { afterEach, describe, expect, test } from "vitest";
import { openPagePreview, pageSource } from "./pagePreview";

afterEach(() => document.body.replaceChildren());

describe("page preview", () => {
  test("each page is an image of its SVG, numbered", () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0L1 1"/></svg>';
    openPagePreview([svg, svg]);
    const pages = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="page"]'));
    expect(pages.map((p) => p.alt)).toEqual(["Page 1 of 2", "Page 2 of 2"]);
    expect(pages[0].getAttribute("src")).toBe(pageSource(svg));
    expect(atob(pageSource(svg).split(",")[1])).toBe(svg);
    expect(document.querySelector(".page-preview-bar")?.textContent).toContain("2 pages");
  });

  test("non-ASCII survives the encoding", () => {
    const svg = "<svg><title>Язык оригинала</title></svg>";
    const bytes = Uint8Array.from(atob(pageSource(svg).split(",")[1]), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });

  test("Escape and Close return to what was there", () => {
    openPagePreview(["<svg/>"]);
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape" }));
    expect(document.querySelector('[data-testid="page-preview"]')).toBeNull();
    openPagePreview(["<svg/>"]);
    document.querySelector<HTMLButtonElement>('[data-testid="pages-close"]')!.click();
    expect(document.querySelector('[data-testid="page-preview"]')).toBeNull();
  });
});
