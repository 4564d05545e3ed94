import { describe, expect, it } from "vitest";
import { LIST_PAGE_SIZE, listSearch, pageWindow, parseAttemptsQuery, parseMembersQuery, parseQuestionsQuery } from "~/domain/list-query";

const qs = (s: string) => new URLSearchParams(s);

describe("a list's query string", () => {
  it("reads page, search text and filters", () => {
    expect(parseAttemptsQuery(qs("page=3&q=%20张三%20&status=passed"))).toEqual({ page: 3, q: "张三", status: "passed" });
    expect(parseMembersQuery(qs("q=L00&status=disabled&page=2&pick=王"))).toEqual({ page: 2, q: "L00", status: "disabled", pick: "王" });
    expect(parseQuestionsQuery(qs("q=投诉&type=single&status=draft&source=authored&module=complaints&tag=重点&page=4"), ["complaints"])).toEqual({
      page: 4,
      q: "投诉",
      type: "single",
      status: "draft",
      source: "authored",
      module: "complaints",
      tag: "重点",
    });
  });

  it("never fails: bad page numbers become 1, unknown filter values are ignored", () => {
    for (const page of ["0", "-2", "abc", "1.5", "1e3", "99999999999", "", " "]) expect(parseAttemptsQuery(qs(`page=${encodeURIComponent(page)}`)).page, page).toBe(1);
    expect(parseAttemptsQuery(qs(""))).toEqual({ page: 1, q: "", status: "" });
    expect(parseAttemptsQuery(qs("status=hacked&status=passed")).status).toBe("");
    expect(parseMembersQuery(qs("status=learner")).status).toBe("");
    const q = parseQuestionsQuery(qs("type=essay&status=all&source=x&module=unknown&module=complaints"), ["complaints"]);
    expect(q).toMatchObject({ type: "", status: "", source: "", module: "" });
    expect(parseQuestionsQuery(qs("module=../../etc"), ["complaints"]).module).toBe("");
  });

  it("keeps at most 100 characters of search text, counting a CJK character as one", () => {
    expect([...parseAttemptsQuery(qs(`q=${"客".repeat(150)}`)).q]).toHaveLength(100);
    expect([...parseAttemptsQuery(qs(`q=${encodeURIComponent("𠮷".repeat(120))}`)).q]).toHaveLength(100);
  });
});

describe("the page to show", () => {
  it("clamps a page past the end to the last, and below 1 to the first", () => {
    expect(pageWindow(120, 9, 50)).toEqual({ page: 3, pages: 3, offset: 100, limit: 50, first: 101, last: 120, total: 120 });
    expect(pageWindow(120, 0, 50).page).toBe(1);
    expect(pageWindow(120, Number.NaN, 50).page).toBe(1);
    expect(pageWindow(0, 5)).toEqual({ page: 1, pages: 1, offset: 0, limit: LIST_PAGE_SIZE, first: 0, last: 0, total: 0 });
    expect(pageWindow(100, 2, 50)).toMatchObject({ page: 2, pages: 2, first: 51, last: 100 });
  });
});

describe("links that keep the filters", () => {
  it("writes every non-empty value, drops page 1, and changes what is asked", () => {
    const query = { page: 2, q: "张 三&", status: "passed" };
    expect(listSearch(query)).toBe("?page=2&q=%E5%BC%A0+%E4%B8%89%26&status=passed");
    expect(listSearch(query, { page: 3 })).toBe("?page=3&q=%E5%BC%A0+%E4%B8%89%26&status=passed");
    expect(listSearch(query, { page: 1 })).toBe("?q=%E5%BC%A0+%E4%B8%89%26&status=passed");
    expect(listSearch({ page: 1, q: "", status: "" })).toBe("");
    expect(listSearch(query, { status: null })).toBe("?page=2&q=%E5%BC%A0+%E4%B8%89%26");
  });
});
