// The editor's drafting shortcuts, pressed as keys on a real CodeMirror view.
import { EditorSelection } from "@codemirror/state";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SectionEditor } from "./editor";
import "./testing/harness";

let editor: SectionEditor;

function open(text: string, from: number, to = from): SectionEditor {
  const host = document.createElement("div");
  document.body.append(host);
  editor = new SectionEditor(host, { onChange: vi.fn() });
  editor.show(1, text);
  editor.view.dispatch({ selection: EditorSelection.single(from, to) });
  return editor;
}

/** A key press as the browser sends it; `code` gives CodeMirror the key under a shifted digit. */
function press(key: string, mods: { ctrl?: boolean; shift?: boolean; alt?: boolean } = {}, keyCode?: number): boolean {
  const event = new KeyboardEvent("keydown", {
    key,
    ctrlKey: mods.ctrl ?? false,
    shiftKey: mods.shift ?? false,
    altKey: mods.alt ?? false,
    bubbles: true,
    cancelable: true,
    keyCode,
  } as KeyboardEventInit);
  editor.view.contentDOM.dispatchEvent(event);
  return event.defaultPrevented;
}

afterEach(() => {
  editor.destroy();
  document.body.innerHTML = "";
});

describe("drafting shortcuts", () => {
  it("Ctrl+B and Ctrl+I wrap the selection", () => {
    open("Italy supports the Chair.", 6, 14);
    expect(press("b", { ctrl: true })).toBe(true);
    expect(editor.text).toBe("Italy **supports** the Chair.");
    press("i", { ctrl: true });
    expect(editor.text).toBe("Italy ***supports*** the Chair.");
    press("b", { ctrl: true });
    expect(editor.text).toBe("Italy *supports* the Chair.");
  });

  it("Ctrl+Shift+1/2/3 set the heading level of the line, and toggle it off", () => {
    open("General remarks", 3);
    press("@", { ctrl: true, shift: true }, 50);
    expect(editor.text).toBe("## General remarks");
    press("#", { ctrl: true, shift: true }, 51);
    expect(editor.text).toBe("### General remarks");
    press("#", { ctrl: true, shift: true }, 51);
    expect(editor.text).toBe("General remarks");
    press("!", { ctrl: true, shift: true }, 49);
    expect(editor.text).toBe("# General remarks");
  });

  it("Ctrl+Shift+8 and Ctrl+Shift+7 make lists of the selected lines", () => {
    open("Sovereignty\nDue diligence", 0, 24);
    press("*", { ctrl: true, shift: true }, 56);
    expect(editor.text).toBe("- Sovereignty\n- Due diligence");
    press("&", { ctrl: true, shift: true }, 55);
    expect(editor.text).toBe("1. Sovereignty\n2. Due diligence");
  });

  it("Ctrl+Alt+F adds a footnote and puts the cursor in its definition", () => {
    open("As agreed in 2015.", 9);
    press("f", { ctrl: true, alt: true });
    expect(editor.text).toBe("As agreed[^1] in 2015.\n\n[^1]: ");
    expect(editor.view.state.selection.main.head).toBe(editor.text.length);
    // one undo takes it all back
    press("z", { ctrl: true });
    expect(editor.text).toBe("As agreed in 2015.");
  });

  it("Ctrl+F opens find and replace", () => {
    open("Text.", 0);
    press("f", { ctrl: true });
    expect(editor.view.dom.querySelector(".cm-search")).not.toBeNull();
    expect(editor.view.dom.querySelector(".cm-search [name=replace]")).not.toBeNull();
  });

  it("puts the cursor where it is asked, within the text", () => {
    open("Some text.", 0);
    editor.placeCursor(4);
    expect(editor.view.state.selection.main.head).toBe(4);
    editor.placeCursor(999);
    expect(editor.view.state.selection.main.head).toBe(10);
  });
});
