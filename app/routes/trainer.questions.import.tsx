/**
 * Question-file import from the trainer pages: upload (Excel, plain text — a file or pasted —, GIFT or
 * bank JSON) → stored as a pending import → preview (?pending=ID, the uploader's own only) → confirm,
 * which imports everything or nothing. Two choices travel with the preview and the confirmation:
 * `unit=1` (numeric questions must have a unit) and `skip=1` (leave out GIFT items the bank cannot hold).
 */
import {
  data,
  redirect,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  unstable_parseMultipartFormData as parseMultipartFormData,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { detectFormat, type ImportFormat } from "~/bank-import.server";
import { readSheetRows, XlsxReadError } from "~/bank-xlsx.server";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { confirmPendingImport, discardPendingImport, pendingImportOf, planPendingImport, storePendingImport } from "~/questions.server";
import { QUESTION_TYPES, type QuestionType } from "~/domain/question";
import { renderQuestion } from "~/domain/question-form";
import { getT } from "~/i18n.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { QuestionView, StatusBadge, useQuestionLabels } from "~/components/question-form";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "qb.import.title")];

const MAX_QUESTION_FILE_BYTES = 2 * 1024 * 1024;
/** The preview renders this many questions; the counts cover them all. */
const PREVIEW_LIMIT = 200;
const PAGE = "/trainer/questions/import";
const INTENTS = { upload: "upload", confirm: "confirm", discard: "discard" } as const;
const FORMAT_NAMES: Record<ImportFormat, string> = { gift: "GIFT", json: "JSON", xlsx: "Excel", text: "纯文本 / plain text" };
const PASTED_NAME = "粘贴的文本.txt";

/** The preview's choices, from its URL or the confirmation form. */
function choicesOf(get: (name: string) => unknown) {
  return { requireUnit: get("unit") === "1", skipUnsupported: get("skip") === "1" };
}
function previewHref(id: string, c: { requireUnit: boolean; skipUnsupported: boolean }) {
  return `${PAGE}?${new URLSearchParams({ pending: id, ...(c.requireUnit && { unit: "1" }), ...(c.skipUnsupported && { skip: "1" }) })}`;
}

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const params = new URL(request.url).searchParams;
  const done = params.has("created")
    ? { created: Number(params.get("created")) || 0, revised: Number(params.get("revised")) || 0, unchanged: Number(params.get("unchanged")) || 0 }
    : null;
  const pendingId = params.get("pending");
  if (pendingId === null) return { pending: null, done };

  const row = (await pendingImportOf(user.id, pendingId)) ?? notFound();
  const choices = choicesOf((n) => params.get(n));
  const plan = await planPendingImport(row, choices);
  return {
    done,
    pending: {
      id: row.id,
      fileName: row.fileName,
      format: FORMAT_NAMES[row.format],
      choices,
      unsupported: plan.unsupported,
      skipped: plan.skipped,
      /** Errors that are not about unsupported items (skipping those would not make the file importable). */
      otherErrors: plan.errors.filter((e) => !plan.unsupported.includes(e.line)).length,
      skipHref: previewHref(row.id, { ...choices, skipUnsupported: true }),
      total: plan.questions.length,
      counts: QUESTION_TYPES.flatMap((type) => (plan.countsByType[type] ? [{ type, n: plan.countsByType[type]! }] : [])),
      errors: plan.errors,
      report: plan.report,
      shown: plan.questions.slice(0, PREVIEW_LIMIT).map((p) => ({
        line: p.line,
        /** Ids the importer makes up for new questions change on every preview: only show real ones. */
        id: p.exists || !/^imp-[0-9a-f]{12}$/.test(p.id) ? p.id : null,
        exists: p.exists,
        status: p.status,
        title: p.title ?? null,
        display: renderQuestion(p.content),
      })),
    },
  };
}

