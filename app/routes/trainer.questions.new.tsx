import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, type ShouldRevalidateFunction } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getContent } from "~/content.server";
import { createQuestion } from "~/questions.server";
import {
  choicesFromContent,
  emptyQuestionFormValues,
  parseQuestionForm,
  readQuestionForm,
  refsFromContent,
  type FieldErrors,
  type QuestionFormValues,
} from "~/domain/question-form";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { PREVIEW_ACTION, QuestionForm } from "~/components/question-form";
import { getT } from "~/i18n.server";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "qb.new.title")];

/** Typing in the form asks the preview endpoint; that must not reload this page's data. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formAction, defaultShouldRevalidate }) =>
  formAction === PREVIEW_ACTION ? false : defaultShouldRevalidate;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  return { values: emptyQuestionFormValues(), choices: choicesFromContent(getContent()) };
}

const INTENTS = { save: "save", saveAndPublish: "save-publish" } as const;

type ActionResult = { errors: FieldErrors; values: QuestionFormValues };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent !== INTENTS.save && intent !== INTENTS.saveAndPublish) throw data((await getT(request))("error.unknownIntent"), { status: 400 });
  const values = readQuestionForm(form);
  const parsed = parseQuestionForm(values, refsFromContent(getContent()));
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values }, { status: 400 });

  const status = intent === INTENTS.saveAndPublish ? "published" : "draft";
  const id = await createQuestion(user.id, parsed.content, status, now());
  return redirect(`/trainer/questions/${id}?created=1`);
}

export default function NewQuestion() {
  const t = useT();
  const { values, choices } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/questions" className="btn-link">
          ← {t("qb.backToList")}
        </Link>
      </p>
      <PageTitle>{t("qb.new.title")}</PageTitle>
      <p className="mb-4 text-sm text-slate-700">{t("qb.new.intro")}</p>
      <QuestionForm
        values={result?.values ?? values}
        errors={result?.errors ?? {}}
        choices={choices}
        initialPreview={null}
        busy={busy}
        submits={[
          [INTENTS.save, t("qb.new.saveDraft"), true],
          [INTENTS.saveAndPublish, t("qb.new.saveAndPublish")],
        ]}
      />
    </>
  );
}
