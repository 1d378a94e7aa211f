// The library of agreed texts: the list of documents, the import (paste or file, with
// the split shown and its labels editable before saving), search with highlighted
// snippets, and "Insert in paper" of a hit as a quotation with its reference.
import * as api from "./api";
import type { Adoption, AgreedText, ByteRange, DocumentKind, SearchHit, Split } from "./api";
import { openModal, type Modal } from "./dialogs";
import { h, options, replaceChildren, uid } from "./dom";
import { debounce } from "./timing";

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  resolution: "Resolution",
  report: "Report",
  "chairs-summary": "Chair's summary",
  treaty: "Treaty",
  position: "National or regional position",
  other: "Other",
};

// ---------------------------------------------------------------- pure logic

/**
 * The snippet cut into plain and highlighted runs. `highlights` are UTF-8 BYTE ranges
 * (as the core's search gives them); they are turned into string offsets here.
 */
export function highlightSegments(snippet: string, highlights: ByteRange[]): { text: string; hit: boolean }[] {
  const bytes = new TextEncoder().encode(snippet);
  const decoder = new TextDecoder();
  const toOffset = (byte: number) => decoder.decode(bytes.subarray(0, Math.max(0, Math.min(byte, bytes.length)))).length;
  const out: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const r of [...highlights].sort((a, b) => a.start - b.start)) {
    const from = Math.max(at, toOffset(r.start));
    const to = toOffset(r.end);
    if (to <= from) continue;
    if (from > at) out.push({ text: snippet.slice(at, from), hit: false });
    out.push({ text: snippet.slice(from, to), hit: true });
    at = to;
  }
  if (at < snippet.length) out.push({ text: snippet.slice(at), hit: false });
  return out;
}

/** A paragraph label as a citation locator: "13(a)" → "para. 13(a)"; "annex I, 2" → "annex I, para. 2"; "preamble, 2" → "preamble, para. 2". */
export function locator(label: string): string {
  const annex = /^(annex\s+[IVXLC\d]+|preamble)\s*,\s*(.+)$/i.exec(label.trim());
  return annex ? `${annex[1]}, para. ${annex[2]}` : `para. ${label.trim()}`;
}

/** The agreed text as a quotation with its reference: “TEXT” [@SYMBOL, para. LABEL]. */
export function agreedQuotation(text: string, symbol: string, label: string): string {
  const words = text.trim().replace(/\s+/g, " ").replace(/^[“"]|[”"]$/g, "");
  return `“${words}” [@${symbol}, ${locator(label)}]`;
}

/** The adoption from the import form: "consensus", "without-vote", or a recorded vote with its counts. */
export function adoptionOf(how: string, yes: string, no: string, abstain: string): Adoption | undefined {
  if (how === "consensus" || how === "without-vote") return { how };
  if (how === "recorded-vote") {
    const n = (v: string) => Math.max(0, Number.parseInt(v, 10) || 0);
    return { how, yes: n(yes), no: n(no), abstain: n(abstain) };
  }
  return undefined;
}

export function adoptionLabel(adoption: Adoption | null): string {
  if (!adoption) return "";
  if (adoption.how === "consensus") return "consensus";
  if (adoption.how === "without-vote") return "without a vote";
  return `recorded vote ${adoption.yes}–${adoption.no}–${adoption.abstain}`;
}

/** The first words of a paragraph, for the split's preview. */
/** The years of the library's documents, the latest first, for the year filter. */
export function documentYears(documents: AgreedText[]): number[] {
  const years = new Set(documents.flatMap((d) => (d.date ? [Number(d.date.slice(0, 4))] : [])));
  return [...years].sort((a, b) => b - a);
}

export function firstWords(text: string, count = 10): string {
  const words = text.trim().split(/\s+/);
  return words.slice(0, count).join(" ") + (words.length > count ? " …" : "");
}

// ---------------------------------------------------------------- import

