// The one door to the Rust core. Every Tauri command the UI uses is called here,
// with typed arguments and results; nothing else in the UI imports `invoke`.
//
// Argument names are exactly what the Rust commands take (Tauri maps a Rust
// parameter `paper_id` to the JavaScript key `paperId`). Commands reject with
// `{ code, message }`; `call` turns that into a `ChanceryError`, so the UI
// branches on `code` and shows `message`.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";

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

/** Where an item stands in an agreed text. */
export interface Source {
  /** e.g. "A/70/174" */
  symbol: string;
  /** e.g. "13(a)" */
  para: string;
}

/** One of the eleven norms of A/70/174, para. 13. */
export interface Norm {
  /** the letter, "a" to "k" */
  id: string;
  /** "13(a)" */
  label: string;
  /** items of resolution 73/27, para. 1, that restate it (the core sends this key as is) */
  res_73_27: string[];
  title: string;
  summary: string;
  source: Source;
  /** the mapping is still to be checked against the official text */
  verify: boolean;
}

export type ActionLevel = "national" | "international";

/** A practical action of the Voluntary Checklist. */
export interface PracticalAction {
  id: string;
  /** a norm id */
  norm: string;
  level: ActionLevel;
  text: string;
  source: Source;
  verify: boolean;
}

export interface IlTopic {
  id: string;
  name: string;
  summary: string;
  questions: string[];
  sources: Source[];
  verify: boolean;
}