type ActionResult = { ok: false; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);

  let form: FormData;
  try {
    form = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")
      ? await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_QUESTION_FILE_BYTES }))
      : await request.formData();
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return data<ActionResult>({ ok: false, message: t("qb.import.tooLarge") }, { status: 413 });
    throw error;
  }
  const pendingId = String(form.get("pending") ?? "");

  switch (form.get("intent")) {
    case INTENTS.upload: {
      const file = form.get("file");
      const pasted = String(form.get("pasted") ?? "");
      const hasFile = file instanceof File && file.size > 0;
      if (!hasFile && pasted.trim() === "") return data<ActionResult>({ ok: false, message: t("qb.import.noFile") }, { status: 400 });
      if (!hasFile && pasted.length > MAX_QUESTION_FILE_BYTES) return data<ActionResult>({ ok: false, message: t("qb.import.tooLarge") }, { status: 413 });
      let text: string;
      let format: ImportFormat;
      let fileName: string;
      if (!hasFile) {
        text = pasted;
        format = "text";
        fileName = PASTED_NAME;
      } else {
        fileName = file.name;
        if (!/\.(gift|txt|json|xlsx)$/i.test(fileName)) return data<ActionResult>({ ok: false, message: t("qb.import.badType", { name: fileName }) }, { status: 400 });
        if (/\.xlsx$/i.test(fileName)) {
          try {
            text = JSON.stringify(await readSheetRows(await file.arrayBuffer()));
          } catch (error) {
            if (error instanceof XlsxReadError) return data<ActionResult>({ ok: false, message: t("qb.import.notXlsx", { reason: error.reason }) }, { status: 400 });
            throw error;
          }
          format = "xlsx";
        } else {
          try {
            text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
          } catch {
            return data<ActionResult>({ ok: false, message: t("qb.import.notUtf8") }, { status: 400 });
          }
          text = text.replace(/^\uFEFF/, "");
          format = detectFormat(fileName, text);
        }
      }
      const id = await storePendingImport(user.id, { format, fileName, text }, now());
      return redirect(previewHref(id, { requireUnit: form.get("requireUnit") === "on", skipUnsupported: false }));
    }
    case INTENTS.confirm: {
      const row = (await pendingImportOf(user.id, pendingId)) ?? notFound();
      const plan = await planPendingImport(row, { publish: form.get("publish") === "on", ...choicesOf((n) => form.get(n)) });
      if (plan.errors.length) return data<ActionResult>({ ok: false, message: t("qb.import.refused", { n: plan.errors.length }) }, { status: 400 });
      const result = await confirmPendingImport(user.id, row.id, plan, now());
      if (!result) notFound();
      return redirect(`${PAGE}?created=${result.created}&revised=${result.revised}&unchanged=${result.unchanged}`);
    }
    case INTENTS.discard:
      await discardPendingImport(user.id, pendingId);
      return redirect(PAGE);
    default:
      throw data(t("error.unknownIntent"), { status: 400 });
  }
}

