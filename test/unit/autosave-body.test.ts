import { describe, expect, it } from "vitest";
import { checkResponseShape, MAX_AUTOSAVE_BODY, parseAutosaveBody, type ResponseShape } from "~/domain/autosave-body";
import { autosaveRefusalText } from "~/i18n/autosave";
import { translator } from "~/i18n";

describe("autosave body: one schema", () => {
  it("accepts the four intents", () => {
    expect(parseAutosaveBody('{"intent":"save","position":0,"seq":3,"response":"a"}')).toEqual({ ok: true, body: { intent: "save", position: 0, seq: 3, response: "a" } });
    expect(parseAutosaveBody('{"intent":"save","position":2,"seq":1}')).toEqual({ ok: true, body: { intent: "save", position: 2, seq: 1, response: null } });
    expect(parseAutosaveBody('{"intent":"flag","position":1,"flagged":true}').ok).toBe(true);
    expect(parseAutosaveBody('{"intent":"visibility","hidden":false}').ok).toBe(true);
    expect(parseAutosaveBody('{"intent":"sync"}').ok).toBe(true);
  });

  it("refuses malformed JSON, an unknown intent and each bad field, naming the field", () => {
    expect(parseAutosaveBody("{not json")).toEqual({ ok: false, status: 400, refusal: { key: "autosave.error.malformed", vars: {} } });
    expect(parseAutosaveBody('{"intent":"delete"}')).toMatchObject({ status: 400, refusal: { key: "autosave.error.unknownIntent" } });
    expect(parseAutosaveBody("[1,2]")).toMatchObject({ status: 400, refusal: { key: "autosave.error.invalid", vars: { field: "body" } } });
    expect(parseAutosaveBody('{"intent":"save","position":-1,"seq":1}')).toMatchObject({ status: 400, refusal: { key: "autosave.error.invalid", vars: { field: "position" } } });
    expect(parseAutosaveBody('{"intent":"save","position":1.5,"seq":1}')).toMatchObject({ refusal: { vars: { field: "position" } } });
    expect(parseAutosaveBody('{"intent":"save","position":0,"seq":0}')).toMatchObject({ refusal: { vars: { field: "seq" } } });
    expect(parseAutosaveBody('{"intent":"save","position":0,"seq":"1"}')).toMatchObject({ refusal: { vars: { field: "seq" } } });
    expect(parseAutosaveBody('{"intent":"flag","position":0,"flagged":"yes"}')).toMatchObject({ refusal: { vars: { field: "flagged" } } });
  });

  it("refuses text neither database can store (NUL, half a surrogate pair), naming where it is", () => {
    expect(parseAutosaveBody('{"intent":"save","position":0,"seq":1,"response":["ok","a\\u0000b"]}')).toEqual({
      ok: false,
      status: 400,
      refusal: { key: "autosave.error.badCharacter", vars: { field: "response.1" } },
    });
    expect(parseAutosaveBody('{"intent":"save","position":0,"seq":1,"response":[["\\ud800","x"]]}')).toMatchObject({ refusal: { vars: { field: "response.0.0" } } });
    expect(parseAutosaveBody('{"intent":"save","position":0,"seq":1,"response":"\\udc00 alone"}')).toMatchObject({ refusal: { key: "autosave.error.badCharacter" } });
    // Whole characters outside the basic plane are fine.
    expect(parseAutosaveBody(JSON.stringify({ intent: "save", position: 0, seq: 1, response: ["客户😀", "𠀀"] })).ok).toBe(true);
  });

  it("refuses a body over the limit with 413", () => {
    const big = JSON.stringify({ intent: "save", position: 0, seq: 1, response: "字".repeat(MAX_AUTOSAVE_BODY / 3 + 1) });
    expect(parseAutosaveBody(big)).toEqual({ ok: false, status: 413, refusal: { key: "autosave.error.tooLarge", vars: { max: MAX_AUTOSAVE_BODY } } });
  });

  it("every refusal has a Chinese and an English text", () => {
    const zh = translator("zh");
    const en = translator("en");
    expect(autosaveRefusalText(zh, "autosave.error.wrongShape", { type: "single" })).toBe("答案格式不符合单选题的要求，未保存。");
    expect(autosaveRefusalText(en, "autosave.error.wrongShape", { type: "single" })).toBe("The answer does not have the form a Single choice question needs; not saved.");
    expect(autosaveRefusalText(zh, "autosave.error.tooLarge", { max: 8192 })).toBe("保存请求过大（最多 8192 字节），未保存。");
  });
});

