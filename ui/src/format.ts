// Text the UI shows for dates, paper metadata, word counts and speaking time.
// Words are counted by the core (count_words), never here.
// Pure functions: the current time is passed in, never read here.
import type { AppliedLimit, Framework, PaperStatus, PaperSummary } from "./api";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** A file's size as people read it: "840 KB", "12.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "23 Nov 2026, 09:14" in local time; the input as given if it is not a date. */
export function formatDateTime(iso: string): string {
  const d = parse(iso);
  if (!d) return iso;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * A short date for lists, relative when recent: "Just now", "12 min ago",
 * "Today, 09:14", "Yesterday, 17:02", "23 Nov" (this year), "23 Nov 2025".
 */
export function formatShortDate(iso: string, now: Date): string {
  const d = parse(iso);
  if (!d) return iso;
  const seconds = (now.getTime() - d.getTime()) / 1000;
  if (seconds >= -60 && seconds < 60) return "Just now";
  if (seconds >= 60 && seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  const time = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
  if (sameDay(d, now)) return `Today, ${time}`;
  const yesterday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1);
  if (sameDay(d, yesterday)) return `Yesterday, ${time}`;
  if (d.getFullYear() === now.getFullYear()) return `${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

const STATUS_LABELS: Record<PaperStatus, string> = {
  draft: "Draft",
  "in-review": "In review",
  final: "Final",
  submitted: "Submitted",
};

export function statusLabel(status: string): string {
  return STATUS_LABELS[status as PaperStatus] ?? status;
}

export function templateName(framework: Framework | null, kind: string): string {
  return framework?.templates.find((t) => t.id === kind)?.name ?? kind;
}

export function languageName(framework: Framework | null, code: string): string {
  return framework?.languages.find((l) => l.code === code)?.name ?? code;
}

/** "Italy · Comments on a draft · English": the line under a paper's title in the list. */
export function paperMetaLine(paper: Pick<PaperSummary, "delegation" | "kind" | "language">, framework: Framework | null): string {
  return [paper.delegation.trim(), templateName(framework, paper.kind), languageName(framework, paper.language)]
    .filter((part) => part !== "")
    .join(" · ");
}

/** "2 min 30 s": a speaking time in seconds, as the core computes it for statements. */
export function speakingTime(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(total / 60);
  const rest = total % 60;
  if (minutes === 0) return `${rest} s`;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

/** "1,234 words of 8,500 · about 2 min 30 s spoken": the count in the paper's header. */
export function wordCountLine(words: number, limit: number, speakingSeconds: number | null): string {
  let text = `${formatCount(words)} ${words === 1 ? "word" : "words"}`;
  if (limit > 0) text += ` of ${formatCount(limit)}`;
  if (speakingSeconds !== null) text += ` · about ${speakingTime(speakingSeconds)} spoken`;
  return text;
}

/** "Secretariat documents; the paper's own limit": what a limit is and where it comes from ("" for a number chosen for one check). */
export function limitNotes(limit: AppliedLimit): string {
  const whose = limit.source === "paper" ? "the paper's own limit" : limit.source === "template" ? "the limit for its kind of paper" : null;
  return [limit.name, whose].filter((x): x is string => !!x).join("; ");
}

/** A number of words as typed ("5000", "5,000"); null unless it is a whole number above 0. */
export function typedWords(typed: string): number | null {
  const digits = typed.trim().replace(/[,\s]/g, "");
  return /^\d+$/.test(digits) && Number(digits) > 0 ? Number(digits) : null;
}

/** "1,234" */
export function formatCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
