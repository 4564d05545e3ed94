import {
  data,
  redirect,
  unstable_parseMultipartFormData as parseMultipartFormData,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { MAX_STAFF_FILE_BYTES, type RowError } from "~/domain/staff-csv";
import type { FieldChange } from "~/domain/staff-plan";
import { getT } from "~/i18n.server";
import type { MessageKey, T } from "~/i18n";
import {
  applyStaffImport,
  discardStaffImport,
  LastAdminError,
  previewStaffImport,
  StalePreviewError,
  uploadStaffList,
  type ImportSummary,
} from "~/staff-import.server";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "import.title")];

const PAGE = "/admin/users/import";
const INTENTS = { confirm: "confirm", discard: "discard" } as const;
const FIELD_LABEL: Record<string, MessageKey> = { employeeNo: "admin.employeeNo", name: "admin.name", role: "admin.role", team: "admin.team" };

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const pendingId = new URL(request.url).searchParams.get("pending");
  if (!pendingId) return { preview: null, gone: false };
  const preview = await previewStaffImport(admin.id, pendingId);
  return { preview, gone: !preview };
}

type Result =
  | { kind: "errors"; encoding: string | null; errors: string[] }
  | { kind: "blocked"; errors: string[] }
  | { kind: "stale" }
  | { kind: "discarded" }
  | { kind: "done"; summary: ImportSummary };

/** "第 3 行，角色：“经理”无效…": where (row and column) and what, in the reader's language. */
function describeError(t: T, e: RowError): string {
  const where = e.line > 0 ? (e.field ? t("staffImport.where", { line: e.line, field: t(FIELD_LABEL[e.field]) }) : t("staffImport.whereLine", { line: e.line })) : "";
  return where + t(e.key, e.vars);
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireRole(request, "admin");
  const t = await getT(request);
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let file: File | null = null;
    try {
      const form = await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_STAFF_FILE_BYTES }));
      const f = form.get("file");
      file = f instanceof File && f.size > 0 ? f : null;
    } catch (error) {
      if (error instanceof MaxPartSizeExceededError)
        return data<Result>({ kind: "errors", encoding: null, errors: [t("import.tooLarge", { max: "2 MB" })] }, { status: 413 });
      throw error;
    }
    if (!file) return data<Result>({ kind: "errors", encoding: null, errors: [t("import.noFile")] }, { status: 400 });
    const uploaded = await uploadStaffList(admin.id, new Uint8Array(await file.arrayBuffer()), file.name);
    if (!uploaded.ok) return data<Result>({ kind: "errors", encoding: uploaded.encoding, errors: uploaded.errors.map((e) => describeError(t, e)) }, { status: 400 });
    return redirect(`${PAGE}?pending=${uploaded.pendingId}`);
  }

  const form = await request.formData();
  const pendingId = String(form.get("pending") ?? "");
  switch (form.get("intent")) {
    case INTENTS.confirm:
      try {
        const summary = await applyStaffImport(admin.id, pendingId, String(form.get("fingerprint") ?? ""));
        return data<Result>({ kind: "done", summary });
      } catch (error) {
        if (error instanceof StalePreviewError) return data<Result>({ kind: "stale" }, { status: 409 });
        if (error instanceof LastAdminError) {
          const errors = error.rows.map((r) => t("staffImport.whereLine", { line: r.line }) + t("import.lastAdmin", { employeeNo: r.employeeNo }));
          return data<Result>({ kind: "blocked", errors }, { status: 400 });
        }
        throw error;
      }
    case INTENTS.discard:
      await discardStaffImport(admin.id, pendingId);
      return data<Result>({ kind: "discarded" });
    default:
      throw data(t("accounts.unknownIntent"), { status: 400 });
  }
}

function ChangeList({ changes }: { changes: FieldChange[] }) {
  const t = useT();
  const show = (field: string, v: string | null) => (v === null || v === "" ? t("staffImport.empty") : field === "role" ? t(`role.${v}` as MessageKey) : v);
  return (
    <ul className="m-0 list-none p-0">
      {changes.map((c) => (
        <li key={c.field} data-field={c.field}>
          {t("staffImport.change", { field: t(FIELD_LABEL[c.field]), from: show(c.field, c.from), to: show(c.field, c.to) })}
        </li>
      ))}
    </ul>
  );
}

