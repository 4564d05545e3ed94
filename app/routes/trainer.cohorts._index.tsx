import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { cohortsFor, createCohortFor } from "~/cohorts.server";
import { cohortFieldsSchema } from "~/domain/cohort-members";
import { fieldErrors } from "~/domain/forms";
import { getT } from "~/i18n.server";
import type { MessageKey } from "~/i18n";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "cohorts.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  return { cohorts: await cohortsFor(user), isAdmin: user.role === "admin" };
}

const INTENTS = { create: "create" } as const;

type ActionResult = { ok: false; errors: Record<string, string>; values: Record<string, string> };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const t = await getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  if (intent !== INTENTS.create) throw data(t("cohorts.error.unknownIntent"), { status: 400 });

  const values = { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") };
  const parsed = cohortFieldsSchema.safeParse(values);
  if (!parsed.success) {
    const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k, t(v as MessageKey)]));
    return data<ActionResult>({ ok: false, errors, values }, { status: 400 });
  }
  const id = await createCohortFor(user.id, parsed.data, now());
  return redirect(`/trainer/cohorts/${id}?created=1`);
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

export default function CohortList() {
  const t = useT();
  const { cohorts, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors ?? {};
  const values = result?.values ?? { name: "", description: "" };
  return (
    <>
      <PageTitle>{t("cohorts.title")}</PageTitle>
      <p className="mb-4 text-slate-700">
        {t("cohorts.intro")} {isAdmin ? t("cohorts.introAdmin") : t("cohorts.introTrainer")}
      </p>

      <section aria-labelledby="cohort-list-title" className="mb-6">
        <h2 id="cohort-list-title" className="mb-3 text-lg font-semibold">
          {t("cohorts.listTitle")}
        </h2>
        {cohorts.length === 0 ? (
          <p data-testid="no-cohorts">{t("cohorts.none")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table" data-testid="cohort-list">
              <thead>
                <tr>
                  <th scope="col">{t("cohorts.col.name")}</th>
                  <th scope="col">{t("cohorts.col.members")}</th>
                  <th scope="col">{t("cohorts.col.assignments")}</th>
                  <th scope="col">{t("cohorts.col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {cohorts.map((c) => (
                  <tr key={c.id} data-cohort-id={c.id}>
                    <td>
                      <Link to={`/trainer/cohorts/${c.id}`} className="btn-link font-semibold" lang="zh-CN">
                        {c.name}
                      </Link>
                      {c.description ? (
                        <p className="text-xs text-slate-600" lang="zh-CN">
                          {c.description}
                        </p>
                      ) : null}
                    </td>
                    <td data-testid="member-count">{c.memberCount}</td>
                    <td>{c.assignmentCount}</td>
                    <td>{c.archivedAt ? t("cohorts.status.archived") : t("cohorts.status.active")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="create-cohort-title">
        <h2 id="create-cohort-title" className="mb-3 text-lg font-semibold">
          {t("cohorts.create")}
        </h2>
        <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value={INTENTS.create} />
          <div className="field">
            <label htmlFor="cohort-name">{t("cohorts.name")}</label>
            <input
              id="cohort-name"
              name="name"
              className="input"
              maxLength={60}
              required
              placeholder={t("cohorts.namePlaceholder")}
              defaultValue={values.name}
              aria-invalid={errors.name ? true : undefined}
              aria-describedby={errors.name ? "cohort-name-error" : undefined}
            />
            <FieldError id="cohort-name-error" message={errors.name} />
          </div>
          <div className="field">
            <label htmlFor="cohort-description">{t("cohorts.description")}</label>
            <input
              id="cohort-description"
              name="description"
              className="input"
              maxLength={200}
              defaultValue={values.description}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={errors.description ? "cohort-description-error" : undefined}
            />
            <FieldError id="cohort-description-error" message={errors.description} />
          </div>
          <div>
            <button type="submit" className="btn" disabled={busy}>
              {t("cohorts.submitCreate")}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}
