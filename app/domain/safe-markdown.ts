/**
 * Markdown typed by trainers (question stems, options, explanations, imported files) → HTML that cannot
 * run script: marked renders, sanitize-html keeps a small allow-list of tags and attributes, and links
 * may only be http(s), mailto or same-site paths. Every page that shows such text uses this.
 */
import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const marked = new Marked({ gfm: true, breaks: true, async: false });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "b", "i", "u", "s", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a", "h3", "h4", "h5", "h6", "hr", "sup", "sub",
  ],
  allowedAttributes: { a: ["href", "title"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: "noopener noreferrer nofollow" } }),
  },
};

/** Block Markdown (stems, explanations). */
export function renderSafeMarkdown(text: string): string {
  return sanitizeHtml(marked.parse(text) as string, OPTIONS);
}

/** Inline Markdown (options, matching items): no paragraphs. */
export function renderSafeInline(text: string): string {
  return sanitizeHtml(marked.parseInline(text) as string, OPTIONS);
}

/**
 * Text of Markdown keeping its line structure (a line break or a block boundary is a newline), as
 * sanitize-html writes text: `&`, `<`, `>` and `"` still encoded (decode them once; ./stem-label does).
 */
export function markdownToTextLines(text: string): string {
  return sanitizeHtml((marked.parse(text) as string).replace(/<br\s*\/?>/gi, "\n"), { allowedTags: [], allowedAttributes: {} });
}

/** Plain text of Markdown, for search and for places that show text only. */
export function markdownToText(text: string): string {
  return sanitizeHtml(marked.parse(text) as string, { allowedTags: [], allowedAttributes: {} })
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}
