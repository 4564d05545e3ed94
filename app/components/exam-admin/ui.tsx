/** Small presentational pieces shared by the trainer's exam and certificate pages. */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "../i18n";

export const examFieldId = (name: string) => `exam-${name.replace(/\./g, "-")}`;

const EXAM_STATUS_STYLE: Record<string, string> = {
  draft: "bg-amber-100 text-amber-900",
  published: "bg-teal-100 text-teal-900",
  archived: "bg-slate-200 text-slate-700",
};

export function ExamStatusBadge({ status }: { status: "draft" | "published" | "archived" }) {
  const t = useT();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${EXAM_STATUS_STYLE[status]}`} data-testid="exam-status">
      {t(`examadmin.status.${status}`)}
    </span>
  );
}

const CERT_STATE_STYLE: Record<string, string> = {
  valid: "bg-teal-100 text-teal-900",
  expiring: "bg-amber-100 text-amber-900",
  expired: "bg-slate-200 text-slate-800",
  revoked: "bg-red-100 text-red-800",
};

export function CertificateStateBadge({ state }: { state: "valid" | "expiring" | "expired" | "revoked" }) {
  const t = useT();
  return (
    <span className={`inline-block whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold ${CERT_STATE_STYLE[state]}`} data-testid="certificate-state">
      {t(`examadmin.cert.state.${state}`)}
    </span>
  );
}

/** The result of an action: a status (polite) or an alert. */
export function ActionMessage({ ok, children }: { ok: boolean; children: ReactNode }) {
  return (
    <div className={ok ? "alert-ok" : "alert-error"} role={ok ? "status" : "alert"} data-testid="action-message">
      {children}
    </div>
  );
}

/** Links between the pages of one exam. */
export function ExamNav({ examId, current }: { examId: number; current: "edit" | "preview" | "attempts" | "analysis" }) {
  const t = useT();
  const links = [
    ["edit", `/trainer/exams/${examId}`, t("examadmin.nav.edit")],
    ["preview", `/trainer/exams/${examId}/preview`, t("examadmin.nav.preview")],
    ["attempts", `/trainer/exams/${examId}/attempts`, t("examadmin.nav.attempts")],
    ["analysis", `/trainer/exams/${examId}/analysis`, t("nav.itemAnalysis")],
  ] as const;
  return (
    <nav aria-label={t("examadmin.nav.label")} className="mb-4 flex flex-wrap gap-x-4 gap-y-1 text-sm">
      <Link to="/trainer/exams" className="btn-link">
        ← {t("examadmin.nav.list")}
      </Link>
      {links.map(([key, href, label]) =>
        key === current ? (
          <span key={key} aria-current="page" className="font-semibold">
            {label}
          </span>
        ) : (
          <Link key={key} to={href} className="btn-link">
            {label}
          </Link>
        ),
      )}
    </nav>
  );
}
