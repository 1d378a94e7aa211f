// An in-memory stand-in for the Rust core, answering the same commands with the
// same shapes through @tauri-apps/api's mockIPC. Used by the UI tests, and by
// `npm run dev` in a plain browser. Never bundled into the app.
//
// Its "render_markdown" only escapes text into paragraphs: real rendering is the
// core's job, and this file must not grow into a second renderer.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { Framework, Paper, PaperSummary, Section } from "../api";

export const FAKE_FRAMEWORK: Framework = {
  version: 1,
  languages: [
    { code: "en", name: "English", native: "English", rtl: false },
    { code: "fr", name: "French", native: "Français", rtl: false },
    { code: "es", name: "Spanish", native: "Español", rtl: false },
    { code: "ar", name: "Arabic", native: "العربية", rtl: true },
    { code: "zh", name: "Chinese", native: "中文", rtl: false },
    { code: "ru", name: "Russian", native: "Русский", rtl: false },
  ],
  processes: [
    { id: "oewg-2021", name: "Open-ended Working Group 2021–2025", short: "OEWG 2021–2025", years: "2021–2025", pillars: ["threats", "norms", "law", "cbms", "capacity", "dialogue"] },
    { id: "global-mechanism", name: "Global Mechanism on ICT security", short: "Global Mechanism", years: "2026–", pillars: ["threats", "norms", "law", "cbms", "capacity"] },
  ],
  pillars: [
    { id: "threats", name: "Existing and potential threats", short: "Threats", summary: "", questions: ["Which threats matter most to your State?"] },
    { id: "norms", name: "Rules, norms and principles of responsible State behaviour", short: "Norms", summary: "", questions: ["How does your State implement the eleven norms?"] },
    { id: "law", name: "International law", short: "Int'l law", summary: "", questions: ["How does international law apply to the use of ICTs?"] },
    { id: "cbms", name: "Confidence-building measures", short: "CBMs", summary: "", questions: ["Which CBMs has your State put in place?"] },
    { id: "capacity", name: "Capacity-building", short: "Capacity", summary: "", questions: ["What capacity-building does your State offer or need?"] },
    { id: "dialogue", name: "Regular institutional dialogue", short: "Dialogue", summary: "", questions: ["What should the permanent mechanism look like?"] },
  ],
  sectionKinds: [
    { id: "introduction", name: "Introduction", questions: ["What is the paper's purpose and main message?"] },
    { id: "conclusions", name: "Conclusions and recommendations", questions: ["What should the process do next?"] },
  ],
  templates: [
    { id: "blank", name: "Blank paper", description: "One empty section.", kind: "blank", readingTime: false, wordLimit: 0 },
    { id: "comments", name: "Comments on a draft", description: "General remarks, then comments keyed to the draft's paragraphs.", kind: "comments", readingTime: false, wordLimit: 0 },
    { id: "position", name: "National position", description: "Introduction, one section per pillar, conclusions.", kind: "position", readingTime: false, wordLimit: 8500 },
    { id: "statement", name: "Statement", description: "A short statement read aloud at a session.", kind: "statement", readingTime: true, wordLimit: 600 },
  ],
};

export interface FakeStore {
  papers: Paper[];
  sections: Section[];
  /** every command received, in order */
  calls: { cmd: string; args: Record<string, unknown> }[];
  /** Makes the next calls of `cmd` fail with this error (consumed one per call). */
  failNext(cmd: string, error: { code: string; message: string }, times?: number): void;
}

