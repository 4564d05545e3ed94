import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { requireUser, safeRedirect } from "~/auth.server";
import { PASSWORD_RULES, PASSWORD_RULE_VARS, type PasswordRule } from "~/domain/password-rules";
import { getT } from "~/i18n.server";
import { changeOwnPassword } from "~/users.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "account.passwordTitle")];

/** Pass the action's Retry-After through when the current password was guessed too often. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { passwordChange: true });
  const done = new URL(request.url).searchParams.get("changed") === "1";
  return { mustChange: user.mustChangePassword, employeeNo: user.employeeNo, done };
}

type Errors = { current?: string; next?: string[]; confirm?: string; form?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, { passwordChange: true });
  const t = await getT(request);
  const form = await request.formData();
  const field = (n: string) => {
    const v = form.get(n);
    return typeof v === "string" ? v.slice(0, 1024) : "";
  };
  const result = await changeOwnPassword(user, { current: field("current"), next: field("next"), confirm: field("confirm") }, context.clientIp);
  if (result.ok) {
    const to = safeRedirect(form.get("redirectTo"), "");
    return redirect(to || "/account/password?changed=1");
  }
  if ("rateLimited" in result) {
    return data<{ errors: Errors }>(
      { errors: { form: t("account.rateLimited", { minutes: Math.ceil(result.retryAfterMs / 60000) }) } },
      { status: 429, headers: { "Retry-After": String(Math.ceil(result.retryAfterMs / 1000)) } },
    );
  }
  const e = result.errors;
  const errors: Errors = {
    current: e.current ? t(e.current) : undefined,
    next: e.next === "same" ? [t("account.same")] : e.next?.map((rule: PasswordRule) => t(`password.rule.${rule}`, PASSWORD_RULE_VARS[rule])),
    confirm: e.confirm ? t(e.confirm) : undefined,
  };
  return data({ errors }, { status: 400 });
}

export default function ChangePassword() {
  const t = useT();
  const { mustChange, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state !== "idle";
  const errors: Errors = actionData?.errors ?? {};
  const nextError = errors.next?.length ? `${t("account.rulesBroken")}${errors.next.join(t("accounts.fieldsSep"))}` : undefined;
  const described = (id: string, error: unknown, extra?: string) => [error ? `${id}-error` : "", extra ?? ""].filter(Boolean).join(" ") || undefined;
  return (
    <section className="mx-auto max-w-md">
      <PageTitle>{t("account.passwordTitle")}</PageTitle>
      {mustChange ? (
        <p className="alert-error" role="alert" data-testid="must-change">
          {t("account.mustChange")}
        </p>
      ) : null}
      {done && !actionData ? (
        <p className="alert-ok" role="status" data-testid="password-changed">
          {t("account.changed")}
        </p>
      ) : null}
      {errors.form ? (
        <p className="alert-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="card">
        <p className="mb-1 font-semibold">{t("account.rulesTitle")}</p>
        <ul id="password-rules" className="mb-4 list-disc pl-6 text-sm" data-testid="password-rules">
          {PASSWORD_RULES.map((rule) => (
            <li key={rule}>{t(`password.rule.${rule}`, PASSWORD_RULE_VARS[rule])}</li>
          ))}
        </ul>
        <Form method="post" noValidate>
          <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
          <PasswordField name="current" label={t("account.current")} autoComplete="current-password" error={errors.current} describedBy={described("current", errors.current)} />
          <PasswordField name="next" label={t("account.next")} autoComplete="new-password" error={nextError} describedBy={described("next", nextError, "password-rules")} />
          <PasswordField name="confirm" label={t("account.confirm")} autoComplete="new-password" error={errors.confirm} describedBy={described("confirm", errors.confirm)} />
          <button type="submit" className="btn w-full" disabled={busy}>
            {t("account.submit")}
          </button>
        </Form>
      </div>
    </section>
  );
}

/** One password input with its label and its error (id `<name>-error`, named by aria-describedby). */
function PasswordField(props: { name: string; label: string; autoComplete: string; error?: string; describedBy?: string }) {
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      <input
        id={props.name}
        name={props.name}
        type="password"
        className="input"
        autoComplete={props.autoComplete}
        required
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.describedBy}
      />
      {props.error ? (
        <p id={`${props.name}-error`} className="field-error">
          {props.error}
        </p>
      ) : null}
    </div>
  );
}
