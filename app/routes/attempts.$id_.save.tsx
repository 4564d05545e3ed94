/**
 * Autosave endpoint of the sitting page (JSON in, JSON out; no page). The protocol lives in
 * ~/autosave.server; in production server.ts answers this URL on a fast path with the same code, and
 * this route serves it in development and for any request the fast path passes on.
 *
 * The file is `attempts.$id_.save` (not `attempts.$id.save`) so the route does not nest in the sitting
 * page; the URL is /attempts/:id/save either way.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth.server";
import { handleAutosave } from "~/autosave.server";

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (request.method !== "POST") return Response.json({ ok: false, code: "badRequest", message: "只接受 POST" }, { status: 405 });
  const r = handleAutosave(user.id, params.id ?? "", await request.text());
  return Response.json(r.body, { status: r.status, headers: { "Cache-Control": "no-store" } });
}
