/**
 * A sample paper of an exam, drawn from the published bank as a learner's would be, shown WITH the
 * right answers and explanations. Trainers only; nothing is stored. `?seed=` redraws the same paper.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { requireRole } from "~/auth.server";
import { examByParam, questionAt, questionPool } from "~/exam-admin.server";
import { BlueprintError, blueprintErrorMessage, drawPaper } from "~/domain/exam";
import { getT } from "~/i18n.server";
import { toPool } from "~/domain/exam-form";
import { renderQuestion } from "~/domain/question-form";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { QuestionView } from "~/components/question-form";
import { QuestionMeta } from "~/components/question-label";
import { questionLabel } from "~/question-labels.server";
import { ExamNav, ExamStatusBadge } from "~/components/exam-admin/ui";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.preview.title"), { name: "robots", content: "noindex" }];

const SEED_RE = /^[A-Za-z0-9_-]{1,32}$/;
const newSeed = () => randomBytes(6).toString("base64url");

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const exam = await examByParam(params.id);
  if (!exam) throw new Response("Not found", { status: 404 });
  const asked = new URL(request.url).searchParams.get("seed");
  const seed = asked && SEED_RE.test(asked) ? asked : newSeed();

  const summary = {
    id: exam.id,
    title: exam.title,
    status: exam.status,
    timeLimitMinutes: exam.timeLimitMinutes,
    passPercent: exam.passPercent,
    shuffleQuestions: exam.shuffleQuestions,
    shuffleOptions: exam.shuffleOptions,
  };
  const pool = toPool(await questionPool());
  let paper;
  try {
    paper = drawPaper(exam.blueprint, pool, seed, { shuffleQuestions: exam.shuffleQuestions, shuffleOptions: exam.shuffleOptions });
  } catch (error) {
    if (error instanceof BlueprintError) return { exam: summary, seed, nextSeed: newSeed(), error: (await getT(request))(blueprintErrorMessage(error)), items: [], maxScore: 0 };
    throw error;
  }
  const items = [];
  for (const p of paper) {
    const q = (await questionAt(p.questionId, p.version))!;
    // Options in the order this paper shows them.
    const byId = new Map(q.options.map((o) => [o.id, o]));
    const options = q.type === "ordering" ? q.options : p.optionOrder.map((id) => byId.get(id)!).filter(Boolean);
    items.push({ position: p.position, questionId: p.questionId, version: p.version, points: p.points, label: questionLabel(q, p.version), display: renderQuestion({ ...q, options }) });
  }
  return { exam: summary, seed, nextSeed: newSeed(), error: null, items, maxScore: items.reduce((s, i) => s + i.points, 0) };
}

export default function PreviewExam() {
  const t = useT();
  const { exam, seed, nextSeed, error, items, maxScore } = useLoaderData<typeof loader>();
  return (
    <>
      <ExamNav examId={exam.id} current="preview" />
      <PageTitle>{t("examadmin.preview.heading", { title: exam.title })}</PageTitle>
      <p className="alert-ok" role="note">
        {t("examadmin.preview.intro")}
      </p>
      <div className="mb-4 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
        <ExamStatusBadge status={exam.status} />
        <span data-testid="preview-summary">{t("examadmin.preview.summary", { n: items.length, max: maxScore, minutes: exam.timeLimitMinutes, pass: exam.passPercent })}</span>
        <span className="text-slate-600">
          {t("examadmin.preview.seed")}
          <code className="font-mono" data-testid="preview-seed">{seed}</code>
        </span>
        <Link to={`?seed=${nextSeed}`} className="btn-secondary" data-testid="redraw">
          {t("examadmin.preview.redraw")}
        </Link>
      </div>
      {error ? (
        <div className="alert-error" role="alert" data-testid="preview-error">
          <p className="font-semibold">{t("examadmin.preview.cannotDraw")}</p>
          <p>{error}</p>
        </div>
      ) : (
        <ol className="space-y-4" data-testid="preview-paper">
          {items.map((it) => (
            <li key={it.position} className="card" data-question-id={it.questionId}>
              <h2 className="mb-2 flex flex-wrap items-baseline gap-x-3 text-base font-semibold">
                <span>{t("examadmin.preview.itemN", { n: it.position + 1 })}</span>
                <span className="text-sm font-normal text-slate-600">{t("examadmin.preview.points", { n: it.points })}</span>
              </h2>
              <QuestionView q={it.display} />
              <div className="mt-2 border-t border-slate-100 pt-2">
                <QuestionMeta q={it.label} openLink />
              </div>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