export default function ImportQuestions() {
  const t = useT();
  const labels = useQuestionLabels();
  const { pending, done } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const outcome = (o: string) =>
    o === "imported" ? t("qb.import.outcomeOk") : o === "rejected" ? t("qb.import.outcomeRejected") : o === "skipped" ? t("qb.import.outcomeSkipped") : t("qb.import.outcomeIgnored");

  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/questions" className="btn-link">
          ← {t("qb.backToList")}
        </Link>
      </p>
      <PageTitle>{t("qb.import.title")}</PageTitle>

      {done ? (
        <div className="alert-ok" role="status" data-testid="import-done">
          <p className="font-semibold">{t("qb.import.done", done)}</p>
          <p className="mt-1">
            <Link to="/trainer/questions?source=imported" className="btn-link">
              {t("qb.import.seeImported")}
            </Link>
          </p>
        </div>
      ) : null}
      {result && !result.ok ? (
        <p className="alert-error" role="alert" data-testid="import-message">
          {result.message}
        </p>
      ) : null}

      {!pending ? (
        <>
          <div className="mb-4 space-y-2 text-sm text-slate-700">
            <p>{t("qb.import.intro")}</p>
            <p>
              {t("qb.import.introExcel")}{" "}
              <a href="/trainer/questions/template.xlsx" className="btn-link" download data-testid="template-link">
                {t("qb.import.template")}
              </a>
            </p>
            <p>{t("qb.import.introText")}</p>
            <p>{t("qb.import.introGift")}</p>
            <p>{t("qb.import.introJson")}</p>
            <p>{t("qb.import.cli")}</p>
          </div>
          <Form method="post" action={PAGE} encType="multipart/form-data" className="card">
            <div className="field">
              <label htmlFor="file">{t("qb.import.file")}</label>
              <input
                id="file"
                name="file"
                type="file"
                accept=".xlsx,.txt,.gift,.json,text/plain,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                className="input"
                aria-describedby="file-hint"
              />
              <p id="file-hint" className="text-xs text-slate-600">
                {t("qb.import.fileHint")}
              </p>
            </div>
            <div className="field">
              <label htmlFor="pasted">{t("qb.import.paste")}</label>
              <textarea id="pasted" name="pasted" rows={6} className="input font-mono text-sm" aria-describedby="pasted-hint" />
              <p id="pasted-hint" className="text-xs text-slate-600">
                {t("qb.import.pasteHint")}
              </p>
            </div>
            <label className="mb-3 flex items-center gap-2">
              <input type="checkbox" name="requireUnit" className="h-4 w-4" />
              {t("qb.import.requireUnit")}
            </label>
            <button type="submit" name="intent" value={INTENTS.upload} className="btn" disabled={busy}>
              {t("qb.import.upload")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <section className="card mb-4" aria-labelledby="summary-title" data-testid="import-summary">
            <h2 id="summary-title" className="mb-2 text-lg font-semibold">
              {t("qb.import.previewTitle", { name: pending.fileName })}
            </h2>
            <p className="mb-2 text-sm">{t("qb.import.format", { format: pending.format })}</p>
            {pending.skipped ? <p className="mb-2 text-sm" data-testid="import-skipped">{t("qb.import.skipped", { n: pending.skipped })}</p> : null}
            <p className="mb-2 font-semibold">{t("qb.import.willImport", { n: pending.total })}</p>
            {pending.counts.length ? (
              <table className="data-table mb-3 max-w-sm">
                <thead>
                  <tr>
                    <th scope="col">{t("qb.list.type")}</th>
                    <th scope="col">{t("qb.import.count")}</th>
                  </tr>
                </thead>
                <tbody>
                  {pending.counts.map((c) => (
                    <tr key={c.type} data-type={c.type}>
                      <td>{labels.type(c.type as QuestionType)}</td>
                      <td>{c.n}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}

            {pending.errors.length ? (
              <div className="alert-error" role="alert" data-testid="import-errors">
                <p className="font-semibold">{t("qb.import.hasErrors", { n: pending.errors.length })}</p>
                <ul className="mt-2 list-disc pl-6">
                  {pending.errors.map((e, i) => (
                    <li key={i} data-line={e.line}>
                      {t(e.message)}
                    </li>
                  ))}
                </ul>
                {pending.unsupported.length && !pending.choices.skipUnsupported && pending.otherErrors === 0 ? (
                  <div className="mt-3" data-testid="skip-offer">
                    <p>{t("qb.import.unsupportedOnly")}</p>
                    <Link to={pending.skipHref} className="btn mt-2 inline-block">
                      {t("qb.import.skipUnsupported", { n: pending.total })}
                    </Link>
                  </div>
                ) : null}
              </div>
            ) : (
              <Form method="post" action={`${PAGE}?pending=${pending.id}`} className="mb-2">
                <input type="hidden" name="pending" value={pending.id} />
                {pending.choices.requireUnit ? <input type="hidden" name="unit" value="1" /> : null}
                {pending.choices.skipUnsupported ? <input type="hidden" name="skip" value="1" /> : null}
                <label className="mb-3 flex items-center gap-2">
                  <input type="checkbox" name="publish" className="h-4 w-4" />
                  {t("qb.import.publish")}
                </label>
                <button type="submit" name="intent" value={INTENTS.confirm} className="btn" disabled={busy}>
                  {t("qb.import.confirm", { n: pending.total })}
                </button>
              </Form>
            )}
            <div className="mt-2 flex flex-wrap gap-3">
              <Form method="post" action={`${PAGE}?pending=${pending.id}`}>
                <input type="hidden" name="pending" value={pending.id} />
                <button type="submit" name="intent" value={INTENTS.discard} className="btn-secondary" disabled={busy}>
                  {pending.errors.length ? t("qb.import.discardAndRetry") : t("qb.import.discard")}
                </button>
              </Form>
            </div>
          </section>

          {pending.report.length ? (
            <section className="mb-6" aria-labelledby="report-title">
              <h2 id="report-title" className="mb-2 text-lg font-semibold">
                {t("qb.import.report")}
              </h2>
              <div className="overflow-x-auto">
                <table className="data-table" data-testid="gift-report">
                  <thead>
                    <tr>
                      <th scope="col">{t("qb.import.line")}</th>
                      <th scope="col">{t("qb.import.kind")}</th>
                      <th scope="col">{t("qb.list.type")}</th>
                      <th scope="col">{t("qb.import.outcome")}</th>
                      <th scope="col">{t("qb.import.notes")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {pending.report.map((r, i) => (
                      <tr key={i} data-line={r.line} data-outcome={r.outcome}>
                        <td>{r.line}</td>
                        <td className="font-mono text-xs">
                          {r.kind}
                          {r.title ? <span className="block break-all text-slate-600">{r.title}</span> : null}
                        </td>
                        <td>{r.type ? labels.type(r.type) : "—"}</td>
                        <td className={r.outcome === "rejected" ? "font-semibold text-red-700" : ""}>{outcome(r.outcome)}</td>
                        <td className="min-w-48">
                          {[...r.errors, ...r.notes].length ? (
                            <ul className="list-disc pl-4">
                              {r.errors.map((m, j) => (
                                <li key={`e${j}`} className="text-red-700">
                                  {t(m)}
                                </li>
                              ))}
                              {r.notes.map((m, j) => (
                                <li key={`n${j}`}>{t(m)}</li>
                              ))}
                            </ul>
                          ) : (
                            "—"
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}

          {pending.shown.length ? (
            <section aria-labelledby="questions-title">
              <h2 id="questions-title" className="mb-2 text-lg font-semibold">
                {t("qb.import.questions")}
              </h2>
              {pending.total > pending.shown.length ? <p className="mb-2 text-sm">{t("qb.import.onlyFirst", { n: pending.shown.length })}</p> : null}
              <ol className="space-y-3">
                {pending.shown.map((q, i) => (
                  <li key={i} className="card" data-line={q.line}>
                    <p className="mb-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
                      <span>{t("qb.import.lineN", { line: q.line })}</span>
                      {q.id ? <span className="font-mono break-all">{q.id}</span> : null}
                      <span>{q.exists ? t("qb.import.revises") : t("qb.import.isNew")}</span>
                      <StatusBadge status={q.status} />
                      {q.title ? <span className="break-all">“{q.title}”</span> : null}
                    </p>
                    <QuestionView q={q.display} />
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
