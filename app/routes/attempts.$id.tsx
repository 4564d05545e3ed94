/**
 * Sitting an exam. The loader sends the learner's view of the paper (~/exams.server attemptView: stems,
 * options in this attempt's order, saved answers, flags — never the key) and the server's time. The page
 * saves every answer as it is given (see ~/components/exam/use-autosave), shows a countdown computed
 * from the server's deadline on the browser's monotonic clock, and at 0 asks the server before it submits.
 *
 * No lost time: the deadline travels in every save reply and in a heartbeat every HEARTBEAT_MS, so extra
 * time a trainer grants shows within seconds. At 0 the page first asks the server (heartbeat); if the
 * deadline moved it keeps counting, otherwise it submits with reason=time, which the server refuses
 * before its real deadline (409 timeNotUp with the deadline), and the page again keeps counting.
 */
import { redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData, useNavigate } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { requireUser } from "~/auth.server";
import { parseNumber } from "~/domain/grading";
import { attemptView, ExamError } from "~/exams.server";
import { responseSeqs } from "~/learner.server";
import { useT, pageTitle } from "~/components/i18n";
import { autosaveRefusalText } from "~/i18n/autosave";
import { AnswerInput, isAnswered, type SittingItem } from "~/components/exam/answer-inputs";
import { Countdown } from "~/components/exam/countdown";
import { RICH } from "~/components/exam/format";
import { QuestionNavigator } from "~/components/exam/navigator";
import { addSample, HEARTBEAT_MS, RECHECK_MARGIN_MS, sampleFrom, UNMEASURED_RTT, type ClockSample } from "~/components/exam/server-clock";
import { SubmitDialog } from "~/components/exam/submit-dialog";
import { clearAttemptStorage, postJson, useAutosave, type SaveState } from "~/components/exam/use-autosave";
import type { MessageKey } from "~/i18n";
import type { SkipLinkHandle } from "~/components/layout";

/** The first thing Tab reaches: a link straight to the question in view (handled in Sitting). */
const SKIP_HREF = "#current-question";
export const handle: SkipLinkHandle = { skipLink: { href: SKIP_HREF, label: "a11y.sit.skipToQuestion" } };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data ? { text: data.examTitle } : "nav.exams")];

/** Never cached: a stale copy from the back button would show old answers and an old deadline. */
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id ?? "";
  let view;
  try {
    view = await attemptView(user.id, id);
  } catch (error) {
    if (error instanceof ExamError) throw new Response("Not found", { status: error.status });
    throw error;
  }
  if (view.attempt.status !== "in_progress") throw redirect(`/attempts/${encodeURIComponent(id)}/result`);
  // The seq of each stored answer, so this browser's next seq is above it (another device may have saved).
  const seqs = await responseSeqs(id);
  return {
    attempt: { id: view.attempt.id, deadline: view.attempt.deadline, attemptNo: view.attempt.attemptNo },
    examTitle: view.examTitle,
    serverNow: view.serverNow,
    // Field by field: whatever else the view may one day carry does not reach the browser by accident.
    items: view.items.map((it) => ({
      position: it.position,
      points: it.points,
      type: it.type,
      stemHtml: it.stemHtml,
      options: it.options.map((o) => ({ id: o.id, html: o.html })),
      unit: it.unit,
      lefts: it.lefts,
      rights: it.rights,
      blanks: it.blanks,
      response: it.response,
      flagged: it.flagged,
      saved: it.savedAt !== null,
      seq: seqs.get(it.position) ?? 0,
    })),
  };
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function AttemptPage() {
  const data = useLoaderData<typeof loader>();
  // A different attempt is a different page: no state carries over.
  return <Sitting key={data.attempt.id} data={data} />;
}

const SAVE_STYLE: Record<SaveState, string> = {
  idle: "text-slate-500",
  saving: "text-slate-700",
  saved: "text-teal-800",
  unsaved: "font-semibold text-red-700",
  rejected: "font-semibold text-red-700",
};
const SAVE_TEXT: Record<SaveState, MessageKey> = {
  idle: "exams.save.idle",
  saving: "exams.save.saving",
  saved: "exams.save.saved",
  unsaved: "exams.save.unsaved",
  rejected: "exams.save.rejected",
};

