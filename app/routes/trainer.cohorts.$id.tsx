/**
 * One cohort: members (paged and filtered on the server: ?q= name, 工号 or team, ?status=, ?page=;
 * remove; add by picking — ?pick= searches the learners — pasting 工号 or uploading a CSV), assignments (module or
 * exam with an optional due date: the end of the chosen day in Asia/Shanghai), trainers responsible
 * (admins add and remove them) and the cohort's name / archiving.
 * A cohort the user may not see is a 404, for reading and for posting alike.
 */
import { ContentText } from "~/components/content-text";
import {
  data,
  unstable_parseMultipartFormData as parseMultipartFormData,
  unstable_createMemoryUploadHandler as createMemoryUploadHandler,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";
import { requireRole } from "~/auth.server";
import { now } from "~/clock.server";
import {
  addCohortMembers,
  addCohortTrainer,
  assignableCatalogue,
  assignToCohort,
  cohortDetail,
  removeCohortMember,
  removeCohortTrainer,
  renameCohortFor,
  setCohortArchivedFor,
  unassignFromCohort,
  userByEmployeeNo,
  usersByEmployeeNos,
  usersWithIds,
  visibleCohort,
} from "~/cohorts.server";
import {
  assignmentSchema,
  cohortFieldsSchema,
  epochToDueDate,
  MAX_MEMBER_FILE_BYTES,
  parseMembersCsv,
  parsePastedEmployeeNos,
  resolveMembers,
  type MemberListResult,
} from "~/domain/cohort-members";
import { fieldErrors } from "~/domain/forms";
import { targetKey, targetOf, targetRef } from "~/domain/assignment-target";
import { MEMBER_FILTER_STATUSES, parseMembersQuery } from "~/domain/list-query";
import { getT } from "~/i18n.server";
import type { MessageKey, T } from "~/i18n";
import { useT, pageTitle } from "~/components/i18n";
import { PageTitle } from "~/components/layout";
import { ListCount, Pager } from "~/components/pager";
import { ScrollX } from "~/components/scroll-x";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [pageTitle(matches, data ? { text: data.cohort.name } : "cohorts.nav", "cohorts.title")];

const PICK_LIMIT = 50;

async function cohortOr404(user: Parameters<typeof visibleCohort>[0], id: string | undefined) {
  const cohort = await visibleCohort(user, id);
  if (!cohort) throw new Response("Not found", { status: 404 });
  return cohort;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const cohort = await cohortOr404(user, params.id);
  const url = new URL(request.url);
  const query = parseMembersQuery(url.searchParams);
  const q = [...query.pick].slice(0, 60).join("");
  const { modules, exams } = await assignableCatalogue();
  const detail = await cohortDetail(cohort.id, { q: q || undefined, limit: PICK_LIMIT }, query);
  const moduleTitle = new Map(modules.map((m) => [m.slug, m.title]));
  const examById = new Map(exams.map((e) => [e.id, e]));
  const assignments = detail.assignments.map((a) => {
    const target = targetOf(a);
    const exam = target.kind === "exam" ? examById.get(target.examId) : undefined;
    return {
      id: a.id,
      kind: a.kind,
      key: targetKey(target),
      ref: targetRef(target),
      dueDate: a.dueAt === null ? null : epochToDueDate(a.dueAt),
      title: target.kind === "module" ? (moduleTitle.get(target.moduleSlug) ?? null) : (exam?.title ?? null),
      examStatus: exam?.status ?? null,
    };
  });
  return {
    cohort: { id: cohort.id, name: cohort.name, description: cohort.description, archived: cohort.archivedAt !== null },
    members: detail.members,
    memberWindow: detail.memberWindow,
    memberCount: detail.memberCount,
    query,
    trainers: detail.trainers,
    assignments,
    choices: {
      modules: modules.map((m) => ({ value: `module:${m.slug}`, label: `${m.order}. ${m.title}` })),
      exams: exams.filter((e) => e.status !== "archived").map((e) => ({ value: `exam:${e.id}`, label: e.title, draft: e.status === "draft" })),
    },
    picker: { q, ...detail.picker },
    isAdmin: user.role === "admin",
    created: url.searchParams.has("created"),
  };
}

const INTENTS = {
  rename: "rename",
  archive: "archive",
  unarchive: "unarchive",
  addPicked: "addPicked",
  addPasted: "addPasted",
  addCsv: "addCsv",
  removeMember: "removeMember",
  assign: "assign",
  unassign: "unassign",
  addTrainer: "addTrainer",
  removeTrainer: "removeTrainer",
} as const;
type Intent = (typeof INTENTS)[keyof typeof INTENTS];

type ActionResult = {
  intent: string;
  ok: boolean;
  message?: string;
  /** Field → message, shown next to the field. */
  errors?: Record<string, string>;
  /** Every bad line of a pasted list or file (nothing was added). */
  lineErrors?: string[];
  encoding?: string | null;
  values?: Record<string, string>;
  /** Lets the page reset a form after a success. */
  at?: number;
};

const reply = (r: ActionResult, status = r.ok ? 200 : 400) => data<ActionResult>(r, { status });

/** Multipart (the CSV upload) or an ordinary form; null when an uploaded file is too large. */
async function readForm(request: Request): Promise<FormData | null> {
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) return request.formData();
  try {
    return await parseMultipartFormData(request, createMemoryUploadHandler({ maxPartSize: MAX_MEMBER_FILE_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return null;
    throw error;
  }
}

const translated = (t: T, errors: Record<string, string>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v as MessageKey)]));

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, "trainer");
  const cohort = await cohortOr404(user, params.id);
  const t = await getT(request);
  const form = await readForm(request);
  if (!form) return reply({ intent: INTENTS.addCsv, ok: false, errors: { file: t("cohort.add.tooLarge", { max: "2 MB" }) } }, 413);
  const intent = String(form.get("intent")) as Intent;
  const stamp = now();

  /** Adds a pasted or uploaded list, all or nothing. */
  const addList = async (list: MemberListResult) => {
    const resolved = resolveMembers(list.entries, await usersByEmployeeNos(list.entries.map((e) => e.employeeNo)));
    const problems = [...list.errors, ...resolved.errors].sort((a, b) => a.line - b.line);
    if (problems.length) return reply({ intent, ok: false, lineErrors: problems.map((e) => t(e.message)), encoding: list.encoding, values: { text: String(form.get("text") ?? "") } });
    return addUsers(resolved.userIds, list.encoding);
  };
  const addUsers = async (userIds: number[], encoding?: string | null) => {
    const added = await addCohortMembers(user.id, cohort.id, userIds, intent, stamp);
    return reply({ intent, ok: true, message: t("cohort.add.done", { added, already: userIds.length - added }), encoding, at: stamp });
  };
  const requireAdmin = () => {
    if (user.role !== "admin") throw new Response("Forbidden", { status: 403 });
  };

  switch (intent) {
    case INTENTS.rename: {
      const values = { name: String(form.get("name") ?? ""), description: String(form.get("description") ?? "") };
      const parsed = cohortFieldsSchema.safeParse(values);
      if (!parsed.success) return reply({ intent, ok: false, errors: translated(t, fieldErrors(parsed.error)), values });
      await renameCohortFor(user.id, cohort.id, parsed.data, stamp);
      return reply({ intent, ok: true, message: t("cohort.renamed") });
    }
    case INTENTS.archive:
    case INTENTS.unarchive: {
      await setCohortArchivedFor(user.id, cohort.id, intent === INTENTS.archive, stamp);
      return reply({ intent, ok: true, message: t(intent === INTENTS.archive ? "cohort.archivedDone" : "cohort.unarchivedDone") });
    }
    case INTENTS.addPicked: {
      const ids = [...new Set(form.getAll("userId").map(String).filter((s) => /^\d{1,9}$/.test(s)).map(Number))];
      if (ids.length === 0) return reply({ intent, ok: false, errors: { userId: t("cohort.add.pickNone") } });
      const found = await usersWithIds(ids);
      if (found.length !== ids.length || found.some((u) => u.role !== "learner"))
        return reply({ intent, ok: false, errors: { userId: t("cohort.add.pickInvalid") } });
      return addUsers(ids);
    }
    case INTENTS.addPasted:
      return addList(parsePastedEmployeeNos(String(form.get("text") ?? "")));
    case INTENTS.addCsv: {
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return reply({ intent, ok: false, errors: { file: t("cohort.add.noFile") } });
      return addList(parseMembersCsv(new Uint8Array(await file.arrayBuffer())));
    }
    case INTENTS.removeMember: {
      const userId = Number(form.get("userId"));
      const member = await removeCohortMember(user.id, cohort.id, userId, stamp);
      if (!member) return reply({ intent, ok: false, message: t("cohort.notMember") }, 404);
      return reply({ intent, ok: true, message: t("cohort.removed", { employeeNo: member.employeeNo }) });
    }
    case INTENTS.assign: {
      const { modules, exams } = await assignableCatalogue();
      const refs = { modules: new Set(modules.map((m) => m.slug)), exams: new Set(exams.filter((e) => e.status !== "archived").map((e) => e.id)) };
      const values = { item: String(form.get("item") ?? ""), dueDate: String(form.get("dueDate") ?? "") };
      const parsed = assignmentSchema(refs).safeParse(values);
      if (!parsed.success) return reply({ intent, ok: false, errors: translated(t, fieldErrors(parsed.error)), values });
      const { item, dueDate } = parsed.data;
      await assignToCohort(user.id, cohort.id, item, dueDate, stamp);
      const title = item.kind === "module" ? modules.find((m) => m.slug === item.moduleSlug)!.title : exams.find((e) => e.id === item.examId)!.title;
      return reply({ intent, ok: true, message: t("cohort.assign.done", { title }), at: stamp });
    }
    case INTENTS.unassign: {
      const assignmentId = Number(form.get("assignmentId"));
      const existing = await unassignFromCohort(user.id, cohort.id, assignmentId, stamp);
      if (!existing) return reply({ intent, ok: false, message: t("cohort.assign.notFound") }, 404);
      const { modules, exams } = await assignableCatalogue();
      const target = targetOf(existing);
      const title =
        (target.kind === "module" ? modules.find((m) => m.slug === target.moduleSlug)?.title : exams.find((e) => e.id === target.examId)?.title) ?? targetRef(target);
      return reply({ intent, ok: true, message: t("cohort.assign.removed", { title }) });
    }
    case INTENTS.addTrainer: {
      requireAdmin();
      const employeeNo = String(form.get("employeeNo") ?? "").trim();
      const values = { employeeNo };
      if (!employeeNo) return reply({ intent, ok: false, errors: { employeeNo: t("cohort.trainer.required") }, values });
      const target = await userByEmployeeNo(employeeNo);
      if (!target) return reply({ intent, ok: false, errors: { employeeNo: t("cohort.trainer.notFound", { employeeNo }) }, values });
      if (target.role !== "trainer") return reply({ intent, ok: false, errors: { employeeNo: t("cohort.trainer.notTrainer", { employeeNo }) }, values });
      const added = await addCohortTrainer(user.id, cohort.id, target.id, stamp);
      return reply({ intent, ok: true, message: t(added ? "cohort.trainer.added" : "cohort.trainer.already", { employeeNo: target.employeeNo }), at: stamp });
    }
    case INTENTS.removeTrainer: {
      requireAdmin();
      const userId = Number(form.get("userId"));
      const trainer = await removeCohortTrainer(user.id, cohort.id, userId, stamp);
      if (!trainer) return reply({ intent, ok: false, message: t("cohort.assign.notFound") }, 404);
      return reply({ intent, ok: true, message: t("cohort.trainer.removed", { employeeNo: trainer.employeeNo }) });
    }
    default:
      throw data(t("cohorts.error.unknownIntent"), { status: 400 });
  }
}

