/**
 * Courseware Markdown → HTML, table of contents and searchable sections. Pure: the caller supplies the
 * file text and the facts. Raw HTML in the source is escaped, never passed through.
 */
import matter from "gray-matter";
import { Marked, type Tokens, type TokenizerAndRendererExtension } from "marked";
import { formatFact, moduleFrontmatterSchema, type Fact, type ModuleFrontmatter } from "./content-schema";

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}
export interface Section {
  id: string;
  heading: string;
  /** Plain text of the section, figures filled in; used for full-text search. */
  text: string;
}
export interface RenderedModule extends ModuleFrontmatter {
  file: string;
  html: string;
  toc: TocEntry[];
  sections: Section[];
  /** Fact ids cited by `{{fact:ID}}`. */
  factIds: string[];
  /** Internal links `/modules/slug#anchor` found in the text, for the checker. */
  links: string[];
  /** What is wrong with the module (missing anchors, unknown facts…); empty when it is fine. */
  problems: string[];
}

export class ContentError extends Error {
  constructor(
    public readonly file: string,
    public readonly problems: string[],
  ) {
    super(`${file}: ${problems.join("; ")}`);
    this.name = "ContentError";
  }
}

const ANCHOR_SUFFIX = /\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;
const FACT_RE = /^\{\{fact:([a-z][a-z0-9_]*)\}\}/;

export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function stripMarkdown(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[*_`>#|]/g, " ")
    .replace(/^\s*[-+]\s+/gm, "")
    .replace(/-{3,}/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Parse and render one module file. `facts` maps fact id → fact; an unknown id is reported in
 * `problems` (rendered as the id, so the page still shows where it is). Throws only when the
 * frontmatter is unusable.
 */
export function renderModule(file: string, source: string, facts: ReadonlyMap<string, Fact>): RenderedModule {
  const problems: string[] = [];
  const parsed = matter(source);
  const fm = moduleFrontmatterSchema.safeParse(parsed.data);
  if (!fm.success) {
    throw new ContentError(
      file,
      fm.error.issues.map((i) => `frontmatter ${i.path.join(".") || "(root)"}: ${i.message}`),
    );
  }
  const factIds: string[] = [];
  const links: string[] = [];
  const toc: TocEntry[] = [];
  const seen = new Set<string>();

  const factExtension: TokenizerAndRendererExtension = {
    name: "fact",
    level: "inline",
    start: (src: string) => src.indexOf("{{fact:"),
    tokenizer(src: string) {
      const m = FACT_RE.exec(src);
      if (!m) return undefined;
      return { type: "fact", raw: m[0], id: m[1] };
    },
    renderer(token) {
      const id = token.id as string;
      const fact = facts.get(id);
      if (!fact) return `<span class="fact fact-unknown">${escapeHtml(id)}</span>`;
      const cls = fact.status === "lost" ? "fact fact-lost" : "fact";
      return `<span class="${cls}" data-fact="${escapeHtml(id)}" title="${escapeHtml(fact.metric)}">${escapeHtml(formatFact(fact))}</span>`;
    },
  };

  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    extensions: [factExtension],
    walkTokens(token) {
      if (token.type === "heading") {
        const h = token as Tokens.Heading & { anchor?: string };
        const m = ANCHOR_SUFFIX.exec(h.text);
        if (m) {
          h.anchor = m[1];
          h.text = h.text.replace(ANCHOR_SUFFIX, "");
          const last = h.tokens[h.tokens.length - 1];
          if (last && "text" in last && typeof last.text === "string") {
            last.text = last.text.replace(ANCHOR_SUFFIX, "");
            if ("raw" in last) last.raw = last.raw.replace(ANCHOR_SUFFIX, "");
          }
        }
      } else if (token.type === "fact") {
        factIds.push(token.id as string);
      } else if (token.type === "link") {
        const href = (token as Tokens.Link).href;
        if (href.startsWith("/")) links.push(href);
      }
    },
    renderer: {
      heading(this: { parser: { parseInline: (t: Tokens.Generic[]) => string } }, token: Tokens.Heading) {
        const h = token as Tokens.Heading & { anchor?: string };
        const inner = this.parser.parseInline(h.tokens);
        if (h.depth === 1) problems.push(`正文不应使用一级标题："${h.text}"`);
        if (h.depth === 2 || h.depth === 3) {
          if (!h.anchor) problems.push(`标题缺少锚点 {#id}:"${h.text}"`);
          const id = h.anchor ?? `section-${toc.length + 1}`;
          if (seen.has(id)) problems.push(`锚点重复：#${id}`);
          seen.add(id);
          toc.push({ id, text: stripMarkdown(h.text.replace(/\{\{fact:([a-z0-9_]+)\}\}/g, (_, fid) => { const f = facts.get(fid); return f ? formatFact(f) : fid; })), depth: h.depth });
          return `<h${h.depth} id="${id}"><a class="anchor" href="#${id}" aria-hidden="true" tabindex="-1">#</a>${inner}</h${h.depth}>\n`;
        }
        return `<h${h.depth}>${inner}</h${h.depth}>\n`;
      },
      html(token: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(token.text);
      },
      table(this: { parser: unknown }, token: Tokens.Table) {
        const cell = (c: Tokens.TableCell, tag: "th" | "td") => {
          const align = c.align ? ` style="text-align:${c.align}"` : "";
          const inner = (this as unknown as { parser: { parseInline: (t: Tokens.Generic[]) => string } }).parser.parseInline(c.tokens);
          return `<${tag}${tag === "th" ? ' scope="col"' : ""}${align}>${inner}</${tag}>`;
        };
        const head = `<tr>${token.header.map((c) => cell(c, "th")).join("")}</tr>`;
        const body = token.rows.map((r) => `<tr>${r.map((c) => cell(c, "td")).join("")}</tr>`).join("\n");
        return `<div class="table-wrap"><table>\n<thead>${head}</thead>\n<tbody>${body}</tbody>\n</table></div>\n`;
      },
    },
  });

  const body = parsed.content;
  const tokens = marked.lexer(body);
  // walkTokens runs inside parse; run it via parser so heading anchors are extracted first.
  marked.walkTokens(tokens, marked.defaults.walkTokens ?? (() => {}));
  const html = marked.parser(tokens);

  // Sections for search: split the top-level tokens at h2/h3.
  const sections: Section[] = [];
  let current: Section = { id: "", heading: fm.data.title, text: "" };
  const fill = (raw: string) =>
    raw.replace(/\{\{fact:([a-z0-9_]+)\}\}/g, (_, id: string) => {
      const f = facts.get(id);
      return f ? formatFact(f) : id;
    });
  for (const t of tokens) {
    if (t.type === "heading" && (t.depth === 2 || t.depth === 3)) {
      if (current.text || current.id) sections.push(current);
      const h = t as Tokens.Heading & { anchor?: string };
      current = { id: h.anchor ?? "", heading: stripMarkdown(fill(h.text)), text: "" };
    } else {
      current.text += ` ${stripMarkdown(fill(t.raw))}`;
    }
  }
  sections.push(current);
  for (const s of sections) s.text = s.text.trim();

  for (const id of new Set(factIds)) if (!facts.has(id)) problems.push(`引用了不存在的事实：{{fact:${id}}}`);

  return { ...fm.data, file, html, toc, sections, factIds: [...new Set(factIds)], links, problems };
}
