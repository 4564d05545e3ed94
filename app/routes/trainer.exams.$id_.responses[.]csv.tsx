/** Raw responses of an exam as csv (loader shared with the other format: app/responses-download.server.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { responsesDownload } from "~/responses-download.server";

export const loader = (args: LoaderFunctionArgs) => responsesDownload(args, "csv");
