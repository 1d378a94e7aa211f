// The agreed-language check: the report panel (unresolved references, deviating
// quotations with their word diff, verified quotations) and the marks it leaves in
// the editor. The core gives BYTE ranges of the citation bracket; the editor counts
// UTF-16 code units, so every range is converted here.
import type { CheckReport, Place } from "./api";
import { h, replaceChildren } from "./dom";
import { renderDiff } from "./history";

/** A UTF-8 byte offset in `text` as a UTF-16 offset (what JS strings and CodeMirror count). */
export function byteToUtf16(text: string, byte: number): number {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < byte) {
    const code = text.codePointAt(i)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    i += code >= 0x10000 ? 2 : 1;
  }
  return i;
}

export type CheckMarkKind = "unresolved" | "deviation" | "verified";

export interface CheckMark {
  kind: CheckMarkKind;
  from: number;
  to: number;
  /** the tooltip */
  title: string;
}

/** Where a finding's citation bracket stands in the section's body, in UTF-16 offsets. */
export function bracketRange(body: string, place: Place): { from: number; to: number } {
  return { from: byteToUtf16(body, place.span.start), to: byteToUtf16(body, place.span.end) };
}

/** The quotation's words before the bracket, or the bracket itself when they cannot be found as written. */
export function quotationRange(body: string, place: Place, quotation: string): { from: number; to: number } {
  const bracket = bracketRange(body, place);
  const at = quotation ? body.lastIndexOf(quotation, bracket.from) : -1;
  return at === -1 ? bracket : { from: at, to: at + quotation.length };
}

/** The editor marks of a report for one section, in text order. */
export function checkMarks(report: CheckReport, sectionId: number, body: string): CheckMark[] {
  const marks: CheckMark[] = [];
  for (const u of report.unresolved) {
    if (u.sectionId === sectionId) marks.push({ kind: "unresolved", ...bracketRange(body, u), title: u.message });
  }
  for (const d of report.deviations) {
    if (d.sectionId !== sectionId) continue;
    marks.push({ kind: "deviation", ...quotationRange(body, d, d.quotation), title: `Differs from ${d.reference.replace(/^@/, "")}: ${d.inline}` });
  }
  for (const v of report.verified) {
    if (v.sectionId === sectionId) marks.push({ kind: "verified", ...quotationRange(body, v, v.quotation), title: `Agreed text of ${v.reference.replace(/^@/, "")}` });
  }
  // Several references in one bracket share its span: one mark each is enough.
  const seen = new Set<string>();
  return marks
    .filter((m) => {
      const key = `${m.kind}:${m.from}:${m.to}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.from - b.from || a.to - b.to);
}

export function reportSummary(report: CheckReport): string {
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  return [
    n(report.unresolved.length, "unresolved reference", "unresolved references"),
    n(report.deviations.length, "deviation", "deviations"),
    n(report.verified.length, "verified quotation", "verified quotations"),
  ].join(" · ");
}

export interface CheckHost {
  /** Selects the section and the finding's words. */
  jump: (place: Place, quotation: string | null) => void;
  close: () => void;
}

export class CheckPanel {
  readonly root: HTMLElement;
  private readonly body: HTMLElement;
  private readonly summary: HTMLElement;

  constructor(private readonly host: CheckHost) {
    this.summary = h("div", { class: "check-summary muted", "data-testid": "check-summary" });
    this.body = h("div", { class: "note-scroll check-body" });
    this.root = h(
      "aside",
      { class: "review-panel check-panel", "data-testid": "check-panel", "aria-label": "Check of references and quotations" },
      h(
        "div",
        { class: "pane-title" },
        h("span", null, "Check"),
        h("button", { type: "button", class: "button small", title: "Close the check", "aria-label": "Close the check", onclick: () => this.host.close() }, "×"),
      ),
      this.summary,
      this.body,
    );
  }

  showError(message: string): void {
    this.summary.textContent = "";
    replaceChildren(this.body, h("p", { class: "dialog-error" }, "The check did not run: " + message));
  }

  show(report: CheckReport): void {
    this.summary.textContent = reportSummary(report);
    const item = (testid: string, place: Place, quotation: string | null, ...children: (Node | string | null)[]) =>
      h(
        "li",
        { class: "check-item", "data-testid": testid, tabindex: 0, title: "Show in the text", onclick: () => this.host.jump(place, quotation) },
        h("div", { class: "check-where muted" }, `${place.section} · line ${place.line}`),
        ...children,
      );
    const group = (title: string, cls: string, items: HTMLElement[]) =>
      items.length ? h("section", { class: `check-group ${cls}` }, h("h3", { class: "note-group-title" }, title), h("ol", { class: "note-list" }, ...items)) : null;
    replaceChildren(
      this.body,
      group(
        "Unresolved references",
        "check-unresolved",
        report.unresolved.map((u) => item("check-unresolved", u, null, h("code", { class: "check-ref" }, `[${u.reference}]`), h("div", { class: "check-reason" }, u.message))),
      ),
      group(
        "Quotations that differ from the agreed text",
        "check-deviation",
        report.deviations.map((d) =>
          item(
            "check-deviation",
            d,
            d.quotation,
            h("code", { class: "check-ref" }, `[${d.reference}]`),
            h("div", { class: "check-diff" }, renderDiff(d.changes)),
            h("div", { class: "muted check-legend" }, h("del", { class: "diff-del" }, "agreed"), " ", h("ins", { class: "diff-ins" }, "as quoted")),
          ),
        ),
      ),
      group(
        "Verified quotations",
        "check-verified",
        report.verified.map((v) => item("check-verified", v, v.quotation, h("code", { class: "check-ref" }, `[${v.reference}]`), h("div", { class: "check-quote" }, `“${v.quotation}”`))),
      ),
      report.unresolved.length + report.deviations.length + report.verified.length === 0
        ? h("p", { class: "empty-state muted" }, "No references to check. Cite agreed texts as [@A/70/174, para. 13(a)].")
        : null,
    );
  }
}

