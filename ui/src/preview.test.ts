import { describe, expect, it, vi } from "vitest";
import { ChanceryError } from "./api";
import { Preview } from "./preview";

/** A render that answers only when told to, per markdown text. */
function heldRender() {
  const pending = new Map<string, (html: string) => void>();
  const render = vi.fn((md: string) => new Promise<string>((resolve) => pending.set(md, resolve)));
  return { render, answer: (md: string) => pending.get(md)!(`<p>${md}</p>`) };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("Preview", () => {
  it("shows each section with its heading as text, in order", async () => {
    const el = document.createElement("article");
    const preview = new Preview(el, (md) => Promise.resolve(`<p>${md}</p>`));
    await preview.show([
      { id: 1, heading: "<Norms>", body: "a" },
      { id: 2, heading: null, body: "b" },
    ]);
    expect(el.querySelector("h2")?.textContent).toBe("<Norms>");
    expect([...el.querySelectorAll(".preview-body")].map((b) => b.innerHTML)).toEqual(["<p>a</p>", "<p>b</p>"]);
    expect(preview.section(2)?.dataset.section).toBe("2");
  });

  it("renders an edit at once, and while a render runs only the latest text next", async () => {
    const el = document.createElement("article");
    const { render, answer } = heldRender();
    const preview = new Preview(el, render);
    const shown = preview.show([{ id: 1, heading: null, body: "a" }]);
    answer("a");
    await shown;
    void preview.update({ id: 1, heading: null, body: "ab" });
    expect(render).toHaveBeenLastCalledWith("ab");
    void preview.update({ id: 1, heading: null, body: "abc" });
    void preview.update({ id: 1, heading: null, body: "abcd" });
    answer("ab");
    await flush();
    expect(render.mock.calls.map((c) => c[0])).toEqual(["a", "ab", "abcd"]);
    answer("abcd");
    await flush();
    expect(el.querySelector(".preview-body")?.innerHTML).toBe("<p>abcd</p>");
  });

  it("re-renders only the edited section", async () => {
    const el = document.createElement("article");
    const render = vi.fn((md: string) => Promise.resolve(`<p>${md}</p>`));
    const preview = new Preview(el, render);
    await preview.show([
      { id: 1, heading: "One", body: "a" },
      { id: 2, heading: "Two", body: "b" },
    ]);
    const first = preview.section(1)!.querySelector(".preview-body");
    await preview.update({ id: 2, heading: "Two", body: "b2" });
    expect(render).toHaveBeenCalledTimes(3);
    expect(preview.section(1)!.querySelector(".preview-body")).toBe(first);
    expect(preview.section(2)!.textContent).toContain("b2");
  });

  it("drops a slow render of a section no longer shown", async () => {
    const el = document.createElement("article");
    const { render, answer } = heldRender();
    const preview = new Preview(el, render);
    const old = preview.show([{ id: 1, heading: null, body: "old" }]);
    const fresh = preview.show([{ id: 2, heading: null, body: "new" }]);
    answer("new");
    await fresh;
    answer("old");
    await old;
    expect(el.innerHTML).toContain("<p>new</p>");
    expect(el.innerHTML).not.toContain("old");
  });

  it("shows the error message when the core cannot render", async () => {
    const el = document.createElement("article");
    const preview = new Preview(el, () => Promise.reject(new ChanceryError("render", "bad table")));
    await preview.show([{ id: 1, heading: "Intro", body: "x" }]);
    expect(el.textContent).toContain("Preview unavailable: bad table");
  });
});
