/**
 * Live preview of the question form: POST the form's fields, get back the question rendered exactly
 * as the pages show it, sanitised ({ stem, explanation, options, … } — see QuestionDisplay).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireRole } from "~/auth.server";
import { readQuestionForm, renderPreview } from "~/domain/question-form";

const MAX_BODY = 512 * 1024;
const HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "trainer");
  throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "POST" } });
}

export async function action({ request }: ActionFunctionArgs) {
  await requireRole(request, "trainer");
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_BODY) throw new Response("Payload Too Large", { status: 413 });
  const values = readQuestionForm(await request.formData());
  return Response.json(renderPreview(values), { headers: HEADERS });
}
