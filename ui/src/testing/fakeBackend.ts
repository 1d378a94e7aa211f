// An in-memory stand-in for the Rust core, answering the same commands with the
// same shapes through @tauri-apps/api's mockIPC. Used by the UI tests, and by
// `npm run dev` in a plain browser. Never bundled into the app.
//
// Its "render_markdown" only escapes text into paragraphs: real rendering is the
// core's job, and this file must not grow into a second renderer.
import { mockIPC } from "@tauri-apps/api/mocks";
import type { ActionStatus, Annotation, AppliedLimit, Change, ChecklistEntry, Finding, Framework, Paper, PaperSummary, Section, SubmissionReport, Version, VersionKind } from "../api";
import { WORD_LIMIT_PRESETS } from "../api";

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
  norms: [
    { id: "a", label: "13(a)", res_73_27: ["1.1"], title: "Cooperation for stability and security", summary: "States cooperate to make the use of ICTs stable and secure.", source: { symbol: "A/70/174", para: "13(a)" }, verify: false },
    { id: "c", label: "13(c)", res_73_27: ["1.3"], title: "Territory not used for wrongful acts", summary: "States do not knowingly allow their territory to be used for internationally wrongful acts using ICTs.", source: { symbol: "A/70/174", para: "13(c)" }, verify: true },
    { id: "g", label: "13(g)", res_73_27: ["1.7"], title: "Protection of critical infrastructure", summary: "States protect their critical infrastructure from ICT threats.", source: { symbol: "A/70/174", para: "13(g)" }, verify: false },
  ],
  actions: [
    { id: "a-nat-1", norm: "a", level: "national", text: "Adopt a national ICT-security strategy.", source: { symbol: "A/80/257", para: "annex, norm (a)" }, verify: false },
    { id: "a-int-1", norm: "a", level: "international", text: "Take part in regional and UN processes.", source: { symbol: "A/80/257", para: "annex, norm (a)" }, verify: false },
    { id: "c-nat-1", norm: "c", level: "national", text: "Have the law and capacity to detect and stop wrongful ICT acts from the territory.", source: { symbol: "A/80/257", para: "annex, norm (c)" }, verify: true },
    { id: "c-nat-2", norm: "c", level: "national", text: "Designate a point of contact for notifications.", source: { symbol: "A/80/257", para: "annex, norm (c)" }, verify: false },
    { id: "c-int-1", norm: "c", level: "international", text: "Answer other States' notifications.", source: { symbol: "A/80/257", para: "annex, norm (c)" }, verify: false },
    { id: "g-nat-1", norm: "g", level: "national", text: "Designate critical infrastructure under national law.", source: { symbol: "A/80/257", para: "annex, norm (g)" }, verify: false },
  ],
  ilTopics: [],
  templates: [
    { id: "blank", name: "Blank paper", description: "One empty section.", kind: "blank", readingTime: false, wordLimit: 0 },
    { id: "comments", name: "Comments on a draft", description: "General remarks, then comments keyed to the draft's paragraphs.", kind: "comments", readingTime: false, wordLimit: 0 },
    { id: "position", name: "National position", description: "Introduction, one section per pillar, conclusions.", kind: "position", readingTime: false, wordLimit: 8500 },
    { id: "statement", name: "Statement", description: "A short statement read aloud at a session.", kind: "statement", readingTime: true, wordLimit: 600 },
  ],
};

interface FakeVersion extends Version {
  paperId: number;
  markdown: string;
  /** the sections as they stood, to restore */
  snapshot: Section[];
}

