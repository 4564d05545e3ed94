import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { z } from "zod";
import { ROLES, type Role } from "~/domain/roles";
import { requireRole } from "~/auth.server";
import { accountMessageVars, accountProfileSchema, createAccountSchema } from "~/domain/account-forms";
import { passwordProblems, PASSWORD_RULE_VARS } from "~/domain/password-rules";
import { getT } from "~/i18n.server";
import type { MessageKey, T } from "~/i18n";
import {
  AccountError,
  createAccount,
  getAccount,
  listUsersPage,
  resetAccountPassword,
  setAccountDisabled,
  updateAccount,
  USER_STATUSES,
  type UserStatus,
} from "~/users.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "admin.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const params = new URL(request.url).searchParams;
  const q = params.get("q")?.trim().slice(0, 100) || "";
  const roleParam = params.get("role");
  const role = ROLES.includes(roleParam as Role) ? (roleParam as Role) : undefined;
  const statusParam = params.get("status");
  const status = USER_STATUSES.includes(statusParam as UserStatus) ? (statusParam as UserStatus) : undefined;
  const page = Number(params.get("page")) || 1;
  const list = await listUsersPage({ q: q || undefined, role, status, page });
  const editId = Number(params.get("edit"));
  const editing = Number.isInteger(editId) && editId > 0 ? await getAccount(editId) : null;
  return { ...list, q, role: role ?? "", status: status ?? "", editing };
}

const INTENTS = { create: "create", update: "update", disable: "disable", enable: "enable", reset: "reset" } as const;

type ActionResult =
  | { intent: "create" | "update"; ok: false; errors: Record<string, string>; values: Record<string, string> }
  | { intent: string; ok: true; message: string; password?: string; employeeNo?: string }
  | { intent: string; ok: false; message: string };

/** Field → its message in the reader's language. */
function fieldMessages(t: T, error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= t(issue.message as MessageKey, accountMessageVars(issue.message));
  }
  return out;
}

