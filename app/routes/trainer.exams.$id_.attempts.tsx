/**
 * The attempts of one exam, for trainers: who sat it, when, the result, how it was finalised, when the
 * learner left the tab (logged, never punished automatically), extra time, and regrading a question
 * after it was fixed. Extra time and regrading are explicit trainer actions, logged per attempt.
 * Regrading is its own panel at the top; the attempts are paged and filtered on the server
 * (?q= learner name or 工号, ?status=, ?page=; app/domain/list-query.ts), each linking to its answer
 * sheet (/trainer/attempts/:id) when the viewer may see it (a trainer: through a cohort of theirs).
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { attemptById, currentQuestion, examAttemptsPage, examByParam, questionsOfExam, regradeChoices, regradeExamQuestion, regradeLog, userById, userNames } from "~/exam-admin.server";
import { ATTEMPT_FILTER_STATUSES, parseAttemptsQuery } from "~/domain/list-query";
import { shortStem } from "~/domain/stem-label";
import { extraTimeSchema, issuesToErrors, regradeSchema, type FieldErrors } from "~/domain/exam-form";
import { milliToPoints } from "~/domain/score";
import { formatDateTime, formatTime as formatTimeOfDay } from "~/domain/time";
import { examErrorText, ExamError, grantExtraTime } from "~/exams.server";
import { getT } from "~/i18n.server";
import { translateErrors } from "~/i18n";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ActionMessage, ExamNav, ExamStatusBadge } from "~/components/exam-admin/ui";
import { ScrollX } from "~/components/scroll-x";
import { ListCount, Pager } from "~/components/pager";
import { QuestionLabel, QuestionMeta } from "~/components/question-label";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.attempts.title")];

async function examOr404(id: string | undefined) {
  const exam = await examByParam(id);
  if (!exam) throw new Response("Not found", { status: 404 });
  return exam;
}

const milli = (n: number) => String(milliToPoints(n));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const exam = await examOr404(params.id);
  const query = parseAttemptsQuery(new URL(request.url).searchParams);
  const { window, all, rows } = await examAttemptsPage(user, exam.id, query);
  const actors = rows.flatMap((r) => r.events.filter((e) => e.kind === "extra_time").map((e) => e.actorId));
  const names = await userNames(actors.filter((id): id is number => id !== null));
  const nameOf = (id: number | null) => (id === null ? "" : (names.get(id) ?? ""));

  const attempts = rows.map(({ attempt: a, employeeNo, name, events, canOpen }) => {
    const tabLeaves: { left: string; back: string | null }[] = [];
    for (const e of events) {
      if (e.kind === "tab_hidden") tabLeaves.push({ left: formatTimeOfDay(e.at), back: null });
      else if (e.kind === "tab_visible" && tabLeaves.length && tabLeaves[tabLeaves.length - 1].back === null) tabLeaves[tabLeaves.length - 1].back = formatTimeOfDay(e.at);
    }
    const extraTime = events
      .filter((e) => e.kind === "extra_time")
      .map((e) => ({ at: formatDateTime(e.at), by: nameOf(e.actorId), minutes: Number(e.detail?.minutes ?? 0) }));
    return {
      id: a.id,
      canOpen,
      employeeNo,
      name,
      attemptNo: a.attemptNo,
      status: a.status,
      startedAt: formatDateTime(a.startedAt),
      deadline: formatDateTime(a.deadline),
      submittedAt: a.submittedAt === null ? null : formatDateTime(a.submittedAt),
      score: a.scoreMilli === null ? null : milli(a.scoreMilli),
      maxScore: milliToPoints(a.maxScoreMilli),
      percent: a.percentBp === null ? null : (a.percentBp / 100).toFixed(1),
      passed: a.passed,
      finalisedBy: a.finalisedBy,
      tabLeaves,
      lateSavesRefused: events.filter((e) => e.kind === "late_save_refused").length,
      extraTime,
    };
  });

  const regrades = (await regradeLog(exam.id)).map((r) => ({
    at: formatDateTime(r.event.at),
    by: r.by,
    learner: `${r.employeeNo} ${r.name}`,
    attemptNo: r.attemptNo,
    questionId: r.questionId,
    toVersion: r.toVersion,
    label: r.label,
    before: typeof r.event.detail?.before === "number" ? milli(r.event.detail.before) : "—",
    after: typeof r.event.detail?.after === "number" ? milli(r.event.detail.after) : "—",
  }));
  const questions = (await regradeChoices(exam.id)).map((q) => ({ id: q.id, versions: q.versions, submitted: q.submitted, current: q.current, newer: q.newer, label: q.label }));

  return {
    exam: { id: exam.id, title: exam.title, status: exam.status, passPercent: exam.passPercent },
    query,
    window,
    all,
    attempts,
    regrades,
    regradeLogLimit: 200,
    questions,
  };
}

type ActionResult = { intent: string; ok: boolean; message?: string; errors: FieldErrors; attemptId?: string; values?: Record<string, string> };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const exam = await examOr404(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent"));

  switch (intent) {
    case "extraTime": {
      const values = { attemptId: String(form.get("attemptId") ?? ""), minutes: String(form.get("minutes") ?? "") };
      const parsed = extraTimeSchema.safeParse(values);
      if (!parsed.success) return data<ActionResult>({ intent, ok: false, errors: translateErrors(t, issuesToErrors(parsed.error)), attemptId: values.attemptId, values }, { status: 400 });
      const attempt = await attemptById(parsed.data.attemptId);
      if (!attempt || attempt.examId !== exam.id) throw new Response("Not found", { status: 404 });
      try {
        await grantExtraTime(user.id, attempt.id, parsed.data.minutes);
      } catch (error) {
        if (error instanceof ExamError) return data<ActionResult>({ intent, ok: false, message: examErrorText(t, error), errors: {}, attemptId: attempt.id, values }, { status: error.status });
        throw error;
      }
      const learner = await userById(attempt.userId);
      const updated = (await attemptById(attempt.id))!;
      return data<ActionResult>({
        intent,
        ok: true,
        errors: {},
        message: t("examadmin.attempts.extraDone", {
          name: learner?.name ?? "",
          n: attempt.attemptNo,
          minutes: parsed.data.minutes,
          deadline: formatDateTime(updated.deadline),
        }),
      });
    }
    case "regrade": {
      const values = { questionId: String(form.get("questionId") ?? "") };
      const parsed = regradeSchema.safeParse(values);
      if (!parsed.success) return data<ActionResult>({ intent, ok: false, errors: translateErrors(t, issuesToErrors(parsed.error)), values }, { status: 400 });
      const used = (await questionsOfExam(exam.id)).get(parsed.data.questionId);
      const current = used ? await currentQuestion(parsed.data.questionId) : undefined;
      if (!used || !current) return data<ActionResult>({ intent, ok: false, errors: { questionId: t("examadmin.regrade.notInExam") }, values }, { status: 400 });
      const changed = await regradeExamQuestion(user.id, exam.id, current, now());
      const skipped = used.submitted - changed.length;
      return data<ActionResult>({
        intent,
        ok: true,
        errors: {},
        message:
          t("trainer2.regrade.done", { stem: shortStem(current), id: current.id, version: current.version, n: changed.length }) +
          (skipped > 0 ? t("examadmin.regrade.skipped", { n: skipped }) : ""),
      });
    }
    default:
      throw data(t("error.unknownIntent"), { status: 400 });
  }
}

export default function ExamAttempts() {
  const t = useT();
  const { exam, query, window, all, attempts, regrades, regradeLogLimit, questions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const rowErrors = (attemptId: string) => (result?.intent === "extraTime" && result.attemptId === attemptId ? result : undefined);
  const finalisedLabel = (by: string | null) => (by ? t(`examadmin.finalisedBy.${by as "learner" | "deadline" | "sweep"}`) : "—");
  const regradeError = result?.intent === "regrade" ? result.errors.questionId : undefined;
  const chosen = result?.intent === "regrade" && !result.ok ? (result.values?.questionId ?? "") : "";

  return (
    <>
      <ExamNav examId={exam.id} current="attempts" />
      <PageTitle>{t("examadmin.attempts.heading", { title: exam.title })}</PageTitle>
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <ExamStatusBadge status={exam.status} />
        <span>{t("examadmin.attempts.count", { n: all, pass: exam.passPercent })}</span>
      </p>
      {result?.message ? <ActionMessage ok={result.ok}>{result.message}</ActionMessage> : null}

      <section aria-labelledby="regrade-title" className="card mb-8" data-testid="regrade-panel">
        <h2 id="regrade-title" className="mb-2 text-lg font-semibold">
          {t("examadmin.regrade.title")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("examadmin.regrade.intro")}</p>
        {questions.length === 0 ? (
          <p className="text-sm">{t("examadmin.regrade.noQuestions")}</p>
        ) : (
          <Form
            method="post"
            noValidate
            onSubmit={(e) => {
              if (!confirm(t("examadmin.regrade.confirm"))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="regrade" />
            <fieldset aria-describedby={regradeError ? "regrade-question-error" : undefined} aria-invalid={regradeError ? true : undefined}>
              <legend className="mb-1 text-sm font-semibold">{t("trainer2.regrade.pick")}</legend>
              <ul className="mb-2 max-h-80 overflow-y-auto rounded border border-slate-200 bg-white p-2" data-testid="regrade-choices">
                {questions.map((q, i) => (
                  <li key={q.id} className="flex items-start gap-2 border-b border-slate-100 py-1.5 last:border-b-0" data-question-id={q.id}>
                    <input type="radio" id={`regrade-q-${i}`} name="questionId" value={q.id} defaultChecked={chosen === q.id} className="mt-1 h-4 w-4 shrink-0" />
                    <span className="min-w-0">
                      <label htmlFor={`regrade-q-${i}`} className="block break-words text-sm" data-testid="question-stem">
                        {q.label?.stem || q.id}
                      </label>
                      {q.label ? (
                        <QuestionMeta
                          q={{ ...q.label, version: null }}
                          extra={
                            <span>
                              {t("trainer2.regrade.shown", {
                                shown: q.versions.map((v) => `v${v}`).join("、"),
                                current: q.current === null ? "—" : `v${q.current}`,
                                n: q.submitted,
                              })}
                              {q.newer ? <strong className="ml-1 text-amber-800">{t("trainer2.regrade.newer")}</strong> : null}
                            </span>
                          }
                        />
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </fieldset>
            {regradeError ? (
              <p id="regrade-question-error" className="field-error">
                {regradeError}
              </p>
            ) : null}
            <button type="submit" className="btn" disabled={busy}>
              {t("examadmin.regrade.submit")}
            </button>
          </Form>
        )}
        <details className="mt-4" open={regrades.length > 0 && result?.intent === "regrade"}>
          <summary className="cursor-pointer font-semibold">
            {t("trainer2.regrade.logCount", { title: t("examadmin.regrade.logTitle"), n: regrades.length })}
          </summary>
          {regrades.length === 0 ? (
            <p className="mt-2 text-sm">{t("examadmin.regrade.logEmpty")}</p>
          ) : (
            <ScrollX title={t("examadmin.regrade.logTitle")} className="mt-2">
              <table className="data-table" data-testid="regrade-log">
                <thead>
                  <tr>
                    <th scope="col">{t("examadmin.regrade.at")}</th>
                    <th scope="col">{t("examadmin.regrade.by")}</th>
                    <th scope="col">{t("examadmin.attempts.learner")}</th>
                    <th scope="col">{t("examadmin.regrade.question")}</th>
                    <th scope="col">{t("examadmin.regrade.change")}</th>
                  </tr>
                </thead>
                <tbody>
                  {regrades.map((r, i) => (
                    <tr key={i}>
                      <td className="whitespace-nowrap">{r.at}</td>
                      <td>{r.by}</td>
                      <td>
                        {r.learner}
                        <span className="text-xs text-slate-600"> {t("examadmin.attempts.attemptNo", { n: r.attemptNo })}</span>
                      </td>
                      <td className="min-w-48 text-sm">
                        {r.label ? <QuestionLabel q={r.label} /> : <code className="break-all font-mono text-xs">{`${r.questionId} → v${r.toVersion}`}</code>}
                      </td>
                      <td className="whitespace-nowrap">{t("examadmin.regrade.scoreChange", { before: r.before, after: r.after })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollX>
          )}
          {regrades.length >= regradeLogLimit ? <p className="mt-1 text-xs text-slate-600">{t("trainer2.regrade.logMore", { n: regradeLogLimit })}</p> : null}
        </details>
      </section>

      <section aria-labelledby="attempts-title" className="mb-8">
        <h2 id="attempts-title" className="mb-3 text-lg font-semibold">
          {t("examadmin.attempts.listTitle")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t("examadmin.attempts.tabNote")}</p>
        <Form method="get" className="card mb-3 flex flex-wrap items-end gap-x-3" role="search" aria-label={t("trainer2.attempts.filters")}>
          <div className="field min-w-0 grow">
            <label htmlFor="attempts-q">{t("trainer2.attempts.q")}</label>
            <input id="attempts-q" name="q" type="search" className="input" defaultValue={query.q} />
          </div>
          <div className="field min-w-0">
            <label htmlFor="attempts-status">{t("trainer2.attempts.status")}</label>
            <select id="attempts-status" name="status" className="input" defaultValue={query.status}>
              <option value="">{t("trainer2.attempts.allStatuses")}</option>
              {ATTEMPT_FILTER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`trainer2.attempts.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-center gap-2 pb-4">
            <button type="submit" className="btn">
              {t("trainer2.list.search")}
            </button>
            {query.q || query.status ? (
              <Link to={`/trainer/exams/${exam.id}/attempts`} className="btn-link text-sm">
                {t("trainer2.list.reset")}
              </Link>
            ) : null}
          </div>
        </Form>
        <ListCount first={window.first} last={window.last} total={window.total} none={all === 0 ? t("examadmin.attempts.none") : t("trainer2.attempts.none")} />
        {attempts.length === 0 ? null : (
          <ScrollX title={t("examadmin.attempts.listTitle")}>
            <table className="data-table" data-testid="attempts-table">
              <thead>
                <tr>
                  <th scope="col">{t("examadmin.attempts.learner")}</th>
                  <th scope="col">{t("examadmin.attempts.status")}</th>
                  <th scope="col">{t("examadmin.attempts.times")}</th>
                  <th scope="col">{t("examadmin.attempts.result")}</th>
                  <th scope="col">{t("examadmin.attempts.tabLeaves")}</th>
                  <th scope="col">{t("examadmin.attempts.extraTime")}</th>
                </tr>
              </thead>
              <tbody>
                {attempts.map((a) => {
                  const err = rowErrors(a.id);
                  const minutesId = `minutes-${a.id}`;
                  return (
                    <tr key={a.id} data-attempt-id={a.id}>
                      <td>
                        <div className="font-mono text-xs">{a.employeeNo}</div>
                        <div>{a.name}</div>
                        <div className="text-xs text-slate-600">{t("examadmin.attempts.attemptNo", { n: a.attemptNo })}</div>
                        {a.canOpen ? (
                          <Link
                            to={`/trainer/attempts/${encodeURIComponent(a.id)}`}
                            className="btn-link whitespace-nowrap text-sm"
                            aria-label={t("trainer2.attempts.openAria", { name: a.name, n: a.attemptNo })}
                            data-testid="answer-sheet-link"
                          >
                            {t("trainer2.attempts.open")}
                          </Link>
                        ) : (
                          <div className="text-xs text-slate-600">{t("trainer2.attempts.notYours")}</div>
                        )}
                      </td>
                      <td className="text-xs">
                        <div className="font-semibold">{t(`examadmin.attempt.${a.status}`)}</div>
                        <div data-testid="finalised-by" data-by={a.finalisedBy ?? ""}>
                          {finalisedLabel(a.finalisedBy)}
                        </div>
                      </td>
                      <td className="whitespace-nowrap text-xs">
                        <div>{t("examadmin.attempts.started", { at: a.startedAt })}</div>
                        <div data-testid="deadline">{t("examadmin.attempts.deadline", { at: a.deadline })}</div>
                        {a.submittedAt ? <div>{t("examadmin.attempts.submitted", { at: a.submittedAt })}</div> : null}
                      </td>
                      <td className="whitespace-nowrap text-xs" data-testid="result">
                        {a.score === null ? (
                          "—"
                        ) : (
                          <>
                            <div>{t("examadmin.attempts.score", { score: a.score, max: a.maxScore })}</div>
                            <div>{a.percent}%</div>
                            <div className={a.passed ? "font-semibold text-teal-800" : "font-semibold text-red-700"}>{a.passed ? t("examadmin.attempts.passed") : t("examadmin.attempts.failed")}</div>
                          </>
                        )}
                      </td>
                      <td className="text-xs" data-testid="tab-leaves">
                        {a.tabLeaves.length === 0 ? (
                          t("examadmin.attempts.noTabLeaves")
                        ) : (
                          <details>
                            <summary className="cursor-pointer">{t("examadmin.attempts.tabLeaveCount", { n: a.tabLeaves.length })}</summary>
                            <ul className="mt-1 list-disc pl-4">
                              {a.tabLeaves.map((l, i) => (
                                <li key={i} className="whitespace-nowrap">
                                  {l.back ? t("examadmin.attempts.leftAndBack", { left: l.left, back: l.back }) : t("examadmin.attempts.leftOnly", { left: l.left })}
                                </li>
                              ))}
                            </ul>
                          </details>
                        )}
                        {a.lateSavesRefused ? <div className="mt-1">{t("examadmin.attempts.lateSaves", { n: a.lateSavesRefused })}</div> : null}
                      </td>
                      <td className="text-xs">
                        {a.extraTime.map((x, i) => (
                          <div key={i} data-testid="extra-time-event">
                            {t("examadmin.attempts.extraGiven", { minutes: x.minutes, by: x.by, at: x.at })}
                          </div>
                        ))}
                        {a.status === "in_progress" ? (
                          <Form method="post" className="mt-1 flex flex-wrap items-end gap-1" noValidate>
                            <input type="hidden" name="intent" value="extraTime" />
                            <input type="hidden" name="attemptId" value={a.id} />
                            <div className="flex flex-col">
                              <label htmlFor={minutesId} className="text-xs font-semibold">
                                {t("examadmin.attempts.minutes")}
                              </label>
                              <input
                                id={minutesId}
                                name="minutes"
                                inputMode="numeric"
                                className="input w-20 py-1"
                                defaultValue={err?.values?.minutes ?? "10"}
                                aria-invalid={err?.errors.minutes ? true : undefined}
                                aria-describedby={err?.errors.minutes ? `${minutesId}-error` : undefined}
                              />
                            </div>
                            <button type="submit" className="btn-secondary py-1" disabled={busy} aria-label={t("examadmin.attempts.grantFor", { name: a.name, n: a.attemptNo })}>
                              {t("examadmin.attempts.grant")}
                            </button>
                            {err?.errors.minutes ? (
                              <p id={`${minutesId}-error`} className="field-error w-full">
                                {err.errors.minutes}
                              </p>
                            ) : null}
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollX>
        )}
        <Pager query={query} page={window.page} pages={window.pages} label={t("trainer2.attempts.pager")} />
      </section>
    </>
  );
}
