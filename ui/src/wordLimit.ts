// The paper's own word limit: the word count in the paper's header opens a small dialog
// that sets it, or clears it so the limit of the paper's kind applies again.
import type { AppliedLimit } from "./api";
import { field, openModal, type Modal } from "./dialogs";
import { h } from "./dom";
import { formatCount, limitNotes, typedWords } from "./format";

/** What the dialog saves: a number of words, null when the field is empty, or what is wrong. */
export function wordLimitInput(typed: string): { words: number | null } | { error: string } {
  if (typed.trim() === "") return { words: null };
  const words = typedWords(typed);
  return words === null ? { error: "Give the limit as a number of words, e.g. 1200, or leave the field empty." } : { words };
}

/** The word count's tooltip: how words are counted, the limit that applies and whose it is. */
export function wordCountTitle(limit: AppliedLimit | null): string {
  const applies = limit ? `Limit ${formatCount(limit.words)} (${limitNotes(limit)})` : "No word limit";
  return `Words in headings, text and footnotes, counted as the exports count them. ${applies}; click to set this paper's limit.`;
}

/**
 * "Word limit for this paper": `own` is the paper's own limit, `kindLimit` its kind's (0:
 * none). Enter saves, Escape cancels; `save` gets null for an empty field.
 */
export function openWordLimitDialog(own: number | null, kindLimit: number, save: (words: number | null) => Promise<void>): Modal {
  const input = h("input", {
    type: "text",
    inputmode: "numeric",
    autocomplete: "off",
    "data-testid": "word-limit-input",
    value: own === null ? "" : String(own),
    placeholder: kindLimit > 0 ? formatCount(kindLimit) : "No limit",
  });
  const empty = kindLimit > 0 ? `the limit for its kind of paper, ${formatCount(kindLimit)} words` : "no limit";
  const modal = openModal({
    title: "Word limit for this paper",
    submitLabel: "Save",
    submitTestId: "word-limit-save",
    content: [field("Words", input, h("p", { class: "field-hint" }, `Leave it empty for ${empty}. The count turns red past the limit.`))],
    onSubmit: async () => {
      const typed = wordLimitInput(input.value);
      if ("error" in typed) {
        input.setAttribute("aria-invalid", "true");
        return typed.error;
      }
      await save(typed.words);
    },
  });
  input.select();
  return modal;
}