describe("autosave: an answer of the wrong shape for its question is refused", () => {
  const shape = (type: ResponseShape["type"], optionIds: string[] = [], lefts: string[] = []): ResponseShape => ({ type, optionIds, lefts });
  const key = (s: ResponseShape, r: unknown) => checkResponseShape(s, r)?.key ?? null;

  it("null clears any answer", () => {
    for (const t of ["single", "multiple", "true_false", "numeric", "ordering", "matching"] as const) expect(key(shape(t), null)).toBeNull();
  });

  it("single: one of the item's option ids", () => {
    const s = shape("single", ["x1", "x2"]);
    expect(key(s, "x2")).toBeNull();
    expect(key(s, "x9")).toBe("autosave.error.unknownOption");
    expect(key(s, ["x1"])).toBe("autosave.error.wrongShape");
    expect(key(s, 1)).toBe("autosave.error.wrongShape");
    expect(checkResponseShape(s, true)).toEqual({ key: "autosave.error.wrongShape", vars: { type: "single" } });
  });

  it("multiple and ordering: the item's option ids (ordering: each once)", () => {
    expect(key(shape("multiple", ["a", "b", "c"]), ["a", "c"])).toBeNull();
    expect(key(shape("multiple", ["a", "b", "c"]), ["a", "z"])).toBe("autosave.error.unknownOption");
    expect(key(shape("multiple", ["a", "b", "c"]), "a")).toBe("autosave.error.wrongShape");
    expect(key(shape("ordering", ["a", "b", "c"]), ["c", "a", "b"])).toBeNull();
    expect(key(shape("ordering", ["a", "b", "c"]), ["a", "a", "b"])).toBe("autosave.error.wrongShape");
    expect(key(shape("ordering", ["a", "b"]), ["a", "b", "a", "b"])).toBe("autosave.error.wrongShape");
  });

  it("fill_blank: one text per blank", () => {
    expect(key(shape("fill_blank"), ["双倍"])).toBeNull();
    expect(key(shape("fill_blank"), "双倍")).toBe("autosave.error.wrongShape");
    expect(key(shape("fill_blank"), [2])).toBe("autosave.error.wrongShape");
  });

  it("true_false: a boolean", () => {
    expect(key(shape("true_false"), false)).toBeNull();
    expect(key(shape("true_false"), "true")).toBe("autosave.error.wrongShape");
  });

  it("numeric: a finite number", () => {
    expect(key(shape("numeric"), 15.5)).toBeNull();
    expect(key(shape("numeric"), "15")).toBe("autosave.error.notNumber");
    expect(key(shape("numeric"), { value: 15 })).toBe("autosave.error.notNumber");
  });

  it("matching: [left, right] pairs whose lefts are the item's, each once", () => {
    const s = shape("matching", [], ["左一", "左二"]);
    expect(key(s, [["左一", "右二"]])).toBeNull();
    expect(key(s, [["左三", "右一"]])).toBe("autosave.error.unknownPair");
    expect(key(s, [["左一", "右一"], ["左一", "右二"]])).toBe("autosave.error.wrongShape");
    expect(key(s, [["左一"]])).toBe("autosave.error.wrongShape");
    expect(key(s, "左一")).toBe("autosave.error.wrongShape");
  });
});
