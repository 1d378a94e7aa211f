// The one door to the Rust core. Every Tauri command the UI uses is called here,
// with typed arguments and results; nothing else in the UI imports `invoke`.
//
// Argument names are exactly what the Rust commands take (Tauri maps a Rust
// parameter `paper_id` to the JavaScript key `paperId`). Commands reject with
// `{ code, message }`; `call` turns that into a `ChanceryError`, so the UI
// branches on `code` and shows `message`.
import { invoke } from "@tauri-apps/api/core";

// ---------------------------------------------------------------- shapes

export interface StoreInfo {
  path: string;
}

export interface Language {
  code: string;
  name: string;
  native: string;
  rtl: boolean;
}

export interface Process {
  id: string;
  name: string;
  short: string;
  years: string;
  pillars: string[];
}

export interface Pillar {
  id: string;
  name: string;
  short: string;
  summary: string;
  questions: string[];
}

export interface SectionKind {
  id: string;
  name: string;
  questions: string[];
}

export interface Template {
  id: string;
  name: string;
  description: string;
  kind: string;
  readingTime: boolean;
  wordLimit: number;
}

export interface Framework {
  version: number;
  languages: Language[];
  processes: Process[];
  pillars: Pillar[];
  sectionKinds: SectionKind[];
  templates: Template[];
}

export const PAPER_STATUSES = ["draft", "in-review", "final", "submitted"] as const;
export type PaperStatus = (typeof PAPER_STATUSES)[number];

/** A paper as the list shows it (list_papers may send whole papers; only these fields are read). */
export interface PaperSummary {
  id: number;
  title: string;
  delegation: string;
  kind: string;
  language: string;
  status: PaperStatus;
  process: string | null;
  /** RFC 3339 */
  updatedAt: string;
}

export interface Paper {
  id: number;
  title: string;
  delegation: string;
  /** a template id: "blank", "comments", "contribution", "position", "statement" */
  kind: string;
  language: string;
  status: PaperStatus;
  process: string | null;
  meeting: string | null;
  date: string | null;
  place: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Section {
  id: number;
  paperId: number;
  position: number;
  heading: string | null;
  /** 1 or 2 */
  level: number;
  /** pillar id */
  pillar: string | null;
  /** section kind id, e.g. "introduction" */
  part: string | null;
  /** guiding prompts shown beside the editor; never part of the text */
  prompts: string[];
  /** markdown */
  body: string;
  /** marked as reviewed by whoever reviews the paper */
  reviewed: boolean;
  updatedAt: string;
}

export interface OpenedPaper {
  paper: Paper;
  sections: Section[];
}

export interface NewPaper {
  title: string;
  delegation?: string;
  template?: string;
  language?: string;
  process?: string;
}

/** Fields left out are unchanged; an empty string clears process, meeting, date or place. */
export interface PaperPatch {
  title?: string;
  delegation?: string;
  language?: string;
  status?: PaperStatus;
  /** a process id */
  process?: string;
  meeting?: string;
  /** YYYY-MM-DD */
  date?: string;
  place?: string;
}

export interface NewSection {
  paperId: number;
  heading: string;
  pillar?: string;
  /** id of the section the new one goes after; at the end when left out */
  after?: number;
}

/** Fields left out are unchanged; `pillar: null` unties the section from its pillar. */
export interface SectionPatch {
  heading?: string;
  body?: string;
  pillar?: string | null;
  reviewed?: boolean;
}

// ---------------------------------------------------------------- errors

/** An error from the core (or from the IPC bridge itself, with code "ipc"). */
export class ChanceryError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = "ChanceryError";
    this.code = code;
  }
}

/** Whatever a command rejected with, as a ChanceryError. */
export function toChanceryError(reason: unknown): ChanceryError {
  if (reason instanceof ChanceryError) return reason;
  if (typeof reason === "object" && reason !== null) {
    const { code, message } = reason as { code?: unknown; message?: unknown };
    if (typeof code === "string" && typeof message === "string") {
      return new ChanceryError(code, message);
    }
    if (reason instanceof Error) return new ChanceryError("ipc", reason.message);
  }
  // Tauri itself rejects with a bare string, e.g. for an unknown command or bad arguments.
  if (typeof reason === "string") return new ChanceryError("ipc", reason);
  return new ChanceryError("unknown", "Unexpected error: " + safeString(reason));
}

function safeString(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Drops keys whose value is `undefined`, so optional arguments are absent on the wire. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toChanceryError(reason);
  }
}

// ---------------------------------------------------------------- commands

export function storeInfo(): Promise<StoreInfo> {
  return call("store_info");
}

export function framework(): Promise<Framework> {
  return call("framework");
}

/** Newest first. */
export function listPapers(): Promise<PaperSummary[]> {
  return call("list_papers");
}

export function createPaper(input: NewPaper): Promise<Paper> {
  return call("create_paper", { input: defined(input) });
}

export function openPaper(id: number): Promise<OpenedPaper> {
  return call("open_paper", { id });
}

export function updatePaper(id: number, patch: PaperPatch): Promise<Paper> {
  return call("update_paper", { id, patch: defined(patch) });
}

export function deletePaper(id: number): Promise<null> {
  return call("delete_paper", { id });
}

export function addSection(section: NewSection): Promise<Section> {
  return call("add_section", { ...defined(section) });
}

export function updateSection(id: number, patch: SectionPatch): Promise<Section> {
  return call("update_section", { id, patch: defined(patch) });
}

export function deleteSection(id: number): Promise<null> {
  return call("delete_section", { id });
}

/** Sanitised HTML from the core's renderer (the one the PDF export uses). */
export function renderMarkdown(markdown: string): Promise<string> {
  return call("render_markdown", { markdown });
}