export interface FakeStore {
  papers: Paper[];
  sections: Section[];
  /** recorded checklist entries (actions never touched are not here) */
  actions: (ChecklistEntry & { paperId: number })[];
  versions: FakeVersion[];
  /** the profile notes are written as */
  profile: { id: number; name: string; role: string } | null;
  annotations: Annotation[];
  /** The Word document the file dialog would pick for import_docx (null: the user cancels). */
  wordFile: { title: string; summary: string } | null;
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
    actions: [],
    versions: [],
    profile: null,
    annotations: [],
    wordFile: null,
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
      wordLimit: null,
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
    recordVersion(paper.id, "created");
    return { ...paper };
  }

  function markdownOf(paperId: number): string {
    const paper = store.papers.find((p) => p.id === paperId)!;
    const front = `---\ntitle: ${paper.title}\nlanguage: ${paper.language}\n---\n`;
    const blocks = paperSections(paperId).flatMap((s) => [s.heading !== null ? "#".repeat(s.level) + " " + s.heading : null, s.body || null]);
    return front + "\n" + blocks.filter((b) => b !== null).join("\n\n") + "\n";
  }

  /** As the core does: edits within ten minutes of an unnamed "edited" version go into it. */
  function recordVersion(paperId: number, kind: VersionKind): FakeVersion {
    const markdown = markdownOf(paperId);
    const at = now();
    const mine = store.versions.filter((v) => v.paperId === paperId);
    const last = mine[mine.length - 1];
    const snapshot = paperSections(paperId).map((s) => ({ ...s }));
    const words = fakeCount(markdown.replace(/^---\n[\s\S]*?\n---\n/, ""));
    if (last && kind === "edited") {
      if (last.markdown === markdown) return last;
      if (last.kind === "edited" && last.name === null && Date.parse(at) - Date.parse(last.createdAt) < 10 * 60_000) {
        Object.assign(last, { markdown, snapshot, words, savedAt: at });
        return last;
      }
    }
    const version: FakeVersion = { paperId, number: (last?.number ?? 0) + 1, name: null, kind, restoredFrom: null, createdAt: at, savedAt: at, words, markdown, snapshot };
    store.versions.push(version);
    return version;
  }

  function findVersion(paperId: number, number: unknown): FakeVersion {
    const version = store.versions.find((v) => v.paperId === paperId && v.number === number);
    if (!version) throw { code: "version.not_found", message: `Paper ${paperId} has no version ${String(number)}.` };
    return version;
  }

  const publicVersion = ({ paperId: _p, markdown: _m, snapshot: _s, ...version }: FakeVersion): Version => ({ ...version });

  function entriesOf(paperId: number): ChecklistEntry[] {
    return FAKE_FRAMEWORK.actions.map((action) => {
      const recorded = store.actions.find((e) => e.paperId === paperId && e.action === action.id);
      if (recorded) {
        const { paperId: _p, ...entry } = recorded;
        return { ...entry };
      }
      return { action: action.id, norm: action.norm, status: "not-started", note: "", evidence: "", section: null, updatedAt: null };
    });
  }

  function recordAction(paperId: number, entry: ChecklistEntry): void {
    store.actions = store.actions.filter((e) => !(e.paperId === paperId && e.action === entry.action));
    store.actions.push({ ...entry, paperId });
  }

  function requirePaper(paperId: unknown): Paper {
    const paper = store.papers.find((p) => p.id === paperId);
    if (!paper) throw notFound("paper");
    return paper;
  }

  function requireAction(paperId: number, action: unknown): ChecklistEntry {
    const entry = entriesOf(paperId).find((e) => e.action === action);
    if (!entry) throw { code: "input.invalid", message: `there is no practical action "${String(action)}"` };
    return entry;
  }

  const handlers: Record<string, (args: Record<string, unknown>) => unknown> = {
    store_info: () => ({ path: "/home/drafter/.local/share/chancery/chancery.sqlite3" }),
    framework: () => FAKE_FRAMEWORK,
    list_papers: (): PaperSummary[] =>
      [...store.papers]
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id)
        .map(({ id, title, delegation, kind, language, status, process, updatedAt }) => ({ id, title, delegation, kind, language, status, process, updatedAt })),
    create_paper: (args) => createPaper(args.input as Parameters<typeof createPaper>[0]),
    import_docx: () => {
      if (!store.wordFile) return null;
      const paper = createPaper({ title: store.wordFile.title, delegation: "Ruritania", template: "blank" });
      const counts = { sections: 1, footnotes: 0, references: 0, notes: 0, replies: 0, insertions: 0, deletions: 0 };
      return { paper: { ...paper }, counts, summary: store.wordFile.summary };
    },
    open_paper: (args) => {
      const paper = store.papers.find((p) => p.id === args.id);
      if (!paper) throw notFound("paper");
      return { paper: { ...paper }, limit: fakeLimit(null, paper), sections: paperSections(paper.id).map((s) => ({ ...s, prompts: [...s.prompts] })) };
    },
    set_word_limit: (args) => {
      const paper = requirePaper(args.paperId);
      if (args.words === 0) throw { code: "input.invalid", message: "word limit: a word limit is a number of words above 0" };
      paper.wordLimit = (args.words as number | null) ?? null;
      paper.updatedAt = now();
      recordVersion(paper.id, "edited");
      return fakeLimit(null, paper);
    },
    update_paper: (args) => {
      const paper = store.papers.find((p) => p.id === args.id);
      if (!paper) throw notFound("paper");
      // As the store does: an empty string clears a nullable field.
      const patch = Object.fromEntries(
        Object.entries(args.patch as Record<string, unknown>).map(([k, v]) => [k, v === "" && k !== "delegation" ? null : v]),
      );
      Object.assign(paper, patch, { updatedAt: now() });
      recordVersion(paper.id, "edited");
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
      recordVersion(paperId, "edited");
      return { ...section };
    },
    update_section: (args) => {
      const section = store.sections.find((s) => s.id === args.id);
      if (!section) throw notFound("section");
      Object.assign(section, args.patch, { updatedAt: now() });
      touch(section.paperId, section.updatedAt);
      recordVersion(section.paperId, "edited");
      return { ...section };
    },
    delete_section: (args) => {
      const section = store.sections.find((s) => s.id === args.id);
      if (!section) throw notFound("section");
      store.sections = store.sections.filter((s) => s.id !== args.id);
      renumber(section.paperId);
      recordVersion(section.paperId, "edited");
      return null;
    },
    checklist: (args) => {
      const paper = requirePaper(args.paperId);
      const entries = entriesOf(paper.id);
      const count = (norm: string, status: ActionStatus) => entries.filter((e) => e.norm === norm && e.status === status).length;
      return {
        entries,
        byNorm: FAKE_FRAMEWORK.norms.map((n) => ({
          norm: n.id,
          total: entries.filter((e) => e.norm === n.id).length,
          notStarted: count(n.id, "not-started"),
          inProgress: count(n.id, "in-progress"),
          implemented: count(n.id, "implemented"),
          notApplicable: count(n.id, "not-applicable"),
        })),
      };
    },
    set_action: (args) => {
      const paper = requirePaper(args.paperId);
      const entry = requireAction(paper.id, args.action);
      const update = args.update as Partial<ChecklistEntry>;
      const known = new Set(["status", "note", "evidence"]);
      const unknown = Object.keys(update).find((k) => !known.has(k));
      if (unknown) throw { code: "ipc", message: `unknown field \`${unknown}\`` };
      Object.assign(entry, update, { updatedAt: now() });
      recordAction(paper.id, entry);
      return { ...entry };
    },
    report_on_action: (args) => {
      const paper = requirePaper(args.paperId);
      const entry = requireAction(paper.id, args.action);
      const linked = store.sections.find((s) => s.id === entry.section);
      if (linked) return { ...linked };
      const norm = FAKE_FRAMEWORK.norms.find((n) => n.id === entry.norm)!;
      let section = paperSections(paper.id).find((s) => s.pillar === "norms");
      if (!section) {
        section = newSection(paper.id, FAKE_FRAMEWORK.pillars.find((p) => p.id === "norms")!.name, { pillar: "norms", position: 1e9 });
        store.sections.push(section);
        renumber(paper.id);
      }
      const opening = `On norm ${norm.label} (${norm.title}): `;
      const text = section.body.trimEnd();
      section.body = text === "" ? opening : `${text}\n\n${opening}`;
      section.updatedAt = now();
      recordVersion(paper.id, "edited");
      recordAction(paper.id, { ...entry, section: section.id, updatedAt: now() });
      return { ...section, prompts: [...section.prompts] };
    },
    versions: (args) => {
      const paper = requirePaper(args.paperId);
      return store.versions.filter((v) => v.paperId === paper.id).map(publicVersion);
    },
    version_markdown: (args) => findVersion(requirePaper(args.paperId).id, args.number).markdown,
    diff_versions: (args) => {
      const paperId = requirePaper(args.paperId).id;
      return wordDiff(findVersion(paperId, args.from).markdown, findVersion(paperId, args.to).markdown);
    },
    name_version: (args) => {
      const version = findVersion(requirePaper(args.paperId).id, args.number);
      const name = String(args.name).trim();
      version.name = name === "" ? null : name;
      return publicVersion(version);
    },
    restore_version: (args) => {
      const paperId = requirePaper(args.paperId).id;
      const old = findVersion(paperId, args.number);
      store.sections = store.sections.filter((s) => s.paperId !== paperId);
      store.sections.push(...old.snapshot.map((s) => ({ ...s, id: nextId++ })));
      renumber(paperId);
      touch(paperId, now());
      const version = recordVersion(paperId, "restored");
      version.restoredFrom = old.number;
      return publicVersion(version);
    },
    count_words: (args) => {
      const words = fakeCount(String(args.markdown));
      return { words, speakingSeconds: Math.ceil((words * 60) / 130) };
    },
    profile: () => store.profile,
    set_profile: (args) => (store.profile = { id: 1, name: String(args.name), role: String(args.role) }),
    annotations: (args) => store.annotations.filter((a) => a.paperId === args.paperId).map((a) => structuredClone(a)),
    annotate: (args) => {
      const input = args.input as { sectionId: number; quote: string; occurrence?: number; kind: Annotation["kind"]; body: string; proposal?: string };
      const section = store.sections.find((s) => s.id === input.sectionId);
      if (!section) throw notFound("section");
      if (!store.profile) throw { code: "profile.missing", message: "Choose who you are first." };
      let at = -1;
      for (let n = 0; n < (input.occurrence ?? 1); n++) at = section.body.indexOf(input.quote, n === 0 ? 0 : at + input.quote.length);
      if (at === -1) throw { code: "input.invalid", message: `"${input.quote}" is not in the section` };
      const note: Annotation = {
        id: nextId++,
        paperId: Number(args.paperId),
        sectionId: section.id,
        kind: input.kind,
        body: input.body,
        proposal: input.proposal ?? null,
        status: "open",
        author: store.profile as Annotation["author"],
        anchor: { quote: input.quote, prefix: "", suffix: "", start: at, end: at + input.quote.length },
        orphan: false,
        range: [at, at + input.quote.length],
        thread: [],
        createdAt: now(),
        updatedAt: now(),
      };
      store.annotations.push(note);
      return structuredClone(note);
    },
    reply: (args) => {
      const note = store.annotations.find((a) => a.id === args.id)!;
      note.thread.push({ by: store.profile as Annotation["author"], reply: String(args.text), status: null, at: now() });
      return structuredClone(note);
    },
    set_annotation_status: (args) => {
      const note = store.annotations.find((a) => a.id === args.id)!;
      note.status = args.status as Annotation["status"];
      note.thread.push({ by: store.profile as Annotation["author"], reply: null, status: note.status, at: now() });
      return structuredClone(note);
    },
    library_documents: () => [],
    library_paragraphs: () => [],
    library_search: () => [],
    check_paper: () => ({ unresolved: [], deviations: [], verified: [] }),
    // The fake has no library: its report holds the count, open notes and empty sections.
    submission_check: (args) => {
      const paper = requirePaper(args.paperId);
      const sections = paperSections(paper.id);
      const words = sections.reduce((n, s) => n + fakeCount(`${s.heading ?? ""} ${s.body}`), 0);
      const limit = fakeLimit(args.limit as string | null, paper);
      const findings: Finding[] = [];
      if (limit && words > limit.words) {
        findings.push({ severity: "must-fix", kind: "over-limit", sectionId: null, section: "Whole paper", message: `${words} words: ${words - limit.words} over the limit of ${limit.words}`, words: null });
      }
      for (const s of sections) {
        for (const note of store.annotations.filter((a) => a.sectionId === s.id && a.status === "open")) {
          findings.push({ severity: "check", kind: "open-note", sectionId: s.id, section: s.heading ?? "(opening text)", message: `Open ${note.kind} note by ${note.author.name}: ${note.body}`, words: note.anchor.quote });
        }
        if (s.heading && s.body.trim() === "") {
          findings.push({ severity: "check", kind: "empty-section", sectionId: s.id, section: s.heading, message: "The section has a heading but no text", words: null });
        }
      }
      const report: SubmissionReport = { words, limit, findings, agreedLanguage: { unresolved: [], deviations: [], verified: [] } };
      return report;
    },
    export_pdf: (args) => `/tmp/${requirePaper(args.paperId).title}.pdf`,
    preview_pages: (args) => [`<svg xmlns="http://www.w3.org/2000/svg"><title>${requirePaper(args.paperId).title}</title></svg>`],
    export_docx: (args) => `/tmp/${requirePaper(args.paperId).title}.docx`,
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

