/** The form that checks a certificate code: /verify, and the "not found" page of /verify/:code. GET, so it works without script. */
import { Form } from "@remix-run/react";
import { useT } from "~/components/i18n";

export function VerifyForm({ value = "", error }: { value?: string; error?: string }) {
  const t = useT();
  return (
    <Form method="get" action="/verify" className="card" aria-labelledby="verify-form-title" data-testid="verify-form">
      <h2 id="verify-form-title" className="mb-2 text-lg font-semibold">
        {t("certs.verify.formTitle")}
      </h2>
      <div className="field">
        <label htmlFor="verify-code">{t("certs.verify.codeLabel")}</label>
        <input
          id="verify-code"
          name="code"
          className="input font-mono"
          defaultValue={value}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={80}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "verify-code-hint verify-code-error" : "verify-code-hint"}
        />
        <p id="verify-code-hint" className="mt-1 text-sm text-slate-600">
          {t("certs.verify.hint")}
        </p>
        {error ? (
          <p id="verify-code-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="btn py-2">
        {t("certs.verify.submit")}
      </button>
    </Form>
  );
}
