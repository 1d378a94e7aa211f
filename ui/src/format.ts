// Text the UI shows for dates, paper metadata, word counts and reading time.
// Pure functions: the current time is passed in, never read here.
import type { Framework, PaperStatus, PaperSummary } from "./api";

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

const segmenters = new Map<string, Intl.Segmenter | null>();

function segmenterFor(language: string): Intl.Segmenter | null {
  if (!segmenters.has(language)) {
    let segmenter: Intl.Segmenter | null = null;
    try {
      segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(language || undefined, { granularity: "word" }) : null;
    } catch {
      segmenter = null;
    }
    segmenters.set(language, segmenter);
  }
  return segmenters.get(language) ?? null;
}

/**
 * Words in a markdown text, as a drafter counts them against a word limit:
 * markup (#, *, >, list markers, link targets) does not count. Uses the
 * language's word segmentation where the platform has it (Chinese has no spaces).
 */
export function countWords(markdown: string, language = "en"): number {
  const text = markdown
    .replace(/\]\([^)]*\)/g, "]") // link targets
    .replace(/<[^>]+>/g, " "); // inline HTML tags
  const segmenter = segmenterFor(language);
  if (segmenter) {
    let n = 0;
    for (const s of segmenter.segment(text)) if (s.isWordLike) n += 1;
    return n;
  }
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Delivery pace for statements read aloud and interpreted: about 120 words a minute. */
export const WORDS_PER_MINUTE = 120;

/** "2 min 30 s" to read `words` aloud at WORDS_PER_MINUTE. */
export function readingTime(words: number): string {
  const total = Math.round((words / WORDS_PER_MINUTE) * 60);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  if (minutes === 0) return `${seconds} s`;
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

/** "1,234" */
export function formatCount(n: number): string {
  return n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