/** The limit the core would apply: a preset, a number, or the template's. */
function fakeLimit(asked: string | null, paper: Paper): AppliedLimit | null {
  if (asked === null) {
    if (paper.wordLimit !== null) return { words: paper.wordLimit, preset: null, name: null, source: "paper" };
    const words = FAKE_FRAMEWORK.templates.find((t) => t.id === paper.kind)?.wordLimit ?? 0;
    return words > 0 ? { words, preset: null, name: null, source: "template" } : null;
  }
  const preset = WORD_LIMIT_PRESETS.find((p) => p.preset === asked || String(p.words) === asked);
  if (preset) return { words: preset.words, preset: preset.preset, name: preset.name, source: "chosen" };
  if (!/^\d+$/.test(asked)) throw { code: "submission.invalid_limit", message: `"${asked}" is not a word limit` };
  return { words: Number(asked), preset: null, name: null, source: "chosen" };
}

/** Words as the core counts them, near enough for tests: runs without spaces holding a letter or digit. */
function fakeCount(markdown: string): number {
  return markdown.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** A plain word diff (longest common subsequence), standing in for the core's. */
function wordDiff(old: string, now: string): Change[] {
  const split = (text: string) => text.match(/\s+|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
  const a = split(old);
  const b = split(now);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const changes: Change[] = [];
  const push = (kind: Change["kind"], text: string) => {
    const last = changes[changes.length - 1];
    if (last?.kind === kind) last.text += text;
    else changes.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push("equal", a[i]);
      i += 1;
      j += 1;
    } else if (j < b.length && (i === a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
      push("insert", b[j++]);
    } else {
      push("delete", a[i++]);
    }
  }
  return changes;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}