function Sitting({ data }: { data: LoaderData }) {
  const t = useT();
  const navigate = useNavigate();
  const id = data.attempt.id;
  const base = `/attempts/${encodeURIComponent(id)}`;
  const saveUrl = `${base}/save`;
  const resultUrl = `${base}/result`;

  const [answers, setAnswers] = useState<Record<number, unknown>>(() => Object.fromEntries(data.items.map((i) => [i.position, i.response])));
  const [texts, setTexts] = useState<Record<number, string>>(() =>
    Object.fromEntries(data.items.filter((i) => i.type === "numeric").map((i) => [i.position, typeof i.response === "number" ? String(i.response) : ""])),
  );
  const [flags, setFlags] = useState<Record<number, boolean>>(() => Object.fromEntries(data.items.map((i) => [i.position, i.flagged])));
  const [deadline, setDeadline] = useState(data.attempt.deadline);
  const [current, setCurrent] = useState<number | null>(data.items[0]?.position ?? null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [phase, setPhase] = useState<"sitting" | "submitting" | "timeUp" | "closed">("sitting");
  const [submitTrouble, setSubmitTrouble] = useState(false);
  // Set when the server's deadline moved later than the page knew (a trainer granted extra time).
  const [extended, setExtended] = useState(false);
  const [notice, setNotice] = useState("");
  // Set once hydrated (and the autosave queue restored): lets tests and styles know the page is live.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // --- The server's time on the monotonic clock (see server-clock.ts) ---
  const clock = useRef<{ samples: ClockSample[]; offset: number } | null>(null);
  if (!clock.current) {
    const offset = data.serverNow - performance.now();
    clock.current = { samples: [{ offset, rtt: UNMEASURED_RTT }], offset };
  }
  const serverNow = useCallback(() => performance.now() + clock.current!.offset, []);
  const onServerTime = useCallback((serverTime: number, sentAt: number, receivedAt: number) => {
    clock.current = addSample(clock.current!.samples, sampleFrom(serverTime, sentAt, receivedAt));
  }, []);

  // --- The deadline as the server last said it ---
  const deadlineRef = useRef(data.attempt.deadline);
  const learnDeadline = useCallback((next: number) => {
    if (next === deadlineRef.current) return;
    if (next > deadlineRef.current) setExtended(true);
    deadlineRef.current = next;
    setDeadline(next);
  }, []);

  // --- Leaving the page for the result ---
  const leaving = useRef(false);
  const goToResult = useCallback(
    (late: boolean) => {
      if (leaving.current) return;
      leaving.current = true;
      clearAttemptStorage(id);
      navigate(late ? `${resultUrl}?late=1` : resultUrl, { replace: true });
    },
    [id, navigate, resultUrl],
  );

  const autosave = useAutosave({
    attemptId: id,
    saveUrl,
    server: data.items.map((i) => ({ position: i.position, seq: i.seq, saved: i.saved })),
    callbacks: {
      onServerTime,
      onDeadline: learnDeadline,
      onClosed: (reason, message) => {
        setPhase("closed");
        setNotice(message || t("exams.sit.closed"));
        goToResult(reason === "deadline");
      },
    },
    onRestore: (entries) => {
      setAnswers((prev) => ({ ...prev, ...Object.fromEntries(entries.map((e) => [e.position, e.response])) }));
      setTexts((prev) => {
        const next = { ...prev };
        for (const e of entries) if (e.position in next) next[e.position] = typeof e.response === "number" ? String(e.response) : "";
        return next;
      });
    },
  });

  const answer = (position: number, response: unknown) => {
    setAnswers((prev) => ({ ...prev, [position]: response }));
    autosave.save(position, response);
  };

  // --- Server sync: the clock, extra time granted by a trainer, an attempt finalised elsewhere ---
  /** The attempt's status and deadline as the server has them now; null when the server could not be asked. */
  const sync = useCallback(async (): Promise<{ status: string; deadline: number; serverNow: number } | null> => {
    const sentAt = performance.now();
    try {
      const r = await postJson(saveUrl, { intent: "sync" });
      const receivedAt = performance.now();
      if (r.status === 404) {
        goToResult(false);
        return { status: "gone", deadline: deadlineRef.current, serverNow: serverNow() };
      }
      const body = r.body;
      if (!body || body.ok !== true || typeof body.serverNow !== "number" || typeof body.deadline !== "number") return null;
      onServerTime(body.serverNow, sentAt, receivedAt);
      learnDeadline(body.deadline);
      const status = String(body.status);
      if (status !== "in_progress") goToResult(false);
      return { status, deadline: body.deadline, serverNow: body.serverNow };
    } catch {
      // offline: the next sync or save will do
      return null;
    }
  }, [saveUrl, onServerTime, goToResult, learnDeadline, serverNow]);

  useEffect(() => {
    void sync();
    const timer = setInterval(() => void sync(), HEARTBEAT_MS);
    const onVisibility = () => {
      // Logged for trainers (never punished automatically); keepalive so it survives the tab closing.
      void postJson(saveUrl, { intent: "visibility", hidden: document.hidden }, { keepalive: true }).catch(() => undefined);
      if (!document.hidden) void sync();
    };
    const onOnline = () => void sync();
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("online", onOnline);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("online", onOnline);
    };
  }, [sync, saveUrl]);

  // --- Submitting: flush the queue, then POST until it gets through (the server finalises anyway) ---
  const submitting = useRef(false);
  const recheck = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(recheck.current), []);
  // Set below; lets a refused time-triggered submit ask again when the server's deadline comes.
  const timeRanOutRef = useRef<() => void>(() => undefined);
  /** The server says time is not up: keep sitting, and ask again at its deadline whatever the countdown shows. */
  const keepSitting = useCallback((deadlineAt: number, serverAt: number) => {
    clearTimeout(recheck.current);
    recheck.current = setTimeout(() => timeRanOutRef.current(), Math.max(0, deadlineAt - serverAt) + RECHECK_MARGIN_MS);
  }, []);

  const submitNow = useCallback(
    async (why: "learner" | "time") => {
      if (submitting.current) return;
      submitting.current = true;
      // A number still being typed is committed on blur: queue it before flushing.
      (document.activeElement as HTMLElement | null)?.blur?.();
      setPhase(why === "time" ? "timeUp" : "submitting");
      await autosave.flush(why === "time" ? 3_000 : 5_000);
      for (let attempt = 0; !leaving.current; attempt++) {
        try {
          const sentAt = performance.now();
          const res = await fetch(`${base}/submit`, {
            method: "POST",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ reason: why }),
            credentials: "same-origin",
            redirect: "manual",
          });
          const receivedAt = performance.now();
          if (res.status === 409 && why === "time") {
            const body = (await res.json().catch(() => null)) as { code?: unknown; deadline?: unknown; serverNow?: unknown } | null;
            if (body?.code === "timeNotUp" && typeof body.deadline === "number" && typeof body.serverNow === "number") {
              // The trainer granted time the page had not heard of: back to the paper.
              onServerTime(body.serverNow, sentAt, receivedAt);
              learnDeadline(body.deadline);
              submitting.current = false;
              setSubmitTrouble(false);
              setPhase("sitting");
              keepSitting(body.deadline, body.serverNow);
              return;
            }
          }
          if (res.type === "opaqueredirect" || res.ok || res.status === 404 || res.status === 409) break;
        } catch {
          // offline: retry below
        }
        setSubmitTrouble(true);
        await new Promise((r) => setTimeout(r, Math.min(2_000 * 2 ** attempt, 15_000)));
      }
      goToResult(false);
    },
    [autosave, base, goToResult, onServerTime, learnDeadline, keepSitting],
  );

  // --- The countdown reached 0: ask the server before submitting ---
  const asking = useRef(false);
  const timeRanOut = useCallback(async () => {
    if (asking.current || submitting.current || leaving.current) return;
    asking.current = true;
    let answer: Awaited<ReturnType<typeof sync>>;
    try {
      answer = await sync();
    } finally {
      asking.current = false;
    }
    if (answer && answer.status !== "in_progress") return; // finalised elsewhere: sync went to the result
    if (answer && answer.deadline > answer.serverNow) return keepSitting(answer.deadline, answer.serverNow);
    // Time is up, or the server could not be asked: submit; the server refuses if its deadline has not come.
    void submitNow("time");
  }, [sync, keepSitting, submitNow]);
  timeRanOutRef.current = () => void timeRanOut();

  // --- Which question is in view ---
  useEffect(() => {
    const sections = Array.from(document.querySelectorAll<HTMLElement>("[data-question]"));
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top);
        if (visible[0]) setCurrent(Number((visible[0].target as HTMLElement).dataset.question));
      },
      { rootMargin: "-25% 0px -60% 0px" },
    );
    sections.forEach((s) => observer.observe(s));
    return () => observer.disconnect();
  }, []);

  const jump = (position: number) => {
    const el = document.getElementById(`q-${position + 1}`);
    if (!el) return;
    el.scrollIntoView({ block: "start" });
    el.focus({ preventScroll: true });
    setCurrent(position);
  };

  // The page's skip link (rendered first by the app shell) goes to the question in view.
  const skipTarget = useRef<() => void>(() => undefined);
  skipTarget.current = () => jump(current ?? data.items[0]?.position ?? 0);
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (!(e.target instanceof Element) || !e.target.closest(`a[href="${SKIP_HREF}"]`)) return;
      e.preventDefault();
      skipTarget.current();
    };
    document.addEventListener("click", onClick);
    return () => document.removeEventListener("click", onClick);
  }, []);

  const toggleFlag = async (position: number) => {
    const flagged = !flags[position];
    setFlags((prev) => ({ ...prev, [position]: flagged }));
    try {
      const r = await postJson(saveUrl, { intent: "flag", position, flagged });
      if (r.status === 409) return goToResult(false);
      if (r.body?.ok !== true) throw new Error("flag refused");
    } catch {
      setFlags((prev) => ({ ...prev, [position]: !flagged }));
      setNotice(t("exams.sit.flagFailed", { n: position + 1 }));
    }
  };

  const navItems = useMemo(
    () => data.items.map((i) => ({ position: i.position, answered: isAnswered(answers[i.position]), flagged: Boolean(flags[i.position]) })),
    [data.items, answers, flags],
  );
  const unanswered = navItems.filter((i) => !i.answered).map((i) => i.position + 1);
  const flaggedList = navItems.filter((i) => i.flagged).map((i) => i.position + 1);
  const busy = phase !== "sitting";
  const failed = autosave.failed;

  return (
    <div data-testid="attempt-page" data-ready={ready ? "true" : "false"}>
      <div className="sticky top-0 z-20 -mx-4 mb-4 border-b border-slate-200 bg-white/95 px-4 py-2 shadow-sm backdrop-blur">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <h1 className="mr-auto min-w-0 truncate text-lg font-bold">{data.examTitle}</h1>
          <Countdown deadline={deadline} initialLeft={data.attempt.deadline - data.serverNow} serverNow={serverNow} onExpire={() => void timeRanOut()} />
          <a href="#navigator" className="btn-link text-sm lg:hidden">
            {t("exams.sit.toNavigator")}
          </a>
          <button type="button" className="btn" onClick={() => setDialogOpen(true)} disabled={busy} data-testid="open-submit">
            {t("exams.sit.submit")}
          </button>
        </div>
      </div>

      <div role="status" aria-live="polite" data-testid="save-banner">
        {failed > 0 ? (
          <p className="alert-error font-semibold">
            {t("exams.sit.bannerUnsaved", { n: failed })}
            {autosave.signedOut ? <span className="mt-1 block font-normal">{t("exams.sit.bannerSignedOut")}</span> : null}
          </p>
        ) : null}
      </div>
      <div role="alert" data-testid="sitting-notice">
        {phase === "timeUp" ? <p className="alert-error font-semibold">{t("exams.sit.timeUp")}</p> : null}
        {phase === "closed" && notice ? <p className="alert-error font-semibold">{notice}</p> : null}
        {submitTrouble ? <p className="alert-error">{t("exams.sit.submitTrouble")}</p> : null}
        {phase === "sitting" && notice ? <p className="alert-error">{notice}</p> : null}
        {phase === "sitting" && extended ? (
          <p className="alert-ok" data-testid="time-extended">
            {t("time.sit.extended")}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-6 lg:grid lg:grid-cols-[1fr_15rem] lg:items-start">
        <div className="lg:sticky lg:top-20 lg:order-2">
          <QuestionNavigator items={navItems} current={current} onJump={jump} />
        </div>
        <ol className="min-w-0 space-y-4 lg:order-1" aria-label={t("exams.sit.questions")}>
          {data.items.map((item) => {
            const n = item.position + 1;
            const typed = texts[item.position] ?? "";
            // A number that cannot be read is not saved: say so beside the field's own message.
            const state: SaveState = item.type === "numeric" && typed.trim() !== "" && parseNumber(typed) === null ? "unsaved" : autosave.stateOf(item.position);
            const rejection = autosave.rejectionOf(item.position);
            return (
              <li key={item.position}>
                <section
                  id={`q-${n}`}
                  data-question={item.position}
                  tabIndex={-1}
                  aria-labelledby={`q-${n}-legend`}
                  className="card scroll-mt-24 focus:outline-none focus-visible:ring-2 focus-visible:ring-amber-500"
                >
                  <fieldset aria-describedby={`q-${n}-stem`} disabled={busy} className="min-w-0">
                    <legend id={`q-${n}-legend`} className="mb-2 font-semibold">
                      {t("exams.sit.question", { n })}
                      <span className="ml-2 text-sm font-normal text-slate-600">
                        {t(`exams.type.${item.type}` as MessageKey)} · {t("exams.sit.points", { points: item.points })}
                      </span>
                    </legend>
                    <div id={`q-${n}-stem`} className={`${RICH} mb-4 text-base sm:text-lg`} dangerouslySetInnerHTML={{ __html: item.stemHtml }} />
                    <AnswerInput
                      item={item as SittingItem}
                      value={answers[item.position]}
                      text={texts[item.position] ?? ""}
                      onAnswer={(response) => answer(item.position, response)}
                      onText={(text) => setTexts((prev) => ({ ...prev, [item.position]: text }))}
                      describedBy={`q-${n}-stem`}
                      disabled={busy}
                    />
                  </fieldset>
                  <div className="mt-4 flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 pt-3">
                    <button
                      type="button"
                      className="btn-secondary aria-pressed:border-amber-500 aria-pressed:bg-amber-100 aria-pressed:text-amber-950"
                      aria-pressed={Boolean(flags[item.position])}
                      onClick={() => void toggleFlag(item.position)}
                      disabled={busy}
                      data-testid={`flag-${n}`}
                    >
                      <span aria-hidden="true" className="mr-1">
                        ⚑
                      </span>
                      {t("exams.sit.flag")}
                    </button>
                    <span className={`text-sm ${SAVE_STYLE[state]}`} data-testid={`save-state-${n}`} data-state={state}>
                      {state === "rejected" && rejection ? t("exams.save.rejectedWhy", { message: rejection.key ? autosaveRefusalText(t, rejection.key, rejection.vars) : rejection.message || String(rejection.status) }) : t(SAVE_TEXT[state])}
                    </span>
                  </div>
                </section>
              </li>
            );
          })}
        </ol>
        {/* After the last question, so submitting is a Tab or two from the last answer. */}
        <section aria-labelledby="paper-end-title" className="card lg:order-3 lg:col-start-1" data-testid="paper-end">
          <h2 id="paper-end-title" className="mb-1 font-semibold">
            {t("a11y.sit.endTitle")}
          </h2>
          <p className="mb-3 text-sm text-slate-700">{t("a11y.sit.endSummary", { answered: navItems.length - unanswered.length, total: navItems.length })}</p>
          <button type="button" className="btn" onClick={() => setDialogOpen(true)} disabled={busy} data-testid="submit-end">
            {t("exams.sit.submit")}
          </button>
        </section>
      </div>

      <SubmitDialog
        open={dialogOpen}
        unanswered={unanswered}
        flagged={flaggedList}
        unsaved={autosave.pending}
        busy={phase === "submitting"}
        onCancel={() => setDialogOpen(false)}
        onConfirm={() => void submitNow("learner")}
      />
    </div>
  );
}
