import { describe, expect, it } from "vitest";
import { patchChildren } from "./domPatch";

function html(markup: string): HTMLElement {
  const el = document.createElement("div");
  el.innerHTML = markup;
  return el;
}

describe("patchChildren", () => {
  it("changes only the paragraph that changed, inside a list", () => {
    const shown = html('<p data-line="1">Intro</p><ol><li data-line="3">One</li><li data-line="4">Two</li></ol><p data-line="6">End</p>');
    const [intro, list, end] = [...shown.children];
    const first = list.children[0];
    patchChildren(shown, html('<p data-line="1">Intro</p><ol><li data-line="3">One</li><li data-line="4">Two, typed</li></ol><p data-line="6">End</p>'));
    expect(shown.innerHTML).toBe('<p data-line="1">Intro</p><ol><li data-line="3">One</li><li data-line="4">Two, typed</li></ol><p data-line="6">End</p>');
    // The untouched blocks are the same nodes: nothing to lay out again.
    expect([shown.children[0], shown.children[1], shown.children[2], shown.children[1].children[0]]).toEqual([intro, list, end, first]);
    expect(shown.children[1].children[0]).toBe(first);
  });

  it("adds, removes and renumbers blocks", () => {
    const shown = html('<p data-line="1">A</p><p data-line="3">B</p>');
    patchChildren(shown, html('<p data-line="1">A</p><p data-line="3">New</p><p data-line="5">B</p>'));
    expect(shown.innerHTML).toBe('<p data-line="1">A</p><p data-line="3">New</p><p data-line="5">B</p>');
    patchChildren(shown, html('<h2 data-line="1">A</h2>'));
    expect(shown.innerHTML).toBe('<h2 data-line="1">A</h2>');
    patchChildren(shown, html(""));
    expect(shown.innerHTML).toBe("");
  });
});