function field(label: string, control: HTMLElement): HTMLElement {
  control.id ||= uid("field");
  return h("div", { class: "field" }, h("label", { for: control.id }, label), control);
}

/** The import dialog: the document's details, its text (pasted or from a file), the split to look over, then Save. */
export function openImportDialog(imported: (doc: AgreedText) => void): Modal {
  const symbol = h("input", { type: "text", "data-testid": "import-symbol", autocomplete: "off", placeholder: "e.g. A/70/174" });
  const title = h("input", { type: "text", "data-testid": "import-title", autocomplete: "off", placeholder: "e.g. Report of the Group of Governmental Experts" });
  const kind = h("select", { "data-testid": "import-kind", value: "report" }, ...options(api.DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_LABELS[k] }))));
  const date = h("input", { type: "date", "data-testid": "import-date" });
  const how = h(
    "select",
    { "data-testid": "import-adoption", value: "" },
    ...options([{ value: "consensus", label: "By consensus" }, { value: "without-vote", label: "Without a vote" }, { value: "recorded-vote", label: "Recorded vote" }], "Not said"),
  );
  const count = (name: string) => h("input", { type: "text", inputmode: "numeric", class: "vote-count", placeholder: name, "aria-label": name });
  const yes = count("In favour");
  const no = count("Against");
  const abstain = count("Abstaining");
  const votes = h("div", { class: "vote-row", hidden: true }, yes, no, abstain);
  how.addEventListener("change", () => (votes.hidden = how.value !== "recorded-vote"));
  const text = h("textarea", { "data-testid": "import-text", rows: 7, placeholder: "Paste the official text here (numbered paragraphs)." });
  const preview = h("ol", { class: "split-preview", "data-testid": "split-preview", "aria-label": "Paragraphs found" });
  const previewNote = h("p", { class: "field-hint" });
  let split: Split | null = null;
  // The text and symbol the split shown was made from: Save splits again only when they
  // changed, so the labels the user fixed are the ones saved.
  let splitFrom = "";
  const source = () => `${symbol.value.trim()}\u0000${text.value}`;

  const showSplit = (s: Split) => {
    split = s;
    splitFrom = source();
    previewNote.textContent = s.paragraphs.length ? `${s.paragraphs.length} paragraphs found. Fix a label if the split got it wrong.` : "No numbered paragraphs found.";
    replaceChildren(
      preview,
      ...s.paragraphs.map((p) => {
        const label = h("input", { type: "text", class: "split-label", value: p.label, "aria-label": "Label", "data-testid": "split-label" });
        label.addEventListener("input", () => (p.label = label.value.trim()));
        return h("li", null, label, h("span", { class: "split-start" }, firstWords(p.text)));
      }),
    );
  };
  const resplit = debounce(async () => {
    if (text.value.trim() === "") return showSplit({ paragraphs: [] });
    showSplit(await api.librarySplit(text.value, symbol.value.trim() || "X"));
  }, 300);
  text.addEventListener("input", () => resplit());
  // The symbol tells the running header from the text: the split follows it.
  symbol.addEventListener("input", () => text.value.trim() && resplit());
  const chooseFile = h("button", { type: "button", class: "button small", "data-testid": "import-file" }, "Choose file…");
  chooseFile.addEventListener("click", async () => {
    try {
      const s = await api.librarySplitFile(symbol.value.trim() || "X");
      if (s) {
        text.value = "";
        showSplit(s);
      }
    } catch (e) {
      modal.showError(api.toChanceryError(e).message);
    }
  });

  const modal = openModal({
    title: "Import an agreed text",
    content: [
      h("div", { class: "field-row" }, field("Symbol", symbol), field("Kind", kind)),
      field("Title", title),
      h("div", { class: "field-row" }, field("Date", date), field("Adopted", how)),
      votes,
      h("div", { class: "field" }, h("div", { class: "import-source" }, h("label", { for: (text.id = uid("field")) }, "Text"), h("span", { class: "spacer" }), chooseFile), text),
      previewNote,
      preview,
    ],
    submitLabel: "Save",
    submitTestId: "import-save",
    onSubmit: async () => {
      if (!symbol.value.trim()) return "Give the document's symbol.";
      if (!title.value.trim()) return "Give the document's title.";
      resplit.cancel();
      if (text.value.trim() && source() !== splitFrom) showSplit(await api.librarySplit(text.value, symbol.value.trim()));
      if (!split || split.paragraphs.length === 0) return "Paste the text or choose a file: no paragraphs to save yet.";
      const doc = await api.libraryImport(
        { symbol: symbol.value.trim(), title: title.value.trim(), kind: kind.value as DocumentKind, date: date.value || undefined, adoption: adoptionOf(how.value, yes.value, no.value, abstain.value) },
        split,
      );
      imported(doc);
    },
  });
  modal.root.querySelector(".dialog")?.classList.add("wide");
  return modal;
}

