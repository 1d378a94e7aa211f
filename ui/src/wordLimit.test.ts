import { describe, expect, it } from "vitest";
import { wordCountTitle, wordLimitInput } from "./wordLimit";

describe("wordLimitInput", () => {
  it("takes a number of words as drafters type it, and empty for none", () => {
    expect(wordLimitInput("1200")).toEqual({ words: 1200 });
    expect(wordLimitInput(" 8,500 ")).toEqual({ words: 8500 });
    expect(wordLimitInput("  ")).toEqual({ words: null });
  });

  it("refuses what is not a number of words above 0", () => {
    for (const typed of ["0", "-5", "12.5", "about 800", "secretariat"]) expect(wordLimitInput(typed)).toHaveProperty("error");
  });
});

describe("wordCountTitle", () => {
  it("says which limit applies and whose it is", () => {
    expect(wordCountTitle({ words: 1200, preset: null, name: null, source: "paper" })).toContain("Limit 1,200 (the paper's own limit)");
    expect(wordCountTitle({ words: 8500, preset: "secretariat", name: "Secretariat documents", source: "template" })).toContain(
      "Limit 8,500 (Secretariat documents; the limit for its kind of paper)",
    );
    expect(wordCountTitle(null)).toContain("No word limit");
  });
});