export function installFakeBackend(options: { clock?: () => Date; seed?: boolean } = {}): FakeStore {
  const clock = options.clock ?? (() => new Date());
  const failures = new Map<string, { code: string; message: string }[]>();
  let nextId = 1;
  const store: FakeStore = {
    papers: [],
    sections: [],
    calls: [],
    failNext(cmd, error, times = 1) {
      failures.set(cmd, [...(failures.get(cmd) ?? []), ...Array.from({ length: times }, () => error)]);
    },
  };
  const now = () => clock().toISOString();
  const notFound = (what: "paper" | "section") => ({ code: `${what}.not_found`, message: `No such ${what}.` });

  function paperSections(paperId: number): Section[] {
    return store.sections.filter((s) => s.paperId === paperId).sort((a, b) => a.position - b.position);
  }

  function renumber(paperId: number): void {
    paperSections(paperId).forEach((s, i) => (s.position = i + 1));
  }

  function touch(paperId: number, at: string): void {
    const paper = store.papers.find((p) => p.id === paperId);
    if (paper) paper.updatedAt = at;
  }

  function newSection(paperId: number, heading: string | null, extra: Partial<Section> = {}): Section {
    const pillar = FAKE_FRAMEWORK.pillars.find((p) => p.id === extra.pillar);
    const part = FAKE_FRAMEWORK.sectionKinds.find((k) => k.id === extra.part);
    return {
      id: nextId++,
      paperId,
      position: 0,
      heading,
      level: 1,
      pillar: null,
      part: null,
      prompts: pillar?.questions ?? part?.questions ?? [],
      body: "",
      reviewed: false,
      updatedAt: now(),
      ...extra,
    };
  }

  function createPaper(input: { title: string; delegation?: string; template?: string; language?: string; process?: string }): Paper {
    if (!input.title?.trim()) throw { code: "input.invalid", message: "A paper needs a title." };
    const at = now();
    const paper: Paper = {
      id: nextId++,
      title: input.title.trim(),
      delegation: input.delegation ?? "",
      kind: input.template ?? "blank",
      language: input.language ?? "en",
      status: "draft",
      process: input.process ?? null,
      meeting: null,
      date: null,
      place: null,
      createdAt: at,
      updatedAt: at,
    };
    store.papers.push(paper);
    const sections =
      paper.kind === "position"
        ? [
            newSection(paper.id, "Introduction", { part: "introduction" }),
            ...FAKE_FRAMEWORK.pillars.map((p) => newSection(paper.id, p.name, { pillar: p.id })),
            newSection(paper.id, "Conclusions and recommendations", { part: "conclusions" }),
          ]
        : [newSection(paper.id, null)];
    store.sections.push(...sections);
    renumber(paper.id);
    return { ...paper };
  }

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    store_info: () => ({ path: "/home/drafter/.local/share/chancery/chancery.sqlite3" }),
    framework: () => FAKE_FRAMEWORK,
    list_papers: (): PaperSummary[] =>
      [...store.papers]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id)
        .map(({ id, title, delegation, kind, language, status, process, updatedAt }) => ({ id, title, delegation, kind, language, status, process, updatedAt })),
    create_paper: (args) => createPaper(args.input as Parameters<typeof createPaper>[0]),
    open_paper: (args) => {
      const paper = store.papers.find((p) => p.id === args.id);
      if (!paper) throw notFound("paper");
      return { paper: { ...paper }, sections: paperSections(paper.id).map((s) => ({ ...s, prompts: [...s.prompts] })) };
    },
    update_paper: (args) => {
      const paper = store.papers.find((p) => p.id === args.id);
      if (!paper) throw notFound("paper");
      // As the store does: an empty string clears a nullable field.
      const patch = Object.fromEntries(
        Object.entries(args.patch as Record<string, unknown>).map(([k, v]) => [k, v === "" && k !== "delegation" ? null : v]),
      );
      Object.assign(paper, patch, { updatedAt: now() });
      return { ...paper };
    },
    delete_paper: (args) => {
      store.papers = store.papers.filter((p) => p.id !== args.id);
      store.sections = store.sections.filter((s) => s.paperId !== args.id);
      return null;
    },
    add_section: (args) => {
      const paperId = args.paperId as number;
      if (!store.papers.some((p) => p.id === paperId)) throw notFound("paper");
      const section = newSection(paperId, args.heading as string, { pillar: (args.pillar as string | undefined) ?? null });
      const siblings = paperSections(paperId);
      const after = siblings.find((s) => s.id === args.after);
      section.position = after ? after.position + 0.5 : siblings.length + 1;
      store.sections.push(section);
      renumber(paperId);
      touch(paperId, section.updatedAt);
      return { ...section };
    },
    update_section: (args) => {
      const section = store.sections.find((s) => s.id === args.id);
      if (!section) throw notFound("section");
      Object.assign(section, args.patch, { updatedAt: now() });
      touch(section.paperId, section.updatedAt);
      return { ...section };
    },
    delete_section: (args) => {
      const section = store.sections.find((s) => s.id === args.id);
      if (!section) throw notFound("section");
      store.sections = store.sections.filter((s) => s.id !== args.id);
      renumber(section.paperId);
      return null;
    },
    render_markdown: (args) =>
      String(args.markdown)
        .split(/\n{2,}/)
        .filter((block) => block.trim() !== "")
        .map((block) => `<p>${escapeHtml(block)}</p>`)
        .join("\n"),
  };

  mockIPC((cmd, payload) => {
    const args = (payload ?? {}) as Record<string, unknown>;
    store.calls.push({ cmd, args: structuredClone(args) });
    const queued = failures.get(cmd);
    if (queued && queued.length > 0) {
      const error = queued.shift()!;
      return Promise.reject(error);
    }
    const handler = handlers[cmd];
    if (!handler) return Promise.reject(`command ${cmd} not found`);
    try {
      return Promise.resolve(handler(args));
    } catch (error) {
      return Promise.reject(error);
    }
  });

  if (options.seed) {
    const paper = createPaper({ title: "Comments on the Chair's zero draft", delegation: "Italy", template: "position", language: "en", process: "oewg-2021" });
    const intro = paperSections(paper.id)[0];
    intro.body = "Italy thanks the Chair for the zero draft and aligns itself with the statement of the European Union.\n\nWe offer the following remarks.";
  }
  return store;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
