/** A cohort's results as xlsx (loader shared with the other format: app/cohort-results-download.server.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortResultsDownload } from "~/cohort-results-download.server";

export const loader = (args: LoaderFunctionArgs) => cohortResultsDownload(args, "xlsx");