// ---------------------------------------------------------------- the view

export interface LibraryHost {
  /** Inserts text at the open paper's cursor; false when no paper is open. */
  insert: (text: string) => boolean;
  showError: (message: string) => void;
  /** The documents changed (an import): caches follow. */
  documentsChanged: () => void;
}

export class LibraryView {
  readonly root: HTMLElement;
  private documents: AgreedText[] = [];
  private readonly docList: HTMLElement;
  private readonly results: HTMLElement;
  private readonly query: HTMLInputElement;
  private readonly docFilter: HTMLSelectElement;
  private readonly kindFilter: HTMLSelectElement;
  private readonly yearFilter: HTMLSelectElement;
  private readonly message: HTMLElement;
  private ticket = 0;
  private readonly searchSoon = debounce(() => void this.search(), 250);

  constructor(private readonly host: LibraryHost) {
    this.docList = h("ul", { class: "doc-list", "data-testid": "library-documents" });
    this.results = h("ol", { class: "hit-list", "data-testid": "library-results", "aria-label": "Results" });
    this.query = h("input", { type: "search", class: "library-query", "data-testid": "library-search", placeholder: "Search the agreed texts: words, \"a phrase\", vulner*", "aria-label": "Search" });
    this.query.addEventListener("input", () => this.searchSoon());
    this.query.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        this.searchSoon.cancel();
        void this.search();
      }
    });
    this.docFilter = h("select", { "aria-label": "Document", "data-testid": "library-doc-filter" });
    this.kindFilter = h("select", { "aria-label": "Kind of document", "data-testid": "library-kind-filter" }, ...options(api.DOCUMENT_KINDS.map((k) => ({ value: k, label: DOCUMENT_KIND_LABELS[k] })), "All kinds"));
    this.yearFilter = h("select", { "aria-label": "Year", "data-testid": "library-year-filter" });
    for (const filter of [this.docFilter, this.kindFilter, this.yearFilter]) filter.addEventListener("change", () => void this.search());
    this.message = h("p", { class: "muted library-message", role: "status" });
    this.root = h(
      "div",
      { class: "library-view", "data-testid": "library-view" },
      h(
        "header",
        { class: "paper-header" },
        h(
          "div",
          { class: "paper-header-row" },
          h("h1", { class: "library-title" }, "Library of agreed texts"),
          h("span", { class: "spacer" }),
          h("button", { type: "button", class: "button primary small", "data-testid": "library-import", onclick: () => openImportDialog((doc) => this.imported(doc)) }, "Import…"),
        ),
      ),
      h(
        "div",
        { class: "library-body" },
        h("nav", { class: "sections-pane library-docs", "aria-label": "Documents" }, h("div", { class: "pane-title" }, h("span", null, "Documents")), this.docList),
        h("section", { class: "library-search-pane" }, h("div", { class: "library-search-bar" }, this.query, this.docFilter, this.kindFilter, this.yearFilter), this.message, h("div", { class: "hit-scroll" }, this.results)),
      ),
    );
  }

  async load(): Promise<void> {
    try {
      this.documents = await api.libraryDocuments();
    } catch (e) {
      this.host.showError(api.toChanceryError(e).message);
    }
    this.renderDocuments();
    this.query.focus();
  }

  private imported(doc: AgreedText): void {
    this.message.textContent = `${doc.symbol} imported: ${doc.paragraphs} paragraphs.`;
    this.host.documentsChanged();
    void this.load();
  }

  private renderDocuments(): void {
    const current = this.docFilter.value;
    replaceChildren(this.docFilter, ...options(this.documents.map((d) => ({ value: d.symbol, label: d.symbol })), "All documents"));
    this.docFilter.value = current;
    const year = this.yearFilter.value;
    replaceChildren(this.yearFilter, ...options(documentYears(this.documents).map((y) => ({ value: String(y), label: String(y) })), "All years"));
    this.yearFilter.value = year;
    replaceChildren(
      this.docList,
      ...this.documents.map((d) =>
        h(
          "li",
          { class: "doc-item", "data-testid": "library-document", "data-symbol": d.symbol, title: d.title },
          h("span", { class: "doc-symbol" }, d.symbol),
          h("span", { class: "doc-title" }, d.shortTitle || d.title),
          h("span", { class: "doc-meta muted" }, [DOCUMENT_KIND_LABELS[d.kind], d.date ?? "", adoptionLabel(d.adoption), `${d.paragraphs} paras.`].filter(Boolean).join(" · ")),
        ),
      ),
    );
    if (this.documents.length === 0) this.docList.append(h("li", { class: "list-empty muted" }, "No agreed texts yet. Import one with Import…"));
  }

  async search(): Promise<void> {
    const query = this.query.value.trim();
    const ticket = ++this.ticket;
    if (!query) {
      replaceChildren(this.results);
      this.message.textContent = "";
      return;
    }
    let hits: SearchHit[];
    try {
      hits = await api.librarySearch({
        query,
        document: this.docFilter.value || undefined,
        kind: (this.kindFilter.value || undefined) as DocumentKind | undefined,
        year: this.yearFilter.value ? Number(this.yearFilter.value) : undefined,
        limit: 50,
      });
    } catch (e) {
      if (ticket === this.ticket) this.message.textContent = api.toChanceryError(e).message;
      return;
    }
    if (ticket !== this.ticket) return;
    this.message.textContent = hits.length ? `${hits.length} paragraph${hits.length === 1 ? "" : "s"}` : "Nothing found.";
    replaceChildren(this.results, ...hits.map((hit) => this.hit(hit)));
  }

  private hit(hit: SearchHit): HTMLElement {
    const insert = h("button", { type: "button", class: "button small", "data-testid": "library-insert", title: "Insert the paragraph at the cursor as a quotation with its reference" }, "Insert in paper");
    insert.addEventListener("click", async () => {
      try {
        const paragraphs = await api.libraryParagraphs(hit.symbol);
        const paragraph = paragraphs.find((p) => p.label === hit.label);
        const quoted = agreedQuotation(paragraph?.text ?? hit.snippet, hit.symbol, hit.label);
        if (!this.host.insert(quoted)) this.message.textContent = "Open a paper first: the quotation goes where its cursor is.";
      } catch (e) {
        this.message.textContent = api.toChanceryError(e).message;
      }
    });
    return h(
      "li",
      { class: "hit", "data-testid": "library-hit", "data-symbol": hit.symbol, "data-label": hit.label },
      h("div", { class: "hit-head" }, h("span", { class: "doc-symbol" }, hit.symbol), h("span", { class: "hit-label" }, locator(hit.label)), h("span", { class: "muted hit-title" }, hit.shortTitle), h("span", { class: "spacer" }), insert),
      h("p", { class: "hit-snippet" }, ...highlightSegments(hit.snippet, hit.highlights).map((s) => (s.hit ? h("mark", null, s.text) : s.text))),
    );
  }
}
