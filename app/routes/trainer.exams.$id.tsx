import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { allCohorts, attemptCountOf, cohortIdsOfExam, examByParam, questionPool, saveExam, setExamStatus } from "~/exam-admin.server";
import {
  availabilityOfRows,
  blueprintShortfalls,
  editorChoices,
  MAX_RULES,
  parseExamForm,
  readExamForm,
  ruleRows,
  shortfallMessages,
  toPool,
  valuesFromExam,
  type ExamFormValues,
  type FieldErrors,
} from "~/domain/exam-form";
import { getT } from "~/i18n.server";
import { translateErrors } from "~/i18n";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ExamEditor } from "~/components/exam-admin/exam-editor";
import { ActionMessage, ExamNav, ExamStatusBadge } from "~/components/exam-admin/ui";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data ? { text: data.exam.title } : "examadmin.edit.title")];

async function examOr404(id: string | undefined) {
  const exam = await examByParam(id);
  if (!exam) throw new Response("Not found", { status: 404 });
  return exam;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const exam = await examOr404(params.id);
  const cohortIds = await cohortIdsOfExam(exam.id);
  const { choices } = editorChoices(getContent().modules, await allCohorts(), cohortIds);
  const values = valuesFromExam(exam, cohortIds);
  return {
    exam: { id: exam.id, title: exam.title, status: exam.status },
    attempts: await attemptCountOf(exam.id),
    values,
    choices,
    maxRules: MAX_RULES,
    availability: availabilityOfRows(values, toPool(await questionPool())),
    created: new URL(request.url).searchParams.has("created"),
  };
}

const INTENTS = { save: "save", check: "check", publish: "publish", archive: "archive" } as const;

type ActionResult = {
  intent: string;
  ok: boolean;
  message?: string;
  errors: FieldErrors;
  /** Present when the editor should show what was typed rather than what is stored. */
  values?: ExamFormValues;
  availability?: (number | null)[];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const exam = await examOr404(params.id);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  const pool = toPool(await questionPool());

  switch (intent) {
    case INTENTS.save:
    case INTENTS.check: {
      const values = readExamForm(form);
      const { refs } = editorChoices(getContent().modules, await allCohorts(), await cohortIdsOfExam(exam.id));
      const parsed = parseExamForm(values, refs);
      const availability = availabilityOfRows(values, pool);
      if (intent === INTENTS.check || !parsed.ok)
        return data<ActionResult>({ intent, ok: parsed.ok, errors: parsed.ok ? {} : translateErrors(t, parsed.errors), values, availability }, { status: parsed.ok ? 200 : 400 });
      // A published exam must stay sittable: its new blueprint is checked as publishing would.
      const shortfalls = exam.status === "published" ? blueprintShortfalls(parsed.exam.blueprint, pool) : [];
      if (shortfalls.length)
        return data<ActionResult>(
          { intent, ok: false, message: t("examadmin.edit.publishedShort"), errors: translateErrors(t, shortfallMessages(shortfalls, ruleRows(values))), values, availability },
          { status: 409 },
        );
      await saveExam(user.id, exam.id, parsed.exam, parsed.cohortIds, now());
      return data<ActionResult>({ intent, ok: true, message: t("examadmin.edit.saved"), errors: {} });
    }
    case INTENTS.publish: {
      const shortfalls = blueprintShortfalls(exam.blueprint, pool);
      if (shortfalls.length)
        return data<ActionResult>({ intent, ok: false, message: t("examadmin.edit.publishRefused"), errors: translateErrors(t, shortfallMessages(shortfalls)) }, { status: 409 });
      if (exam.status !== "published") await setExamStatus(user.id, exam, "published", now());
      return data<ActionResult>({ intent, ok: true, message: t("examadmin.edit.published"), errors: {} });
    }
    case INTENTS.archive: {
      if (exam.status !== "archived") await setExamStatus(user.id, exam, "archived", now());
      return data<ActionResult>({ intent, ok: true, message: t("examadmin.edit.archived"), errors: {} });
    }
    default:
      throw data(t("error.unknownIntent"), { status: 400 });
  }
}

export default function EditExam() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const { exam } = loaded;
  const values = result?.values ?? loaded.values;
  const availability = result?.availability ?? loaded.availability;
  return (
    <>
      <ExamNav examId={exam.id} current="edit" />
      <PageTitle>{t("examadmin.edit.heading", { title: exam.title })}</PageTitle>
      <p className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        <ExamStatusBadge status={exam.status} />
        <span>{t("examadmin.edit.attemptsSoFar", { n: loaded.attempts })}</span>
      </p>
      {loaded.created && !result ? <ActionMessage ok>{t("examadmin.edit.created")}</ActionMessage> : null}
      {result?.message ? <ActionMessage ok={result.ok}>{result.message}</ActionMessage> : null}

      <section className="card mb-6" aria-labelledby="exam-status-title">
        <h2 id="exam-status-title" className="mb-2 text-lg font-semibold">
          {t("examadmin.edit.statusTitle")}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{t(`examadmin.edit.statusHint.${exam.status}`)}</p>
        <div className="flex flex-wrap gap-2">
          {exam.status !== "published" ? (
            <Form method="post">
              <button type="submit" name="intent" value="publish" className="btn" disabled={busy}>
                {t("examadmin.edit.publish")}
              </button>
            </Form>
          ) : null}
          {exam.status !== "archived" ? (
            <Form
              method="post"
              onSubmit={(e) => {
                if (!confirm(t("examadmin.edit.confirmArchive"))) e.preventDefault();
              }}
            >
              <button type="submit" name="intent" value="archive" className="btn-danger" disabled={busy}>
                {t("examadmin.edit.archive")}
              </button>
            </Form>
          ) : null}
        </div>
      </section>

      <ExamEditor
        key={JSON.stringify([values, availability])}
        values={values}
        errors={result?.errors ?? {}}
        availability={availability}
        choices={loaded.choices}
        maxRules={loaded.maxRules}
        busy={busy}
        submits={[["save", t("examadmin.edit.save")]]}
      />
    </>
  );
}
