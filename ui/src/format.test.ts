import { describe, expect, it } from "vitest";
import { countWords, formatCount, formatDateTime, formatShortDate, paperMetaLine, readingTime, statusLabel } from "./format";
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
  it("counts words, not markup", () => {
    expect(countWords("## General remarks\n\n- **Italy** aligns itself with the [EU](https://example.org/eu).")).toBe(8);
    expect(countWords("")).toBe(0);
    expect(countWords("para. 13(a) of A/70/174")).toBeGreaterThanOrEqual(4);
  });

  it("formats counts and reading time", () => {
    expect(formatCount(8500)).toBe("8,500");
    expect(formatCount(10700)).toBe("10,700");
    expect(formatCount(999)).toBe("999");
    expect(readingTime(60)).toBe("30 s");
    expect(readingTime(360)).toBe("3 min");
    expect(readingTime(300)).toBe("2 min 30 s");
  });
});
