/**
 * Autosave endpoint of the sitting page (JSON in, JSON out; no page). server.ts answers this URL itself
 * with the same handler (~/autosave.server `autosaveRequest`) in every mode; this route hands any request
 * that reaches the framework to that one handler, so the replies are the same (signed out: 401 JSON).
 *
 * The file is `attempts.$id_.save` (not `attempts.$id.save`) so the route does not nest in the sitting
 * page; the URL is /attempts/:id/save either way.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { autosaveRequest } from "~/autosave.server";
import { getT } from "~/i18n.server";

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST")
    return Response.json({ ok: false, code: "badRequest", message: (await getT(request))("exam.err.postOnly"), messageKey: "exam.err.postOnly" }, { status: 405 });
  const body = request.body as unknown as AsyncIterable<Uint8Array> | null;
  const r = await autosaveRequest(params.id ?? "", request.headers.get("Cookie"), body);
  return Response.json(r.body, { status: r.status, headers: { "Cache-Control": "no-store" } });
}
