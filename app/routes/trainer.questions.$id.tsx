import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { lintQuestion } from "~/domain/item-lint";
import { questionById, questionRow, saveQuestionEdit, setQuestionStatusFor, versionHistory } from "~/questions.server";
import type { QuestionStatus } from "~/domain/question";
import { formatDateTime } from "~/domain/time";
import {
  choicesFromContent,
  parseQuestionForm,
  readQuestionForm,
  refsFromContent,
  renderQuestion,
  valuesFromContent,
  type FieldErrors,
  type QuestionFormValues,
} from "~/domain/question-form";
import { getT } from "~/i18n.server";
import { useT, metaT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { QuestionMeta } from "~/components/question-label";
import { questionLabel } from "~/question-labels.server";
import { PREVIEW_ACTION, QuestionForm, QuestionView, StatusBadge, useQuestionLabels } from "~/components/question-form";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: `${data ? metaT(matches)("trainer2.edit.title", { stem: data.label.stem || data.question.id }) : metaT(matches)("qb.edit.title", { id: "" })} · ${metaT(matches)("app.name")}` },
];

export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === PREVIEW_ACTION ? false : defaultShouldRevalidate;

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const id = params.id ?? "";
  const current = (await questionById(id)) ?? notFound();
  const url = new URL(request.url);
  const content = getContent();
  const moduleTitle = (slug: string | null) => (slug ? (content.modules.find((m) => m.slug === slug)?.title ?? slug) : null);

  let viewing: { version: number; display: ReturnType<typeof renderQuestion>; module: string | null; section: string | null; tags: string[]; facts: string[] } | null = null;
  const asked = url.searchParams.get("version");
  if (asked !== null && asked !== String(current.version)) {
    const n = /^\d{1,6}$/.test(asked) ? Number(asked) : NaN;
    const old = (Number.isInteger(n) && (await questionById(id, n))) || notFound();
    viewing = { version: old.version, display: renderQuestion(old), module: moduleTitle(old.module), section: old.section, tags: old.tags, facts: old.facts };
  }

  const versions = (await versionHistory(id)).map(({ version: v, by }) => ({
    version: v.version,
    at: formatDateTime(v.createdAt),
    note: v.note ?? "",
    by,
  }));

  return {
    question: {
      id: current.id,
      version: current.version,
      status: current.status,
      source: current.source,
      type: current.type,
      module: moduleTitle(current.module),
      section: current.section,
      tags: current.tags,
      facts: current.facts,
    },
    label: questionLabel(current, null, 80),
    display: renderQuestion(current),
    lint: lintQuestion(current).map((i) => ({ severity: i.severity, key: i.key, params: i.params })),
    values: valuesFromContent(current),
    choices: choicesFromContent(content),
    versions,
    viewing,
    created: url.searchParams.has("created"),
  };
}

const INTENTS = { save: "save", publish: "publish", retire: "retire" } as const;

type ActionResult =
  | { intent: "save"; ok: false; errors: FieldErrors; values: QuestionFormValues; message?: string; baseVersion?: number }
  | { intent: string; ok: boolean; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const id = params.id ?? "";
  const row = (await questionRow(id)) ?? notFound();
  const form = await request.formData();
  const intent = String(form.get("intent"));

  switch (intent) {
    case INTENTS.save: {
      if (row.source === "generated") return data<ActionResult>({ intent, ok: false, message: t("qb.edit.generatedRefused") }, { status: 409 });
      const values = readQuestionForm(form);
      const base = Number(form.get("baseVersion"));
      const stale = (current: number) =>
        // The values are kept; the form is now based on the version that won, so saving again is a deliberate overwrite.
        data<ActionResult>({ intent, ok: false, errors: {}, values, baseVersion: current, message: t("qb.edit.stale", { version: current }) }, { status: 409 });
      if (base !== row.currentVersion) return stale(row.currentVersion);
      const parsed = parseQuestionForm(values, refsFromContent(getContent()), (await questionById(id))!);
      if (!parsed.ok) return data<ActionResult>({ intent, ok: false, errors: parsed.errors, values }, { status: 400 });
      // The check above is advisory (it saves parsing a stale form); the compare-and-set is in the transaction.
      const r = await saveQuestionEdit(id, base, parsed.content, user.id, now());
      if (!r.ok) return r.reason === "conflict" ? stale(r.current) : notFound();
      return data<ActionResult>({ intent, ok: true, message: r.changed ? t("qb.edit.savedVersion", { version: r.version }) : t("qb.edit.unchanged") });
    }
    case INTENTS.publish:
    case INTENTS.retire: {
      const status: QuestionStatus = intent === INTENTS.publish ? "published" : "retired";
      if (row.status !== status) await setQuestionStatusFor(user.id, id, row.status, status, now());
      return data<ActionResult>({ intent, ok: true, message: status === "published" ? t("qb.edit.published") : t("qb.edit.retired") });
    }
    default:
      throw data(t("error.unknownIntent"), { status: 400 });
  }
}

