import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import { examsWithAttempts } from "~/exam-admin.server";
import { windowRefusal } from "~/domain/exam";
import { formatDateTime } from "~/domain/time";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ExamStatusBadge } from "~/components/exam-admin/ui";

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, "examadmin.list.title")];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  const t = now();
  const exams = (await examsWithAttempts()).map(({ exam: e, attempts }) => {
    const refusal = windowRefusal(e, t);
    return {
      id: e.id,
      title: e.title,
      status: e.status,
      window: refusal === "notOpen" ? ("notOpen" as const) : refusal === "closed" ? ("closed" as const) : ("open" as const),
      opensAt: e.opensAt === null ? null : formatDateTime(e.opensAt),
      closesAt: e.closesAt === null ? null : formatDateTime(e.closesAt),
      questions: e.blueprint.reduce((s, r) => s + r.count, 0),
      maxScore: e.blueprint.reduce((s, r) => s + r.count * r.points, 0),
      timeLimitMinutes: e.timeLimitMinutes,
      passPercent: e.passPercent,
      audience: e.audience,
      certificate: e.certificateName,
      attempts: attempts.length,
      inProgress: attempts.filter((a) => a.status === "in_progress").length,
      passed: attempts.filter((a) => a.passed).length,
      learners: new Set(attempts.map((a) => a.userId)).size,
    };
  });
  return { exams };
}

export default function ExamList() {
  const t = useT();
  const { exams } = useLoaderData<typeof loader>();
  return (
    <>
      <PageTitle>{t("examadmin.list.title")}</PageTitle>
      <p className="mb-4 flex flex-wrap gap-2">
        <Link to="/trainer/exams/new" className="btn">
          {t("examadmin.list.new")}
        </Link>
        <Link to="/trainer/certificates" className="btn-secondary">
          {t("examadmin.list.certificates")}
        </Link>
      </p>
      {exams.length === 0 ? (
        <p>{t("examadmin.list.empty")}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="data-table" data-testid="exam-list">
            <caption className="sr-only">{t("examadmin.list.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("examadmin.list.name")}</th>
                <th scope="col">{t("examadmin.list.status")}</th>
                <th scope="col">{t("examadmin.list.window")}</th>
                <th scope="col">{t("examadmin.list.paper")}</th>
                <th scope="col">{t("examadmin.list.attempts")}</th>
                <th scope="col">{t("examadmin.list.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {exams.map((e) => (
                <tr key={e.id} data-exam-id={e.id}>
                  <td className="min-w-40">
                    <Link to={`/trainer/exams/${e.id}`} className="btn-link font-semibold">
                      {e.title}
                    </Link>
                    <div className="text-xs text-slate-600">
                      {e.audience === "everyone" ? t("examadmin.audience.everyoneShort") : t("examadmin.audience.cohortsShort")}
                      {e.certificate ? ` · ${t("examadmin.list.certificate", { name: e.certificate })}` : ""}
                    </div>
                  </td>
                  <td>
                    <ExamStatusBadge status={e.status} />
                    {e.status === "published" ? <div className="mt-1 text-xs text-slate-600">{t(`examadmin.window.${e.window}`)}</div> : null}
                  </td>
                  <td className="text-xs">
                    {e.opensAt || e.closesAt ? (
                      <>
                        <div>{t("examadmin.list.from", { at: e.opensAt ?? "—" })}</div>
                        <div>{t("examadmin.list.to", { at: e.closesAt ?? "—" })}</div>
                      </>
                    ) : (
                      t("examadmin.list.always")
                    )}
                  </td>
                  <td className="whitespace-nowrap text-xs">
                    <div>{t("examadmin.list.questions", { n: e.questions, max: e.maxScore })}</div>
                    <div>{t("examadmin.list.limits", { minutes: e.timeLimitMinutes, pass: e.passPercent })}</div>
                  </td>
                  <td className="whitespace-nowrap text-xs" data-testid="exam-attempts">
                    <div>{t("examadmin.list.attemptCounts", { n: e.attempts, learners: e.learners })}</div>
                    <div>{t("examadmin.list.passedCounts", { passed: e.passed, inProgress: e.inProgress })}</div>
                  </td>
                  <td>
                    <div className="flex flex-col gap-1 text-sm">
                      <Link to={`/trainer/exams/${e.id}`} className="btn-link" aria-label={`${t("examadmin.nav.edit")} ${e.title}`}>
                        {t("examadmin.nav.edit")}
                      </Link>
                      <Link to={`/trainer/exams/${e.id}/preview`} className="btn-link" aria-label={`${t("examadmin.nav.preview")} ${e.title}`}>
                        {t("examadmin.nav.preview")}
                      </Link>
                      <Link to={`/trainer/exams/${e.id}/attempts`} className="btn-link" aria-label={`${t("examadmin.nav.attempts")} ${e.title}`}>
                        {t("examadmin.nav.attempts")}
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
