// The pages as the PDF will print them, shown before anything is saved. The core draws
// each page as an SVG of glyph outlines (the PDF's own layout); they are shown as images,
// which can run nothing whatever a page holds.

import { h } from "./dom";

/** An SVG page as an image source. */
export function pageSource(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return "data:image/svg+xml;base64," + btoa(binary);
}

/** Opens the pages over the page; Escape or Close returns to the export dialog. */
export function openPagePreview(pages: string[]): HTMLElement {
  const close = h("button", { type: "button", class: "button", "data-testid": "pages-close" }, "Close");
  const count = pages.length === 1 ? "1 page" : `${pages.length} pages`;
  const root = h(
    "div",
    { class: "overlay page-preview", role: "dialog", "aria-modal": "true", "aria-label": "The pages as they will print", "data-testid": "page-preview" },
    h(
      "div",
      { class: "page-preview-bar" },
      h("span", null, `The pages as they will print · ${count}`),
      close,
    ),
    h(
      "div",
      { class: "page-preview-pages" },
      ...pages.map((svg, i) => h("img", { class: "page", src: pageSource(svg), alt: `Page ${i + 1} of ${pages.length}`, "data-testid": "page" })),
    ),
  );
  const dismiss = () => {
    root.remove();
    document.removeEventListener("keydown", onKey, true);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      dismiss();
    }
  };
  close.addEventListener("click", dismiss);
  document.addEventListener("keydown", onKey, true);
  document.body.append(root);
  close.focus();
  return root;
}