function Meta({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-2">
      <dt className="shrink-0 text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default function EditQuestion() {
  const t = useT();
  const labels = useQuestionLabels();
  const { question: q, label, display, lint, values, choices, versions, viewing, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const generated = q.source === "generated";
  const formResult = result && "errors" in result ? result : undefined;
  const noteLabel = (note: string) => {
    const known = ["create", "edit", "import", "generated", "regenerated"] as const;
    return (known as readonly string[]).includes(note) ? t(`qb.note.${note as (typeof known)[number]}`) : note;
  };

  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/questions" className="btn-link">
          ← {t("qb.backToList")}
        </Link>
      </p>
      <PageTitle>
        <span className="break-words" data-testid="question-title">
          {label.stem || t("trainer2.noStem")}
        </span>
      </PageTitle>
      <div className="-mt-3 mb-4 text-sm">
        <QuestionMeta q={label} />
      </div>
      <dl className="mb-4 grid gap-1 text-sm sm:grid-cols-2" data-testid="question-meta">
        <Meta label={t("qb.list.type")}>{labels.type(q.type)}</Meta>
        <Meta label={t("qb.list.status")}>
          <StatusBadge status={q.status} />
        </Meta>
        <Meta label={t("qb.list.source")}>{labels.source(q.source)}</Meta>
        <Meta label={t("qb.edit.currentVersion")}>
          <span data-testid="current-version">v{q.version}</span>
        </Meta>
        <Meta label={t("qb.list.module")}>{q.module ? `${q.module}${q.section ? ` #${q.section}` : ""}` : "—"}</Meta>
        <Meta label={t("qb.form.tags")}>{q.tags.length ? q.tags.join("、") : "—"}</Meta>
        <Meta label={t("qb.form.facts")}>{q.facts.length ? <span className="font-mono">{q.facts.join(", ")}</span> : "—"}</Meta>
      </dl>

      <section className="mb-4" aria-labelledby="lint-title" data-testid="question-lint">
        <h2 id="lint-title" className="text-base font-semibold">
          {t("lint.title")}
        </h2>
        {lint.length ? (
          <ul className="mt-1 list-disc pl-5 text-sm">
            {lint.map((i, n) => (
              <li key={n} className={i.severity === "error" ? "text-red-700" : "text-amber-700"}>
                <strong>{t(i.severity === "error" ? "lint.error" : "lint.warning")}</strong> {t(i.key, i.params)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">{t("lint.none")}</p>
        )}
      </section>

      {created ? (
        <p className="alert-ok" role="status">
          {t("qb.edit.created")}
        </p>
      ) : null}
      {result && "message" in result && result.message ? (
        <p className={result.ok ? "alert-ok" : "alert-error"} role={result.ok ? "status" : "alert"} data-testid="action-message">
          {result.message}
        </p>
      ) : null}

      <section className="mb-6 flex flex-wrap items-center gap-2" aria-label={t("qb.edit.statusActions")}>
        {q.status !== "published" ? (
          <Form method="post">
            <button type="submit" name="intent" value={INTENTS.publish} className="btn" disabled={busy}>
              {t("qb.edit.publish")}
            </button>
          </Form>
        ) : null}
        {q.status !== "retired" ? (
          <Form
            method="post"
            onSubmit={(e) => {
              if (!confirm(t("qb.edit.confirmRetire"))) e.preventDefault();
            }}
          >
            <button type="submit" name="intent" value={INTENTS.retire} className="btn-danger py-2" disabled={busy}>
              {t("qb.edit.retire")}
            </button>
          </Form>
        ) : null}
        <p className="text-xs text-slate-600">{t("qb.edit.versionNote")}</p>
      </section>

      {viewing ? (
        <section className="card mb-6" aria-labelledby="old-version-title" data-testid="old-version">
          <h2 id="old-version-title" className="mb-1 text-lg font-semibold">
            {t("qb.edit.viewingVersion", { version: viewing.version })}
          </h2>
          <p className="mb-3 text-sm text-slate-600">
            {t("qb.edit.readOnly")}{" "}
            <Link to="." className="btn-link">
              {t("qb.edit.backToCurrent")}
            </Link>
          </p>
          <QuestionView q={viewing.display} />
          <p className="mt-3 text-sm text-slate-600">
            {t("qb.list.module")}:{viewing.module ? `${viewing.module}${viewing.section ? ` #${viewing.section}` : ""}` : "—"};{t("qb.form.tags")}:
            {viewing.tags.join("、") || "—"};{t("qb.form.facts")}:{viewing.facts.join(", ") || "—"}
          </p>
        </section>
      ) : generated ? (
        <section className="mb-6" aria-labelledby="generated-title">
          <div className="alert-error" role="note">
            <h2 id="generated-title" className="font-semibold">
              {t("qb.edit.generatedTitle")}
            </h2>
            <p className="mt-1 text-sm">{t("qb.edit.generatedBody")}</p>
          </div>
          <div className="card">
            <QuestionView q={display} />
          </div>
        </section>
      ) : (
        <section className="mb-6" aria-labelledby="edit-form-title">
          <h2 id="edit-form-title" className="mb-3 text-lg font-semibold">
            {t("qb.edit.formTitle")}
          </h2>
          <QuestionForm
            key={`${q.id}-${q.version}`}
            values={formResult?.values ?? values}
            errors={formResult?.errors ?? {}}
            choices={choices}
            initialPreview={display}
            busy={busy}
            hidden={{ baseVersion: String(formResult?.baseVersion ?? q.version) }}
            submits={[[INTENTS.save, t("qb.edit.save"), true]]}
          />
        </section>
      )}

      <section aria-labelledby="history-title">
        <h2 id="history-title" className="mb-3 text-lg font-semibold">
          {t("qb.edit.history")}
        </h2>
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="version-history">
            <thead>
              <tr>
                <th scope="col">{t("qb.list.version")}</th>
                <th scope="col">{t("qb.edit.when")}</th>
                <th scope="col">{t("qb.edit.why")}</th>
                <th scope="col">{t("qb.edit.who")}</th>
                <th scope="col">
                  <span className="sr-only">{t("qb.edit.view")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-version={v.version} aria-current={viewing ? (viewing.version === v.version ? "true" : undefined) : v.version === q.version ? "true" : undefined}>
                  <td>
                    v{v.version}
                    {v.version === q.version ? ` ${t("qb.edit.current")}` : ""}
                  </td>
                  <td className="whitespace-nowrap">{v.at}</td>
                  <td>{noteLabel(v.note)}</td>
                  <td>{v.by ?? t("qb.edit.bySystem")}</td>
                  <td>
                    <Link
                      to={v.version === q.version ? "." : `?version=${v.version}`}
                      className="btn-link"
                      aria-label={t("qb.edit.viewVersion", { version: v.version })}
                    >
                      {t("qb.edit.view")}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
