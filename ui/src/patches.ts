// What the window's autosave carries, and the keys it files it under: one record per
// key, "paper:ID", "section:ID" or "action:PAPER:ACTION".
import type { ActionStatus, PaperPatch, SectionPatch } from "./api";

/** A practical action's record (`status` is taken by the paper's status). */
export interface ActionPatch {
  actionStatus?: ActionStatus;
  note?: string;
  evidence?: string;
}

export type Patch = PaperPatch & SectionPatch & ActionPatch;

export const paperKey = (id: number) => `paper:${id}`;
export const sectionKey = (id: number) => `section:${id}`;
export const actionKey = (paperId: number, action: string) => `action:${paperId}:${action}`;
