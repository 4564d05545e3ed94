import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { audit } from "@db/queries/audit";
import { countActiveAdmins, findUserByEmployeeNo, findUserById, insertUser, listUsers, setDisabled, setPassword } from "@db/queries/users";
import { ROLES, type Role } from "@db/schema";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { getDb } from "~/db.server";
import { createUserSchema, fieldErrors } from "~/domain/forms";
import { generatePassword, hashPassword } from "~/domain/password";
import { getT } from "~/i18n.server";
import { useT } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = () => [{ title: "账号管理 · 客服学堂" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() || undefined;
  const roleParam = url.searchParams.get("role");
  const role = ROLES.includes(roleParam as Role) ? (roleParam as Role) : undefined;
  const users = await listUsers(getDb(), { q, role });
  return { users, q: q ?? "", role: role ?? "" };
}

const INTENTS = { create: "create", disable: "disable", enable: "enable", reset: "reset" } as const;

type ActionResult =
  | { intent: "create"; ok: false; errors: Record<string, string>; values: Record<string, string> }
  | { intent: string; ok: true; message: string; password?: string; employeeNo?: string }
  | { intent: string; ok: false; message: string };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const t = await getT(request);
  const db = getDb();
  const form = await request.formData();
  const intent = String(form.get("intent"));

  if (intent === INTENTS.create) {
    const values = Object.fromEntries([...form.entries()].filter(([k]) => k !== "password").map(([k, v]) => [k, String(v)]));
    const parsed = createUserSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return data<ActionResult>({ intent, ok: false, errors: fieldErrors(parsed.error), values }, { status: 400 });
    const { password: given, ...fields } = parsed.data;
    if (await findUserByEmployeeNo(db, fields.employeeNo))
      return data<ActionResult>({ intent, ok: false, errors: { employeeNo: t("admin.exists", { employeeNo: fields.employeeNo }) }, values }, { status: 400 });
    const password = given ?? generatePassword();
    const user = await insertUser(db, { ...fields, passwordHash: await hashPassword(password) }, now());
    await audit(db, admin.id, "user.create", { userId: user.id, employeeNo: user.employeeNo, role: user.role }, now());
    return data<ActionResult>({
      intent,
      ok: true,
      message: t("admin.created", { employeeNo: user.employeeNo }),
      password: given ? undefined : password,
      employeeNo: user.employeeNo,
    });
  }

  const target = await findUserById(db, Number(form.get("userId")));
  if (!target) throw new Response("Not found", { status: 404 });
  switch (intent) {
    case INTENTS.disable: {
      if (target.id === admin.id) return data<ActionResult>({ intent, ok: false, message: t("admin.cannotDisableSelf") }, { status: 400 });
      if (target.role === "admin" && !target.disabledAt && (await countActiveAdmins(db)) <= 1)
        return data<ActionResult>({ intent, ok: false, message: t("admin.lastAdmin") }, { status: 400 });
      await setDisabled(db, target.id, true, now());
      await audit(db, admin.id, "user.disable", { userId: target.id }, now());
      return data<ActionResult>({ intent, ok: true, message: t("admin.disabledDone", { employeeNo: target.employeeNo }) });
    }
    case INTENTS.enable:
      await setDisabled(db, target.id, false, now());
      await audit(db, admin.id, "user.enable", { userId: target.id }, now());
      return data<ActionResult>({ intent, ok: true, message: t("admin.enabledDone", { employeeNo: target.employeeNo }) });
    case INTENTS.reset: {
      const password = generatePassword();
      await setPassword(db, target.id, await hashPassword(password), now());
      await audit(db, admin.id, "user.resetPassword", { userId: target.id }, now());
      return data<ActionResult>({ intent, ok: true, message: t("admin.newPasswordOnce", { employeeNo: target.employeeNo }), password, employeeNo: target.employeeNo });
    }
    default:
      throw data("未知操作", { status: 400 });
  }
}

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

export default function AdminUsers() {
  const t = useT();
  const { users, q, role } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const createErrors = result && "errors" in result ? result.errors : {};
  const values = result && "values" in result ? result.values : {};
  return (
    <>
      <PageTitle>{t("admin.title")}</PageTitle>
      <p className="mb-4">
        <Link to="/admin/users/import" className="btn-secondary">
          {t("admin.import")}
        </Link>
      </p>
      {result && "message" in result ? (
        <div className={result.ok ? "alert-ok" : "alert-error"} role={result.ok ? "status" : "alert"}>
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
          <input type="hidden" name="intent" value="create" />
          {(
            [
              ["employeeNo", t("admin.employeeNo"), "text"],
              ["name", t("admin.name"), "text"],
              ["team", t("admin.team"), "text"],
            ] as const
          ).map(([name, label]) => (
            <div className="field" key={name}>
              <label htmlFor={`new-${name}`}>{label}</label>
              <input
                id={`new-${name}`}
                name={name}
                className="input"
                defaultValue={values[name] ?? ""}
                aria-invalid={createErrors[name] ? true : undefined}
                aria-describedby={createErrors[name] ? `new-${name}-error` : undefined}
              />
              <FieldError id={`new-${name}-error`} message={createErrors[name]} />
            </div>
          ))}
          <div className="field">
            <label htmlFor="new-role">{t("admin.role")}</label>
            <select id="new-role" name="role" className="input" defaultValue={values.role ?? "learner"} aria-invalid={createErrors.role ? true : undefined}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            <FieldError id="new-role-error" message={createErrors.role} />
          </div>
          <div className="field">
            <label htmlFor="new-password">{t("admin.password")}</label>
            <input
              id="new-password"
              name="password"
              type="password"
              autoComplete="new-password"
              className="input"
              aria-invalid={createErrors.password ? true : undefined}
              aria-describedby="new-password-hint"
            />
            <p id="new-password-hint" className="text-xs text-slate-600">
              {t("admin.passwordHint")}
            </p>
            <FieldError id="new-password-error" message={createErrors.password} />
          </div>
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
            <input id="filter-q" name="q" className="input" defaultValue={q} />
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
          <button type="submit" className="btn-secondary">
            {t("admin.filter")}
          </button>
        </Form>
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
                  <td>{u.name}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.team}</td>
                  <td>{u.disabledAt ? t("admin.disabled") : t("admin.active")}</td>
                  <td>
                    <div className="flex flex-wrap gap-2">
                      <Form method="post" onSubmit={(e) => { if (!u.disabledAt && !confirm(t("admin.confirmDisable", { employeeNo: u.employeeNo }))) e.preventDefault(); }}>
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="intent" value={u.disabledAt ? "enable" : "disable"} />
                        <button type="submit" className="btn-danger" aria-label={`${u.disabledAt ? t("admin.enable") : t("admin.disable")} ${u.employeeNo}`}>
                          {u.disabledAt ? t("admin.enable") : t("admin.disable")}
                        </button>
                      </Form>
                      <Form method="post" onSubmit={(e) => { if (!confirm(t("admin.confirmReset", { employeeNo: u.employeeNo }))) e.preventDefault(); }}>
                        <input type="hidden" name="userId" value={u.id} />
                        <input type="hidden" name="intent" value="reset" />
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
      </section>
    </>
  );
}
