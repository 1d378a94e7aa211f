import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChanceryError } from "./api";
import { Preview } from "./preview";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("Preview", () => {
  it("renders only the latest text after the pause, heading as text", async () => {
    const el = document.createElement("article");
    const render = vi.fn((md: string) => Promise.resolve(`<p>${md}</p>`));
    const preview = new Preview(el, render, 150);
    preview.update("<Norms>", "a");
    preview.update("<Norms>", "ab");
    await vi.advanceTimersByTimeAsync(149);
    expect(render).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(render).toHaveBeenCalledTimes(1);
    expect(render).toHaveBeenCalledWith("ab");
    expect(el.querySelector("h2")?.textContent).toBe("<Norms>");
    expect(el.querySelector(".preview-body")?.innerHTML).toBe("<p>ab</p>");
  });

  it("ignores a slow older render that finishes after a newer one", async () => {
    const el = document.createElement("article");
    const pending: Record<string, (html: string) => void> = {};
    const preview = new Preview(el, (md) => new Promise((resolve) => (pending[md] = resolve)), 150);
    const first = preview.renderNow(null, "old");
    const second = preview.renderNow(null, "new");
    pending["new"]("<p>new</p>");
    await second;
    pending["old"]("<p>old</p>");
    await first;
    expect(el.innerHTML).toContain("<p>new</p>");
    expect(el.innerHTML).not.toContain("old");
  });

  it("shows the error message when the core cannot render", async () => {
    const el = document.createElement("article");
    const preview = new Preview(el, () => Promise.reject(new ChanceryError("render", "bad table")), 150);
    await preview.renderNow("Intro", "x");
    expect(el.textContent).toContain("Preview unavailable: bad table");
  });
});