// ---------------------------------------------------------------------------------------------

function FieldError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="field-error">
      {message}
    </p>
  ) : null;
}

/** A result message shown next to the form it answers. */
function Feedback({ result, intents }: { result: ActionResult | undefined; intents: readonly string[] }) {
  const t = useT();
  if (!result?.message || !intents.includes(result.intent)) return null;
  return (
    <div className={result.ok ? "alert-ok" : "alert-error"} role={result.ok ? "status" : "alert"} data-testid="cohort-message">
      <p>{result.message}</p>
      {result.encoding ? <p className="text-sm">{t("cohort.add.encoding", { encoding: result.encoding })}</p> : null}
    </div>
  );
}

function LineErrors({ id, result, intent }: { id: string; result: ActionResult | undefined; intent: string }) {
  const t = useT();
  if (!result || result.intent !== intent || !result.lineErrors?.length) return null;
  return (
    <div id={id} className="alert-error" role="alert" data-testid="member-errors">
      <p className="font-semibold">{t("cohort.add.nothingAdded", { n: result.lineErrors.length })}</p>
      <ul className="mt-2 list-disc pl-6">
        {result.lineErrors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
      {result.encoding ? <p className="mt-2 text-sm">{t("cohort.add.encoding", { encoding: result.encoding })}</p> : null}
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card mb-6" aria-labelledby={id}>
      <h2 id={id} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function CohortPage() {
  const t = useT();
  const { cohort, members, memberWindow, memberCount, query, trainers, assignments, choices, picker, isAdmin, created } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const busy = useNavigation().state === "submitting";
  const errorsFor = (intent: string) => (result && result.intent === intent && !result.ok ? (result.errors ?? {}) : {});
  const valuesFor = (intent: string) => (result && result.intent === intent && !result.ok ? (result.values ?? {}) : {});
  /** A key that changes after a success, so the form starts empty again. */
  const resetKey = (intent: string) => (result?.ok && result.intent === intent ? `${intent}-${result.at}` : intent);

  const renameErrors = errorsFor(INTENTS.rename);
  const renameValues = valuesFor(INTENTS.rename);
  const pickErrors = errorsFor(INTENTS.addPicked);
  const pasteFailed = result?.intent === INTENTS.addPasted && !result.ok;
  const csvErrors = errorsFor(INTENTS.addCsv);
  const csvFailed = result?.intent === INTENTS.addCsv && !result.ok;
  const assignErrors = errorsFor(INTENTS.assign);
  const assignValues = valuesFor(INTENTS.assign);
  const trainerErrors = errorsFor(INTENTS.addTrainer);
  const trainerValues = valuesFor(INTENTS.addTrainer);

  return (
    <>
      <p className="mb-2">
        <Link to="/trainer/cohorts" className="btn-link">
          {t("cohort.back")}
        </Link>
      </p>
      <PageTitle>
        <span lang="zh-CN">{cohort.name}</span>
      </PageTitle>
      <p className="mb-4">
        <Link to={`/trainer/cohorts/${cohort.id}/results`} className="btn">
          {t("nav.cohortResults")}
        </Link>
      </p>
      {cohort.description ? (
        <p className="-mt-2 mb-4 text-slate-700" lang="zh-CN">
          {cohort.description}
        </p>
      ) : null}
      {created && !result ? (
        <div className="alert-ok" role="status">
          <ContentText t={t} k="cohorts.created" vars={{ name: cohort.name }} content={["name"]} />
        </div>
      ) : null}
      {cohort.archived ? (
        <p className="alert-error" data-testid="archived-note">
          {t("cohort.archivedNote")}
        </p>
      ) : null}

      <Section id="members-title" title={t("cohort.members", { n: memberCount })}>
        <Feedback result={result} intents={[INTENTS.removeMember]} />
        {memberCount === 0 ? (
          <p>{t("cohort.noMembers")}</p>
        ) : (
          <>
            <Form method="get" className="mb-3 flex flex-wrap items-end gap-x-3" role="search" aria-label={t("trainer2.members.filters")}>
              {query.pick ? <input type="hidden" name="pick" value={query.pick} /> : null}
              <div className="field min-w-0 grow">
                <label htmlFor="members-q">{t("trainer2.members.q")}</label>
                <input id="members-q" name="q" type="search" className="input" defaultValue={query.q} />
              </div>
              <div className="field min-w-0">
                <label htmlFor="members-status">{t("trainer2.members.status")}</label>
                <select id="members-status" name="status" className="input" defaultValue={query.status}>
                  <option value="">{t("trainer2.members.allStatuses")}</option>
                  {MEMBER_FILTER_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`trainer2.members.status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="flex items-center gap-2 pb-4">
                <button type="submit" className="btn-secondary">
                  {t("trainer2.list.search")}
                </button>
                {query.q || query.status ? (
                  <Link to={`/trainer/cohorts/${cohort.id}`} className="btn-link text-sm">
                    {t("trainer2.list.reset")}
                  </Link>
                ) : null}
              </div>
            </Form>
            <ListCount first={memberWindow.first} last={memberWindow.last} total={memberWindow.total} none={t("trainer2.members.none")} testId="members-count" />
            {members.length ? (
              <ScrollX title={t("cohort.members", { n: memberCount })}>
                <table className="data-table" data-testid="members">
                  <thead>
                    <tr>
                      <th scope="col">{t("cohort.col.employeeNo")}</th>
                      <th scope="col">{t("cohort.col.name")}</th>
                      <th scope="col">{t("cohort.col.team")}</th>
                      <th scope="col">{t("cohort.col.actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {members.map((m) => (
                      <tr key={m.userId} data-employee-no={m.employeeNo}>
                        <td className="break-all font-mono">{m.employeeNo}</td>
                        <td>
                          <span lang="zh-CN" id={`member-name-${m.userId}`}>
                            {m.name}
                          </span>
                          {m.disabledAt ? <span className="text-xs text-slate-600"> {t("cohort.disabledAccount")}</span> : null}
                        </td>
                        <td lang="zh-CN">{m.team}</td>
                        <td>
                          <Form
                            method="post"
                            onSubmit={(e) => {
                              if (!confirm(t("cohort.confirmRemove", { employeeNo: m.employeeNo }))) e.preventDefault();
                            }}
                          >
                            <input type="hidden" name="intent" value={INTENTS.removeMember} />
                            <input type="hidden" name="userId" value={m.userId} />
                            <button
                              type="submit"
                              className="btn-danger whitespace-nowrap"
                              id={`remove-member-${m.userId}`}
                              aria-labelledby={`remove-member-${m.userId} member-name-${m.userId}`}
                            >
                              {t("cohort.remove")}
                            </button>
                          </Form>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollX>
            ) : null}
            <Pager query={query} page={memberWindow.page} pages={memberWindow.pages} label={t("trainer2.members.pager")} testId="members-pager" />
          </>
        )}
      </Section>

      <Section id="add-title" title={t("cohort.add")}>
        <Feedback result={result} intents={[INTENTS.addPicked, INTENTS.addPasted, INTENTS.addCsv]} />

        <h3 className="mb-2 font-semibold" id="pick-title">
          {t("cohort.add.pick")}
        </h3>
        <Form method="get" className="mb-3 flex flex-wrap items-end gap-2" aria-labelledby="pick-title">
          {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
          {query.status ? <input type="hidden" name="status" value={query.status} /> : null}
          <div className="field mb-0 min-w-0 grow">
            <label htmlFor="pick-q">{t("cohort.add.search")}</label>
            <input id="pick-q" name="pick" type="search" className="input" defaultValue={picker.q} />
          </div>
          <button type="submit" className="btn-secondary">
            {t("cohort.add.searchSubmit")}
          </button>
        </Form>
        {picker.learners.length === 0 ? (
          <p className="mb-4 text-slate-700" data-testid="no-candidates">
            {t("cohort.add.noCandidates")}
          </p>
        ) : (
          <Form method="post" className="mb-6" key={resetKey(INTENTS.addPicked)}>
            <input type="hidden" name="intent" value={INTENTS.addPicked} />
            <fieldset aria-describedby={pickErrors.userId ? "pick-error" : undefined}>
              <legend className="mb-1 text-sm font-semibold">{t("cohort.add.pickLegend")}</legend>
              <ul className="mb-2 max-h-64 overflow-y-auto rounded border border-slate-200 bg-white p-2" data-testid="candidates">
                {picker.learners.map((l) => (
                  <li key={l.id}>
                    <label className="flex items-start gap-2 py-1">
                      <input type="checkbox" name="userId" value={l.id} className="mt-1 h-4 w-4" />
                      <span>
                        <span className="font-mono">{l.employeeNo}</span> <span lang="zh-CN">{l.name}</span>
                        {l.team ? (
                          <span className="text-sm text-slate-600">
                            {" · "}
                            <span lang="zh-CN">{l.team}</span>
                          </span>
                        ) : null}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              {picker.more ? <p className="mb-2 text-sm text-slate-600">{t("cohort.add.more", { n: picker.learners.length })}</p> : null}
            </fieldset>
            <FieldError id="pick-error" message={pickErrors.userId} />
            <button type="submit" className="btn mt-2" disabled={busy}>
              {t("cohort.add.pickSubmit")}
            </button>
          </Form>
        )}

        <h3 className="mb-2 font-semibold">{t("cohort.add.paste")}</h3>
        <Form method="post" className="mb-6" key={resetKey(INTENTS.addPasted)}>
          <input type="hidden" name="intent" value={INTENTS.addPasted} />
          <div className="field">
            <label htmlFor="paste-text">{t("cohort.add.pasteLabel")}</label>
            <textarea
              id="paste-text"
              name="text"
              rows={5}
              className="input font-mono"
              defaultValue={pasteFailed ? (result?.values?.text ?? "") : ""}
              aria-invalid={pasteFailed ? true : undefined}
              aria-describedby={pasteFailed ? "paste-hint paste-errors" : "paste-hint"}
            />
            <p id="paste-hint" className="text-xs text-slate-600">
              {t("cohort.add.pasteHint")}
            </p>
            <LineErrors id="paste-errors" result={result} intent={INTENTS.addPasted} />
          </div>
          <button type="submit" className="btn" disabled={busy}>
            {t("cohort.add.pasteSubmit")}
          </button>
        </Form>

        <h3 className="mb-2 font-semibold">{t("cohort.add.csv")}</h3>
        <Form method="post" encType="multipart/form-data" key={resetKey(INTENTS.addCsv)}>
          <input type="hidden" name="intent" value={INTENTS.addCsv} />
          <div className="field">
            <label htmlFor="members-file">{t("cohort.add.csvLabel")}</label>
            <input
              id="members-file"
              name="file"
              type="file"
              accept=".csv,text/csv"
              className="input"
              aria-invalid={csvFailed ? true : undefined}
              aria-describedby={csvFailed ? "csv-hint csv-error csv-errors" : "csv-hint"}
            />
            <p id="csv-hint" className="text-xs text-slate-600">
              {t("cohort.add.csvHint")}
            </p>
            <FieldError id="csv-error" message={csvErrors.file} />
            <LineErrors id="csv-errors" result={result} intent={INTENTS.addCsv} />
          </div>
          <button type="submit" className="btn" disabled={busy}>
            {t("cohort.add.csvSubmit")}
          </button>
        </Form>
      </Section>

      <Section id="assignments-title" title={t("cohort.assignments")}>
        <p className="mb-3 text-sm text-slate-700">{t("cohort.assignmentsHint")}</p>
        <Feedback result={result} intents={[INTENTS.assign, INTENTS.unassign]} />
        {assignments.length === 0 ? (
          <p className="mb-4">{t("cohort.noAssignments")}</p>
        ) : (
          <div className="mb-4 overflow-x-auto">
            <table className="data-table" data-testid="assignments">
              <thead>
                <tr>
                  <th scope="col">{t("cohort.col.kind")}</th>
                  <th scope="col">{t("cohort.col.item")}</th>
                  <th scope="col">{t("cohort.col.due")}</th>
                  <th scope="col">{t("cohort.col.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => {
                  return (
                    <tr key={a.id} data-assignment={a.key}>
                      <td className="whitespace-nowrap">{t(a.kind === "module" ? "cohort.kind.module" : "cohort.kind.exam")}</td>
                      <td>
                        <span id={`assignment-title-${a.id}`} lang={a.title ? "zh-CN" : undefined}>
                          {a.title ?? t("cohort.missingItem", { ref: a.ref })}
                        </span>
                        {a.examStatus === "draft" ? <span className="text-xs text-amber-800"> {t("cohort.examDraft")}</span> : null}
                        {a.examStatus === "archived" ? <span className="text-xs text-slate-600"> {t("cohort.examArchived")}</span> : null}
                      </td>
                      <td data-testid="due" className="whitespace-nowrap">
                        {a.dueDate ?? t("cohort.noDue")}
                      </td>
                      <td>
                        <Form method="post">
                          <input type="hidden" name="intent" value={INTENTS.unassign} />
                          <input type="hidden" name="assignmentId" value={a.id} />
                          <button
                            type="submit"
                            className="btn-danger whitespace-nowrap"
                            id={`unassign-${a.id}`}
                            aria-labelledby={`unassign-${a.id} assignment-title-${a.id}`}
                          >
                            {t("cohort.assign.remove")}
                          </button>
                        </Form>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-[2fr_1fr_auto]" key={resetKey(INTENTS.assign)}>
          <input type="hidden" name="intent" value={INTENTS.assign} />
          <div className="field min-w-0">
            <label htmlFor="assign-item">{t("cohort.assign.item")}</label>
            <select
              id="assign-item"
              name="item"
              className="input"
              defaultValue={assignValues.item ?? ""}
              aria-invalid={assignErrors.item ? true : undefined}
              aria-describedby={assignErrors.item ? "assign-item-error" : undefined}
            >
              <option value="">{t("cohort.assign.choose")}</option>
              <optgroup label={t("cohort.kind.module")}>
                {choices.modules.map((c) => (
                  <option key={c.value} value={c.value} lang="zh-CN">
                    {c.label}
                  </option>
                ))}
              </optgroup>
              {choices.exams.length ? (
                <optgroup label={t("cohort.kind.exam")}>
                  {choices.exams.map((c) => (
                    <option key={c.value} value={c.value} lang="zh-CN">
                      {c.label}
                      {c.draft ? ` ${t("cohort.examDraft")}` : ""}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </select>
            <FieldError id="assign-item-error" message={assignErrors.item} />
          </div>
          <div className="field min-w-0">
            <label htmlFor="assign-due">{t("cohort.assign.due")}</label>
            <input
              id="assign-due"
              name="dueDate"
              type="date"
              className="input"
              defaultValue={assignValues.dueDate ?? ""}
              aria-invalid={assignErrors.dueDate ? true : undefined}
              aria-describedby={assignErrors.dueDate ? "assign-due-error" : undefined}
            />
            <FieldError id="assign-due-error" message={assignErrors.dueDate} />
          </div>
          <div className="flex items-end pb-4">
            <button type="submit" className="btn" disabled={busy}>
              {t("cohort.assign.submit")}
            </button>
          </div>
        </Form>
      </Section>

      <Section id="trainers-title" title={t("cohort.trainers")}>
        <p className="mb-3 text-sm text-slate-700">{t("cohort.trainersHint")}</p>
        <Feedback result={result} intents={[INTENTS.addTrainer, INTENTS.removeTrainer]} />
        {trainers.length === 0 ? (
          <p className="mb-3">{t("cohort.trainer.none")}</p>
        ) : (
          <ul className="mb-4" data-testid="trainers">
            {trainers.map((tr) => (
              <li key={tr.userId} className="flex flex-wrap items-center gap-2 py-1">
                <span>
                  <span className="font-mono">{tr.employeeNo}</span> <span lang="zh-CN">{tr.name}</span>
                </span>
                {isAdmin ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value={INTENTS.removeTrainer} />
                    <input type="hidden" name="userId" value={tr.userId} />
                    <button type="submit" className="btn-danger" aria-label={t("cohort.trainer.removeLabel", { employeeNo: tr.employeeNo })}>
                      {t("cohort.trainer.remove")}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {isAdmin ? (
          <Form method="post" noValidate className="flex flex-wrap items-end gap-2" key={resetKey(INTENTS.addTrainer)}>
            <input type="hidden" name="intent" value={INTENTS.addTrainer} />
            <div className="field mb-0 min-w-0 grow">
              <label htmlFor="trainer-no">{t("cohort.trainer.employeeNo")}</label>
              <input
                id="trainer-no"
                name="employeeNo"
                className="input"
                defaultValue={trainerValues.employeeNo ?? ""}
                aria-invalid={trainerErrors.employeeNo ? true : undefined}
                aria-describedby={trainerErrors.employeeNo ? "trainer-no-error" : undefined}
              />
            </div>
            <button type="submit" className="btn" disabled={busy}>
              {t("cohort.trainer.submit")}
            </button>
            <div className="basis-full">
              <FieldError id="trainer-no-error" message={trainerErrors.employeeNo} />
            </div>
          </Form>
        ) : null}
      </Section>

      <Section id="settings-title" title={t("cohort.settings")}>
        <Feedback result={result} intents={[INTENTS.rename, INTENTS.archive, INTENTS.unarchive]} />
        <Form method="post" noValidate className="grid gap-x-4 sm:grid-cols-2">
          <input type="hidden" name="intent" value={INTENTS.rename} />
          <div className="field">
            <label htmlFor="rename-name">{t("cohorts.name")}</label>
            <input
              id="rename-name"
              name="name"
              className="input"
              maxLength={60}
              defaultValue={renameValues.name ?? cohort.name}
              aria-invalid={renameErrors.name ? true : undefined}
              aria-describedby={renameErrors.name ? "rename-name-error" : undefined}
            />
            <FieldError id="rename-name-error" message={renameErrors.name} />
          </div>
          <div className="field">
            <label htmlFor="rename-description">{t("cohorts.description")}</label>
            <input
              id="rename-description"
              name="description"
              className="input"
              maxLength={200}
              defaultValue={renameValues.description ?? cohort.description ?? ""}
              aria-invalid={renameErrors.description ? true : undefined}
              aria-describedby={renameErrors.description ? "rename-description-error" : undefined}
            />
            <FieldError id="rename-description-error" message={renameErrors.description} />
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="submit" className="btn" disabled={busy}>
              {t("cohort.save")}
            </button>
          </div>
        </Form>
        <Form
          method="post"
          className="mt-4"
          onSubmit={(e) => {
            if (!cohort.archived && !confirm(t("cohort.confirmArchive", { name: cohort.name }))) e.preventDefault();
          }}
        >
          <input type="hidden" name="intent" value={cohort.archived ? INTENTS.unarchive : INTENTS.archive} />
          <button type="submit" className={cohort.archived ? "btn-secondary" : "btn-danger"}>
            {cohort.archived ? t("cohort.unarchive") : t("cohort.archive")}
          </button>
        </Form>
      </Section>
    </>
  );
}
