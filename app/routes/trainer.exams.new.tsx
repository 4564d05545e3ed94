import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { allCohorts, createExam, questionPool } from "~/exam-admin.server";
import { availabilityOfRows, editorChoices, MAX_RULES, emptyExamFormValues, parseExamForm, readExamForm, toPool, type ExamFormValues, type FieldErrors } from "~/domain/exam-form";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ExamEditor } from "~/components/exam-admin/exam-editor";
import { getT } from "~/i18n.server";
import { translateErrors } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.new.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const { choices } = editorChoices(getContent().modules, await allCohorts());
  return { values: emptyExamFormValues(), choices, maxRules: MAX_RULES };
}

type ActionResult = { intent: "save" | "check"; errors: FieldErrors; values: ExamFormValues; availability: (number | null)[] };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent !== "save" && intent !== "check") throw data((await getT(request))("error.unknownIntent"), { status: 400 });

  const values = readExamForm(form);
  const { refs } = editorChoices(getContent().modules, await allCohorts());
  const parsed = parseExamForm(values, refs);
  const availability = availabilityOfRows(values, toPool(await questionPool()));
  if (intent === "check" || !parsed.ok)
    return data<ActionResult>({ intent, errors: parsed.ok ? {} : translateErrors(await getT(request), parsed.errors), values, availability }, { status: parsed.ok ? 200 : 400 });

  // A new exam is a draft: publishing (on its page) checks that every rule can be filled.
  const t = now();
  const id = await createExam(user.id, parsed.exam, parsed.cohortIds, t);
  return redirect(`/trainer/exams/${id}?created=1`);
}

export default function NewExam() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const values = result?.values ?? loaded.values;
  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/exams" className="btn-link">
          ← {t("examadmin.nav.list")}
        </Link>
      </p>
      <PageTitle>{t("examadmin.new.title")}</PageTitle>
      <p className="mb-4 text-slate-700">{t("examadmin.new.intro")}</p>
      <ExamEditor
        key={JSON.stringify([values, result?.availability])}
        values={values}
        errors={result?.errors ?? {}}
        availability={result?.availability ?? []}
        choices={loaded.choices}
        maxRules={loaded.maxRules}
        busy={busy}
        submits={[["save", t("examadmin.new.save")]]}
      />
    </>
  );
}
