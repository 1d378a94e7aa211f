// Puts new HTML into the preview by changing only the blocks that differ, so the webview
// lays out again one paragraph, not the whole section, after a keystroke.

/** Makes `into`'s children the same as `from`'s, keeping every node that is already equal. */
export function patchChildren(into: Element, from: Element): void {
  const old = [...into.childNodes];
  const next = [...from.childNodes];
  let start = 0;
  while (start < old.length && start < next.length && old[start].isEqualNode(next[start])) start++;
  let endOld = old.length;
  let endNew = next.length;
  while (endOld > start && endNew > start && old[endOld - 1].isEqualNode(next[endNew - 1])) {
    endOld--;
    endNew--;
  }
  const a = old[start];
  const b = next[start];
  // One element changed in the same kind of element (a list's item, a quotation's
  // paragraph): go inside it rather than replace it whole.
  if (endOld - start === 1 && endNew - start === 1 && a instanceof Element && b instanceof Element && a.tagName === b.tagName && a.className === b.className) {
    for (const name of a.getAttributeNames()) if (!b.hasAttribute(name)) a.removeAttribute(name);
    for (const name of b.getAttributeNames()) if (a.getAttribute(name) !== b.getAttribute(name)) a.setAttribute(name, b.getAttribute(name)!);
    patchChildren(a, b);
    return;
  }
  const before = old[endOld] ?? null;
  for (const node of old.slice(start, endOld)) node.remove();
  for (const node of next.slice(start, endNew)) into.insertBefore(node, before);
}