export interface Framework {
  version: number;
  languages: Language[];
  processes: Process[];
  pillars: Pillar[];
  sectionKinds: SectionKind[];
  norms: Norm[];
  actions: PracticalAction[];
  ilTopics: IlTopic[];
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
  /** the word limit the drafter set for this paper; null: its kind's applies */
  wordLimit: number | null;
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
  /** the word limit that applies: the paper's own, else its kind's */
  limit: AppliedLimit | null;
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

export const ACTION_STATUSES = ["not-started", "in-progress", "implemented", "not-applicable"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** What a paper records of one practical action. */
export interface ChecklistEntry {
  action: string;
  norm: string;
  status: ActionStatus;
  note: string;
  /** free text and references that show the action is taken */
  evidence: string;
  /** the section that reports on the action, once there is one */
  section: number | null;
  updatedAt: string | null;
}

/** How far a norm's practical actions have come. */
export interface NormProgress {
  norm: string;
  total: number;
  notStarted: number;
  inProgress: number;
  implemented: number;
  notApplicable: number;
}

export interface Checklist {
  /** every practical action of the framework, in the pack's order */
  entries: ChecklistEntry[];
  /** in the norms' order */
  byNorm: NormProgress[];
}

/** Fields left out are unchanged. */
export interface ActionUpdate {
  status?: ActionStatus;
  note?: string;
  evidence?: string;
}

export type VersionKind = "created" | "imported" | "edited" | "updated" | "restored";

/** A version of a paper, numbered from 1 in the order made. */
export interface Version {
  number: number;
  /** a name the drafter gave it; a named version is kept as it is */
  name: string | null;
  kind: VersionKind;
  /** for a restored version, the version it brought back */
  restoredFrom: number | null;
  createdAt: string;
  /** when it was last written: edits within a few minutes share one version */
  savedAt: string;
  words: number;
}

/** A run of text kept, inserted or deleted between two versions. */
export interface Change {
  kind: "equal" | "insert" | "delete";
  text: string;
}

/** The core's word count: the one the exports use. */
export interface WordCount {
  words: number;
  speakingSeconds: number;
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

/** Ends the app; called once pending work is saved. */
export function quit(): Promise<null> {
  return call("quit");
}

/** Puts the newest sound backup in place of a damaged store and opens it. */
export function restoreLatestBackup(): Promise<null> {
  return call("restore_latest_backup");
}

/** Calls `handler` when the user closes the window: the app waits (briefly) for it to save
 * what it holds and call `quit`. */
export function onCloseRequested(handler: () => void): Promise<() => void> {
  return listen("chancery://close-requested", handler);
}

/** Opens the encrypted store with its passphrase; rejects with `store.wrong_passphrase`
 * when it does not open it. The passphrase is only passed to the core, never kept. */
export function unlockStore(passphrase: string): Promise<null> {
  return call("unlock_store", { passphrase });
}

export function storeInfo(): Promise<StoreInfo> {
  return call("store_info");
}

/** A backup in the store's backups folder. */
export interface BackupInfo {
  /** The file's name: what `restoreBackup` takes. */
  name: string;
  /** When it was taken ("2026-11-23T15:30:12"), from its name. */
  taken: string | null;
  bytes: number;
}

/** What the Store dialog shows. */
export interface StoreSafety {
  path: string;
  encrypted: boolean;
  backupsFolder: string;
  backups: BackupInfo[];
}

export function storeSafety(): Promise<StoreSafety> {
  return call("store_safety");
}

/** Takes a backup now; answers the new file's name. */
export function backupNow(): Promise<string> {
  return call("backup_now");
}

/** Puts the named backup in place of the store; the replaced file is kept beside it. */
export function restoreBackup(name: string): Promise<void> {
  return call("restore_backup", { name });
}

export type EncryptionRequest =
  | { action: "encrypt"; passphrase: string }
  | { action: "decrypt"; current: string }
  | { action: "rekey"; current: string; passphrase: string };

export interface EncryptionDone {
  backups: number;
  skipped: string[];
}

export function changeEncryption(request: EncryptionRequest): Promise<EncryptionDone> {
  return call("change_encryption", { request });
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

/** Sets the paper's own word limit (null: its kind's applies); resolves to the limit that applies. */
export function setWordLimit(paperId: number, words: number | null): Promise<AppliedLimit | null> {
  return call("set_word_limit", { paperId, words });
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

// ---------------------------------------------------------------- checklist

export function checklist(paperId: number): Promise<Checklist> {
  return call("checklist", { paperId });
}

export function setAction(paperId: number, action: string, update: ActionUpdate): Promise<ChecklistEntry> {
  return call("set_action", { paperId, action, update: defined(update) });
}

/**
 * The section that reports on a practical action: the paper's norms section (made if
 * missing), where a paragraph "On norm 13(x) (Title): " is opened the first time.
 */
export function reportOnAction(paperId: number, action: string): Promise<Section> {
  return call("report_on_action", { paperId, action });
}

// ---------------------------------------------------------------- versions

/** Oldest first. */
export function versions(paperId: number): Promise<Version[]> {
  return call("versions", { paperId });
}

/** The whole paper as it stood in that version, as markdown with front matter. */
export function versionMarkdown(paperId: number, number: number): Promise<string> {
  return call("version_markdown", { paperId, number });
}

/** Word by word, from version `from` to version `to`. */
export function diffVersions(paperId: number, from: number, to: number): Promise<Change[]> {
  return call("diff_versions", { paperId, from, to });
}

/** Names a version (an empty name clears it); a named version is kept as it is. */
export function nameVersion(paperId: number, number: number, name: string): Promise<Version> {
  return call("name_version", { paperId, number, name });
}

/** Brings back an earlier version's text as a new version; reopen the paper afterwards. */
export function restoreVersion(paperId: number, number: number): Promise<Version> {
  return call("restore_version", { paperId, number });
}

// ---------------------------------------------------------------- words

export function countWords(markdown: string): Promise<WordCount> {
  return call("count_words", { markdown });
}

// ---------------------------------------------------------------- review

export const ROLES = ["drafter", "legal-adviser", "reviewer", "head-of-delegation"] as const;
export type Role = (typeof ROLES)[number];

export const ANNOTATION_KINDS = ["comment", "legal-risk", "needs-authority", "consistent", "proposed-wording"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export const ANNOTATION_STATUSES = ["open", "resolved", "wont-fix"] as const;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];

/** Who writes notes in this store. */
export interface Person {
  id: number;
  name: string;
  role: Role;
}

export interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export interface ThreadEntry {
  by: Person;
  reply: string | null;
  status: AnnotationStatus | null;
  at: string;
}

export interface Annotation {
  id: number;
  paperId: number;
  sectionId: number | null;
  kind: AnnotationKind;
  /** markdown */
  body: string;
  proposal: string | null;
  status: AnnotationStatus;
  author: Person;
  anchor: Anchor;
  /** its words were deleted */
  orphan: boolean;
  /** UTF-16 offsets in the section's body (what CodeMirror counts); null for an orphan */
  range: [number, number] | null;
  thread: ThreadEntry[];
  createdAt: string;
  updatedAt: string;
}

/** Every field left out lets all notes through. */
export interface AnnotationFilter {
  status?: AnnotationStatus;
  kind?: AnnotationKind;
  role?: Role;
  pillar?: string;
  sectionId?: number;
  orphansOnly?: boolean;
}

export interface NewAnnotation {
  sectionId: number;
  /** the selected words */
  quote: string;
  /** which occurrence of `quote` in the section's body, from 1 */
  occurrence?: number;
  kind: AnnotationKind;
  body: string;
  proposal?: string;
}

export function profile(): Promise<Person | null> {
  return call("profile");
}

export function setProfile(name: string, role: Role): Promise<Person> {
  return call("set_profile", { name, role });
}

/** In text order. */
export function annotations(paperId: number, filter: AnnotationFilter = {}): Promise<Annotation[]> {
  return call("annotations", { paperId, filter: defined(filter) });
}

export function annotate(paperId: number, input: NewAnnotation): Promise<Annotation> {
  return call("annotate", { paperId, input: defined(input) });
}

export function reply(id: number, text: string): Promise<Annotation> {
  return call("reply", { id, text });
}

export function setAnnotationStatus(id: number, status: AnnotationStatus): Promise<Annotation> {
  return call("set_annotation_status", { id, status });
}

/** Applies the proposed wording to the section as a new version, and resolves the note. */
export function acceptProposal(id: number): Promise<Annotation> {
  return call("accept_proposal", { id });
}

// ---------------------------------------------------------------- library

export const DOCUMENT_KINDS = ["resolution", "report", "chairs-summary", "treaty", "position", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type Adoption =
  | { how: "consensus" }
  | { how: "without-vote" }
  | { how: "recorded-vote"; yes: number; no: number; abstain: number };

export interface AgreedText {
  symbol: string;
  shortTitle: string;
  title: string;
  /** the issuing body */
  body: string | null;
  date: string | null;
  kind: DocumentKind;
  adoption: Adoption | null;
  paragraphs: number;
  importedAt: string;
}

export interface LibraryParagraph {
  symbol: string;
  label: string;
  text: string;
  position: number;
}

export interface Split {
  paragraphs: { label: string; text: string }[];
}

export interface NewDocument {
  symbol: string;
  title: string;
  shortTitle?: string;
  body?: string;
  /** YYYY-MM-DD */
  date?: string;
  kind: DocumentKind;
  adoption?: Adoption;
}

export interface Search {
  query: string;
  document?: string;
  kind?: DocumentKind;
  year?: number;
  limit?: number;
}

/** A byte range (the core's `Range<usize>`). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface SearchHit {
  symbol: string;
  shortTitle: string;
  kind: DocumentKind;
  date: string | null;
  label: string;
  snippet: string;
  /** BYTE ranges in `snippet` (UTF-8) */
  highlights: ByteRange[];
  rank: number;
}

export function libraryDocuments(): Promise<AgreedText[]> {
  return call("library_documents");
}

export function libraryParagraphs(symbol: string): Promise<LibraryParagraph[]> {
  return call("library_paragraphs", { symbol });
}

/** How pasted text splits into labelled paragraphs, to show before saving. */
export function librarySplit(text: string, symbol: string): Promise<Split> {
  return call("library_split", { text, symbol });
}

/** Asks for a file (native dialog) and splits it; null when cancelled. */
export function librarySplitFile(symbol: string): Promise<Split | null> {
  return call("library_split_file", { symbol });
}

export function libraryImport(document: NewDocument, split: Split, replace = false): Promise<AgreedText> {
  return call("library_import", { document: defined(document), split, replace });
}

export function librarySearch(search: Search): Promise<SearchHit[]> {
  return call("library_search", { search: defined(search) });
}

// ---------------------------------------------------------------- check

/** Where a finding is: `span` is the citation bracket's BYTE range in the section's body. */
export interface Place {
  sectionId: number;
  section: string;
  line: number;
  column: number;
  span: ByteRange;
}

export interface Unresolved extends Place {
  reference: string;
  reason: { code: "invalid-symbol" | "unknown-symbol" | "unknown-paragraph" | "reversed-range"; label?: string };
  message: string;
}

export interface Verified extends Place {
  reference: string;
  quotation: string;
}

export interface Deviation extends Place {
  reference: string;
  quotation: string;
  /** the stretch of agreed text the quotation matches best */
  agreed: string;
  /** from the agreed text to the quotation */
  changes: Change[];
  inline: string;
}

export interface CheckReport {
  unresolved: Unresolved[];
  deviations: Deviation[];
  verified: Verified[];
}

export function checkPaper(paperId: number): Promise<CheckReport> {
  return call("check_paper", { paperId });
}

// ---------------------------------------------------------------- export

export type PaperSize = "a4" | "letter";

/** What both exports share: paper size, a Draft mark, a marking line. */
export interface ExportChoice {
  paper: PaperSize;
  draft: boolean;
  marking: string | null;
}

/** A paper made of a Word document, with what the import found. */
export interface ImportedPaper {
  paper: Paper;
  counts: { sections: number; footnotes: number; references: number; notes: number; replies: number; insertions: number; deletions: number };
  /** "4 sections, 6 footnotes, 2 notes from comments, 1 tracked change kept as redline" */
  summary: string;
}

/** Asks which Word document (DOCX) to import and makes a paper of it; null when cancelled. */
export function importDocx(): Promise<ImportedPaper | null> {
  return call("import_docx");
}

/** Asks where to save (native dialog) and writes the submission PDF; the path, or null when cancelled. */
export function exportPdf(paperId: number, choice: ExportChoice): Promise<string | null> {
  return call("export_pdf", { paperId, choice });
}

/** The pages as the PDF will print them, each an SVG image, to look at before saving. */
export function previewPages(paperId: number, choice: ExportChoice): Promise<string[]> {
  return call("preview_pages", { paperId, choice });
}

/** Asks where to save (native dialog) and writes the paper as a Word document, with the
 * review notes as comments when asked (internal review only); the path, or null when cancelled. */
export function exportDocx(paperId: number, choice: ExportChoice, withComments: boolean): Promise<string | null> {
  return call("export_docx", { paperId, choice, withComments });
}

// ---------------------------------------------------------------- submission check

/** The documents services' word limits, as the core names them. */
export const WORD_LIMIT_PRESETS = [
  { preset: "secretariat", name: "Secretariat documents", words: 8500 },
  { preset: "intergovernmental", name: "Intergovernmental bodies", words: 10700 },
  { preset: "in-session", name: "In-session documents", words: 3300 },
] as const;

export interface AppliedLimit {
  words: number;
  preset: string | null;
  name: string | null;
  /** chosen for this check, the paper's own, or its kind's */
  source: "chosen" | "paper" | "template";
}

export type Severity = "must-fix" | "check";
export type FindingKind = "over-limit" | "unresolved-reference" | "deviation" | "open-note" | "empty-section" | "guidance-only";

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  /** null for the whole paper */
  sectionId: number | null;
  section: string;
  message: string;
  /** the words or reference concerned */
  words: string | null;
  /** for a drifted quotation: from the agreed text to the quotation */
  changes?: Change[];
}

export interface SubmissionReport {
  words: number;
  limit: AppliedLimit | null;
  /** must-fix first, then by section */
  findings: Finding[];
  agreedLanguage: CheckReport;
}

/** The submission check against `limit` (a preset's name or a number of words), or the paper's own limit when null. */
export function submissionCheck(paperId: number, limit: string | null): Promise<SubmissionReport> {
  return call("submission_check", { paperId, limit });
}

// ---------------------------------------------------------------- proposals on a Chair's draft

export const PROPOSAL_KINDS = ["amend", "delete", "insert-after", "comment"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

export const PROPOSAL_STATUSES = ["open", "review", "taken-in", "unplaced"] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A delegation's proposal on one paragraph of the Chair's draft, with its word-level redline. */
export interface Proposal {
  id: number;
  paperId: number;
  kind: ProposalKind;
  /** the base paragraph's label, e.g. "4" */
  label: string;
  /** the base paragraph's wording */
  baseText: string;
  /** the new wording (amend, insert-after) or the comment */
  text: string;
  justification: string;
  status: ProposalStatus;
  createdAt: string;
  updatedAt: string;
  /** from the base paragraph to the proposal (empty for a comment) */
  redline: Change[];
}

/** A base paragraph with the delegation's proposals on it. */
export interface InlineParagraph {
  label: string;
  text: string;
  /** the paragraph as the delegation would have it; the text unchanged when there is no amendment */
  redline: Change[];
  proposals: Proposal[];
}

export interface NewProposal {
  kind: ProposalKind;
  label: string;
  text?: string;
  justification?: string;
}

export interface ProposalPatch {
  text?: string;
  justification?: string;
}

export type RebaseOutcome = "carried" | "review" | "taken-in" | "unplaced";

export interface Rebased {
  proposalId: number;
  kind: ProposalKind;
  /** the paragraph in the old draft */
  from: string;
  /** the paragraph in the new draft; null when unplaced */
  to: string | null;
  outcome: RebaseOutcome;
}

export interface RebaseReport {
  from: string;
  to: string;
  proposals: Rebased[];
}

/** A comments paper on a Chair's draft in the library (refused when the symbol is not there). */
export function createPaperOn(input: NewPaper, base: string): Promise<Paper> {
  return call("create_paper_on", { input: defined(input), base });
}

/** The symbol of the draft the paper answers, or null. */
export function paperBase(paperId: number): Promise<string | null> {
  return call("paper_base", { paperId });
}

/** In the draft's paragraph order. */
export function proposals(paperId: number): Promise<Proposal[]> {
  return call("proposals", { paperId });
}

/** Every base paragraph, with the proposals on it. */
export function inlineView(paperId: number): Promise<InlineParagraph[]> {
  return call("inline_view", { paperId });
}

export function propose(paperId: number, input: NewProposal): Promise<Proposal> {
  return call("propose", { paperId, input: defined(input) });
}

export function updateProposal(id: number, patch: ProposalPatch): Promise<Proposal> {
  return call("update_proposal", { id, patch: defined(patch) });
}

export function withdrawProposal(id: number): Promise<null> {
  return call("withdraw_proposal", { id });
}

/** Moves the paper onto a revised draft: proposals are carried to the matching paragraphs. */
export function rebase(paperId: number, base: string): Promise<RebaseReport> {
  return call("rebase", { paperId, base });
}
