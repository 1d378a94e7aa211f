// The preview's position for the editor's: blocks found by source line, with the editor's
// own CodeMirror view for the line at its top.
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { describe, expect, it } from "vitest";
import { previewTop, ScrollFollower, topLine, type Anchor } from "./scrollSync";
import "./testing/harness";

const blocks: Anchor[] = [
  { line: 0, top: 0 },
  { line: 1, top: 40 },
  { line: 5, top: 200 },
  { line: 9, top: 260 },
];

describe("previewTop", () => {
  it("goes to the block a line starts", () => {
    expect(previewTop(blocks, 1)).toBe(40);
    expect(previewTop(blocks, 5)).toBe(200);
  });

  it("goes part-way to the next block as the line is part-way between theirs", () => {
    expect(previewTop(blocks, 3)).toBe(120);
    expect(previewTop(blocks, 7.5)).toBe(237.5);
  });

  it("stays at the last block past it, and has nothing to say without blocks", () => {
    expect(previewTop(blocks, 40)).toBe(260);
    expect(previewTop([], 3)).toBeNull();
  });
});

describe("topLine", () => {
  it("is the first line at the top of the text", () => {
    const view = new EditorView({ state: EditorState.create({ doc: "one\ntwo\nthree" }), parent: document.body });
    expect(topLine(view, 0)).toBe(1);
    view.destroy();
  });
});

describe("ScrollFollower", () => {
  /** A preview section whose blocks stand at the given tops (jsdom lays nothing out). */
  function preview(tops: Record<number, number>) {
    const scroller = document.createElement("div");
    const section = document.createElement("section");
    scroller.append(section);
    const rect = (top: number) => ({ top, bottom: top, left: 0, right: 0, width: 0, height: 0, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;
    scroller.getBoundingClientRect = () => rect(0);
    section.getBoundingClientRect = () => rect(-scroller.scrollTop);
    for (const [line, top] of Object.entries(tops)) {
      const p = document.createElement("p");
      p.dataset.line = line;
      p.getBoundingClientRect = () => rect(top - scroller.scrollTop);
      section.append(p);
    }
    Object.defineProperty(scroller, "clientHeight", { value: 300 });
    return { scroller, section };
  }

  it("puts the editor's top line at the preview's top, and leaves a block in sight where it is", () => {
    const { scroller, section } = preview({ 1: 50, 10: 650, 20: 1250 });
    let now = 0;
    const follower = new ScrollFollower(scroller, () => section, () => now);
    expect(follower.target(1, 10, "scroll")).toBe(638);
    expect(follower.target(1, 15, "scroll")).toBe(938);
    expect(follower.target(1, 1, "scroll")).toBeNull();
    // The cursor on line 10, out of sight: brought a third of the way down; in sight: no move.
    expect(follower.target(1, 10, "cursor")).toBe(550);
    scroller.scrollTop = 600;
    expect(follower.target(1, 10, "cursor")).toBeNull();
    now = 0;
  });

  it("does not fight the drafter scrolling the preview", () => {
    const { scroller, section } = preview({ 1: 50, 10: 650 });
    let now = 1000;
    const follower = new ScrollFollower(scroller, () => section, () => now);
    let frames = 0;
    const raf = globalThis.requestAnimationFrame;
    globalThis.requestAnimationFrame = ((cb: FrameRequestCallback) => (frames++, cb(0), 1)) as typeof requestAnimationFrame;
    try {
      scroller.dispatchEvent(new Event("wheel"));
      follower.follow(1, 10, "scroll");
      expect(frames).toBe(0);
      now += 2000;
      follower.follow(1, 10, "scroll");
      expect(frames).toBe(1);
    } finally {
      globalThis.requestAnimationFrame = raf;
    }
  });
});