export default function ImportStaff() {
  const t = useT();
  const { preview, gone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as Result | undefined;
  const busy = useNavigation().state === "submitting";
  const finished = result && (result.kind === "done" || result.kind === "discarded");
  const blocked = preview ? preview.plan.lastAdminRows.length > 0 : false;
  return (
    <>
      <PageTitle>{t("import.title")}</PageTitle>
      <p className="mb-4">
        <Link to="/admin/users" className="btn-link">
          ← {t("admin.users")}
        </Link>
      </p>

      {result?.kind === "errors" ? (
        <div className="alert-error" role="alert" data-testid="import-errors">
          <p className="font-semibold">{t("import.nothingImported", { n: result.errors.length })}</p>
          <ul className="mt-2 list-disc pl-6">
            {result.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          {result.encoding ? <p className="mt-2 text-sm">{t("import.encoding", { encoding: result.encoding })}</p> : null}
        </div>
      ) : null}
      {result?.kind === "blocked" ? (
        <div className="alert-error" role="alert" data-testid="import-errors">
          <ul className="list-disc pl-6">
            {result.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {result?.kind === "stale" ? (
        <p className="alert-error" role="alert" data-testid="import-stale">
          {t("staffImport.stale")}
        </p>
      ) : null}
      {result?.kind === "discarded" ? (
        <p className="alert-ok" role="status" data-testid="import-discarded">
          {t("staffImport.discarded")}
        </p>
      ) : null}
      {gone && !result ? (
        <p className="alert-error" role="alert" data-testid="import-gone">
          {t("staffImport.gone")}
        </p>
      ) : null}
      {result?.kind === "done" ? (
        <div className="alert-ok" role="status" data-testid="import-done">
          <p className="font-semibold">
            {t("import.done", { created: result.summary.created.length, updated: result.summary.updated, unchanged: result.summary.unchanged })}
          </p>
          {result.summary.created.length ? (
            <>
              <p className="mt-2">{t("import.newPasswords")}</p>
              <p className="text-sm">{t("staffImport.mustChangeNote")}</p>
              <div className="overflow-x-auto">
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
              </div>
            </>
          ) : null}
        </div>
      ) : null}

      {preview && !finished ? (
        <section className="card mb-6" aria-labelledby="preview-title" data-testid="import-preview">
          <h2 id="preview-title" className="mb-1 text-lg font-semibold">
            {t("staffImport.previewTitle")}
          </h2>
          <p className="text-sm text-slate-700">{t("staffImport.file", { fileName: preview.fileName, encoding: preview.encoding })}</p>
          <p className="my-2 font-semibold" data-testid="import-counts">
            {t("staffImport.counts", { new: preview.plan.counts.new, changed: preview.plan.counts.changed, unchanged: preview.plan.counts.unchanged })}
          </p>
          {blocked ? (
            <div className="alert-error" role="alert" data-testid="import-errors">
              <p className="font-semibold">{t("staffImport.blocked")}</p>
              <ul className="list-disc pl-6">
                {preview.plan.lastAdminRows.map((r) => (
                  <li key={r.line}>{t("staffImport.whereLine", { line: r.line }) + t("import.lastAdmin", { employeeNo: r.employeeNo })}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("staffImport.line")}</th>
                  <th scope="col">{t("admin.employeeNo")}</th>
                  <th scope="col">{t("admin.name")}</th>
                  <th scope="col">{t("staffImport.kind")}</th>
                  <th scope="col">{t("staffImport.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.plan.entries.map((e) => (
                  <tr key={e.line} data-employee-no={e.employeeNo} data-kind={e.kind}>
                    <td>{e.line}</td>
                    <td className="font-mono">{e.employeeNo}</td>
                    <td>{e.name}</td>
                    <td>{t(`staffImport.kind.${e.kind}`)}</td>
                    <td>{e.kind === "changed" ? <ChangeList changes={e.changes} /> : null}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-4 flex flex-wrap gap-2">
            {blocked ? null : (
              <Form method="post">
                <input type="hidden" name="pending" value={preview.pendingId} />
                <input type="hidden" name="fingerprint" value={preview.fingerprint} />
                <button type="submit" name="intent" value={INTENTS.confirm} className="btn" disabled={busy}>
                  {t("staffImport.confirm")}
                </button>
              </Form>
            )}
            <Form method="post">
              <input type="hidden" name="pending" value={preview.pendingId} />
              <button type="submit" name="intent" value={INTENTS.discard} className="btn-secondary" disabled={busy}>
                {t("staffImport.discard")}
              </button>
            </Form>
          </div>
        </section>
      ) : null}

      <p className="mb-4 text-slate-700">{t("staffImport.intro")}</p>
      <pre className="mb-4 overflow-x-auto rounded bg-slate-100 p-3 text-sm" aria-label="CSV" lang="zh-CN">
        工号,姓名,角色,班组{"\n"}A1001,张三,学员,2026年11月新员工班{"\n"}T2001,王老师,培训师,培训组
      </pre>
      <Form method="post" encType="multipart/form-data" action={PAGE} className="card">
        <div className="field">
          <label htmlFor="file">{t("import.file")}</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" className="input" required />
        </div>
        <button type="submit" className="btn" disabled={busy}>
          {t("staffImport.upload")}
        </button>
      </Form>
    </>
  );
}
