import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { createUserSession, getUser, safeRedirect } from "~/auth.server";
import { useT, pageTitle } from "~/components/i18n";
import { fieldErrors, loginSchema } from "~/domain/forms";
import { getEnv } from "~/env.server";
import { getT } from "~/i18n.server";
import type { MessageKey } from "~/i18n";
import { attemptLogin } from "~/login.server";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "login.title")];

/** Pass the action's Retry-After through on a rate-limited sign-in. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/dashboard");
  return { demo: getEnv().demo };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const t = await getT(request);
  const form = Object.fromEntries(await request.formData());
  const parsed = loginSchema.safeParse(form);
  const employeeNo = typeof form.employeeNo === "string" ? form.employeeNo : "";
  if (!parsed.success) {
    const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([k, v]) => [k, t(v as MessageKey)]));
    return data({ employeeNo, errors, formError: null }, { status: 400 });
  }
  const result = await attemptLogin(parsed.data.employeeNo, parsed.data.password, context.clientIp);
  if (result.ok) return createUserSession(result.userId, safeRedirect(parsed.data.redirectTo));
  if (result.reason === "rateLimited") {
    const minutes = Math.ceil(result.retryAfterMs / 60000);
    return data(
      { employeeNo, errors: {}, formError: t("login.rateLimited", { minutes }) },
      { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
    );
  }
  const formError = result.reason === "disabled" ? t("login.disabled") : t("login.invalid");
  return data({ employeeNo, errors: {}, formError }, { status: 401 });
}

export default function Login() {
  const t = useT();
  const { demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors = (actionData?.errors ?? {}) as Record<string, string | undefined>;
  return (
    <section className="card mx-auto mt-6 max-w-sm" aria-labelledby="login-title">
      <h1 id="login-title" className="mb-1 text-2xl font-bold">
        {t("login.title")}
      </h1>
      <p className="mb-4 text-sm text-slate-600">{t("login.intro")}</p>
      {actionData?.formError ? (
        <p className="alert-error" role="alert" id="login-error">
          {actionData.formError}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <div className="field">
          <label htmlFor="employeeNo">{t("login.employeeNo")}</label>
          <input
            id="employeeNo"
            name="employeeNo"
            className="input"
            autoComplete="username"
            autoFocus
            required
            defaultValue={actionData?.employeeNo ?? ""}
            aria-invalid={errors.employeeNo ? true : undefined}
            aria-describedby={errors.employeeNo ? "employeeNo-error" : undefined}
          />
          {errors.employeeNo ? (
            <p id="employeeNo-error" className="field-error">
              {errors.employeeNo}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">{t("login.password")}</label>
          <input
            id="password"
            name="password"
            type="password"
            className="input"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
          />
          {errors.password ? (
            <p id="password-error" className="field-error">
              {errors.password}
            </p>
          ) : null}
        </div>
        <button type="submit" className="btn w-full" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      {demo ? <p className="mt-4 rounded bg-amber-50 p-2 text-sm text-amber-900">{t("login.demoHint")}</p> : null}
    </section>
  );
}
