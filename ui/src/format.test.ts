import { describe, expect, it } from "vitest";
import { formatCount, formatDateTime, formatShortDate, paperMetaLine, speakingTime, statusLabel, wordCountLine } from "./format";
import { FAKE_FRAMEWORK } from "./testing/fakeBackend";

// Dates are built in local time so the tests pass in any time zone.
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s);

describe("formatDateTime", () => {
  it("shows day, short month, year and 24-hour time", () => {
    expect(formatDateTime(local(2026, 11, 23, 9, 14).toISOString())).toBe("23 Nov 2026, 09:14");
    expect(formatDateTime(local(2025, 1, 5, 17, 2).toISOString())).toBe("5 Jan 2025, 17:02");
  });

  it("leaves text that is not a date alone", () => {
    expect(formatDateTime("yesterday-ish")).toBe("yesterday-ish");
  });
});

describe("formatShortDate", () => {
  const now = local(2026, 11, 23, 15, 30);
  const at = (d: Date) => formatShortDate(d.toISOString(), now);

  it("is relative when recent", () => {
    expect(at(local(2026, 11, 23, 15, 29, 40))).toBe("Just now");
    expect(at(local(2026, 11, 23, 15, 18))).toBe("12 min ago");
    expect(at(local(2026, 11, 23, 9, 14))).toBe("Today, 09:14");
    expect(at(local(2026, 11, 22, 23, 59))).toBe("Yesterday, 23:59");
  });

  it("gives the date when older", () => {
    expect(at(local(2026, 11, 21, 10, 0))).toBe("21 Nov");
    expect(at(local(2025, 12, 31, 10, 0))).toBe("31 Dec 2025");
  });

  it("handles the first day of a month", () => {
    const first = local(2026, 3, 1, 8, 0);
    expect(formatShortDate(local(2026, 2, 28, 20, 5).toISOString(), first)).toBe("Yesterday, 20:05");
  });
});

describe("paper metadata", () => {
  it("joins delegation, template name and language name", () => {
    expect(paperMetaLine({ delegation: "Italy", kind: "comments", language: "fr" }, FAKE_FRAMEWORK)).toBe("Italy · Comments on a draft · French");
  });

  it("skips an empty delegation and falls back to ids it does not know", () => {
    expect(paperMetaLine({ delegation: "  ", kind: "memo", language: "de" }, FAKE_FRAMEWORK)).toBe("memo · de");
  });

  it("labels statuses", () => {
    expect(statusLabel("in-review")).toBe("In review");
    expect(statusLabel("submitted")).toBe("Submitted");
  });
});

describe("word counts", () => {
  it("formats counts and speaking time", () => {
    expect(formatCount(8500)).toBe("8,500");
    expect(formatCount(10700)).toBe("10,700");
    expect(formatCount(999)).toBe("999");
    expect(speakingTime(30)).toBe("30 s");
    expect(speakingTime(180)).toBe("3 min");
    expect(speakingTime(150)).toBe("2 min 30 s");
  });

  it("writes the header's line: words, limit, speaking time for statements", () => {
    expect(wordCountLine(1234, 8500, null)).toBe("1,234 words of 8,500");
    expect(wordCountLine(1, 0, null)).toBe("1 word");
    expect(wordCountLine(325, 650, 150)).toBe("325 words of 650 · about 2 min 30 s spoken");
  });
});
