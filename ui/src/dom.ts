// A tiny element builder: the UI is small enough not to need a framework.

type Child = Node | string | number | null | undefined | false;
type Attr = string | number | boolean | null | undefined | ((event: never) => void);

/**
 * h("button", { class: "primary", "data-testid": "x", onclick: fn }, "Label")
 * Keys starting with "on" add listeners; `true` sets an empty attribute; null,
 * undefined and false are left out; `value` and `checked` are set as properties
 * after the children, so a select's value can name one of its options.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Record<string, Attr> | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  let value: string | undefined;
  let checked: boolean | undefined;
  for (const [key, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (key.startsWith("on") && typeof v === "function") {
      el.addEventListener(key.slice(2), v as EventListener);
    } else if (key === "value") {
      value = String(v);
    } else if (key === "checked") {
      checked = Boolean(v);
    } else if (key === "class") {
      el.className = String(v);
    } else {
      el.setAttribute(key, v === true ? "" : String(v));
    }
  }
  append(el, ...children);
  if (value !== undefined) (el as HTMLInputElement).value = value;
  if (checked !== undefined) (el as HTMLInputElement).checked = checked;
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "object" ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = "";
  append(parent, ...children);
}

/** <option>s for a select; `empty` adds a first option with value "". */
export function options(
  items: { value: string; label: string }[],
  empty?: string,
): HTMLOptionElement[] {
  const list = items.map((item) => h("option", { value: item.value }, item.label));
  if (empty !== undefined) list.unshift(h("option", { value: "" }, empty));
  return list;
}

let idCounter = 0;
/** A document-unique id for label/for pairs. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
