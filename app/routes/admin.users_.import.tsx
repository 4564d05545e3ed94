import {
  data,
  unstable_parseMultipartFormData as parseMultipartFormData,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { MAX_STAFF_FILE_BYTES, parseStaffCsv, type RowError } from "~/domain/staff-csv";
import { getT } from "~/i18n.server";
import { importStaff, LastAdminError, type ImportSummary } from "~/staff-import.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "import.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "admin");
  return null;
}

type Result =
  | { ok: false; encoding: string | null; errors: RowError[] }
  | { ok: true; encoding: string; summary: ImportSummary };

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const t = await getT(request);
  let file: File | null = null;
  try {
    const form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_STAFF_FILE_BYTES }));
    const f = form.get("file");
    file = f instanceof File && f.size > 0 ? f : null;
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data<Result>({ ok: false, encoding: null, errors: [{ line: 0, message: t("import.tooLarge", { max: "2 MB" }) }] }, { status: 413 });
    throw error;
  }
  if (!file) return data<Result>({ ok: false, encoding: null, errors: [{ line: 0, message: t("import.noFile") }] }, { status: 400 });
  const parsed = parseStaffCsv(new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return data<Result>({ ok: false, encoding: parsed.encoding, errors: parsed.errors }, { status: 400 });
  try {
    const summary = await importStaff(parsed.rows, admin.id);
    return data<Result>({ ok: true, encoding: parsed.encoding, summary });
  } catch (error) {
    if (!(error instanceof LastAdminError)) throw error;
    const errors = error.rows.map((r) => ({ line: r.line, message: t("import.lastAdmin", { employeeNo: r.employeeNo }) }));
    return data<Result>({ ok: false, encoding: parsed.encoding, errors }, { status: 400 });
  }
}

export default function ImportStaff() {
  const t = useT();
  const result = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <PageTitle>{t("import.title")}</PageTitle>
      <p className="mb-4">
        <Link to="/admin/users" className="btn-link">
          ← {t("admin.users")}
        </Link>
      </p>
      <p className="mb-4 text-slate-700">{t("import.intro")}</p>
      <pre className="mb-4 overflow-x-auto rounded bg-slate-100 p-3 text-sm" aria-label="CSV">
        工号,姓名,角色,班组{"\n"}A1001,张三,学员,2026年11月新员工班{"\n"}T2001,王老师,培训师,培训组
      </pre>
      {result && !result.ok ? (
        <div className="alert-error" role="alert" data-testid="import-errors">
          <p className="font-semibold">{t("import.nothingImported", { n: result.errors.length })}</p>
          <ul className="mt-2 list-disc pl-6">
            {result.errors.map((e, i) => (
              <li key={i}>{`${e.line > 0 ? `${t("import.line", { line: e.line })}${t("form.colon")}` : ""}${e.message}`}</li>
            ))}
          </ul>
          {result.encoding ? <p className="mt-2 text-sm">{t("import.encoding", { encoding: result.encoding })}</p> : null}
        </div>
      ) : null}
      {result && result.ok ? (
        <div className="alert-ok" role="status" data-testid="import-done">
          <p className="font-semibold">
            {t("import.done", { created: result.summary.created.length, updated: result.summary.updated, unchanged: result.summary.unchanged })}
          </p>
          <p className="text-sm">{t("import.encoding", { encoding: result.encoding })}</p>
          {result.summary.created.length ? (
            <>
              <p className="mt-2">{t("import.newPasswords")}</p>
              <table className="data-table mt-1 bg-white">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.employeeNo")}</th>
                    <th scope="col">{t("admin.name")}</th>
                    <th scope="col">{t("admin.password")}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.summary.created.map((c) => (
                    <tr key={c.employeeNo}>
                      <td className="font-mono">{c.employeeNo}</td>
                      <td>{c.name}</td>
                      <td className="font-mono">{c.password}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          ) : null}
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="card">
        <div className="field">
          <label htmlFor="file">{t("import.file")}</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" className="input" required />
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {t("import.submit")}
        </button>
      </Form>
    </>
  );
}