function formValues(form: FormData): Record<string, string> {
  return Object.fromEntries([...form.entries()].filter(([k, v]) => k !== "password" && typeof v === "string").map(([k, v]) => [k, String(v)]));
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const t = await getT(request);
  const form = await request.formData();
  const intent = String(form.get("intent"));
  try {
    switch (intent) {
      case INTENTS.create: {
        const values = formValues(form);
        const parsed = createAccountSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return data<ActionResult>({ intent, ok: false, errors: fieldMessages(t, parsed.error), values }, { status: 400 });
        const { password: given, ...fields } = parsed.data;
        const problems = given === undefined ? [] : passwordProblems(given, fields.employeeNo);
        if (problems.length) {
          const message = problems.map((p) => t(`password.rule.${p}`, PASSWORD_RULE_VARS[p])).join(t("accounts.fieldsSep"));
          return data<ActionResult>({ intent, ok: false, errors: { password: `${t("account.rulesBroken")}${message}` }, values }, { status: 400 });
        }
        const user = await createAccount(admin.id, fields, given);
        return data<ActionResult>({ intent, ok: true, message: t("admin.created", { employeeNo: user.employeeNo }), password: user.password, employeeNo: user.employeeNo });
      }
      case INTENTS.update: {
        const values = formValues(form);
        const parsed = accountProfileSchema.safeParse(Object.fromEntries(form));
        if (!parsed.success) return data<ActionResult>({ intent, ok: false, errors: fieldMessages(t, parsed.error), values }, { status: 400 });
        const target = await getAccount(Number(form.get("userId")));
        if (!target) throw new Response("Not found", { status: 404 });
        const changes = await updateAccount(admin.id, target.id, parsed.data);
        const fields = Object.keys(changes).map((f) => t(`admin.${f}` as MessageKey));
        const message = fields.length
          ? t("accounts.updated", { employeeNo: target.employeeNo, fields: fields.join(t("accounts.fieldsSep")) })
          : t("accounts.unchanged", { employeeNo: target.employeeNo });
        return data<ActionResult>({ intent, ok: true, message });
      }
      case INTENTS.disable: {
        const u = await setAccountDisabled(admin.id, Number(form.get("userId")), true);
        return data<ActionResult>({ intent, ok: true, message: t("admin.disabledDone", { employeeNo: u.employeeNo }) });
      }
      case INTENTS.enable: {
        const u = await setAccountDisabled(admin.id, Number(form.get("userId")), false);
        return data<ActionResult>({ intent, ok: true, message: t("admin.enabledDone", { employeeNo: u.employeeNo }) });
      }
      case INTENTS.reset: {
        const r = await resetAccountPassword(admin.id, Number(form.get("userId")));
        return data<ActionResult>({ intent, ok: true, message: t("admin.newPasswordOnce", { employeeNo: r.employeeNo }), password: r.password, employeeNo: r.employeeNo });
      }
      default:
        throw data(t("accounts.unknownIntent"), { status: 400 });
    }
  } catch (error) {
    if (!(error instanceof AccountError)) throw error;
    const message = t(error.key, error.vars);
    if (error.field && (intent === INTENTS.create || intent === INTENTS.update))
      return data<ActionResult>({ intent, ok: false, errors: { [error.field]: message }, values: formValues(form) }, { status: 400 });
    return data<ActionResult>({ intent, ok: false, message }, { status: 400 });
  }
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

function TextField(props: { id: string; name: string; label: string; value: string; error?: string; hint?: string; type?: string; autoComplete?: string }) {
  const describedBy = [props.error ? `${props.id}-error` : "", props.hint ? `${props.id}-hint` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete}
        className="input"
        defaultValue={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
      />
      {props.hint ? (
        <p id={`${props.id}-hint`} className="text-xs text-slate-600">
          {props.hint}
        </p>
      ) : null}
      <FieldError id={`${props.id}-error`} message={props.error} />
    </div>
  );
}

function RoleField({ id, value, error }: { id: string; value: string; error?: string }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={id}>{t("admin.role")}</label>
      <select id={id} name="role" className="input" defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export default function AdminUsers() {
  const t = useT();
  const { users, total, page, pages, q, role, status, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const createErrors = result && result.intent === "create" && "errors" in result ? result.errors : {};
  const createValues = result && result.intent === "create" && "values" in result ? result.values : {};
  const editErrors = result && result.intent === "update" && "errors" in result ? result.errors : {};
  const editValues = result && result.intent === "update" && "values" in result ? result.values : {};
  const query = (over: Record<string, string | number | null>) => {
    const p = new URLSearchParams();
    const all = { q, role, status, page, ...over };
    for (const [k, v] of Object.entries(all)) if (v !== null && v !== "" && !(k === "page" && v === 1)) p.set(k, String(v));
    const s = p.toString();
    return s ? `?${s}` : "?";
  };
  return (
    <>
      <PageTitle>{t("admin.title")}</PageTitle>
      <p className="mb-4">
        <Link to="/admin/users/import" className="btn-secondary">
          {t("admin.import")}
        </Link>
      </p>
      {result && "message" in result ? (
        <div className={result.ok ? "alert-ok" : "alert-error"} role={result.ok ? "status" : "alert"} data-testid="admin-message">
          <p>{result.message}</p>
          {result.ok && result.password ? (
            <p className="mt-1">
              {result.intent === "create" ? t("admin.newPasswordOnce", { employeeNo: result.employeeNo ?? "" }) : null}{" "}
              <code className="rounded bg-white px-2 py-0.5 font-mono text-base" data-testid="new-password">
                {result.password}
              </code>
            </p>
          ) : null}
        </div>
      ) : null}

      {editing ? (
        <section className="card mb-6" aria-labelledby="edit-title" data-testid="edit-user">
          <h2 id="edit-title" className="mb-3 text-lg font-semibold">
            {t("accounts.editTitle", { employeeNo: editing.employeeNo })}
          </h2>
          {Object.keys(editErrors).length ? (
            <p className="alert-error" role="alert">
              {t("form.fixErrors")}
            </p>
          ) : null}
          <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-3" key={editing.id}>
            <input type="hidden" name="intent" value={INTENTS.update} />
            <input type="hidden" name="userId" value={editing.id} />
            <TextField id="edit-name" name="name" label={t("admin.name")} value={editValues.name ?? editing.name} error={editErrors.name} />
            <TextField id="edit-team" name="team" label={t("admin.team")} value={editValues.team ?? editing.team ?? ""} error={editErrors.team} />
            <RoleField id="edit-role" value={editValues.role ?? editing.role} error={editErrors.role} />
            <div className="flex flex-wrap items-end gap-2 pb-4 sm:col-span-3">
              <button type="submit" className="btn" disabled={busy}>
                {t("accounts.save")}
              </button>
              <Link to={query({ edit: null })} className="btn-secondary">
                {t("accounts.cancel")}
              </Link>
            </div>
          </Form>
        </section>
      ) : null}

      <section className="card mb-6" aria-labelledby="create-title">
        <h2 id="create-title" className="mb-3 text-lg font-semibold">
          {t("admin.create")}
        </h2>
        {Object.keys(createErrors).length ? (
          <p className="alert-error" role="alert">
            {t("form.fixErrors")}
          </p>
        ) : null}
        <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value={INTENTS.create} />
          <TextField id="new-employeeNo" name="employeeNo" label={t("admin.employeeNo")} value={createValues.employeeNo ?? ""} error={createErrors.employeeNo} />
          <TextField id="new-name" name="name" label={t("admin.name")} value={createValues.name ?? ""} error={createErrors.name} />
          <TextField id="new-team" name="team" label={t("admin.team")} value={createValues.team ?? ""} error={createErrors.team} />
          <RoleField id="new-role" value={createValues.role ?? "learner"} error={createErrors.role} />
          <TextField
            id="new-password"
            name="password"
            type="password"
            autoComplete="new-password"
            label={t("admin.password")}
            value=""
            hint={t("accounts.passwordHint")}
            error={createErrors.password}
          />
          <div className="flex items-end pb-4">
            <button type="submit" className="btn" disabled={busy}>
              {t("admin.submitCreate")}
            </button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="list-title">
        <h2 id="list-title" className="mb-3 text-lg font-semibold">
          {t("admin.users")}
        </h2>
        <Form method="get" className="mb-3 flex flex-wrap items-end gap-2">
          <div className="field mb-0 grow">
            <label htmlFor="filter-q">{t("admin.search")}</label>
            <input id="filter-q" name="q" type="search" className="input" defaultValue={q} />
          </div>
          <div className="field mb-0">
            <label htmlFor="filter-role">{t("admin.role")}</label>
            <select id="filter-role" name="role" className="input" defaultValue={role}>
              <option value="">{t("admin.allRoles")}</option>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field mb-0">
            <label htmlFor="filter-status">{t("accounts.status")}</label>
            <select id="filter-status" name="status" className="input" defaultValue={status}>
              <option value="">{t("accounts.allStatuses")}</option>
              <option value="active">{t("admin.active")}</option>
              <option value="disabled">{t("admin.disabled")}</option>
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            {t("admin.filter")}
          </button>
        </Form>
        <p className="mb-2 text-sm text-slate-700" data-testid="user-total">
          {t("accounts.total", { n: total })}
        </p>
        {users.length === 0 ? (
          <p>{t("accounts.noMatch")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("admin.employeeNo")}</th>
                  <th scope="col">{t("admin.name")}</th>
                  <th scope="col">{t("admin.role")}</th>
                  <th scope="col">{t("admin.team")}</th>
                  <th scope="col">{t("admin.status")}</th>
                  <th scope="col">{t("admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} data-employee-no={u.employeeNo}>
                    <td className="font-mono">{u.employeeNo}</td>
                    <td lang="zh-CN">{u.name}</td>
                    <td>{t(`role.${u.role}`)}</td>
                    <td lang="zh-CN">{u.team}</td>
                    <td>
                      {u.disabledAt ? t("admin.disabled") : t("admin.active")}
                      {!u.hasPassword ? ` · ${t("accounts.noPassword")}` : u.mustChangePassword ? ` · ${t("accounts.mustChange")}` : ""}
                    </td>
                    <td>
                      <div className="flex flex-wrap gap-2">
                        <Link to={query({ edit: u.id })} className="btn-secondary" aria-label={t("accounts.editLabel", { employeeNo: u.employeeNo })}>
                          {t("accounts.edit")}
                        </Link>
                        <Form
                          method="post"
                          onSubmit={(e) => {
                            if (!u.disabledAt && !confirm(t("admin.confirmDisable", { employeeNo: u.employeeNo }))) e.preventDefault();
                          }}
                        >
                          <input type="hidden" name="userId" value={u.id} />
                          <input type="hidden" name="intent" value={u.disabledAt ? INTENTS.enable : INTENTS.disable} />
                          <button type="submit" className="btn-danger" aria-label={`${u.disabledAt ? t("admin.enable") : t("admin.disable")} ${u.employeeNo}`}>
                            {u.disabledAt ? t("admin.enable") : t("admin.disable")}
                          </button>
                        </Form>
                        <Form
                          method="post"
                          onSubmit={(e) => {
                            if (!confirm(t("admin.confirmReset", { employeeNo: u.employeeNo }))) e.preventDefault();
                          }}
                        >
                          <input type="hidden" name="userId" value={u.id} />
                          <input type="hidden" name="intent" value={INTENTS.reset} />
                          <button type="submit" className="btn-danger" aria-label={`${t("admin.resetPassword")} ${u.employeeNo}`}>
                            {t("admin.resetPassword")}
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pages > 1 ? (
          <nav aria-label={t("accounts.pagination")} className="mt-3 flex flex-wrap items-center gap-3" data-testid="pager">
            {page > 1 ? (
              <Link to={query({ page: page - 1, edit: null })} className="btn-secondary" rel="prev">
                {t("accounts.prev")}
              </Link>
            ) : null}
            <span>{t("accounts.pageOf", { page, pages })}</span>
            {page < pages ? (
              <Link to={query({ page: page + 1, edit: null })} className="btn-secondary" rel="next">
                {t("accounts.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </>
  );
}
