import type { AnswerView } from "~/domain/answer-view";
import { RICH } from "~/components/exam/format";

/** An answer as a list: options, steps in order (numbered), 对/错, matched pairs, or blanks (numbered). */
export function AnswerList({ answer, empty, trueLabel, falseLabel }: { answer: AnswerView; empty: string; trueLabel: string; falseLabel: string }) {
  if (!answer.parts.length) return <p className="text-slate-600">{empty}</p>;
  const Tag = answer.ordered ? "ol" : "ul";
  return (
    <Tag className={answer.ordered ? "list-decimal space-y-1 pl-6" : "space-y-1"}>
      {answer.parts.map((p, i) => (
        <li key={i} className={RICH}>
          {p.kind === "html" ? (
            <span dangerouslySetInnerHTML={{ __html: p.html }} />
          ) : p.kind === "text" ? (
            p.text
          ) : p.kind === "bool" ? (
            p.value ? trueLabel : falseLabel
          ) : p.kind === "blank" ? (
            <span data-blank={p.n}>{p.texts.filter((x) => x.trim() !== "").join(" / ") || empty}</span>
          ) : (
            <>
              <span dangerouslySetInnerHTML={{ __html: p.leftHtml }} /> → <span dangerouslySetInnerHTML={{ __html: p.rightHtml }} />
            </>
          )}
        </li>
      ))}
    </Tag>
  );
}
